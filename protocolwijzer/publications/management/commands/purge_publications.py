"""``manage purge_publications``: removes from the publication log what its school's
retention period no longer covers: publications offline for longer, and finished
take-down tasks finished longer ago (see publications/retention.py). Meant to run daily,
beside ``purge_consent``."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from protocolwijzer.publications.retention import do_purge_publication_log, log_purge_counts
from protocolwijzer.purge_command import PurgeCommand


class Command(PurgeCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _("Removes publications that went offline, and finished take-down tasks, "
                 "longer ago than their school's retention period for the publication log.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = self.today(options)
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
