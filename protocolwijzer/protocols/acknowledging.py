"""Asking people to read the protocol in force, and reminding those who have not (issue 16).

When a version comes into force (``lifecycle.do_put_in_force`` calls
``do_ask_to_acknowledge``), or when the school management presses "Vraag iedereen om te
lezen", every staff member, every pupil still at school and, where the school switched it
on (``AcknowledgementSettings.ask_parents``), every parent or guardian of such a pupil is
asked to read what the protocol means for them and to confirm it.

Who can be reached, and how:

- someone with an active account and an e-mail address gets a notice through the
  notifications app (``do_notify``: the task queue, and their choice of a mail each time
  or a weekly summary); it links to the reader's "voor mij" tab and its button;
- a parent without an account but with the e-mail address the student administration
  gave gets a fresh guardian link, made and mailed by a task (``tasks.py``), which opens
  the parent's summary (``protocols:guardian``). Like every new guardian link it replaces
  the earlier ones (consent/guardian.py);
- anyone else (a pupil without an account, a parent without an address) is not asked: the
  overview shows them as "not reached", so that the school can tell them in class or on
  paper.

Every message is recorded per person and version (``AcknowledgementRequest``), so the
overview says "gevraagd op …, herinnerd op …", and nobody gets more than one message a day
(``is_contacted_today``): a reminder that would reach nobody new says so instead.
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from protocolwijzer.audit.actions import do_record
from protocolwijzer.notifications.actions import do_notify
from protocolwijzer.protocols.models import (
    Acknowledgement,
    AcknowledgementRequest,
    AcknowledgementSettings,
    ProtocolVersion,
)
from protocolwijzer.schools.models import Group, Person, School
from protocolwijzer.schools.policy import STAFF_ROLES

logger = logging.getLogger("protocolwijzer.protocols")

# The notices' kinds (notifications.Notice.kind) and the audit log's codes.
ASKED = "protocol_asked_to_read"
REMINDED = "protocol_reminded_to_read"
NOTICE_KINDS = frozenset({ASKED, REMINDED})
AUDIT_ASKED = "protocol_reading_asked"
AUDIT_REMINDED = "protocol_reading_reminded"
AUDIT_SETTINGS = "acknowledgement_settings_changed"

R = Person.Role


class Audience(StrEnum):
    """Who a reminder is for; the values appear in the address (?voor=...)."""

    STAFF = "personeel"
    PUPILS = "leerlingen"
    PARENTS = "ouders"


AUDIENCE_LABELS = {
    Audience.STAFF: _("Staff only"),
    Audience.PUPILS: _("Pupils only"),
    Audience.PARENTS: _("Parents and guardians only"),
}


def parents_are_asked(school: School | int) -> bool:
    school_id = school if isinstance(school, int) else school.pk
    return AcknowledgementSettings.for_school(school_id).ask_parents


def audience_of(person: Person) -> Audience:
    if person.role == R.LEERLING:
        return Audience.PUPILS
    if person.role == R.OUDER:
        return Audience.PARENTS
    return Audience.STAFF


def people_to_ask(school: School, *, audience: Audience | None = None,
                  group: Group | None = None) -> QuerySet[Person]:
    """Everyone of ``school`` who is asked to read its protocol: staff, pupils still at
    school and, when the school switched it on, the parents and guardians of those pupils.
    ``group`` keeps the pupils of that group and their parents (staff belong to no group)."""
    current_pupils = Q(role=R.LEERLING, is_active=True)
    parents = Q(role=R.OUDER, children__role=R.LEERLING, children__is_active=True,
                children__school=school)
    if group is not None:
        current_pupils &= Q(group=group)
        parents &= Q(children__group=group)
    wanted = {Audience.STAFF: Q(role__in=STAFF_ROLES) if group is None else Q(pk__in=[]),
              Audience.PUPILS: current_pupils}
    if parents_are_asked(school):
        wanted[Audience.PARENTS] = parents
    condition = Q(pk__in=[])
    for key, q in wanted.items():
        if audience is None or audience == key:
            condition |= q
    ids = Person.objects.filter(condition, school=school).values("pk")
    return Person.objects.filter(pk__in=ids).select_related("user")


def is_reachable(person: Person) -> bool:
    """Whether a message can reach ``person``: an active account with an address, or for
    a parent the address the student administration gave (a guardian link)."""
    user = person.user
    if user is not None and user.is_active and user.email:
        return True
    return person.role == R.OUDER and bool(person.email)


def is_contacted_today(request: AcknowledgementRequest | None,
                       now: datetime.datetime) -> bool:
    """One message a day per person at most (a calendar day in the school's time zone)."""
    return (request is not None and timezone.localdate(request.last_contacted_at)
            == timezone.localdate(now))


@dataclass
class ReminderPlan:
    """Who a reminder would reach, and who it leaves out and why (for the confirmation)."""

    to_remind: list[Person] = field(default_factory=list)
    contacted_today: int = 0  # not acknowledged, but asked or reminded today already
    unreachable: int = 0  # not acknowledged, and no account or address to reach them

    @property
    def count(self) -> int:
        return len(self.to_remind)


def _not_acknowledged(people: QuerySet[Person], version: ProtocolVersion) -> QuerySet[Person]:
    return people.exclude(Exists(Acknowledgement.objects.filter(
        person=OuterRef("pk"), protocol_version=version)))


def _requests(people: list[Person],
              version: ProtocolVersion) -> dict[int, AcknowledgementRequest]:
    return {r.person_id: r for r in AcknowledgementRequest.objects.filter(
        person__in=people, protocol_version=version)}


def reminder_plan(school: School, version: ProtocolVersion, *,
                  audience: Audience | None = None, group: Group | None = None,
                  now: datetime.datetime | None = None) -> ReminderPlan:
    """Who has not acknowledged ``version`` (within ``audience`` and ``group``), split
    into those a reminder reaches now and those it cannot."""
    now = now or timezone.now()
    people = list(_not_acknowledged(people_to_ask(school, audience=audience, group=group),
                                    version).order_by("pk"))
    requests = _requests(people, version)
    plan = ReminderPlan()
    for person in people:
        if not is_reachable(person):
            plan.unreachable += 1
        elif is_contacted_today(requests.get(person.pk), now):
            plan.contacted_today += 1
        else:
            plan.to_remind.append(person)
    return plan


def _is_in_force(school: School, version: ProtocolVersion) -> bool:
    in_force = School.objects.filter(pk=school.pk).values_list("protocol_id", flat=True).first()
    return in_force == version.pk


def _send(school: School, version: ProtocolVersion, people: list[Person], kind: str) -> None:
    """One message per person: a notice for an account, a guardian link by mail for a
    parent without one (made by the task, so no secret waits in the queue)."""
    from protocolwijzer.protocols.tasks import send_protocol_link_to_guardian

    accounts = [p.user for p in people if p.user is not None and p.user.is_active
                and p.user.email]
    do_notify(accounts, kind, school, {"version": version.pk})
    for person in people:
        if person.user in accounts:
            continue
        transaction.on_commit(lambda pk=person.pk: send_protocol_link_to_guardian.enqueue(
            pk, version.pk, kind == REMINDED))


def _counts(people: list[Person]) -> dict[str, int]:
    counted = Counter(str(audience_of(p)) for p in people)
    return {str(a): counted.get(str(a), 0) for a in Audience}


def do_ask_to_acknowledge(school: School, version: ProtocolVersion, *,
                          by: AbstractBaseUser | AnonymousUser | None) -> int:
    """Asks everyone of ``school`` who has not read ``version`` yet, and was not asked
    about it before, to read it; returns how many were asked.

    ``version`` must be the school's version in force (``School.protocol``): the message
    links to the reader, which shows that version, and only that version can be
    confirmed. For another version nobody is asked (0; logged): a version that comes into
    force later is asked about on the day it does. Safe to repeat: whoever was asked about
    this version already is not asked again (a reminder is for that).
    """
    if not _is_in_force(school, version):
        logger.warning("Not asking to read protocol version %s: it is not in force at "
                       "school %s.", version.pk, school.pk)
        return 0
    now = timezone.now()
    with transaction.atomic():
        candidates = list(_not_acknowledged(people_to_ask(school), version).order_by("pk"))
        asked_before = _requests(candidates, version)
        people = [p for p in candidates if p.pk not in asked_before and is_reachable(p)]
        AcknowledgementRequest.objects.bulk_create(
            [AcknowledgementRequest(person=p, protocol_version=version, asked_at=now)
             for p in people])
        _send(school, version, people, ASKED)
        do_record(AUDIT_ASKED, actor=by, school=school, target=version,
                  detail={"protocol": version.protocol_id, "version": version.version,
                          "count": len(people), **_counts(people)})
    return len(people)


@dataclass(frozen=True)
class ReminderResult:
    sent: int
    contacted_today: int
    unreachable: int


def do_remind_to_acknowledge(school: School, version: ProtocolVersion, *,
                             by: AbstractBaseUser | AnonymousUser | None,
                             audience: Audience | None = None,
                             group: Group | None = None) -> ReminderResult:
    """Reminds everyone in ``audience`` and ``group`` who has not acknowledged ``version``
    (the version in force) and was not asked or reminded today. Someone who was never
    asked (they joined the school later) is asked now. Audited, also when it reached
    nobody (a refusal the management may want to see)."""
    if not _is_in_force(school, version):
        raise ValueError("Only the version in force can be reminded about.")
    now = timezone.now()
    with transaction.atomic():
        # Locked, so that two presses of the button at once do not both send.
        list(AcknowledgementRequest.objects.select_for_update()
             .filter(protocol_version=version, person__school=school).values_list("pk"))
        plan = reminder_plan(school, version, audience=audience, group=group, now=now)
        requests = _requests(plan.to_remind, version)
        reminded, first_asks = [], []
        for person in plan.to_remind:
            request = requests.get(person.pk)
            if request is None:
                first_asks.append(AcknowledgementRequest(
                    person=person, protocol_version=version, asked_at=now))
            else:
                request.reminded_at = now
                request.reminders += 1
                reminded.append(request)
        AcknowledgementRequest.objects.bulk_update(reminded, ["reminded_at", "reminders"])
        AcknowledgementRequest.objects.bulk_create(first_asks)
        first_ids = {r.person_id for r in first_asks}
        _send(school, version, [p for p in plan.to_remind if p.pk in first_ids], ASKED)
        _send(school, version, [p for p in plan.to_remind if p.pk not in first_ids],
              REMINDED)
        do_record(AUDIT_REMINDED, actor=by, school=school, target=version, detail={
            "protocol": version.protocol_id, "version": version.version,
            "count": plan.count, "contacted_today": plan.contacted_today,
            "audience": str(audience or ""), **({"group": group.pk} if group else {}),
            **_counts(plan.to_remind)})
    return ReminderResult(plan.count, plan.contacted_today, plan.unreachable)


def do_set_acknowledgement_settings(school: School, *, ask_parents: bool,
                                    by: AbstractBaseUser | AnonymousUser) -> None:
    """Switches asking parents on or off for ``school`` (audited when it changes).
    Switching it on asks nobody by itself: the overview's button or the next version in
    force does."""
    with transaction.atomic():
        settings, _created = AcknowledgementSettings.objects.select_for_update().get_or_create(
            school=school)
        if settings.ask_parents == ask_parents:
            return
        settings.ask_parents = ask_parents
        settings.save(update_fields=["ask_parents", "updated_at"])
        do_record(AUDIT_SETTINGS, actor=by, school=school, target=school,
                  detail={"ask_parents": ask_parents})
