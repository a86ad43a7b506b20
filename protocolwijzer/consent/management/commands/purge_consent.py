"""``manage purge_consent``: removes everything about students whose school's retention
period after leaving has passed (their decisions, records, guardians without other
children, accounts; see consent/retention.py) and pending imports older than a day.
Meant to run daily (cron or a systemd timer)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from protocolwijzer.consent.retention import do_purge_left_students, purge_counts
from protocolwijzer.purge_command import PurgeCommand


class Command(PurgeCommand):
    @property
    def help(self) -> str:  # type: ignore[override]
        # A property, not gettext_lazy: argparse needs a real str, in the active language.
        return _("Removes the decisions, records, guardians and accounts of students who "
                 "left longer ago than their school's retention period, and pending "
                 "imports older than a day.")

    def handle(self, *args: Any, **options: Any) -> None:
        today = self.today(options)
        dry_run = options["dry_run"]
        counts = purge_counts(today) if dry_run else do_purge_left_students(today)
        for count in counts:
            values = {"school": count.school.name, "decisions": count.decisions,
                      "students": count.students, "months": count.retention_months,
                      "guardians": count.guardians,
                      "date": count.left_before.isoformat()}
            if dry_run:
                line = _("%(school)s: would remove %(students)s students who left before "
                         "%(date)s (%(months)s months), their %(decisions)s decisions and "
                         "%(guardians)s parents without other children.") % values
            else:
                line = _("%(school)s: removed %(students)s students who left before "
                         "%(date)s (%(months)s months), their %(decisions)s decisions and "
                         "%(guardians)s parents without other children.") % values
            self.stdout.write(line)
            if count.kept_for_dossiers:
                self.stdout.write(_("%(school)s: %(count)s students who left are kept while "
                                    "their dossier entries, or a parent's, are within the "
                                    "dossier term; they go once purge_dossiers has removed "
                                    "those entries.") % {"school": count.school.name,
                                                         "count": count.kept_for_dossiers})
            if count.no_leaving_date:
                self.stderr.write(_("%(school)s: %(count)s students no longer at school "
                                    "have no leaving date; their data is kept until one is "
                                    "set.") % {"school": count.school.name,
                                               "count": count.no_leaving_date})
