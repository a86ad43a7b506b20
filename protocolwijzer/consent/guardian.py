"""The guardian's page (issue 5): personal links, the choices made with them, reminders and
the response rate per group.

A guardian needs no account: the link in a mail or on a printed letter is the key, and it
opens only the page of that guardian's own children. Like an invitation, only the token's
SHA-256 is stored; a link works for 30 days, and a new link revokes the earlier ones.

The token leaves the address on first use (issue 10, point 7): opening the link puts the
link's id in the browser's session and redirects to a token-less address, as Django's
password-reset confirm view does, so the page that stays open, its form and every later
request carry no secret into access logs or the browser's history. The session works
only while the link does (a revoked or expired link ends it).

Only the guardian acts through their link (issue 10, point 2). Any signed-in user other
than the guardian's own account is refused and the refusal is audited: a staff member who
opens a parent's link (from a printed letter, or a parent's phone) must not record a
choice as the parent's own. A staff member records a paper form instead, as themselves,
on behalf of the guardian (``paper.py``). A guardian signed in with their own account may
use their own link; someone signed in with another account is refused too, because the
choice would be recorded for a person they are not (on a shared computer: sign out first).
"""

from __future__ import annotations

import datetime
import secrets
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from protocolwijzer.audit.actions import do_record
from protocolwijzer.consent.actions import do_record_decision
from protocolwijzer.consent.models import (
    ConsentSettings,
    ConsentText,
    Decision,
    GuardianLink,
    Purpose,
)
from protocolwijzer.consent.register import (
    Status,
    decides_self,
    school_year_start,
    status,
)
from protocolwijzer.schools.access import access_group, access_person, require_membership
from protocolwijzer.schools.models import Group, Person, School
from protocolwijzer.schools.policy import Membership, Right, membership_for

# 32 random bytes, as for invitations: strong enough, short enough for a QR code.
TOKEN_BYTES = 32
# Where the guardian's session keeps the id of the link it was opened with.
SESSION_KEY = "pw_guardian_link"

User = AbstractBaseUser | AnonymousUser


class GuardianLinkNotUsable(Http404):
    """Unknown, expired or revoked: deliberately one error, so a link reveals nothing."""


# --- links -------------------------------------------------------------------------------

def link_url(raw_token: str) -> str:
    # The configured address, never the request's Host header: a forged Host must not
    # make a mail or letter point elsewhere.
    return settings.SITE_URL + reverse("consent:guardian_link", args=[raw_token])


@transaction.atomic
def do_make_guardian_link(guardian: Person, by_user: AbstractBaseUser | None,
                          ) -> tuple[GuardianLink, str]:
    """A new link for ``guardian``; earlier links of theirs stop working. Returns the link
    and the raw token, which is stored nowhere: this is the only moment it exists."""
    if guardian.role != Person.Role.OUDER:
        raise ValueError("Only a parent or guardian gets a guardian link.")
    now = timezone.now()
    GuardianLink.objects.filter(guardian=guardian, revoked_at=None).update(revoked_at=now)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = GuardianLink.objects.create(
        guardian=guardian, token_hash=GuardianLink.hash_token(token), created_by=by_user,
        created_at=now, expires_at=now + GuardianLink.VALID_FOR)
    do_record("guardian_link_made", actor=by_user, school=guardian.school_id,
              target=guardian, detail={"link": link.pk})
    return link, token


@transaction.atomic
def do_revoke_guardian_link(link: GuardianLink, by_user: AbstractBaseUser | None) -> None:
    if link.revoked_at is not None:
        return
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])
    do_record("guardian_link_revoked", actor=by_user, school=link.guardian.school_id,
              target=link.guardian, detail={"link": link.pk})


def _usable(link: GuardianLink | None) -> GuardianLink:
    if (link is None or not link.is_usable(timezone.now())
            or link.guardian.role != Person.Role.OUDER):
        raise GuardianLinkNotUsable
    return link


def access_guardian_link(raw_token: str) -> GuardianLink:
    """The usable link behind ``raw_token``; ``GuardianLinkNotUsable`` otherwise."""
    return _usable(GuardianLink.objects.select_related("guardian", "guardian__school")
                   .filter(token_hash=GuardianLink.hash_token(raw_token)).first())


def access_guardian_session(link_id: object) -> GuardianLink:
    """The usable link a guardian's session was opened with (its id, from the session);
    ``GuardianLinkNotUsable`` when there is none or it stopped working."""
    if not isinstance(link_id, int):
        raise GuardianLinkNotUsable
    return _usable(GuardianLink.objects.select_related("guardian", "guardian__school")
                   .filter(pk=link_id).first())


