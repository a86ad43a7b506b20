"""``manage purge_publications``: removes from the publication log what its school's
retention period no longer covers: publications offline for longer, and finished
take-down tasks finished longer ago (see publications/retention.py). Meant to run daily,
beside ``purge_consent``."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from protocolwijzer.publications.retention import do_purge_publication_log, log_purge_counts


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _("Removes publications that went offline, and finished take-down tasks, "
                 "longer ago than their school's retention period for the publication log.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true",
                            help=_("Only show what would be removed."))
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None,
                            help=_("Count from this date (YYYY-MM-DD) instead of today."))

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["today"] or timezone.localdate()
        dry_run = options["dry_run"]
        counts = log_purge_counts(today) if dry_run else do_purge_publication_log(today)
        for count in counts:
            values = {"school": count.school.name, "publications": count.publications,
                      "tasks": count.tasks, "months": count.retention_months,
                      "date": count.before.isoformat()}
            if dry_run:
                line = _("%(school)s: would remove %(publications)s publications offline "
                         "and %(tasks)s take-down tasks finished before %(date)s "
                         "(%(months)s months).") % values
            else:
                line = _("%(school)s: removed %(publications)s publications offline and "
                         "%(tasks)s take-down tasks finished before %(date)s "
                         "(%(months)s months).") % values
            self.stdout.write(line)
