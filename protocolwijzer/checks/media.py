"""Photos and videos in a check: their tagged faces as the situation's people, and what
the verdict means for each face.

A teacher tags faces by hand (never by software: no face recognition, AVG art. 9); this
module turns those tags, with the register's consent per face (``media.register``), into
the ``people`` of the situation contract, so that the engine decides on a real photo
exactly as it decides on a described one. It then asks
the engine about each face on its own, which names the articles that stand against that
face (A.5, A.8, A.10, ...) and so which faces the fix "blur N faces" must blur.

A blurred face is no longer a recognisable person: in the blurred version it is not among
the people on the photo (docs/interpretations.md, "A blurred face is nobody on the photo").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from protocolwijzer.engine.evaluate import evaluate
from protocolwijzer.engine.protocol import Protocol
from protocolwijzer.engine.situation import Person as SituationPerson
from protocolwijzer.engine.situation import Situation
from protocolwijzer.schools.models import Group, Person
from protocolwijzer.schools.policy import Membership, groups_in_view, people_visible_to

if TYPE_CHECKING:
    from protocolwijzer.media.models import MediaFace, MediaItem
    from protocolwijzer.media.register import FaceConsent

ORIGINAL = "original"
BLURRED = "blurred"
VERSIONS = (ORIGINAL, BLURRED)

# The tags a face can have besides a pupil of the class list.
NOT_OURS = "not_ours"
UNKNOWN = "unknown"
UNTAGGED = "untagged"
STUDENT = "student"

TAG_LABELS = {
    NOT_OURS: _("Not a pupil of our school"),
    UNKNOWN: _("Unknown"),
    UNTAGGED: _("Not said yet"),
}
# The situation contract's media kinds, by the media item's kind.
CONTRACT_KIND = {"photo": "photo", "video": "video", "sound": "audio"}


def item_version(item: MediaItem, asked: str | None = None) -> str:
    """Which version of ``item`` a check is about: the one ``asked`` for, or else the
    blurred one when it is ready (the version the user would post), else the original."""
    if asked in VERSIONS:
        return asked  # type: ignore[return-value]
    return BLURRED if has_result(item) else ORIGINAL


def has_result(item: MediaItem) -> bool:
    return item.status == "done" and bool(item.result)


def is_ready(item: MediaItem) -> bool:
    """Whether the faces are known, so that the item can be checked."""
    return item.status in ("ready", "done") or item.kind == "sound"


def shown_faces(item: MediaItem) -> list[MediaFace]:
    """The item's faces as the user sees them (removed ones left out), by number."""
    return [face for face in item.faces.order_by("number") if not face.removed]


def faces_on(item: MediaItem, version: str) -> list[MediaFace]:
    """The recognisable faces of ``version``: in the blurred one, blurred faces are gone."""
    faces = shown_faces(item)
    if version == BLURRED:
        faces = [face for face in faces if not face.blur]
    return faces


def media_entry(item: MediaItem, version: str, faces: Sequence[FaceConsent]
                ) -> dict[str, Any]:
    """The situation's ``post.media[]`` entry for ``version`` of a photo or video: one
    person per recognisable face, with the role and the register's consent that
    ``media.register.faces_against_consent`` gives it (no names, no ids)."""
    on = {face.pk for face in faces_on(item, version)}
    return {"kind": CONTRACT_KIND.get(item.kind, item.kind),
            "people": [{"role": f.role, "consent": f.consent} for f in faces
                       if f.face.pk in on]}


@dataclass(frozen=True)
class CheckedMedia:
    """A media item in a check: its place in ``post.media``, the version checked, and
    the register's consent per face (``media.actions.do_mark_checked``)."""

    index: int
    item: MediaItem
    version: str
    faces: list[FaceConsent]


@dataclass(frozen=True)
class FaceOutcome:
    face: MediaFace
    label: str  # the pupil's name for whoever may see it, else what the tag says
    consent: str | None  # the register's answer for a tagged pupil: given/refused/unknown
    articles: tuple[str, ...]  # the articles that forbid this face on its own
    blurred: bool  # not recognisable in the checked version
    name: str | None = None  # the tagged pupil's name, only for whoever may see them

    @property
    def number(self) -> int:
        return int(self.face.number)

    @property
    def may_appear(self) -> bool:
        return self.blurred or not self.articles


@dataclass(frozen=True)
class MediaOutcome:
    index: int
    item: MediaItem
    version: str
    faces: list[FaceOutcome]

    @property
    def to_blur(self) -> list[int]:
        """The faces the fix blurs: those an article stands against, not yet blurred."""
        return [f.number for f in self.faces if not f.may_appear]

    @property
    def blur_after_fix(self) -> list[int]:
        """Every face the blurred version hides once the fix is applied: the ones to blur
        and those chosen before (a box drawn by hand is blurred unless tagged)."""
        return sorted({f.number for f in self.faces if f.blurred or f.face.blur}
                      | set(self.to_blur))


