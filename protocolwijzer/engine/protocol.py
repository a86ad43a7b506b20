"""Loading a protocol file into the form the engine decides with.

``load_protocol(path)`` reads, validates and compiles one file. Every problem is reported
at once, each with the file, line and field, in a sentence a beheerder understands; a
protocol that loads is internally consistent (every rule cites an existing article, every
normative article is implemented, ids are unique, every condition tests a known fact).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from protocolwijzer.engine import limits, schema
from protocolwijzer.engine.clauses import clause_problems
from protocolwijzer.engine.conditions import Predicate, always, compile_condition, facts_in
from protocolwijzer.engine.errors import Problem, ProtocolError, format_path
from protocolwijzer.engine.schema import LocalText
from protocolwijzer.engine.yamlsafe import LoadedYaml, load_yaml
from protocolwijzer.i18n import get_language
from protocolwijzer.i18n import gettext as _

BUILTIN_DIR = Path(__file__).resolve().parent.parent / "protocols" / "data"



def localize(text: LocalText | None, language: str | None = None) -> str:
    """The text in the active language, falling back to Dutch."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    wanted = language or get_language()
    return (text.get("en") if wanted == "en" else None) or text["nl"]


@dataclass(frozen=True)
class Article:
    id: str
    kind: str  # normative | informative | procedural
    text: str
    summary: LocalText | None
    roles: tuple[str, ...]
    section_id: str
    order: int

    @property
    def is_normative(self) -> bool:
        return self.kind == "normative"


@dataclass(frozen=True)
class Section:
    id: str
    title: str | None
    intro: str | None
    articles: tuple[Article, ...]


@dataclass(frozen=True)
class RuleException:
    article: str
    condition: Predicate
    message: LocalText | None


@dataclass(frozen=True)
class Rule:
    id: str
    article: str
    effect: str
    roles: frozenset[str]
    contexts: frozenset[str] | None
    actions: frozenset[str] | None
    condition: Predicate
    exception: RuleException | None
    requires: Predicate | None
    message: LocalText
    fix: LocalText | None
    order: int
    source: schema.RuleModel = field(repr=False, compare=False)

    @cached_property
    def facts(self) -> frozenset[str]:
        """The facts this rule's condition and requirement look at."""
        return facts_in(self.source.condition) | facts_in(self.source.requires)

    def is_in_scope(self, facts: Mapping[str, Any]) -> bool:
        return (facts["actor.role"] in self.roles
                and (self.contexts is None or facts["context"] in self.contexts)
                and (self.actions is None or facts["action"] in self.actions)
                and self.condition(facts))


@dataclass(frozen=True)
class Consequence:
    article: str
    kind: str
    roles: frozenset[str]
    condition: Predicate
    text: LocalText
    measures: tuple[str, ...]
    contact: str | None
    order: int


@dataclass(frozen=True)
class ScopeReason:
    condition: Predicate
    message: LocalText


@dataclass(frozen=True)
class Scope:
    """When the protocol applies: ``condition`` (what the situation declares), or failing
    that one of ``reasons`` (what the situation itself shows); ``message`` says why it does
    not apply when neither holds."""

    article: str
    condition: Predicate
    message: LocalText
    reasons: tuple[ScopeReason, ...] = ()
    in_scope_message: LocalText | None = None


@dataclass(frozen=True)
class Protocol:
    id: str
    title: str
    organisation: str
    names: tuple[str, ...]
    version: str
    schooljaar: str | None
    model: schema.ProtocolModel = field(repr=False)
    sections: tuple[Section, ...]
    articles: Mapping[str, Article]
    rules: tuple[Rule, ...]
    consequences: tuple[Consequence, ...]
    scope: tuple[Scope, ...]
    source_text: str = field(repr=False)
    sha256: str
    filename: str | None

    def article(self, article_id: str) -> Article:
        return self.articles[article_id]

    def rules_for_article(self, article_id: str) -> list[Rule]:
        return [rule for rule in self.rules
                if rule.article == article_id
                or (rule.exception is not None and rule.exception.article == article_id)]

    def iter_articles(self) -> Iterator[Article]:
        for section in self.sections:
            yield from section.articles


def load_protocol(path: str | Path) -> Protocol:
    path = Path(path)
    try:
        # Never more than one byte past the limit, whatever the file's size.
        with path.open("rb") as handle:
            raw = handle.read(limits.MAX_BYTES + 1)
    except OSError as exc:
        raise ProtocolError([Problem("", _("The file cannot be read: %(reason)s.")
                                     % {"reason": exc.strerror or exc})], str(path)) from None
    return load_protocol_text(raw, filename=str(path))


def load_protocol_text(text: str | bytes, filename: str | None = None) -> Protocol:
    loaded = load_yaml(text, ProtocolError, filename)
    if not isinstance(loaded.data, dict):
        raise ProtocolError([Problem("", _("A protocol file must be a mapping with format, id, "
                                           "title, sections and rules."), 1)], filename)
    try:
        model = schema.ProtocolModel.model_validate(loaded.data)
    except ValidationError as exc:
        raise ProtocolError(_translate_errors(exc, loaded), filename) from None
    source = text if isinstance(text, str) else text.decode("utf-8")
    return _compile(model, loaded, source, filename)


