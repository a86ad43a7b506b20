"""Retention: after a school's retention period (``ConsentSettings.retention_months``) for
a student who left, nothing about them stays behind (issue 10, point 13).

The AVG (art. 5(1)(e), storage limitation) asks a school not to keep personal data longer
than needed. While a leaver's photos may still be in use (a yearbook, the website's
archive), the school must be able to show the consent behind them; after the period:

- the student's decisions go, with what a paper form added to them (the form's date and
  who recorded it);
- the student's record is **deleted**, not pseudonymised: nothing needs the row once the
  decisions are gone (a check that named the student keeps no link: ``SET_NULL``), and a
  pseudonymised row would still tie a group, a guardian and dates together;
- each guardian of the student whose children are all gone (and who made no decision that
  stays) is deleted too, with their guardian links and invitations (``CASCADE``);
- the accounts of the deleted students and guardians are deleted (never an operator's or
  a beheerder's account);
- the student's paper forms go with their decisions, and the scans kept with them are
  deleted from private storage once the transaction commits (check photos are never
  stored). A future file belonging to a person must be removed here too.

A leaver whose dossier entries (issue 15), or whose parent's, are still within the
school's dossier term (``IncidentSettings.retention_years``, usually longer) is kept, with
everything above: an entry goes with its person, and the leerlingendossier must not go
before its own term. ``manage purge_dossiers`` removes the entries when that term ends;
the next run here then removes the leaver (``incidents.dossier_retention``).

Independently of leavers, every run removes pending imports older than a day (an upload
that was never confirmed holds every student's data; ``PENDING_IMPORT_HOURS`` already
hides them after an hour).

Audit events about the purged people (``audit_events_about``) are turned into content-free
"removed by retention" events by the audit app's reducer, in the same transaction.

This is the only code that removes decisions and people with decisions: ``Decision.delete()``
refuses, and ``Decision.student``/``decided_by``/``purpose`` are ``PROTECT``; a queryset
delete of the decisions first is the retention job's path.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from protocolwijzer.accounts.models import User
from protocolwijzer.audit.actions import do_record, do_reduce_events_for_retention
from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.consent.models import ConsentSettings, Decision, PaperForm
from protocolwijzer.schools.models import PendingImport, Person, School

DEFAULT_RETENTION_MONTHS = 12
PENDING_IMPORTS_KEPT_FOR = datetime.timedelta(days=1)


@dataclass(frozen=True)
class PurgeCount:
    school: School
    retention_months: int
    left_before: datetime.date
    students: int  # leavers whose records go
    decisions: int
    guardians: int  # guardians with no other child left
    no_leaving_date: int  # inactive students without a leaving date: kept, to be fixed
    kept_for_dossiers: int  # leavers kept until their (or a parent's) dossier entries go


@dataclass(frozen=True)
class PurgePlan:
    count: PurgeCount
    student_ids: list[int]
    guardian_ids: list[int]


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


def _guardians_left_without_children(student_ids: list[int]) -> list[int]:
    """Guardians of ``student_ids`` with no other child (at school, or a leaver still
    kept) and no decision about another child: they go with the students."""
    leaving = set(student_ids)
    guardians = (Person.objects.filter(role=Person.Role.OUDER, children__in=student_ids)
                 .distinct().prefetch_related("children"))
    alone = [g.pk for g in guardians if {c.pk for c in g.children.all()} <= leaving]
    still_deciding = set(Decision.objects.filter(decided_by_id__in=alone)
                         .exclude(student_id__in=student_ids)
                         .values_list("decided_by_id", flat=True))
    return [pk for pk in alone if pk not in still_deciding]


def _plans(today: datetime.date) -> list[PurgePlan]:
    # Imported here: the incidents app builds on this module (months_before).
    from protocolwijzer.incidents.dossier_retention import leavers_kept_for_dossiers

    months = dict(ConsentSettings.objects.values_list("school_id", "retention_months"))
    plans = []
    for school in School.objects.order_by("name"):
        retention = months.get(school.pk, DEFAULT_RETENTION_MONTHS)
        cutoff = months_before(today, retention)
        leavers = Person.objects.filter(school=school, role=Person.Role.LEERLING,
                                        is_active=False)
        student_ids = list(leavers.filter(left_on__lt=cutoff).values_list("pk", flat=True))
        kept = leavers_kept_for_dossiers(student_ids, today)
        student_ids = [pk for pk in student_ids if pk not in kept]
        guardian_ids = _guardians_left_without_children(student_ids) if student_ids else []
        plans.append(PurgePlan(PurgeCount(
            school=school, retention_months=retention, left_before=cutoff,
            students=len(student_ids),
            decisions=Decision.objects.filter(student_id__in=student_ids).count(),
            guardians=len(guardian_ids), kept_for_dossiers=len(kept),
            no_leaving_date=leavers.filter(left_on__isnull=True).count()),
            student_ids, guardian_ids))
    return plans


def purge_counts(today: datetime.date) -> list[PurgeCount]:
    """What a purge on ``today`` would remove, per school (nothing is changed)."""
    return [plan.count for plan in _plans(today)]


def audit_events_about(people_ids: Collection[int]) -> QuerySet[AuditEvent]:
    """The audit events about these people, to be reduced to content-free "removed by
    retention" events (``AuditEventQuerySet.about``). Call it before the people are
    deleted (their accounts are found through their records)."""
    return AuditEvent.objects.about(people_ids)


def _accounts_to_delete(people_ids: list[int]) -> QuerySet[User]:
    """The accounts of purged students and guardians; never an operator's or a
    beheerder's, which are kept for their other role."""
    return (User.objects.filter(person__pk__in=people_ids, is_staff=False,
                                is_superuser=False)
            .exclude(beheerder_of__isnull=False))