def school_of_unusable_link(raw_token: str | None = None,
                            link_id: object = None) -> School | None:
    """The school a link that no longer works (expired, revoked, replaced) was made for,
    so that the page can say how to reach it (issue 14); None for a token that was never
    issued. Whoever holds such a link had the letter or mail, which names the school."""
    links = GuardianLink.objects.select_related("guardian__school")
    if raw_token is not None:
        link = links.filter(token_hash=GuardianLink.hash_token(raw_token)).first()
    elif isinstance(link_id, int):
        link = links.filter(pk=link_id).first()
    else:
        link = None
    return link.guardian.school if link is not None else None


def is_someone_else(user: User, link: GuardianLink) -> bool:
    """Whether ``user`` is signed in as anyone but the link's own guardian: such a user
    never acts through the link (see the module's docstring)."""
    return user.is_authenticated and link.guardian.user_id != user.pk


def is_signed_in_as_staff(user: User) -> bool:
    """For the wording of the refusal only: staff, a beheerder or an operator's account."""
    membership = membership_for(user)
    return membership is None or membership.engine_role == "staff"


def do_refuse_guardian_link(link: GuardianLink, user: AbstractBaseUser) -> None:
    """Records that a signed-in user (not the guardian) opened a guardian's link."""
    membership = membership_for(user)
    do_record("guardian_link_refused", actor=user, school=link.guardian.school_id,
              target=link.guardian, detail={
                  "link": link.pk, "reason": "signed_in",
                  "role": membership.role if membership else ""})


# --- the guardian's page -----------------------------------------------------------------

@dataclass(frozen=True)
class PurposeChoice:
    """One purpose on a guardian's page. It holds the guardian's own choice and what the
    school does, never the combined state or the other guardian's choice (issue 10,
    point 12)."""

    purpose: Purpose
    shown: str  # a key of SHOWN_TEXTS
    own_choice: str  # this guardian's latest choice, or "" when they have not chosen
    field: str  # the form field's name

    @property
    def shown_text(self) -> str:
        return str(SHOWN_TEXTS[self.shown])


# What a guardian's page (and their data download) says for a purpose, from their own
# choice and whether the school may use photos. "Not everyone": someone who decides did
# not say yes; it never says who.
SHOWN_TEXTS = {
    "own_yes": gettext_lazy("You chose yes. The school may use the photos."),
    "own_yes_not_everyone": gettext_lazy(
        "You chose yes. Not everyone who decides about this has said yes. The school then "
        "does not use the photos."),
    "own_no": gettext_lazy("You chose no. The school does not use the photos."),
    "own_no_later_yes": gettext_lazy(
        "You chose no. At this school the latest choice counts, and the latest choice is "
        "yes. Please contact the school if you do not agree."),
    # A guardian without a choice of their own reads what the school's rule for silence
    # means, or that the school cannot publish: never a text that tells the other
    # guardian's yes from their no or from nobody's answer. Worded like the other lines
    # (B1): their own choice first, then what the school does.
    "none_silence_yes": gettext_lazy(
        "You have not chosen yet. Without an answer, the school may use photos."),
    "none_not_yet": gettext_lazy(
        "You have not chosen yet. The school does not use the photos until everyone who "
        "decides about this has said yes."),
    "none_not_everyone": gettext_lazy(
        "You have not chosen yet. Not everyone who decides about this has said yes. The "
        "school then does not use the photos."),
}


def shown_to_guardian(own_choice: str, state: Status, purpose: Purpose) -> str:
    if own_choice == Decision.Choice.GIVEN:
        return "own_yes" if state.may_appear else "own_yes_not_everyone"
    if own_choice == Decision.Choice.REFUSED:
        # Under the "latest decision counts" rule a later yes of someone else can count.
        return "own_no_later_yes" if state.may_appear else "own_no"
    if purpose.silence == Purpose.Silence.MEANS_YES:
        # Silence is yes: only someone's no stops the school, which may show as such.
        return "none_silence_yes" if state.may_appear else "none_not_everyone"
    # Silence is no: this guardian's own silence already means the school waits, whatever
    # the others chose; one text for all three cases, so none of them shows.
    return "none_not_yet"


@dataclass(frozen=True)
class ChildChoices:
    child: Person
    decides_self: bool  # 16 or older: the child decides, not the guardian
    purposes: list[PurposeChoice]


@dataclass(frozen=True)
class GuardianPage:
    guardian: Person
    text: ConsentText | None
    children: list[ChildChoices]

    @property
    def has_choices(self) -> bool:
        """Whether anything is left for the guardian to choose: not when every child is
        16 or older and decides on their own (issue 14: no save button then)."""
        return any(not child.decides_self for child in self.children)


