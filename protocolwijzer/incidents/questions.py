"""Twijfel: a staff member asks their leidinggevende, from the checker's verdict, in one
click. Roermond B.3 and Willibrord B.4 ("Bij twijfel ... contact op met zijn/haar
leidinggevende"); Roermond B.2 and Willibrord B.3 ("Als online communicatie dreigt te
ontsporen ... direct contact op te nemen met zijn/haar leidinggevende").

The verdict page carries the situation and the verdict in a form field signed by the
server (``question_offer``), so the question holds what the engine decided, not what a
browser claims it decided. Only the asker and the leidinggevende can read a question; for
anyone else it does not exist (404, audited). Both hear of the other's step by mail,
without the content: the mail links here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from protocolwijzer.audit.actions import do_record
from protocolwijzer.checks.actions import storable_situation
from protocolwijzer.engine.evaluate import Verdict
from protocolwijzer.engine.protocol import Protocol
from protocolwijzer.incidents.access import access_question  # moved there; kept importable
from protocolwijzer.incidents.actions import leidinggevende_of
from protocolwijzer.incidents.models import Question
from protocolwijzer.notifications.actions import do_notify
from protocolwijzer.notifications.mails import OtherKinds, register_kinds
from protocolwijzer.notifications.models import Notice
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.policy import STAFF_ROLES, Membership, membership_for

User = AbstractBaseUser | AnonymousUser
QUESTION_ASKED = "incident_question_asked"
QUESTION_ANSWERED = "incident_question_answered"
OFFER_SALT = "protocolwijzer.incidents.question-offer"
#: A verdict page left open over a weekend can still ask.
OFFER_MAX_AGE = 4 * 24 * 3600
# The protocol files name the rules of these articles "<article>-doubt" and
# "<article>-derailing": the article a question rests on is read from the file, so a
# school's protocol with other numbering still gets its own article.
RULE_SUFFIX = {Question.Kind.DOUBT: "-doubt", Question.Kind.DERAILING: "-derailing"}


def leidinggevende_for(person: Person) -> Person | None:
    """Whom ``person`` asks: the school's leidinggevende (``actions.leidinggevende_of``);
    a schoolleider asks the next schoolleider of the school (docs/interpretations.md)."""
    first = leidinggevende_of(person.school_id)
    if first is None or first.pk != person.pk:
        return first
    return (Person.objects.filter(school_id=person.school_id, role=Person.Role.SCHOOLLEIDING,
                                  is_active=True).exclude(pk=person.pk).order_by("pk").first())


def article_for(protocol: Protocol, kind: str) -> str:
    """The article of the protocol that tells staff to ask in this case ("" if none)."""
    suffix = RULE_SUFFIX.get(kind)  # type: ignore[call-overload]
    for rule in protocol.rules:
        if suffix and rule.id.endswith(suffix):
            return rule.article
    return ""


@dataclass(frozen=True)
class Offer:
    """The two buttons under a verdict: the signed situation and verdict, the
    leidinggevende they reach, and the article of each kind of question."""

    token: str
    to: Person
    doubt_article: str
    derailing_article: str


def question_offer(membership: Membership, situation: dict[str, Any], verdict: Verdict,
                   protocol: Protocol) -> Offer | None:
    """The buttons for a staff member who has a leidinggevende to ask; None otherwise
    (a pupil, a parent, an MR member, a beheerder without a Person)."""
    person = membership.person
    if person is None or person.role not in STAFF_ROLES or membership.role == "beheerder":
        return None
    to = leidinggevende_for(person)
    if to is None:
        return None
    # The post's text goes along (the leidinggevende judges it); file names and the names
    # of people tagged in photos do not, as in a stored check (checks/actions.py).
    kept = storable_situation(situation)
    text = (situation.get("post") or {}).get("text")
    if text and isinstance(kept.get("post"), dict):
        kept["post"]["text"] = text
    articles = {kind: article_for(protocol, kind) for kind in Question.Kind.values}
    token = signing.dumps({"school": person.school_id, "person": person.pk,
                           "situation": kept, "verdict": verdict.to_dict(),
                           "articles": articles}, salt=OFFER_SALT, compress=True)
    return Offer(token, to, articles[Question.Kind.DOUBT], articles[Question.Kind.DERAILING])


def read_offer(token: str, person: Person) -> dict[str, Any]:
    """The situation and verdict of a signed offer made for ``person``."""
    try:
        data: dict[str, Any] = signing.loads(token, salt=OFFER_SALT, max_age=OFFER_MAX_AGE)
    except signing.BadSignature:
        raise ValidationError(_("This verdict is too old to send on. Check the post again "
                                "and ask from the new verdict.")) from None
    if data.get("person") != person.pk or data.get("school") != person.school_id:
        raise ValidationError(_("This verdict was made for someone else."))
    return data


@transaction.atomic
def do_ask(*, asked_by: Person, kind: str, situation: dict[str, Any],
           verdict: dict[str, Any], text: str = "", article: str = "") -> Question:
    """Sends a question with the situation and the verdict to the asker's leidinggevende,
    who gets a mail (without the content)."""
    if kind not in Question.Kind.values:
        raise ValidationError(_("Choose whether you are in doubt or whether it threatens to "
                                "get out of hand."))
    if asked_by.role not in STAFF_ROLES:
        raise ValidationError(_("Only staff ask their leidinggevende this way."))
    to = leidinggevende_for(asked_by)
    if to is None:
        raise ValidationError(_("Your school has no leidinggevende in Protocolwijzer yet. "
                                "Go to them in person."))
    question = Question.objects.create(
        school_id=asked_by.school_id, asked_by=asked_by, to=to, kind=kind,
        article=article[:40], situation=situation, verdict=verdict,
        text=text.strip()[:4000])
    do_record("question_asked", actor=asked_by.user, school=asked_by.school_id,
              target=question, detail={"person": to.pk, "kind": kind,
                                       "article": question.article})
    do_notify([to.user] if to.user is not None else [], QUESTION_ASKED, asked_by.school_id,
              {"question": question.pk, "kind": kind})
    return question


@transaction.atomic
def do_answer(question: Question, text: str, by: Person) -> Question:
    """The leidinggevende's answer, shown to the asker on the same page; they get a mail."""
    if by.pk != question.to_id:
        raise ValidationError(_("Only the person asked can answer."))
    if not text.strip():
        raise ValidationError({"answer": [_("Write your answer.")]})
    question.answer = text.strip()[:4000]
    question.answered_at = timezone.now()
    question.answered_by = by
    question.save(update_fields=["answer", "answered_at", "answered_by"])
    do_record("question_answered", actor=by.user, school=question.school_id,
              target=question, detail={"person": question.asked_by_id})
    asker = question.asked_by
    do_notify([asker.user] if asker.user is not None else [], QUESTION_ANSWERED,
              question.school_id, {"question": question.pk})
    return question


