"""``manage purge_media``: removes the checker's originals, blurred versions and items
past their school's retention (media/retention.py), and left-over files. Meant to run
every hour (cron or a systemd timer): originals go 24 hours after the check by default."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from protocolwijzer.media.retention import do_purge_media, purge_counts


class Command(BaseCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _("Removes the photos and videos of the checker that are past their "
                 "school's retention period: originals after the check, blurred versions "
                 "later, and files no item points at.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true",
                            help=_("Only show what would be removed."))
        parser.add_argument("--now", type=datetime.datetime.fromisoformat, default=None,
                            help=_("Count from this moment (YYYY-MM-DDTHH:MM) instead of "
                                   "now."))

    def handle(self, *args: Any, **options: Any) -> None:
        now = options["now"]
        if now is not None and timezone.is_naive(now):
            now = timezone.make_aware(now)
        counts = purge_counts(now) if options["dry_run"] else do_purge_media(now)
        for count in counts:
            values = {"school": count.school.name, "originals": count.originals,
                      "results": count.results, "items": count.items,
                      "hours": count.original_hours, "days": count.result_days}
            if options["dry_run"]:
                line = _("%(school)s: would remove %(originals)s originals (after %(hours)s "
                         "hours), %(results)s blurred versions (after %(days)s days) and "
                         "%(items)s items with no file left.") % values
            else:
                line = _("%(school)s: removed %(originals)s originals (after %(hours)s "
                         "hours), %(results)s blurred versions (after %(days)s days) and "
                         "%(items)s items with no file left.") % values
            self.stdout.write(line)