def builtin_protocol_paths() -> dict[str, Path]:
    """The protocol files that ship with Protocolwijzer, by protocol id."""
    return {path.stem: path for path in sorted(BUILTIN_DIR.glob("*.yaml"))}


def compiled_protocol(text: str, filename: str) -> Protocol:
    """The compiled protocol of ``text``, compiled once per process: THE cache of compiled
    protocols, used by every caller (the checker page, the API, the protocol pages).

    Keyed by the SHA-256 of the text itself, so an edited text is never served from an old
    compilation; parsing and validating a protocol is most of a check's time. A school
    has a handful of versions, so the cache keeps the most recent few dozen.
    """
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    with _COMPILED_LOCK:
        protocol = _COMPILED.pop(key, None)
    if protocol is None:  # two threads may both compile it once; either result is right
        protocol = load_protocol_text(text, filename=filename)
    with _COMPILED_LOCK:
        _COMPILED[key] = protocol  # (re)inserted: the dict's order is the order of last use
        while len(_COMPILED) > _COMPILED_MAX:
            del _COMPILED[next(iter(_COMPILED))]
    return protocol


_COMPILED: dict[str, Protocol] = {}
_COMPILED_MAX = 32
_COMPILED_LOCK = threading.Lock()


@cache
def builtin_protocol(protocol_id: str) -> Protocol:
    paths = builtin_protocol_paths()
    if protocol_id not in paths:
        raise KeyError(protocol_id)
    return load_protocol(paths[protocol_id])


def _compile(model: schema.ProtocolModel, loaded: LoadedYaml, source: str,
             filename: str | None) -> Protocol:
    problems: list[Problem] = []

    def problem(path: tuple[str | int, ...], message: str) -> None:
        problems.append(Problem(format_path(path), message, loaded.line_for(path)))

    def condition(raw: Any, path: tuple[str | int, ...]) -> Predicate:
        return always if raw is None else compile_condition(raw, path, problems,
                                                            loaded.line_for)

    sections: list[Section] = []
    articles: dict[str, Article] = {}
    section_ids: set[str] = set()
    order = 0
    for s_index, section in enumerate(model.sections):
        if section.id in section_ids:
            problem(("sections", s_index, "id"), _("The section id '%(id)s' is used twice.")
                    % {"id": section.id})
        section_ids.add(section.id)
        section_articles = []
        for a_index, art in enumerate(section.articles):
            if art.id in articles:
                problem(("sections", s_index, "articles", a_index, "id"),
                        _("The article id '%(id)s' is used twice.") % {"id": art.id})
                continue
            article = Article(art.id, art.kind, art.text, art.summary,
                              tuple(art.roles or ("staff", "student", "parent", "other")),
                              section.id, order)
            order += 1
            articles[art.id] = article
            section_articles.append(article)
        sections.append(Section(section.id, section.title, section.intro,
                                tuple(section_articles)))

    cited: set[str] = set()

    def cite(article_id: str | None, path: tuple[str | int, ...]) -> None:
        if article_id is None:
            return
        if article_id not in articles:
            problem(path, _("The article '%(id)s' does not exist in this protocol.")
                    % {"id": article_id})
        elif articles[article_id].kind == "informative":
            problem(path, _("The article '%(id)s' is marked informative, so no rule can rest "
                            "on it; mark it normative.") % {"id": article_id})
        cited.add(article_id)

    rules: list[Rule] = []
    rule_ids: set[str] = set()
    for index, rule in enumerate(model.rules):
        path: tuple[str | int, ...] = ("rules", index)
        cite(rule.article, (*path, "article"))
        rule_id = rule.id or f"{rule.article}#{index + 1}"
        if rule_id in rule_ids:
            problem((*path, "id"), _("The rule id '%(id)s' is used twice.") % {"id": rule_id})
        rule_ids.add(rule_id)
        if rule.effect == "obligation":
            if rule.requires is None:
                problem((*path, "requires"), _("An obligation must say what it requires."))
            if rule.fix is None:
                problem((*path, "fix"), _("An obligation must say how to meet it (fix)."))
        elif rule.requires is not None:
            problem((*path, "requires"), _("Only an obligation has 'requires'."))
        if rule.exception is not None and rule.effect != "forbidden":
            problem((*path, "exception"), _("Only a prohibition (forbidden) has an exception."))
        exception = None
        if rule.exception is not None:
            exception_article = rule.exception.article or rule.article
            cite(exception_article, (*path, "exception", "article"))
            exception = RuleException(
                exception_article,
                condition(rule.exception.condition, (*path, "exception", "condition")),
                rule.exception.message)
        rules.append(Rule(
            id=rule_id, article=rule.article, effect=rule.effect,
            roles=frozenset(rule.roles),
            contexts=frozenset(rule.contexts) if rule.contexts else None,
            actions=frozenset(rule.actions) if rule.actions else None,
            condition=condition(rule.condition, (*path, "condition")),
            exception=exception,
            requires=(condition(rule.requires, (*path, "requires"))
                      if rule.requires is not None else None),
            message=rule.message, fix=rule.fix, order=index, source=rule))

    consequences = []
    for index, cons in enumerate(model.consequences):
        cite(cons.article, ("consequences", index, "article"))
        consequences.append(Consequence(
            cons.article, cons.kind, frozenset(cons.roles),
            condition(cons.condition, ("consequences", index, "condition")),
            cons.text, tuple(cons.measures or ()), cons.contact, index))

    scope = []
    for index, item in enumerate(model.scope):
        cite(item.article, ("scope", index, "article"))
        if item.reasons and item.in_scope_message is None:
            problem(("scope", index, "in_scope_message"),
                    _("A scope with reasons must say, in in_scope_message, how the verdict "
                      "tells that the protocol applies after all."))
        reasons = tuple(
            ScopeReason(condition(reason.condition,
                                  ("scope", index, "reasons", r_index, "condition")),
                        reason.message)
            for r_index, reason in enumerate(item.reasons))
        scope.append(Scope(item.article,
                           condition(item.condition, ("scope", index, "condition")),
                           item.message, reasons, item.in_scope_message))

    for clause_path, message in clause_problems(model, rule_ids):
        problem(clause_path, message)

    if model.evaluation.article is not None:
        if model.evaluation.article not in articles:
            problem(("evaluation", "article"),
                    _("The article '%(id)s' does not exist in this protocol.")
                    % {"id": model.evaluation.article})
        cited.add(model.evaluation.article)

    for article in articles.values():
        if article.is_normative and article.id not in cited:
            s_index = next(i for i, s in enumerate(model.sections) if s.id == article.section_id)
            a_index = next(i for i, a in enumerate(model.sections[s_index].articles)
                           if a.id == article.id)
            problem(("sections", s_index, "articles", a_index, "kind"),
                    _("The article '%(id)s' is normative, but no rule, scope or consequence "
                      "implements it; add a rule or mark it informative.") % {"id": article.id})

    if problems:
        raise ProtocolError(problems, filename)
    return Protocol(
        id=model.id, title=model.title, organisation=model.organisation,
        names=tuple(model.names) or (model.organisation,), version=model.version,
        schooljaar=model.schooljaar, model=model, sections=tuple(sections),
        articles=articles, rules=tuple(rules), consequences=tuple(consequences),
        scope=tuple(scope), source_text=source,
        sha256=hashlib.sha256(source.encode("utf-8")).hexdigest(), filename=filename)


