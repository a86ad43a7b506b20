"""The notification settings' events in words (see audit/events.py)."""

from django.utils.translation import gettext_lazy as _

from protocolwijzer.audit.events import EventKind, register

register(
    EventKind("mail_frequency_changed", "accounts", _("e-mail notifications changed"),
              _("%(actor)s chose an e-mail each time"),
              variants=(({"frequency": "weekly"}, _(
                  "%(actor)s chose one e-mail summary a week")),)),
)