def _delete_paper_forms(student_ids: list[int]) -> None:
    """The students' paper forms, and their scans once the removal is committed (a file
    deleted before a rollback could not come back)."""
    forms = PaperForm.objects.filter(student_id__in=student_ids)
    scans = [(form.scan.storage, form.scan.name) for form in forms if form.scan]
    forms.delete()

    def delete_files() -> None:
        for storage, name in scans:
            storage.delete(name)

    transaction.on_commit(delete_files)


def do_remove_stale_pending_imports(now: datetime.datetime | None = None) -> int:
    """Removes uploads never confirmed or cancelled within a day; returns how many."""
    cutoff = (now or timezone.now()) - PENDING_IMPORTS_KEPT_FOR
    removed, _per_model = PendingImport.objects.filter(created_at__lt=cutoff).delete()
    return removed


def do_purge_left_students(today: datetime.date) -> list[PurgeCount]:
    """Removes everything about students who left before their school's retention period
    ended (see the module's docstring), one transaction per school, and records one
    audit event per school where something went (counts only: the log must not keep the
    names the purge removes). Also removes stale pending imports."""
    plans = _plans(today)
    for plan in plans:
        count = plan.count
        if not plan.student_ids:
            continue
        people_ids = [*plan.student_ids, *plan.guardian_ids]
        with transaction.atomic():
            # Before the people go: their accounts are found through them.
            do_reduce_events_for_retention(audit_events_about(people_ids))
            accounts = list(_accounts_to_delete(people_ids).values_list("pk", flat=True))
            # A queryset delete bypasses Decision.delete(), which refuses by design; the
            # decisions go first, as PROTECT keeps the people while any remain.
            Decision.objects.filter(student_id__in=plan.student_ids).delete()
            _delete_paper_forms(plan.student_ids)
            Person.objects.filter(pk__in=people_ids).delete()
            User.objects.filter(pk__in=accounts).delete()
            do_record("consent_purged", school=count.school, detail={
                "students": count.students, "decisions": count.decisions,
                "guardians": count.guardians, "accounts": len(accounts),
                "retention_months": count.retention_months,
                "left_before": count.left_before.isoformat()})
    do_remove_stale_pending_imports()
    return [plan.count for plan in plans]
