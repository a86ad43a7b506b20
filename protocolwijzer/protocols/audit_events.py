"""Asking to read the protocol and reminding, in words (see audit/events.py)."""

from django.utils.translation import gettext_lazy as _

from protocolwijzer.audit.events import EventKind, register

register(
    EventKind("protocol_reading_asked", "checks", _("asked to read the protocol"),
              _("%(actor)s asked %(count)s people to read the protocol in force"),
              types={"count": "text"}),
    EventKind("protocol_reading_reminded", "checks", _("reminded to read the protocol"),
              _("%(actor)s reminded %(count)s people to read the protocol in force"),
              types={"count": "text"}),
    EventKind("acknowledgement_settings_changed", "checks",
              _("asking parents to read the protocol changed"),
              _("%(actor)s stopped asking parents to read the protocol"),
              variants=(({"ask_parents": True},
                         _("%(actor)s chose to ask parents to read the protocol")),)),
)
