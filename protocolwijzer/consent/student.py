"""The student's own consent page (issue 14): from 16 a student decides for themselves (AVG
art. 8 with UAVG art. 5), on a page of their own, signed in or with their own link.

- A student with an account opens it signed in ("Mijn toestemming"). A student without an
  account gets a printed letter with their own link from school management or
  communications, like a parent's letter: only the SHA-256 of the token is stored, a link
  works for 30 days, a new link revokes the earlier ones, and the token leaves the address
  on first use (it is exchanged for a session, as on the parent's page).
- Only the student acts through their link: someone signed in with another account is
  refused, and the refusal is recorded (a staff member records a paper form instead).
- Under 16 the page explains that the parents decide, and from which day the student
  will; it offers nothing to choose.
- The page shows the student's own choice and what the school does with it. Before the
  student answers, an earlier "no" of a parent keeps standing (register.py); the page says
  so, since it is about the student themselves.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from protocolwijzer.audit.actions import do_record
from protocolwijzer.consent.actions import do_record_decision
from protocolwijzer.consent.guardian import TOKEN_BYTES, GuardianLinkNotUsable
from protocolwijzer.consent.models import ConsentText, Decision, Purpose, StudentLink
from protocolwijzer.consent.register import (
    decides_self,
    disagreement_rule,
    sixteenth_birthday,
    status,
)
from protocolwijzer.schools.models import Person

# Where a student's session keeps the id of the link it was opened with.
SESSION_KEY = "pw_student_link"

# Worded for the student (je), apart from the parent's page (u).
SHOWN_TEXTS = {
    "own_yes": gettext_lazy("You said yes. The school may use photos of you."),
    "own_no": gettext_lazy("You said no. The school does not use photos of you."),
    "none_parent_no": gettext_lazy(
        "You have not said yes or no yet. Your parents said no before, so the school does "
        "not use photos of you until you choose."),
    "none_silence_yes": gettext_lazy(
        "You have not said yes or no yet. Without an answer the school may use photos of "
        "you."),
    "none_silence_no": gettext_lazy(
        "You have not said yes or no yet. Without an answer the school does not use photos "
        "of you."),
}


@dataclass(frozen=True)
class StudentChoice:
    purpose: Purpose
    own_choice: str  # the student's own latest choice, or ""
    shown: str  # a key of SHOWN_TEXTS

    @property
    def field(self) -> str:
        return f"p{self.purpose.pk}"

    @property
    def shown_text(self) -> str:
        return str(SHOWN_TEXTS[self.shown])


@dataclass(frozen=True)
class StudentPage:
    student: Person
    decides_self: bool
    sixteen_on: datetime.date | None  # the day the student starts to decide
    text: ConsentText | None
    purposes: list[StudentChoice]


def student_page(student: Person, day: datetime.date) -> StudentPage:
    purposes = list(Purpose.objects.filter(school_id=student.school_id, is_active=True)
                    .order_by("order", "name"))
    decisions = list(Decision.objects.filter(student=student).order_by("decided_at", "pk"))
    rule = disagreement_rule(student)
    rows = []
    for purpose in purposes:
        own = [d.choice for d in decisions
               if d.purpose_id == purpose.pk and d.decided_by_id == student.pk]
        own_choice = own[-1] if own else ""
        state = status(student, purpose, day, decisions, rule)
        if own_choice:
            shown = "own_yes" if own_choice == Decision.Choice.GIVEN else "own_no"
        elif state.state == Decision.Choice.REFUSED:
            shown = "none_parent_no"
        elif purpose.silence == Purpose.Silence.MEANS_YES:
            shown = "none_silence_yes"
        else:
            shown = "none_silence_no"
        rows.append(StudentChoice(purpose, own_choice, shown))
    text = ConsentText.objects.filter(school_id=student.school_id).first()
    return StudentPage(student, decides_self(student, day), sixteenth_birthday(student),
                       text, rows)


@transaction.atomic
def do_record_student_choices(student: Person, answers: Mapping[str, str], *,
                              user: AbstractBaseUser | None = None,
                              link: StudentLink | None = None) -> int:
    """Records the student's own decision for every purpose whose answer differs from
    their latest; returns how many. Refused under 16: the parents decide then."""
    now = timezone.now()
    page = student_page(student, timezone.localdate(now))
    if not page.decides_self:
        raise ValidationError(_("Until you are 16, your parents decide about photos."))
    recorded = 0
    for row in page.purposes:
        answer = answers.get(row.field, "")
        if answer in Decision.Choice.values and answer != row.own_choice:
            do_record_decision(student, row.purpose, answer, decided_by=student,
                               how=Decision.How.STUDENT, recorded_by=user, at=now)
            recorded += 1
    detail: dict[str, object] = {"decisions": recorded}
    if link is not None:
        link.last_used_at = now
        link.save(update_fields=["last_used_at"])
        detail["link"] = link.pk
    do_record("student_page_submitted", actor=user, school=student.school_id,
              target=student, detail=detail)
    return recorded


# --- the student's own link ------------------------------------------------------------

def may_have_a_link(student: Person, day: datetime.date) -> bool:
    """A link is for a student who decides: 16 or older (a younger one has nothing to
    choose; their parents get a letter)."""
    return student.role == Person.Role.LEERLING and student.is_active and decides_self(
        student, day)


def student_link_url(raw_token: str) -> str:
    # The configured address, never the request's Host header (see guardian.link_url).
    return settings.SITE_URL + reverse("consent:student_link", args=[raw_token])


@transaction.atomic
def do_make_student_letter(student: Person, by_user: AbstractBaseUser,
                           ) -> tuple[StudentLink, str]:
    """A fresh link for a printed letter to the student; earlier links stop working.
    Returns the link and the raw token, which is stored nowhere."""
    if not may_have_a_link(student, timezone.localdate()):
        raise ValidationError(_("Only a student of 16 or older gets a letter: younger "
                                "students' parents decide."))
    now = timezone.now()
    StudentLink.objects.filter(student=student, revoked_at=None).update(revoked_at=now)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = StudentLink.objects.create(
        student=student, token_hash=StudentLink.hash_token(token), created_by=by_user,
        created_at=now, expires_at=now + StudentLink.VALID_FOR)
    do_record("student_link_made", actor=by_user, school=student.school_id, target=student,
              detail={"link": link.pk})
    return link, token


def _usable(link: StudentLink | None) -> StudentLink:
    if (link is None or not link.is_usable(timezone.now())
            or link.student.role != Person.Role.LEERLING or not link.student.is_active):
        raise GuardianLinkNotUsable
    return link


def access_student_link(raw_token: str) -> StudentLink:
    return _usable(StudentLink.objects.select_related("student", "student__school")
                   .filter(token_hash=StudentLink.hash_token(raw_token)).first())


def access_student_session(link_id: object) -> StudentLink:
    if not isinstance(link_id, int):
        raise GuardianLinkNotUsable
    return _usable(StudentLink.objects.select_related("student", "student__school")
                   .filter(pk=link_id).first())


@transaction.atomic
def do_open_student_page(link: StudentLink) -> None:
    link.last_used_at = timezone.now()
    link.save(update_fields=["last_used_at"])
    do_record("student_link_used", school=link.student.school_id, target=link.student,
              detail={"link": link.pk})


def do_refuse_student_link(link: StudentLink, user: AbstractBaseUser) -> None:
    do_record("student_link_refused", actor=user, school=link.student.school_id,
              target=link.student, detail={"link": link.pk, "reason": "signed_in"})