def _translate_errors(exc: ValidationError, loaded: LoadedYaml) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for error in exc.errors():
        path = _data_path(error["loc"], loaded.data)
        field_name = format_path(path)
        if field_name in seen:
            continue  # a union reports each alternative; one sentence per field is enough
        seen.add(field_name)
        problems.append(Problem(field_name, _pydantic_message(error), loaded.line_for(path)))
    return problems


def _data_path(loc: tuple[Any, ...], data: Any) -> tuple[str | int, ...]:
    """The part of a pydantic location that names real places in the data."""
    path: list[str | int] = []
    current = data
    for part in loc:
        if isinstance(current, dict) and part in current:
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and part < len(current):
            current = current[part]
        elif isinstance(current, dict) and isinstance(part, str) and not path_is_union(part):
            path.append(part)  # a missing or unknown key: still name it
            break
        else:
            break
        path.append(part)
    return tuple(path)


def path_is_union(part: str) -> bool:
    # pydantic names union alternatives by their type, like "str" or "dict[...]".
    return part in {"str", "int", "date", "list", "dict", "bool"} or "[" in part


def _pydantic_message(error: Mapping[str, Any]) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return _("This field is required.")
    if kind == "extra_forbidden":
        return _("This field is not part of the protocol format; check the spelling.")
    if kind in ("literal_error", "enum"):
        return _("'%(value)s' is not one of %(expected)s.") % {
            "value": value,
            "expected": str(ctx.get("expected", "")).replace("'", "").replace(" or ", ", ")}
    if kind == "string_pattern_mismatch":
        return _("'%(value)s' is not a valid id: use letters, digits and dots, such as A.5 or "
                 "sancties.2.") % {"value": value}
    if kind in ("too_short", "string_too_short"):
        return _("This must not be empty.")
    if kind == "string_too_long":
        return _("This text is too long.")
    if kind in ("string_type", "str_type"):
        return _("This must be a text.")
    if kind == "list_type":
        return _("This must be a list.")
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return _("This must be a mapping of fields.")
    if kind in ("bool_type", "bool_parsing"):
        return _("This must be true or false.")
    if kind in ("int_type", "int_parsing"):
        return _("This must be a whole number.")
    if kind == "value_error":
        return _("A Dutch text (nl) is required.")
    return str(error.get("msg", kind)) + "."
