"""The protocol file format, version ``protocolwijzer/1``.

These models are the single definition of the format: the loader validates with them and
``protocolwijzer protocols schema`` publishes their JSON Schema for editors. Unknown fields
are refused everywhere, so a typo never silently switches a rule off.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, field_validator
from pydantic_core import PydanticCustomError

from protocolwijzer.engine.vocabulary import (
    FACTS,
    Action,
    ConsequenceKind,
    Context,
    Effect,
    Role,
)
from protocolwijzer.i18n import gettext as _

FORMAT = "protocolwijzer/1"

_CONDITION_SCHEMA: dict[str, Any] = {
    "description": "A mapping of facts to values (a list means one of, a mapping gives "
                   "operators eq, ne, in, not_in, gt, gte, lt, lte), or a single all/any/not.",
    "type": "object",
    "minProperties": 1,
    "propertyNames": {"enum": [*FACTS, "all", "any", "not"]},
}
Condition = Annotated[Any, WithJsonSchema(_CONDITION_SCHEMA)]

# A text shown to people: plain Dutch, or per language with Dutch required.
LocalText = str | dict[Literal["nl", "en"], str]

ArticleId = Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$",
                                 max_length=40)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{1,80}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _require_dutch(value: LocalText | None) -> LocalText | None:
    if isinstance(value, dict) and "nl" not in value:
        raise ValueError("a Dutch text (nl) is required")
    return value


class ProposalModel(_Strict):
    """What ``protocols import`` proposed and no person has confirmed yet (issue 16).

    On a rule, consequence or scope entry: copied from the known article ``source`` whose
    text resembles this article's (``similarity``, 0 to 1). On an article: its kind comes
    from that article, or, without ``source``, from no known article at all (so it is
    informative until someone writes its rules). The engine applies a proposed rule like
    any other; confirming a proposal is deleting this field."""

    source: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{1,80}#[A-Za-z][A-Za-z0-9.]*$",
                                 max_length=130)] | None = Field(
        default=None, description="The known article it was copied from: "
                                  "'<protocol id>#<article id>'.")
    similarity: float | None = Field(
        default=None, ge=0, le=1, description="How close the texts are (cosine of their "
                                              "character n-grams, 0 to 1).")


_PROPOSED_DESCRIPTION = ("Set by protocols import: a proposal for a person to confirm or "
                         "change; delete it to confirm. The engine applies it as it is.")

_CLAUSE_ID = r"^(who|where|what|unless|consequence)[2-9]?$"


class ClauseModel(_Strict):
    id: str = Field(
        json_schema_extra={"pattern": _CLAUSE_ID},
        description="who: whom it binds; where: the context, channel or moment; what: the "
                    "act regulated; unless: the stated exception; consequence: what a "
                    "sanctions article attaches. A digit when an article has two of a kind "
                    "(what2).")
    text: str = Field(min_length=1, description="A fragment of the article's text, verbatim.")
    rules: list[Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._#-]*$")]] = Field(
        default_factory=list, description="Ids of the rules that implement this clause.")
    scope: list[ArticleId] = Field(
        default_factory=list, description="Articles whose scope entries implement it.")
    consequences: list[ArticleId] = Field(
        default_factory=list, description="Articles whose consequences implement it.")

    @field_validator("id")
    @classmethod
    def _clause_id(cls, value: str) -> str:
        if not re.match(_CLAUSE_ID, value):
            # The loader shows the message of an unknown error type as it is.
            raise PydanticCustomError("clause_id", _(
                "'%(value)s' is not a clause id: use who, where, what, unless or "
                "consequence, with a digit for a second one (what2)") % {"value": value})
        return value


class ArticleModel(_Strict):
    id: ArticleId
    kind: Literal["normative", "informative", "procedural"] = Field(
        description="normative: binds people and is implemented by rules; informative: "
                    "explains or states a principle; procedural: a duty of the school "
                    "itself (keeping a list, evaluating the protocol).")
    title: LocalText | None = Field(
        default=None, description="A short heading in plain words, shown with the id "
                                  "(the documents number their articles without headings; "
                                  "like the summary, it is not part of the text).")
    text: str = Field(min_length=1, description="The article, verbatim.")
    summary: LocalText | None = Field(
        default=None, description="The article in plain words (B1), for the reader.")
    roles: list[Role] | None = Field(
        default=None, description="Whom the article addresses; absent means everyone.")
    clauses: list[ClauseModel] = Field(
        default_factory=list,
        description="The article split into its clauses, each with what implements it; "
                    "scenarios name them (A.6/who) and protocols coverage reports per "
                    "clause.")
    proposed: ProposalModel | None = Field(default=None, description=_PROPOSED_DESCRIPTION)

    _dutch = field_validator("summary", "title")(_require_dutch)


class SectionModel(_Strict):
    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    title: str | None = Field(
        default=None, description="The heading as in the document; absent when the document "
                                  "gives the text no heading (never invent one).")
    intro: str | None = Field(default=None, description="Text before the articles, verbatim.")
    articles: list[ArticleModel] = Field(default_factory=list)


class ExceptionModel(_Strict):
    article: ArticleId | None = Field(
        default=None, description="The article that states the exception; absent means the "
                                  "rule's own article.")
    condition: Condition
    message: LocalText | None = None

    _dutch = field_validator("message")(_require_dutch)


class RuleModel(_Strict):
    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")] | None = None
    article: ArticleId
    effect: Effect
    roles: list[Role] = Field(min_length=1)
    contexts: list[Context] | None = None
    actions: list[Action] | None = None
    condition: Condition | None = None
    exception: ExceptionModel | None = Field(
        default=None, description="Only for 'forbidden': when it holds, the prohibition is "
                                  "lifted and both articles are cited.")
    requires: Condition | None = Field(
        default=None, description="Only for 'obligation': what must hold to meet it.")
    message: LocalText
    fix: LocalText | None = Field(default=None, description="What to change; required for "
                                                            "an obligation.")
    note: LocalText | None = Field(
        default=None, description="A note the article itself does not state (for instance "
                                  "what the law adds), shown after the message of every "
                                  "finding of this rule.")
    proposed: ProposalModel | None = Field(default=None, description=_PROPOSED_DESCRIPTION)

    _dutch = field_validator("message", "fix", "note")(_require_dutch)


class ConsequenceModel(_Strict):
    article: ArticleId
    kind: ConsequenceKind
    roles: list[Role] = Field(min_length=1)
    condition: Condition | None = None
    text: LocalText
    measures: list[str] | None = Field(default=None, description="The ladder, mildest first.")
    contact: str | None = Field(default=None, description="Whom to call, for an escalation.")
    proposed: ProposalModel | None = Field(default=None, description=_PROPOSED_DESCRIPTION)

    _dutch = field_validator("text")(_require_dutch)


class ScopeReasonModel(_Strict):
    condition: Condition
    message: LocalText = Field(description="Why the situation is in scope when this holds, "
                                           "as a full sentence.")

    _dutch = field_validator("message")(_require_dutch)


class ScopeModel(_Strict):
    article: ArticleId
    condition: Condition = Field(description="What the situation must declare to be in scope.")
    message: LocalText = Field(description="Why the situation is out of scope, when neither "
                                           "the condition nor any reason holds.")
    reasons: list[ScopeReasonModel] = Field(
        default_factory=list,
        description="What brings a situation into scope although the condition does not hold "
                    "(an overlap with school the situation itself shows). When one or more "
                    "hold, the protocol applies and the verdict carries an advice finding "
                    "citing the article: in_scope_message, then each reason's message.")
    in_scope_message: LocalText | None = Field(
        default=None, description="The first sentence of that finding; required with "
                                  "reasons.")
    proposed: ProposalModel | None = Field(default=None, description=_PROPOSED_DESCRIPTION)

    _dutch = field_validator("message", "in_scope_message")(_require_dutch)


class EstablishedModel(_Strict):
    by: str
    on: str | datetime.date | None = None


class InstemmingModel(_Strict):
    body: Literal["MR", "GMR", "OR", "team", "leerlingen", "ouders"]
    on: str | datetime.date | None = None
    status: Literal["given", "submitted"] = Field(
        default="given",
        description="given: the document records the instemming; submitted: it only says "
                    "the protocol is presented to this body for instemming.")


class EvaluationModel(_Strict):
    cadence: Literal["yearly", "every_two_years", "none"]
    article: ArticleId | None = None


class SourceModel(_Strict):
    document: str
    file: str | None = None


class ProtocolModel(_Strict):
    format: Literal["protocolwijzer/1"]
    id: Slug
    title: str
    organisation: str
    names: list[str] = Field(
        default_factory=list,
        description="Names and abbreviations of the school or stichting, for recognising "
                    "an employee mention in a post.")
    version: str
    schooljaar: str | None = None
    established: EstablishedModel
    instemming: list[InstemmingModel] = Field(default_factory=list)
    evaluation: EvaluationModel
    source: SourceModel
    sections: list[SectionModel] = Field(min_length=1)
    scope: list[ScopeModel] = Field(default_factory=list)
    rules: list[RuleModel] = Field(default_factory=list)
    consequences: list[ConsequenceModel] = Field(default_factory=list)


def json_schema() -> dict[str, Any]:
    schema = ProtocolModel.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Protocolwijzer protocol file (protocolwijzer/1)"
    return schema
