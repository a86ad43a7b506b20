"""``manage send_notifications``: the daily job of the e-mail notifications (issue 14).

1. Tells communicatie about take-down tasks that passed their due date since the last
   run (once per task).
2. Sends the weekly summaries that are due (on Monday; later for anyone whose oldest
   waiting notice is a week old, when the job did not run on Monday).
3. Sends single notices still unsent an hour after they were made (a mail server or
   task worker that was down).
4. Removes notices sent more than 90 days ago.

Run it once a day, in the morning (cron or a systemd timer; docs/operations.md). Mail
goes through the task queue: with PW_REDIS_URL the worker sends it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from protocolwijzer.notifications.actions import do_enqueue_due_mail, do_remove_old_notices
from protocolwijzer.publications.actions import do_notify_overdue_takedowns


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _("Sends reminders about overdue take-down tasks, the weekly summaries and "
                 "notification mails that could not be sent before. Run it daily.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None,
                            help=_("Count overdue tasks from this date (YYYY-MM-DD)."))

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["today"] or timezone.localdate()
        overdue = do_notify_overdue_takedowns(today)
        digests, late = do_enqueue_due_mail()
        removed = do_remove_old_notices()
        self.stdout.write(_("%(overdue)s take-down tasks became overdue; %(digests)s weekly "
                            "summaries and %(late)s delayed mails sent; %(removed)s old "
                            "notices removed.") % {"overdue": overdue, "digests": digests,
                                                   "late": late, "removed": removed})
