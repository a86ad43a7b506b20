"""Retention of the publication log (issue 14), after the pattern of consent/retention.py.

The log exists so that the school can take down what shows a pupil once consent is
withdrawn: while a publication is online, it must know who is on it, however old the
publication is. Past that need, the log goes (AVG art. 5(1)(e), storage limitation):

- a publication marked **no longer online** leaves the log the school's
  ``PublicationSettings.retention_months`` after it went offline, with its list of
  pupils and its tasks;
- a **finished take-down task** (removed, replaced, no longer needed) leaves after the
  same period counted from when it was finished; a pupil who was removed from or blurred
  in the publication leaves its list of pupils with the task, so that a later decision
  does not make a task for something they are no longer on;
- a **pupil who left** is deleted by the consent register's purge (consent/retention.py)
  and takes their place on publications and their tasks with them (``CASCADE``).

Audit events about the removed publications and tasks (``audit_events_about_log``) are
turned into content-free "removed by retention" events in the same transaction; one
``publication_log_purged`` event per school keeps the counts. The log stores no files.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet

from protocolwijzer.audit.actions import do_record, do_reduce_events_for_retention
from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.consent.retention import months_before
from protocolwijzer.publications.models import (
    DEFAULT_LOG_RETENTION_MONTHS,
    Publication,
    PublicationSettings,
    TakedownTask,
)
from protocolwijzer.schools.models import School


@dataclass(frozen=True)
class LogPurgeCount:
    school: School
    retention_months: int
    before: datetime.date  # offline or finished before this day
    publications: int
    tasks: int  # finished tasks of publications that stay


@dataclass(frozen=True)
class LogPurgePlan:
    count: LogPurgeCount
    publication_ids: list[int]
    task_ids: list[int]


def _plans(today: datetime.date) -> list[LogPurgePlan]:
    months = dict(PublicationSettings.objects.values_list("school_id", "retention_months"))
    plans = []
    for school in School.objects.order_by("name"):
        retention = months.get(school.pk, DEFAULT_LOG_RETENTION_MONTHS)
        cutoff = months_before(today, retention)
        publication_ids = list(Publication.objects.filter(
            school=school, offline_since__date__lt=cutoff).values_list("pk", flat=True))
        task_ids = list(TakedownTask.objects.filter(
            publication__school=school, done_at__date__lt=cutoff)
            .exclude(status=TakedownTask.Status.OPEN)
            .exclude(publication_id__in=publication_ids).values_list("pk", flat=True))
        plans.append(LogPurgePlan(
            LogPurgeCount(school, retention, cutoff, len(publication_ids), len(task_ids)),
            publication_ids, task_ids))
    return plans


def log_purge_counts(today: datetime.date) -> list[LogPurgeCount]:
    """What a purge on ``today`` would remove, per school (nothing is changed)."""
    return [plan.count for plan in _plans(today)]


def audit_events_about_log(publication_ids: Collection[int],
                           task_ids: Collection[int]) -> QuerySet[AuditEvent]:
    """The audit events about these publications and tasks: their object, or their id in
    the detail. Events about a task name its pupil as their object; they are reduced with
    the task."""
    publications = [int(i) for i in publication_ids]
    tasks = [int(i) for i in task_ids]
    about = Q(pk__in=[])
    if publications:
        about |= Q(object_type=Publication._meta.label_lower,
                   object_id__in=[str(i) for i in publications])
        about |= Q(detail__publication__in=publications)
    if tasks:
        about |= Q(detail__task__in=tasks)
    return AuditEvent.objects.filter(about)


def do_purge_publication_log(today: datetime.date) -> list[LogPurgeCount]:
    """Removes what the log no longer needs (see the module's docstring), one transaction
    per school, with one audit event per school where something went (counts only)."""
    plans = _plans(today)
    for plan in plans:
        if not plan.publication_ids and not plan.task_ids:
            continue
        with transaction.atomic():
            # The tasks of removed publications go with them, so their events too.
            all_task_ids = [*plan.task_ids, *TakedownTask.objects.filter(
                publication_id__in=plan.publication_ids).values_list("pk", flat=True)]
            do_reduce_events_for_retention(
                audit_events_about_log(plan.publication_ids, all_task_ids))
            for task in TakedownTask.objects.filter(pk__in=plan.task_ids,
                                                    status__in=TakedownTask.DONE):
                task.publication.students.remove(task.student_id)
            TakedownTask.objects.filter(pk__in=plan.task_ids).delete()
            Publication.objects.filter(pk__in=plan.publication_ids).delete()
            count = plan.count
            do_record("publication_log_purged", school=count.school, detail={
                "publications": count.publications, "tasks": count.tasks,
                "retention_months": count.retention_months,
                "left_before": count.before.isoformat()})
    return [plan.count for plan in plans]