def media_outcomes(protocol: Protocol, situation: Situation, checked: Sequence[CheckedMedia],
                   membership: Membership | None) -> list[MediaOutcome]:
    """Per checked item, per face: who it is (as far as the viewer may know) and which
    articles stand against it on its own.

    The engine decides each face in the same situation with only that face on the item
    (and no text), so the articles are the protocol's own, never a rule of ours; only
    prohibitions about recordings are kept (a rule looking at the ``media.*`` facts).
    """
    media_rules = {rule.id for rule in protocol.rules
                   if any(fact.startswith("media.") for fact in rule.facts)}
    names = visible_names(membership, [f.student.pk for entry in checked
                                       for f in entry.faces if f.student is not None])
    outcomes = []
    decided: dict[tuple[int, str, str], tuple[str, ...]] = {}
    for entry in checked:
        media = situation.media[entry.index]
        on = {face.pk for face in faces_on(entry.item, entry.version)}
        faces = []
        for consent in entry.faces:
            face = consent.face
            label = label_of(face, consent.student, names)
            name = names.get(consent.student.pk) if consent.student is not None else None
            known = consent.consent if consent.student is not None else None
            if face.pk not in on:  # blurred in this version: nobody recognisable
                faces.append(FaceOutcome(face, label, known, (), True, name))
                continue
            key = (entry.index, consent.role, consent.consent)
            if key not in decided:  # faces alike in role and consent are decided alike
                person = SituationPerson(consent.role, consent.consent)
                alone = replace(situation, text="", media=(replace(media, people=(person,)),))
                verdict = evaluate(protocol, alone, None)
                decided[key] = tuple(dict.fromkeys(
                    f.article for f in verdict.findings
                    if f.effect == "forbidden" and f.rule in media_rules))
            articles = decided[key]
            faces.append(FaceOutcome(face, label, known, articles, False, name))
        outcomes.append(MediaOutcome(entry.index, entry.item, entry.version, faces))
    return outcomes


def visible_names(membership: Membership | None,
                  student_ids: Iterable[int | None]) -> dict[int, str]:
    """The names of those of ``student_ids`` the viewer may see (``people_visible_to``)."""
    wanted = {pk for pk in student_ids if pk is not None}
    if not wanted or membership is None:
        return {}
    return {person.pk: person.full_name for person in people_visible_to(membership).filter(
        role=Person.Role.LEERLING, pk__in=wanted)}


def label_of(face: MediaFace, student: Person | None, names: dict[int, str]) -> str:
    if student is not None:
        return names.get(student.pk) or str(_("A pupil"))
    return str(TAG_LABELS.get(face.tag, TAG_LABELS[UNTAGGED]))


# -- tagging: the class list beside the photo -----------------------------------------------

def face_value(face: MediaFace) -> str:
    """A face's tag as a form value: ``s<id>`` for a pupil, else the tag (untagged: "")."""
    if face.tag == STUDENT and face.student_id is not None:
        return f"s{face.student_id}"
    return face.tag if face.tag in (NOT_OURS, UNKNOWN) else ""


def parse_face_value(value: str) -> tuple[str, int | None]:
    """The tag and pupil id a form value stands for (the inverse of ``face_value``)."""
    if value.startswith("s") and value[1:].isdigit():
        return STUDENT, int(value[1:])
    if value in (NOT_OURS, UNKNOWN):
        return value, None
    return UNTAGGED, None


@dataclass(frozen=True)
class Tagging:
    """What a slot needs to tag the faces of its item: the faces, the classes the user
    may choose and the chosen class's list, alphabetical by first name (how a teacher
    calls the children)."""

    item: MediaItem
    faces: list[MediaFace]
    groups: list[Group]
    group: Group | None
    students: list[Person]
    # Pupils tagged earlier from another class: their tag stays a choice.
    others: list[Person]

    def choices(self) -> list[tuple[str, Any]]:
        special = [("", TAG_LABELS[UNTAGGED]), (NOT_OURS, TAG_LABELS[NOT_OURS]),
                   (UNKNOWN, TAG_LABELS[UNKNOWN])]
        pupils = [(f"s{p.pk}", p.full_name) for p in self.students]
        group_name = self.group.name if self.group else str(_("Class list"))
        choices: list[tuple[str, Any]] = [*special, (group_name, pupils)]
        if self.others:
            choices.append((str(_("Other classes")),
                            [(f"s{p.pk}", p.full_name) for p in self.others]))
        return choices

    def value_of(self, face: MediaFace) -> str:
        return face_value(face)


def sort_key(person: Person) -> tuple[str, str]:
    return (person.first_name.casefold(), person.last_name.casefold())


def tagging_for(item: MediaItem, membership: Membership,
                group_id: str | int | None = None) -> Tagging:
    """The class list for tagging ``item``: the groups whose pupils the user sees, the one
    asked for (else the item's, else the user's own), and its pupils."""
    groups = list(groups_in_view(membership).filter(school_id=item.school_id)
                  .order_by("name"))
    by_id = {str(group.pk): group for group in groups}
    group = by_id.get(str(group_id or "")) or by_id.get(str(item.group_id or ""))
    if group is None and membership.person is not None:
        own = [g for g in groups if g.pk in membership.linked_group_ids
               or g.pk == membership.person.group_id]
        group = own[0] if own else None
    if group is None and groups:
        group = groups[0]
    visible = people_visible_to(membership).filter(role=Person.Role.LEERLING)
    students = sorted(visible.filter(group=group), key=sort_key) if group else []
    faces = shown_faces(item)
    in_list = {p.pk for p in students}
    tagged = {f.student_id for f in faces if f.student_id is not None} - in_list
    others = sorted(visible.filter(pk__in=tagged), key=sort_key) if tagged else []
    return Tagging(item, faces, groups, group, students, others)


def media_url(item: MediaItem, *, download: bool = False, version: str | None = None) -> str:
    """The media app's authorised address of ``version`` of ``item`` (by default the one
    a check is about: the blurred version once ready)."""
    from django.urls import reverse
    from django.utils.http import urlencode

    version = item_version(item, version)
    query = {"variant": "result" if version == BLURRED else "original"}
    if download:
        query["download"] = "1"
    return f"{reverse('media:file', args=[item.pk])}?{urlencode(query)}"