# -- the door -----------------------------------------------------------------------------

def _person(user: User) -> Person | None:
    membership = membership_for(user)
    if membership is None or membership.role == "beheerder":
        return None
    return membership.person


def questions_of(user: User) -> tuple[QuerySet[Question], QuerySet[Question]]:
    """The questions ``user`` asked, and those asked of them."""
    person = _person(user)
    if person is None:
        none = Question.objects.none()
        return none, none
    mine = Question.objects.select_related("to").filter(asked_by=person)
    to_me = Question.objects.select_related("asked_by").filter(to=person)
    return mine, to_me


def may_have_questions(membership: Membership | None) -> bool:
    """Staff have the page (the menu shows it to them)."""
    return (membership is not None and membership.person is not None
            and membership.role in STAFF_ROLES)


# -- the words of the mails ----------------------------------------------------------------

def _link(question_id: int) -> str:
    return settings.SITE_URL + reverse("incidents:question", args=[question_id])


def _lines(notices: Sequence[Notice]) -> list[str]:
    lines = []
    for notice in notices:
        question_id = int(notice.data.get("question", 0))
        if notice.kind == QUESTION_ASKED:
            if notice.data.get("kind") == Question.Kind.DERAILING:
                sentence = _("A colleague tells you that something online threatens to get "
                             "out of hand, and asks you to act. See it: %(link)s")
            else:
                sentence = _("A colleague is in doubt about a post and asks your advice. "
                             "See the question: %(link)s")
        else:
            sentence = _("Your leidinggevende answered your question. See the answer: "
                         "%(link)s")
        lines.append(sentence % {"link": _link(question_id)})
    return lines


def _subject() -> str:
    return _("Protocolwijzer: a question to or from your leidinggevende")


register_kinds(OtherKinds(frozenset({QUESTION_ASKED, QUESTION_ANSWERED}), _subject, _lines))

__all__ = ["Offer", "access_question", "do_answer", "do_ask", "leidinggevende_for",
           "question_offer", "questions_of", "read_offer"]
