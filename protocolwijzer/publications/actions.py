"""Changes to the publication log and its take-down tasks; each is atomic and audited.

The loop this closes (issue 14): a publication is logged with the pupils on it; when a
decision takes a pupil's consent away for a purpose the publication needs, the
publication becomes a take-down task for communicatie, due within the school's term in
working days; communicatie marks it removed or replaced; a guardian sees that their
withdrawal made tasks, never what or where.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from protocolwijzer.audit.actions import do_record
from protocolwijzer.checks.models import CheckRecord
from protocolwijzer.consent.models import ConsentSettings, Decision, Purpose
from protocolwijzer.consent.register import (
    Status,
    add_working_days,
    purpose_code_for_channel,
    status_of,
    takedown_working_days,
)
from protocolwijzer.engine.vocabulary import KNOWN_CHANNELS
from protocolwijzer.notifications.actions import do_notify, takedown_recipients
from protocolwijzer.notifications.models import Notice
from protocolwijzer.publications.models import Publication, PublicationSettings, TakedownTask
from protocolwijzer.schools.models import Person, School

VIDEO_PURPOSE = "video"
_link_validator = URLValidator(schemes=["http", "https"])


def purposes_for(school: School | int, channel: str, kind: str) -> list[Purpose]:
    """What a publication on ``channel`` needs consent for at ``school``: the channel's
    purpose and, for a video, the video purpose too (a parent may say yes to photos on
    the website and no to videos). Purposes the school does not use are left out."""
    codes = [purpose_code_for_channel(channel or None)]
    if kind == Publication.Kind.VIDEO:
        codes.append(VIDEO_PURPOSE)
    school_id = school if isinstance(school, int) else school.pk
    return list(Purpose.objects.filter(school_id=school_id, code__in=codes, is_active=True)
                .order_by("order", "name"))


def may_appear_on(student: Person, purposes: Iterable[Purpose], day: datetime.date) -> bool:
    """Whether the register lets ``student`` be shown for every one of ``purposes``."""
    return all(status_of(student, purpose, day).may_appear for purpose in purposes)


def due_date(school: School | int, start: datetime.date) -> datetime.date:
    """When a take-down that starts on ``start`` is due: the school's term in working
    days, the one the guardian's page promises."""
    school_id = school if isinstance(school, int) else school.pk
    return add_working_days(start, takedown_working_days(school_id))


def _create_tasks(publications_by_student: Iterable[tuple[Publication, Person]], *,
                  reason: str, decision: Decision | None,
                  actor: AbstractBaseUser | None, school_id: int,
                  now: datetime.datetime) -> list[TakedownTask]:
    due = due_date(school_id, timezone.localdate(now))
    tasks = []
    for publication, student in publications_by_student:
        task = TakedownTask.objects.create(
            publication=publication, student=student, reason=reason, decision=decision,
            created_at=now, due_on=due)
        tasks.append(task)
        # The student as the event's object: the audit log names them where the reader
        # may see them, and the retention purge reduces the event with the student.
        do_record("takedown_task_created", actor=actor, school=school_id, target=student,
                  detail={"task": task.pk, "publication": publication.pk,
                          "reason": reason, "due": due.isoformat()})
    if tasks:
        do_notify(takedown_recipients(school_id), Notice.Kind.TAKEDOWN_TASKS_CREATED,
                  school_id, {"tasks": len(tasks), "due": due.isoformat()})
    return tasks


# --- the log -----------------------------------------------------------------------------

