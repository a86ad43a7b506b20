"""``manage purge_dossiers``: removes the dossier entries of people who left their school
longer ago than its retention period for dossiers (``IncidentSettings.retention_years``,
incidents/dossier.py). Meant to run daily, beside ``purge_consent``."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from protocolwijzer.incidents.dossier import do_purge_dossiers, dossier_purge_counts
from protocolwijzer.purge_command import PurgeCommand


class Command(PurgeCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        return _("Removes the dossier entries of people who left the school longer ago "
                 "than their school's retention period for dossiers.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = self.today(options)
        now = timezone.make_aware(datetime.datetime.combine(today, datetime.time(12)))
        dry_run = options["dry_run"]
        counts = dossier_purge_counts(now) if dry_run else do_purge_dossiers(now)
        for count in counts:
            values = {"school": count.school.name, "entries": count.entries,
                      "people": count.people, "years": count.retention_years,
                      "date": count.left_before.isoformat()}
            if dry_run:
                line = _("%(school)s: would remove %(entries)s dossier entries of "
                         "%(people)s people who left before %(date)s (%(years)s "
                         "years).") % values
            else:
                line = _("%(school)s: removed %(entries)s dossier entries of %(people)s "
                         "people who left before %(date)s (%(years)s years).") % values
            self.stdout.write(line)
            if count.no_leaving_date:
                self.stdout.write(_("%(school)s: %(count)s people who no longer attend have "
                                    "dossier entries but no leaving date; they are kept "
                                    "until the date is filled in.") % {
                    "school": count.school.name, "count": count.no_leaving_date})
