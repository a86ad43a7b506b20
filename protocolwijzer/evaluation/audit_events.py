"""The evaluation's events in words (see audit/events.py): who downloaded which school
year's report, in which format. Counts only leave the school in it, but a download is an
export like any other."""

from django.utils.translation import gettext_lazy as _

from protocolwijzer.audit.events import EventKind, register

register(
    EventKind("evaluation_exported", "checks", _("yearly evaluation downloaded"),
              _("%(actor)s downloaded the yearly evaluation %(year)s (%(format)s)")),
)