def _validate(*, school: School, channel: str, link: str, published_at: datetime.datetime,
              students: list[Person], description: str, now: datetime.datetime) -> None:
    errors: dict[str, str] = {}
    if not description.strip():
        errors["description"] = _("Say in a few words what you published.")
    if channel and channel not in KNOWN_CHANNELS:
        errors["channel"] = _("Choose where you published it.")
    if link:
        try:
            _link_validator(link)
        except ValidationError:
            errors["link"] = _("A link starts with https:// or http://.")
    if published_at > now + datetime.timedelta(minutes=5):
        errors["published_at"] = _("The date of publication cannot be in the future.")
    if any(s.role != Person.Role.LEERLING or s.school_id != school.pk for s in students):
        errors["students"] = _("Only students of this school can be on a publication in "
                               "its log.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def do_log_publication(*, school: School, by: AbstractBaseUser | None, channel: str,
                       link: str, published_at: datetime.datetime,
                       students: Iterable[Person], description: str,
                       check: CheckRecord | None = None,
                       kind: str = Publication.Kind.PHOTO) -> Publication:
    """Logs that something showing ``students`` was published on ``channel`` (a channel
    of the situation contract; "" is other social media), with its ``link`` when it has
    one, and the check that allowed it.

    This is the one way into the log: the page's "ik heb het gepubliceerd", and later the
    face tags of a checked photo (issue 13), which pass the tagged students. A student
    whom the register does not allow on it today gets a take-down task at once: the log
    records what is out there, and what should not be, comes down.
    """
    now = timezone.now()
    students = list(dict.fromkeys(students))  # once each, in the order given
    description = description.strip()
    _validate(school=school, channel=channel, link=link, published_at=published_at,
              students=students, description=description, now=now)
    if check is not None and check.school_id != school.pk:
        raise ValidationError({"check": _("This check was made for another school.")})
    if kind not in Publication.Kind.values:
        raise ValidationError({"kind": _("Choose photo or video.")})
    publication = Publication.objects.create(
        school=school, description=description, kind=kind, channel=channel, link=link,
        published_at=published_at, logged_by=by, logged_at=now, check_record=check)
    purposes = purposes_for(school, channel, kind)
    publication.purposes.set(purposes)
    publication.students.set(students)
    do_record("publication_logged", actor=by, school=school, target=publication, detail={
        "channel": channel or "social_media", "kind": kind, "students": len(students),
        **({"check": check.pk} if check is not None else {})})
    today = timezone.localdate(now)
    without_consent = [s for s in students if not may_appear_on(s, purposes, today)]
    _create_tasks(((publication, s) for s in without_consent),
                  reason=TakedownTask.Reason.NO_CONSENT, decision=None, actor=by,
                  school_id=school.pk, now=now)
    return publication


@transaction.atomic
def do_take_publication_offline(publication: Publication, *,
                                by: AbstractBaseUser) -> int:
    """Marks the whole publication as no longer online; its open tasks are done with it
    (nobody is shown any more). Returns how many tasks that closed."""
    if publication.offline_since is not None:
        return 0
    now = timezone.now()
    publication.offline_since = now
    publication.offline_by = by  # type: ignore[assignment]
    publication.save(update_fields=["offline_since", "offline_by"])
    open_tasks = list(publication.takedown_tasks.filter(status=TakedownTask.Status.OPEN)
                      .select_related("student"))
    for task in open_tasks:
        _finish(task, status=TakedownTask.Status.REMOVED, by=by, now=now)
    do_record("publication_taken_offline", actor=by, school=publication.school_id,
              target=publication, detail={"tasks": len(open_tasks)})
    return len(open_tasks)


# --- take-down tasks ---------------------------------------------------------------------

def do_take_down_after_decision(decision: Decision, after: Status) -> list[TakedownTask]:
    """Called by ``consent.actions.do_record_decision`` in its transaction, with the
    status the decision leads to.

    A refusal that leaves the pupil no longer allowed for the decision's purpose makes a
    task for every online publication of that purpose that shows them (unless one is
    open, or they were already taken off it). Consent given again, so that the pupil may
    be shown for every purpose of a publication, closes its open task as no longer
    needed. Returns the tasks made.
    """
    student = decision.student
    publications = Publication.objects.filter(
        school_id=student.school_id, purposes=decision.purpose, students=student,
        offline_since=None).distinct()
    now = decision.decided_at
    if decision.choice == Decision.Choice.GIVEN:
        if after.may_appear:
            _close_tasks_no_longer_needed(student, publications, now)
        return []
    if after.may_appear:
        return []  # under "the latest decision counts", a later yes of another guardian
    handled = set(TakedownTask.objects.filter(
        student=student, publication__in=publications,
        status__in=[TakedownTask.Status.OPEN, *TakedownTask.DONE])
        .values_list("publication_id", flat=True))
    reason = (TakedownTask.Reason.STUDENT_REFUSED if decision.decided_by_id == student.pk
              else TakedownTask.Reason.WITHDRAWN)
    # The term runs from when the school knew: the decision's time.
    return _create_tasks(((p, student) for p in publications if p.pk not in handled),
                         reason=reason, decision=decision, actor=decision.recorded_by,
                         school_id=student.school_id, now=now)


