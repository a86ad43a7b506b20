"""``manage remind_incidents``: the daily job of the incidents (issue 15).

1. Tells the handler of each case whose triage term (the school's, in days) passed without
   triage, once per case.
2. Mentions once more each duty still open a week after triage added it, to the handler
   and the school's management.

Run it once a day, before ``send_notifications`` (deploy/protocolwijzer-daily.service):
the mails go through the task queue like every notification.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from protocolwijzer.incidents.notify import do_remind_open_duties, do_remind_overdue_triage


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _("Reminds handlers of reports not triaged in time and of duties still open. "
                 "Run it daily.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None,
                            help=_("Count overdue triage from this date (YYYY-MM-DD)."))

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["today"] or timezone.localdate()
        overdue = do_remind_overdue_triage(today)
        duties = do_remind_open_duties(timezone.now())
        self.stdout.write(_("%(overdue)s cases were not triaged in time; %(duties)s open "
                            "duties were mentioned again.") % {"overdue": overdue,
                                                               "duties": duties})
