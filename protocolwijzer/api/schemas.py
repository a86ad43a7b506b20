"""The shapes the API takes and gives, as pydantic models, for the OpenAPI document.

The situation models *describe* the contract of shared/spec/situation.md; they do not
validate it. The engine's ``parse_situation`` stays the one validator, so the API, the
command and the web form refuse the same input with the same sentences. The limits here
repeat the engine's (``engine/situation.py``) so that generated clients and schemathesis
know them.
"""

from __future__ import annotations

import datetime
from typing import Literal

from ninja import Field, Schema
from pydantic import ConfigDict

from protocolwijzer.engine import situation as limits
from protocolwijzer.engine.vocabulary import (
    Account,
    Action,
    ConsentState,
    Context,
    MediaKind,
    PermissionGiver,
    PersonRole,
    Role,
    TargetRole,
)
from protocolwijzer.schools.models import Group, Person, School

# -- the situation (request body of POST /checks) -------------------------------------------

# The actions that need a target (the engine's rule; a test keeps the two in step).
TARGET_ACTIONS = ("befriend", "contact", "like")


class _Contract(Schema):
    model_config = ConfigDict(extra="forbid")


class Actor(_Contract):
    role: Role = Field(description="`staff` covers teachers and all other employees.")


class Target(_Contract):
    role: TargetRole
    account: Account | None = None


class Permission(_Contract):
    granted_by: PermissionGiver


class MediaPerson(_Contract):
    role: PersonRole
    consent: ConsentState
    name: str | int | None = None
    id: str | int | None = None


class FaceTag(_Contract):
    """Who one face of an uploaded item is: a student of the class list (``student``, a
    person id from GET /people), or a ``tag``; or ``removed``: the box is no face."""

    number: int = Field(ge=1, description="The face's number (GET /media/{item_id}).")
    student: int | None = Field(None, ge=1, description="The student's id.")
    tag: Literal["not_ours", "unknown", "untagged"] | None = Field(
        None, description="not_ours: not a pupil of this school; unknown: nobody knows.")
    removed: bool | None = Field(None, description="true: this box is not a face.")


class Media(_Contract):
    """Either a description (``kind`` and ``people``: for sound and for a situation
    without a file) or an uploaded photo or video (``item``, with ``faces`` tagged)."""

    kind: MediaKind | None = Field(None, description="Required for a description; an item's "
                                                     "kind comes from its content.")
    file: str | None = Field(None, min_length=1,
                             description="A file name, for the record only.")
    people: list[MediaPerson] | None = Field(None, max_length=limits.MAX_PEOPLE,
                                             description="What is known about who is in it.")
    item: int | None = Field(None, ge=1, description="A photo or video uploaded with POST "
                                                     "/media: its faces are the people.")
    faces: list[FaceTag] | None = Field(None, max_length=limits.MAX_PEOPLE,
                                        description="Tags for the item's faces; saved on the "
                                                    "item, as on the checker page.")
    version: Literal["original", "blurred"] | None = Field(
        None, description="Which version to check; by default the blurred one once it is "
                          "ready, else the original.")


class Post(_Contract):
    text: str | None = Field(None, max_length=limits.MAX_TEXT,
                             description="Analysed for personal data, abusive language, the "
                                         "employee mention and the own-opinion disclaimer.")
    media: list[Media] | None = Field(None, max_length=limits.MAX_MEDIA)