def _close_tasks_no_longer_needed(student: Person, publications: Iterable[Publication],
                                  now: datetime.datetime) -> None:
    day = timezone.localdate(now)
    tasks = (TakedownTask.objects.filter(student=student, publication__in=publications,
                                         status=TakedownTask.Status.OPEN)
             .select_related("publication"))
    for task in tasks:
        if may_appear_on(student, task.publication.purposes.all(), day):
            _finish(task, status=TakedownTask.Status.NOT_NEEDED, by=None, now=now)


def _finish(task: TakedownTask, *, status: str, by: AbstractBaseUser | None,
            now: datetime.datetime, replacement_link: str = "") -> None:
    task.status = status
    task.done_at = now
    task.done_by = by  # type: ignore[assignment]
    task.replacement_link = replacement_link
    task.save(update_fields=["status", "done_at", "done_by", "replacement_link"])
    detail: dict[str, object] = {"task": task.pk, "publication": task.publication_id,
                                 "done_as": status}
    if task.is_done:
        detail["in_time"] = bool(task.done_in_time)
    do_record("takedown_task_done" if task.is_done else "takedown_task_not_needed",
              actor=by, school=task.publication.school_id, target=task.student,
              detail=detail)


@transaction.atomic
def do_complete_takedown(task: TakedownTask, *, by: AbstractBaseUser, outcome: str,
                         replacement_link: str = "") -> TakedownTask:
    """Marks a task done: the pupil is removed from the publication, or it is replaced by
    a version where they cannot be recognised (``replacement_link``: where it is now)."""
    if not task.is_open:
        raise ValidationError(_("This task is already finished."))
    if outcome not in TakedownTask.DONE:
        raise ValidationError({"outcome": _("Choose removed or replaced.")})
    replacement_link = replacement_link.strip()
    if replacement_link:
        if outcome != TakedownTask.Status.REPLACED:
            raise ValidationError({"replacement_link": _(
                "A link to a new version belongs with 'replaced'.")})
        try:
            _link_validator(replacement_link)
        except ValidationError:
            raise ValidationError({"replacement_link": _(
                "A link starts with https:// or http://.")}) from None
    _finish(task, status=outcome, by=by, now=timezone.now(),
            replacement_link=replacement_link)
    return task


def do_notify_overdue_takedowns(today: datetime.date) -> int:
    """For the daily job: tells communicatie of each school about tasks that passed their
    due date since the last run (once per task; the mail gives how many are overdue in
    all). Returns how many tasks became overdue."""
    newly = (TakedownTask.objects.filter(status=TakedownTask.Status.OPEN, due_on__lt=today,
                                         overdue_notified_at=None)
             .select_related("publication"))
    per_school: dict[int, list[int]] = {}
    for task in newly:
        per_school.setdefault(task.publication.school_id, []).append(task.pk)
    now = timezone.now()
    for school_id, task_ids in sorted(per_school.items()):
        with transaction.atomic():
            TakedownTask.objects.filter(pk__in=task_ids).update(overdue_notified_at=now)
            overdue = TakedownTask.objects.filter(
                publication__school_id=school_id, status=TakedownTask.Status.OPEN,
                due_on__lt=today).count()
            do_notify(takedown_recipients(school_id), Notice.Kind.TAKEDOWN_TASKS_OVERDUE,
                      school_id, {"tasks": overdue})
            do_record("takedown_tasks_overdue", school=school_id,
                      detail={"tasks": len(task_ids)})
    return sum(len(ids) for ids in per_school.values())


