"""Making notices, choosing how often to hear, and sending what is due.

Notices are made inside the transaction of the change they tell about, and sent after it
commits (``transaction.on_commit``): a change that is rolled back mails nobody, and one
save that records several decisions (a guardian's page, a paper form) gives each person
one mail, because the first send takes every notice of theirs still waiting.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from protocolwijzer.accounts.models import User
from protocolwijzer.audit.actions import do_record
from protocolwijzer.consent.models import Decision
from protocolwijzer.consent.register import Status
from protocolwijzer.notifications.models import MailPreference, Notice
from protocolwijzer.schools.models import Person, School

# Sent notices are kept this long (what was mailed when, for a question about it), then
# removed by the daily job; an unsent one (a mail server down for weeks) a while longer.
SENT_NOTICES_KEPT_FOR = datetime.timedelta(days=90)
UNSENT_NOTICES_KEPT_FOR = datetime.timedelta(days=180)
# A digest goes out on Monday, or for anyone whose oldest waiting notice is this old (a
# Monday on which the daily job did not run).
DIGEST_WEEKDAY = 0
DIGEST_AT_THE_LATEST = datetime.timedelta(days=7)


def frequency_of(user: AbstractBaseUser) -> str:
    preference = MailPreference.objects.filter(user_id=user.pk).first()
    return preference.frequency if preference else MailPreference.Frequency.EACH


@transaction.atomic
def do_set_mail_frequency(user: AbstractBaseUser, frequency: str) -> MailPreference:
    """Sets how often ``user`` hears about changes. Notices already waiting for a digest
    keep waiting (they go with the next one)."""
    if frequency not in MailPreference.Frequency.values:
        raise ValueError(f"Unknown frequency {frequency!r}.")
    preference, _created = MailPreference.objects.get_or_create(user_id=user.pk)
    if preference.frequency != frequency:
        preference.frequency = frequency
        preference.save(update_fields=["frequency", "updated_at"])
        do_record("mail_frequency_changed", actor=user, school=_school_of(user),
                  detail={"frequency": frequency})
    return preference


def _school_of(user: AbstractBaseUser) -> int | None:
    return Person.objects.filter(user_id=user.pk).values_list("school_id", flat=True).first()


def do_notify(recipients: Iterable[AbstractBaseUser], kind: str, school: School | int,
              data: dict[str, Any]) -> list[Notice]:
    """Makes one notice per recipient (an account can receive mail only when active and
    with an address), and sends those not kept for a digest once the transaction commits.
    """
    from protocolwijzer.notifications.tasks import send_notices

    school_id = school if isinstance(school, int) else school.pk
    users = {u.pk: u for u in recipients if u.is_active and getattr(u, "email", "")}
    weekly = set(MailPreference.objects.filter(
        user_id__in=users, frequency=MailPreference.Frequency.WEEKLY)
        .values_list("user_id", flat=True))
    notices = [Notice.objects.create(recipient_id=pk, school_id=school_id, kind=kind,
                                     data=data, in_digest=pk in weekly)
               for pk in sorted(users)]
    for notice in notices:
        if not notice.in_digest:
            user_id = notice.recipient_id
            transaction.on_commit(lambda user_id=user_id: send_notices.enqueue(user_id))
    return notices


def accounts_with_role(school_id: int, roles: Iterable[str]) -> list[User]:
    return list(User.objects.filter(person__school_id=school_id, person__role__in=list(roles),
                                    is_active=True).order_by("pk"))


def takedown_recipients(school_id: int) -> list[User]:
    """Who hears about take-down tasks: the school's communicatie; the school's
    management when it has nobody in communicatie with an account."""
    return (accounts_with_role(school_id, [Person.Role.COMMUNICATIE])
            or accounts_with_role(school_id, [Person.Role.SCHOOLLEIDING]))


def is_change_for_mentor(before: Status, after: Status) -> bool:
    """Whether a decision changed something a mentor relies on: an earlier answer was
    reversed (yes became no, or no became yes), or a pupil who could be on photos no
    longer can. A first answer that changes nothing in the class list (a first no where
    silence already meant no) or a first yes are not news. See docs/interpretations.md.
    """
    if before.may_appear and not after.may_appear:
        return True
    return before.state != "unknown" and before.may_appear != after.may_appear


def do_notify_mentors_of_decision(decision: Decision, before: Status, after: Status) -> None:
    """Tells the mentors of the pupil's group that a decision there changed (no name in
    the mail: it links to the group's list)."""
    student = decision.student
    if student.group_id is None or not is_change_for_mentor(before, after):
        return
    mentors = User.objects.filter(person__role=Person.Role.MENTOR,
                                  person__group_id=student.group_id,
                                  person__school_id=student.school_id, is_active=True)
    do_notify(mentors, Notice.Kind.DECISION_CHANGED, student.school_id,
              {"group": student.group_id, "purpose": decision.purpose_id,
               "may_appear": after.may_appear})


def due_digests(now: datetime.datetime) -> list[int]:
    """The accounts whose weekly digest is due: on Monday everyone with waiting notices;
    on another day those whose oldest waiting notice is a week old."""
    waiting = (Notice.objects.filter(in_digest=True, sent_at=None)
               .values("recipient_id").annotate(oldest=Min("created_at")))
    monday = timezone.localdate(now).weekday() == DIGEST_WEEKDAY
    return sorted(row["recipient_id"] for row in waiting
                  if monday or now - row["oldest"] >= DIGEST_AT_THE_LATEST)


def do_enqueue_due_mail(now: datetime.datetime | None = None) -> tuple[int, int]:
    """For the daily job: enqueues the due digests, and single notices still unsent an
    hour after they were made (a failed mail, a worker that was down). Returns (digests,
    accounts with late single notices)."""
    from protocolwijzer.notifications.tasks import send_digest, send_notices

    now = now or timezone.now()
    digests = due_digests(now)
    for user_id in digests:
        send_digest.enqueue(user_id)
    late = sorted(set(Notice.objects.filter(
        in_digest=False, sent_at=None, created_at__lt=now - datetime.timedelta(hours=1))
        .values_list("recipient_id", flat=True)))
    for user_id in late:
        send_notices.enqueue(user_id)
    return len(digests), len(late)


def do_remove_old_notices(now: datetime.datetime | None = None) -> int:
    now = now or timezone.now()
    removed, _per_model = Notice.objects.filter(
        sent_at__lt=now - SENT_NOTICES_KEPT_FOR).delete()
    unsent, _per_model = Notice.objects.filter(
        sent_at=None, created_at__lt=now - UNSENT_NOTICES_KEPT_FOR).delete()
    return removed + unsent