def field_name(child: Person, purpose: Purpose) -> str:
    return f"c{child.pk}-p{purpose.pk}"


def guardian_page(guardian: Person, day: datetime.date) -> GuardianPage:
    """What the guardian's page shows: the school's latest consent text and, for each of
    the guardian's own children (and nobody else), every active purpose."""
    children = list(guardian.children.filter(role=Person.Role.LEERLING, is_active=True)
                    .order_by("first_name", "last_name"))
    school_ids = {c.school_id for c in children}
    purposes = list(Purpose.objects.filter(school_id__in=school_ids, is_active=True)
                    .order_by("order", "name"))
    rules = {cs.school_id: cs.disagreement
             for cs in ConsentSettings.objects.filter(school_id__in=school_ids)}
    decisions: dict[int, list[Decision]] = defaultdict(list)
    for decision in Decision.objects.filter(student__in=children).order_by("decided_at",
                                                                            "pk"):
        decisions[decision.student_id].append(decision)
    result = []
    for child in children:
        rule = rules.get(child.school_id, ConsentSettings.Disagreement.REFUSAL_WINS)
        rows = []
        for purpose in (p for p in purposes if p.school_id == child.school_id):
            own = [d.choice for d in decisions[child.pk]
                   if d.purpose_id == purpose.pk and d.decided_by_id == guardian.pk]
            own_choice = own[-1] if own else ""
            state = status(child, purpose, day, decisions[child.pk], rule)
            rows.append(PurposeChoice(purpose, shown_to_guardian(own_choice, state, purpose),
                                      own_choice, field_name(child, purpose)))
        result.append(ChildChoices(child, decides_self(child, day), rows))
    text = ConsentText.objects.filter(school_id=guardian.school_id).first()
    return GuardianPage(guardian, text, result)


@transaction.atomic
def do_open_guardian_page(link: GuardianLink) -> None:
    """Notes that the link was used to open a guardian's session (the audit log, and
    ``last_used_at``)."""
    link.last_used_at = timezone.now()
    link.save(update_fields=["last_used_at"])
    do_record("guardian_link_used", school=link.guardian.school_id, target=link.guardian,
              detail={"link": link.pk})


@transaction.atomic
def do_record_guardian_choices(link: GuardianLink, answers: Mapping[str, str]) -> int:
    """Records a decision for every purpose whose answer differs from this guardian's own
    latest choice; returns how many. Answers for children who decide themselves, for
    other people's children or for unknown fields are ignored: the page never offers them.
    """
    guardian = link.guardian
    now = timezone.now()
    page = guardian_page(guardian, timezone.localdate(now))
    recorded = 0
    for child in page.children:
        if child.decides_self:
            continue
        for row in child.purposes:
            answer = answers.get(row.field, "")
            if answer in Decision.Choice.values and answer != row.own_choice:
                do_record_decision(child.child, row.purpose, answer, decided_by=guardian,
                                   how=Decision.How.GUARDIAN_PAGE, at=now)
                recorded += 1
    link.last_used_at = now
    link.save(update_fields=["last_used_at"])
    do_record("guardian_page_submitted", school=guardian.school_id, target=guardian,
              detail={"link": link.pk, "decisions": recorded})
    return recorded


# --- staff: response rate, reminders, letters --------------------------------------------

def may_reach_guardians(membership: Membership) -> bool:
    """Schoolleiding and communicatie follow up on the consent forms."""
    return membership.has(Right.MANAGE_PEOPLE) or membership.has(Right.VIEW_ACKNOWLEDGEMENTS)


def access_group_guardians(user: User, group_id: int) -> Group:
    """A group whose guardians this user may see and send links to."""
    group = access_group(user, group_id)
    if not may_reach_guardians(require_membership(user)):
        raise PermissionDenied(_("Your role does not allow this."))
    return group


def access_guardian(user: User, guardian_id: int) -> Person:
    """A guardian this user may make a letter for."""
    guardian = access_person(user, guardian_id)
    if not may_reach_guardians(require_membership(user)):
        raise PermissionDenied(_("Your role does not allow this."))
    if guardian.role != Person.Role.OUDER:
        raise Http404(_("There is no such person."))
    return guardian


def students_of(group: Group) -> QuerySet[Person]:
    return Person.objects.filter(group=group, role=Person.Role.LEERLING, is_active=True)


def guardians_of(group: Group) -> QuerySet[Person]:
    return (Person.objects.filter(role=Person.Role.OUDER, children__in=students_of(group))
            .distinct().order_by("last_name", "first_name"))