# --- settings ----------------------------------------------------------------------------

@transaction.atomic
def do_set_takedown_terms(school: School, *, by: AbstractBaseUser, working_days: int,
                          retention_months: int) -> None:
    """Sets the school's term for take-downs (in the consent register's settings: the
    guardian's page promises it) and how long the publication log is kept."""
    consent, _created = ConsentSettings.objects.get_or_create(school=school)
    log, _created = PublicationSettings.objects.get_or_create(school=school)
    before = {"working_days": consent.takedown_working_days,
              "retention_months": log.retention_months}
    consent.takedown_working_days = working_days
    log.retention_months = retention_months
    consent.full_clean()
    log.full_clean()
    consent.save(update_fields=["takedown_working_days"])
    log.save(update_fields=["retention_months"])
    after = {"working_days": working_days, "retention_months": retention_months}
    if before != after:
        do_record("takedown_terms_changed", actor=by, school=school, detail={
            **after, **{f"from_{key}": value for key, value in before.items()}})


# --- what guardians and the MR see ---------------------------------------------------------

@dataclass(frozen=True)
class CausedTakedowns:
    """What a guardian (or a student of 16+) sees about the take-downs their refusal for
    one purpose started: how many, how many done, by when. Never what or where."""

    child: Person
    purpose: Purpose
    decided_on: datetime.date
    tasks: int
    done: int
    due_on: datetime.date

    @property
    def all_done(self) -> bool:
        return self.done == self.tasks


def takedowns_caused_by(person: Person) -> list[CausedTakedowns]:
    """Per refusal of ``person`` that made take-down tasks (newest first). Tasks closed as
    no longer needed (consent given again) are left out."""
    tasks = (TakedownTask.objects.filter(decision__decided_by=person)
             .exclude(status=TakedownTask.Status.NOT_NEEDED)
             .select_related("decision", "decision__purpose", "decision__student"))
    per_decision: dict[int, list[TakedownTask]] = {}
    for task in tasks:
        assert task.decision is not None
        per_decision.setdefault(task.decision.pk, []).append(task)
    result = []
    for decision_tasks in per_decision.values():
        decision = decision_tasks[0].decision
        assert decision is not None
        result.append(CausedTakedowns(
            child=decision.student, purpose=decision.purpose,
            decided_on=timezone.localdate(decision.decided_at),
            tasks=len(decision_tasks), done=sum(t.is_done for t in decision_tasks),
            due_on=max(t.due_on for t in decision_tasks)))
    return sorted(result, key=lambda c: c.decided_on, reverse=True)


@dataclass(frozen=True)
class TakedownFigures:
    """Counts for the MR: take-down tasks done in time, done late, open and overdue."""

    done_in_time: int
    done_late: int
    open: int
    overdue: int


def takedown_figures(school: School | int, *, since: datetime.date,
                     today: datetime.date,
                     until: datetime.date | None = None) -> TakedownFigures:
    """The figures of the tasks made since ``since`` (and before ``until``, when given:
    the MR looks at one school year); counts only, the MR's page hides small counts."""
    school_id = school if isinstance(school, int) else school.pk
    tasks = TakedownTask.objects.filter(publication__school_id=school_id,
                                        created_at__date__gte=since)
    if until is not None:
        tasks = tasks.filter(created_at__date__lt=until)
    tasks = list(tasks.exclude(status=TakedownTask.Status.NOT_NEEDED))
    return TakedownFigures(
        done_in_time=sum(t.done_in_time is True for t in tasks),
        done_late=sum(t.done_in_time is False for t in tasks),
        open=sum(t.is_open for t in tasks),
        overdue=sum(t.is_overdue(today) for t in tasks))
