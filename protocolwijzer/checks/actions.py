from __future__ import annotations

import copy
import datetime
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from protocolwijzer.audit.actions import do_record
from protocolwijzer.audit.models import Action
from protocolwijzer.checks.media import STUDENT, parse_face_value
from protocolwijzer.checks.models import CheckRecord
from protocolwijzer.checks.situations import text_context
from protocolwijzer.consent.register import consent_from_register
from protocolwijzer.engine.check import NO_CONTEXT, check_situation
from protocolwijzer.engine.evaluate import Verdict
from protocolwijzer.engine.protocol import Protocol
from protocolwijzer.engine.situation import Situation, parse_situation
from protocolwijzer.protocols.models import ProtocolVersion
from protocolwijzer.schools.models import Person, School
from protocolwijzer.schools.policy import Membership

if TYPE_CHECKING:
    from protocolwijzer.media.models import MediaItem


def storable_situation(situation: dict[str, Any]) -> dict[str, Any]:
    """The situation without what may identify children: the post's text, file names,
    and the names and ids of the people in photos. What remains still follows the
    situation contract (only optional fields are left out)."""
    kept = copy.deepcopy(situation)
    post = kept.get("post")
    if isinstance(post, dict):
        post.pop("text", None)
        for media in post.get("media") or []:
            if not isinstance(media, dict):
                continue
            media.pop("file", None)
            for person in media.get("people") or []:
                if isinstance(person, dict):
                    person.pop("name", None)
                    person.pop("id", None)
    return kept


def do_read_consent_for_check(situation: Situation, membership: Membership | None,
                              day: datetime.date, *, user: AbstractBaseUser | None,
                              detail: dict[str, Any] | None = None,
                              ip: str | None = None) -> Situation:
    """The situation with the register's consent for every student tagged by id, and an
    audit event when any was read: reading a child's consent through a check is reading
    the register, like opening a class list. Content-free: how many, never who."""
    result = consent_from_register(situation, membership, day)
    tagged = sum(1 for media in situation.media for person in media.people
                 if person.id is not None)
    if tagged and membership is not None:
        school = (next(iter(membership.school_ids)) if len(membership.school_ids) == 1
                  else None)
        do_record(Action.CONSENT_LIST_VIEWED, actor=user, school=school,
                  detail={"students": tagged, "via": "check", **(detail or {})}, ip=ip)
    return result


def do_record_check(*, person: Person | None, user: AbstractBaseUser | None, school: School,
                    protocol_version: ProtocolVersion, situation: dict[str, Any],
                    verdict: Verdict) -> CheckRecord:
    """Stores that a check was made and what it decided; returns the record.

    The post's text is NOT stored, and neither are file names nor the names of people in
    photos (``storable_situation``): a post about a class easily contains a child's name,
    health or address, and the checker's promise is that trying out a text leaves no trace
    of it. The verdict and the ids of the articles its findings cite are what a school
    needs to see where its protocol bites. Photos never reach this function. The audit
    log gets the same: who, which school, the verdict and the articles, never the text.
    """
    with transaction.atomic():
        record = CheckRecord.objects.create(
            person=person, user=user, school=school, protocol_version=protocol_version,
            situation=storable_situation(situation), verdict=verdict.verdict,
            articles=list(verdict.decision.cited_articles))
        do_record(Action.CHECK_RUN, actor=user, school=school, target=record,
                  detail={"verdict": record.verdict, "articles": record.articles,
                          "protocol": protocol_version.protocol_id,
                          "version": protocol_version.version})
    return record


def do_check(situation: Situation | dict[str, Any], protocol: ProtocolVersion | Protocol, *,
             membership: Membership | None = None, school: School | None = None,
             user: AbstractBaseUser | None = None, audit_detail: dict[str, Any] | None = None,
             ip: str | None = None) -> Verdict:
    """A check, the same for the page and the API: the verdict on ``situation`` under
    ``protocol`` (a school's stored version, or a built-in protocol).

    Parses a raw situation (``SituationError`` names every problem), reads the consent of
    tagged students from the register (``do_read_consent_for_check``), analyses the text
    with the school's names, contacts and visible people, and decides, through the same
    ``engine.check.check_situation`` that ``protocolwijzer check`` uses. When there is a
    school and a stored version, the check is recorded and audited (``do_record_check``,
    without the text). The compiled protocol comes from the one process-wide cache.
    """
    parsed = situation if isinstance(situation, Situation) else parse_situation(situation)
    version = protocol if isinstance(protocol, ProtocolVersion) else None
    engine = version.engine_protocol() if version is not None else protocol
    assert isinstance(engine, Protocol)
    read = do_read_consent_for_check(parsed, membership, timezone.localdate(), user=user,
                                     detail=audit_detail, ip=ip)
    context = text_context(membership, school) if parsed.text.strip() else NO_CONTEXT
    verdict = check_situation(engine, read, context)
    if school is not None and version is not None:
        do_record_check(person=membership.person if membership is not None else None,
                        user=user, school=school, protocol_version=version,
                        situation=parsed.raw, verdict=verdict)
    return verdict


def do_save_faces(item: MediaItem, cleaned: dict[str, Any], *, by: Person | None) -> None:
    """Saves what the user said about the faces of ``item`` in a slot of the checker's
    form: who each face is (the form only offers pupils the user may see), which boxes are
    no face, and a box drawn around a face that was missed. Only changes are saved, each
    through the media app's own action (which audits it)."""
    from protocolwijzer.media.actions import do_draw_face, do_remove_face, do_tag_face

    students = {p.pk: p for p in Person.objects.filter(pk__in=[
        parse_face_value(str(value))[1] for key, value in cleaned.items()
        if key.startswith("face_") and not key.endswith("_removed") and value])}
    for face in item.faces.filter(removed=False).order_by("number"):
        if cleaned.get(f"face_{face.number}_removed"):
            do_remove_face(face, by=by)
            continue
        value = cleaned.get(f"face_{face.number}")
        if value is None:
            continue  # not in the form (drawn since)
        tag, student_id = parse_face_value(str(value))
        if (tag, student_id) != (face.tag, face.student_id if face.tag == STUDENT else None):
            do_tag_face(face, student=students.get(student_id or 0), tag=tag, by=by)
    box = cleaned.get("draw")
    if box:
        do_draw_face(item, box, by=by)