@dataclass(frozen=True)
class PurposeRate:
    purpose: Purpose
    answered: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0


@dataclass(frozen=True)
class ResponseRate:
    purposes: list[PurposeRate]
    answered_all: int  # students with a decision for every active purpose
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered_all / self.total) if self.total else 0


def answered_purposes(students: list[Person], day: datetime.date) -> dict[int, set[int]]:
    """Per student, the purposes with at least one decision that still counts this year."""
    answered: dict[int, set[int]] = defaultdict(set)
    year_start = school_year_start(day)
    for decision in Decision.objects.filter(student__in=students).select_related("purpose"):
        if (not decision.purpose.ask_each_year
                or timezone.localdate(decision.decided_at) >= year_start):
            answered[decision.student_id].add(decision.purpose_id)
    return answered


def response_rate(group: Group, day: datetime.date | None = None) -> ResponseRate:
    """The share of the group's students with at least one recorded decision, per active
    purpose and for all purposes together."""
    day = day or timezone.localdate()
    students = list(students_of(group))
    purposes = list(Purpose.objects.filter(school_id=group.school_id, is_active=True)
                    .order_by("order", "name"))
    answered = answered_purposes(students, day)
    rates = [PurposeRate(p, sum(p.pk in answered[s.pk] for s in students), len(students))
             for p in purposes]
    wanted = {p.pk for p in purposes}
    complete = sum(wanted <= answered[s.pk] for s in students)
    return ResponseRate(rates, complete, len(students))


def _has_answered_everything(guardian: Person, group: Group,
                             answered: dict[int, set[int]], wanted: set[int],
                             day: datetime.date) -> bool:
    children = [c for c in guardian.children.all()
                if c.group_id == group.pk and c.is_active and not decides_self(c, day)]
    return all(wanted <= answered[c.pk] for c in children)


def do_send_guardian_links(group: Group, by_user: AbstractBaseUser, *,
                           only_unanswered: bool = True) -> tuple[int, int]:
    """Mails each guardian of the group's students a fresh link: by default only those
    whose children still lack an answer for some purpose (a reminder). Returns how many
    mails went out and how many guardians have no e-mail address."""
    day = timezone.localdate()
    wanted = set(Purpose.objects.filter(school_id=group.school_id, is_active=True)
                 .values_list("pk", flat=True))
    answered = answered_purposes(list(students_of(group)), day)
    sent = without_address = 0
    for guardian in guardians_of(group).prefetch_related("children"):
        if only_unanswered and _has_answered_everything(guardian, group, answered, wanted,
                                                        day):
            continue
        if not guardian.email:
            without_address += 1
            continue
        # One transaction per guardian: when a mail cannot be sent, no link is left behind
        # that nobody received, and the mails already sent keep their links.
        with transaction.atomic():
            link, token = do_make_guardian_link(guardian, by_user)
            _send_link(guardian, link, token)
            do_record("guardian_link_mailed", actor=by_user, school=guardian.school_id,
                      target=guardian, detail={"link": link.pk, "group": group.pk})
        sent += 1
    return sent, without_address


@transaction.atomic
def do_make_guardian_letter(guardian: Person, by_user: AbstractBaseUser,
                            ) -> tuple[GuardianLink, str]:
    """A fresh link for a printed letter: the one place a link is shown to staff (to
    print), so it is audited as printed. Earlier links of the guardian stop working."""
    link, token = do_make_guardian_link(guardian, by_user)
    do_record("guardian_letter_printed", actor=by_user, school=guardian.school_id,
              target=guardian, detail={"link": link.pk})
    return link, token


def _send_link(guardian: Person, link: GuardianLink, token: str) -> None:
    # Dutch: a guardian has not chosen a language, and their school is Dutch.
    with translation.override(settings.LANGUAGE_CODE):
        expires = formats.date_format(timezone.localtime(link.expires_at), "DATE_FORMAT")
        children = ", ".join(c.first_name for c in guardian.children.filter(is_active=True))
        subject = _("Photos of your child at %(school)s: your choice") % {
            "school": guardian.school.name}
        body = _(
            "Dear %(name)s,\n\n"
            "The school wants to know if it may use photos and videos of %(children)s. "
            "You choose yes or no for each use. Open this link to choose:\n\n"
            "%(link)s\n\n"
            "The link is only for you. It works until %(expires)s. You do not need an "
            "account.\n\n"
            "Kind regards,\n%(school)s\n"
        ) % {"name": guardian.full_name, "children": children, "link": link_url(token),
             "expires": expires, "school": guardian.school.name}
    send_mail(subject, body, None, [guardian.email])
