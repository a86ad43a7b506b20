"""Retention: the decisions of students who left are removed when the school's retention
period (``ConsentSettings.retention_months``) has passed.

The AVG (art. 5(1)(e), storage limitation) asks a school not to keep personal data longer
than needed. While a leaver's photos may still be in use (a yearbook, the website's
archive), the school must be able to show the consent behind them; after the period the
decisions go. This is the only code that removes decisions: ``Decision.delete()`` refuses
on purpose, a queryset delete is the retention job's path.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction

from protocolwijzer.audit.actions import do_record
from protocolwijzer.consent.models import ConsentSettings, Decision
from protocolwijzer.schools.models import Person, School

DEFAULT_RETENTION_MONTHS = 12


@dataclass(frozen=True)
class PurgeCount:
    school: School
    retention_months: int
    left_before: datetime.date
    students: int  # leavers whose decisions go
    decisions: int
    no_leaving_date: int  # inactive students without a leaving date: kept, to be fixed


def months_before(day: datetime.date, months: int) -> datetime.date:
    """``day`` minus ``months`` calendar months (31 March minus one month is 28 or 29
    February)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def purge_counts(today: datetime.date) -> list[PurgeCount]:
    """What a purge on ``today`` would remove, per school (nothing is changed)."""
    months = dict(ConsentSettings.objects.values_list("school_id", "retention_months"))
    counts = []
    for school in School.objects.order_by("name"):
        retention = months.get(school.pk, DEFAULT_RETENTION_MONTHS)
        cutoff = months_before(today, retention)
        leavers = Person.objects.filter(school=school, role=Person.Role.LEERLING,
                                        is_active=False)
        expired = leavers.filter(left_on__lt=cutoff)
        decisions = Decision.objects.filter(student__in=expired)
        counts.append(PurgeCount(
            school=school, retention_months=retention, left_before=cutoff,
            students=expired.filter(consent_decisions__isnull=False).distinct().count(),
            decisions=decisions.count(),
            no_leaving_date=leavers.filter(left_on__isnull=True).count()))
    return counts


def do_purge_left_students(today: datetime.date) -> list[PurgeCount]:
    """Removes the decisions of students who left before their school's retention period
    ended, and records one audit event per school where something went (counts only: the
    log must not keep the names the purge removes)."""
    counts = purge_counts(today)
    for count in counts:
        if not count.decisions:
            continue
        with transaction.atomic():
            # A queryset delete bypasses Decision.delete(), which refuses by design.
            Decision.objects.filter(
                student__school=count.school, student__role=Person.Role.LEERLING,
                student__is_active=False, student__left_on__lt=count.left_before).delete()
            do_record("consent_purged", school=count.school, detail={
                "students": count.students, "decisions": count.decisions,
                "retention_months": count.retention_months,
                "left_before": count.left_before.isoformat()})
    return counts