class Situation(_Contract):
    """One situation to check (shared/spec/situation.md)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={
        # Who is befriended, contacted or liked must be said (the engine refuses it
        # otherwise); stated here so that clients and generated requests know it too.
        "if": {"properties": {"action": {"enum": list(TARGET_ACTIONS)}},
               "required": ["action"]},
        "then": {"required": ["target"],
                 "properties": {"target": {"type": "object"}}},
    })

    protocol: str = Field(min_length=1, examples=["willibrord-miland-2023"],
                          description="A built-in protocol id, or the id of your school's "
                                      "protocol (GET /protocols).")
    actor: Actor
    context: Context = Field(description="`lesson` = during a lesson; `work` = staff at work "
                                         "outside lessons.")
    school_related: bool = Field(description="Your own answer to 'is this about school?'. "
                                             "false puts the situation out of scope only "
                                             "when nothing in it overlaps with school "
                                             "(doelgroep.2): a pupil, parent or colleague "
                                             "as target, the class app, a school account "
                                             "or a text about the school bring it back.")
    action: Action
    channel: str | None = Field(None, min_length=1, max_length=60, pattern=r"\S",
                                examples=["facebook", "school_website"])
    account: Account | None = None
    target: Target | None = Field(None, description="Who is befriended, contacted or liked; "
                                                    "required for those actions.")
    permission: Permission | None = None
    date: datetime.date | None = Field(
        None, examples=["2026-09-01"],
        description="Not part of the situation itself: the day it happens (default today). "
                    "Your school's version of the protocol in force on that day decides.")
    post: Post | None = None


# -- the verdict (response of POST /checks) -------------------------------------------------


class Finding(Schema):
    article: str = Field(description="The article this finding rests on.")
    effect: Literal["forbidden", "allowed", "obligation", "advice"]
    met: bool | None = Field(description="obligation: met? forbidden: false; allowed: true; "
                                         "advice: null.")
    rule: str
    message: str
    fix: str | None = Field(None, description="How to meet the article; only when there is "
                                              "something to fix.")
    exception_article: str | None = Field(None, description="The article whose exception "
                                                            "lifted a prohibition.")


class Consequence(Schema):
    article: str
    kind: Literal["dossier", "measures", "escalation", "aangifte", "legal_duty"] = Field(
        description="legal_duty: what the law, not the protocol, asks of the school.")
    text: str
    measures: list[str] | None = Field(None, description="The measures as the protocol file "
                                                         "lists them.")
    measures_mildest_first: list[str] | None = Field(
        None, description="The same measures as possible ones, from the mildest to the "
                          "heaviest: which one follows depends on how serious it was.")
    measures_quote: str | None = Field(
        None, description="The article's sentence that makes the measures depend on how "
                          "serious it was, verbatim; show it before the measures.")
    contact: str | None = None


class PersonalDataSpan(Schema):
    kind: str
    text: str
    start: int
    end: int


class Abuse(Schema):
    abusive: bool
    score: float = Field(description="How sure the analyser is that the text is abusive, "
                                     "0 to 1; above 0.5 exactly when abusive.")
    kinds: list[str]
    spans: list[tuple[int, int]]
    profanity: bool = Field(description="Curse words aimed at no one (not abusive).")


class Readability(Schema):
    level: Literal["A2", "B1", "B2", "C1"] | None = Field(
        description="Estimated CEFR level; null for a text under five words.")
    flesch_douma: float
    words: int
    sentences: int
    words_per_sentence: float
    syllables_per_word: float
    long_words: float = Field(description="Share of words of five syllables or more.")


class Analysis(Schema):
    personal_data: list[PersonalDataSpan]
    abuse: Abuse
    own_opinion_disclaimer: bool
    third_party_disclaimer: bool
    employee_mention: bool
    readability: Readability | None = None
    boundary_crossing: bool = Field(False, description="What an adult may not write to a "
                                    "minor: remarks on looks, secrecy, meeting alone, gifts, "
                                    "requests for pictures, romantic or sexual content.")
    boundary_kinds: list[str] = Field(default_factory=list)
    confidential: bool = Field(False, description="Confidential school information.")
    reputation_harm: bool = Field(False, description="The text runs the school down.")
    possibly_criminal: bool = Field(False, description="A statement that may be an offence "
                                    "(the school's aangifte article applies).")
    criminal_kinds: list[str] = Field(default_factory=list)
    school_reference: bool = Field(False, description="The text names the school, its "
                                   "people or its events.")
    own_contact_details: bool = Field(False, description="The writer offers their own "
                                      "contact details; not personal data of others.")


class FaceVerdict(Schema):
    number: int
    tag: Literal["student", "not_ours", "unknown", "untagged"]
    student: int | None = Field(description="The tagged student's id, only when the token's "
                                            "person may see that student.")
    name: str | None
    consent: Literal["given", "refused", "unknown"] | None = Field(
        description="The register's answer for a tagged student, for the purpose the "
                    "channel implies, today.")
    blurred: bool = Field(description="Not recognisable in the version checked.")
    may_appear: bool
    articles: list[str] = Field(description="The articles that stand against this face.")


class MediaVerdict(Schema):
    index: int = Field(description="Its place in post.media.")
    item: int
    version: Literal["original", "blurred"]
    faces: list[FaceVerdict]
    blur: list[int] = Field(description="The fix: the faces to blur (POST "
                                        "/media/{item_id}/blur); empty when none must be.")


class Verdict(Schema):
    protocol: str
    protocol_version: str
    verdict: Literal["out_of_scope", "forbidden", "needs_changes", "allowed"]
    findings: list[Finding]
    consequences: list[Consequence] = Field(
        description="For a forbidden or needs_changes verdict: what the protocol says follows "
                    "for this actor's role.")
    analysis: Analysis | None = Field(None, description="The text analysis; only when the "
                                                        "post has text.")
    media: list[MediaVerdict] | None = Field(None, description="Per uploaded photo or video "
                                                               "in the check: who is on it.")


# -- photos and videos ----------------------------------------------------------------------


class MediaFaceOut(Schema):
    number: int
    box: list[int] = Field(description="x1, y1, x2, y2 in pixels, orientation applied.")
    score: float | None = Field(description="Detection score; null for a drawn face.")
    source: Literal["detected", "drawn"]
    removed: bool
    track: int | None = Field(description="Video: the face's track.")
    tag: Literal["student", "not_ours", "unknown", "untagged"]
    student: int | None
    name: str | None
    blur: bool


class MediaItemOut(Schema):
    id: int
    kind: Literal["photo", "video", "sound"]
    format: str
    width: int | None
    height: int | None
    duration: float | None
    status: Literal["detecting", "ready", "blurring", "done", "failed"]
    progress: int = Field(description="0 to 100.")
    error: str
    stalled: bool
    can_retry: bool
    has_result: bool = Field(description="The blurred version is ready (GET "
                                         "/media/{item_id}/file).")
    group: int | None
    keep_audio: bool
    faces: list[MediaFaceOut]


# -- protocols ------------------------------------------------------------------------------


class ProtocolSummary(Schema):
    id: str
    title: str
    organisation: str
    version: str
    builtin: bool = Field(description="Ships with Protocolwijzer.")
    sha256: str = Field(description="Identifies the exact text.")


class Article(Schema):
    id: str
    section: str
    section_title: str
    kind: Literal["normative", "informative", "procedural"]
    text: str = Field(description="The article's text, verbatim.")
    summary: str | None = Field(description="A plain-language summary, if the file has one.")
    roles: list[str]


class ProtocolDetail(ProtocolSummary):
    schooljaar: str | None
    articles: list[Article]


# -- schools --------------------------------------------------------------------------------


class ProtocolRef(Schema):
    id: str
    version: str


class SchoolOut(Schema):
    id: int
    name: str
    slug: str
    stichting: str
    protocol: ProtocolRef | None

    @staticmethod
    def resolve_stichting(school: School) -> str:
        return school.stichting.name

    @staticmethod
    def resolve_protocol(school: School) -> ProtocolRef | None:
        version = school.protocol
        if version is None:
            return None
        return ProtocolRef(id=version.protocol_id, version=version.version)


class GroupOut(Schema):
    id: int
    name: str
    school: int

    @staticmethod
    def resolve_school(group: Group) -> int:
        return group.school_id


class PersonOut(Schema):
    """Only what a system needs to refer to a person; nothing more leaves the school."""

    id: int
    name: str
    role: Person.Role
    school: int
    group: int | None = Field(description="A student's class, or the group a mentor guides.")

    @staticmethod
    def resolve_name(person: Person) -> str:
        return person.full_name

    @staticmethod
    def resolve_school(person: Person) -> int:
        return person.school_id

    @staticmethod
    def resolve_group(person: Person) -> int | None:
        return person.group_id


# -- errors ---------------------------------------------------------------------------------


class FieldProblem(Schema):
    field: str = Field(description="Dotted path, such as actor.role or "
                                   "post.media[0].people[0].consent; empty for the whole body.")
    message: str


class ProblemsOut(Schema):
    detail: list[FieldProblem]


class ErrorOut(Schema):
    detail: str
