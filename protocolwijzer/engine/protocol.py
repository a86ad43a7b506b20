"""Loading a protocol file into the form the engine decides with.

``load_protocol(path)`` reads, validates and compiles one file. Every problem is reported
at once, each with the file, line and field, in a sentence a beheerder understands; a
protocol that loads is internally consistent (every rule cites an existing article, every
normative article is implemented, ids are unique, every condition tests a known fact).

Validation (YAML and the pydantic models of ``schema.py``) turns the file into plain
data; compiling turns plain data into the engine's form. Only the second step is needed
again for a file that was validated before, which is what lets a cached protocol load
without YAML or pydantic (``compiled_protocol``, ``protocol_cache.py``).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from protocolwijzer.engine import limits
from protocolwijzer.engine.conditions import Predicate, always, compile_condition, facts_in
from protocolwijzer.engine.errors import Problem, ProtocolError, format_path
from protocolwijzer.i18n import get_language
from protocolwijzer.i18n import gettext as _

if TYPE_CHECKING:
    from pydantic import ValidationError

    from protocolwijzer.engine import schema
    from protocolwijzer.engine.schema import LocalText
    from protocolwijzer.engine.yamlsafe import LoadedYaml

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
    title: LocalText | None = None  # a short heading in plain words (issue 14)

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
    note: LocalText | None
    order: int
    data: Mapping[str, Any] = field(repr=False, compare=False)

    @cached_property
    def facts(self) -> frozenset[str]:
        """The facts this rule's condition and requirement look at."""
        return facts_in(self.data["condition"]) | facts_in(self.data["requires"])

    @cached_property
    def source(self) -> schema.RuleModel:
        """The rule as the file format's model (built on first use: the engine itself
        needs only the plain ``data``)."""
        from protocolwijzer.engine import schema

        return schema.RuleModel.model_validate(self.data)

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
    sections: tuple[Section, ...]
    articles: Mapping[str, Article]
    rules: tuple[Rule, ...]
    consequences: tuple[Consequence, ...]
    scope: tuple[Scope, ...]
    source_text: str = field(repr=False)
    sha256: str
    filename: str | None
    # The validated file as plain data (what ``model`` dumps to): what a cache keeps.
    data: Mapping[str, Any] = field(repr=False, compare=False)

    @cached_property
    def model(self) -> schema.ProtocolModel:
        """The whole file as the format's pydantic model, for the few readers that want
        what the engine does not use (instemming, evaluation). Set at once when the file
        was just validated; built from ``data`` on first use after a cache hit."""
        from protocolwijzer.engine import schema

        return schema.ProtocolModel.model_validate(self.data)

    def article(self, article_id: str) -> Article:
        return self.articles[article_id]

    def rules_for_article(self, article_id: str) -> list[Rule]:
        return [rule for rule in self.rules
                if rule.article == article_id
                or (rule.exception is not None and rule.exception.article == article_id)]

    def iter_articles(self) -> Iterator[Article]:
        for section in self.sections:
            yield from section.articles


def load_protocol(path: str | Path, cache_dir: Path | None = None) -> Protocol:
    """The protocol in the file at ``path``, compiled once per process for its content
    (``compiled_protocol``); with ``cache_dir``, also kept on disk between processes."""
    path = Path(path)
    try:
        # Never more than one byte past the limit, whatever the file's size.
        with path.open("rb") as handle:
            raw = handle.read(limits.MAX_BYTES + 1)
    except OSError as exc:
        raise ProtocolError([Problem("", _("The file cannot be read: %(reason)s.")
                                     % {"reason": exc.strerror or exc})], str(path)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None or len(raw) > limits.MAX_BYTES:
        return load_protocol_text(raw, filename=str(path))  # refused, with the reason
    return compiled_protocol(text, filename=str(path), cache_dir=cache_dir)


def load_protocol_text(text: str | bytes, filename: str | None = None) -> Protocol:
    """Reads, validates and compiles a protocol (no cache)."""
    from pydantic import ValidationError

    from protocolwijzer.engine import schema
    from protocolwijzer.engine.yamlsafe import load_yaml

    loaded = load_yaml(text, ProtocolError, filename)
    if not isinstance(loaded.data, dict):
        raise ProtocolError([Problem("", _("A protocol file must be a mapping with format, id, "
                                           "title, sections and rules."), 1)], filename)
    try:
        model = schema.ProtocolModel.model_validate(loaded.data)
    except ValidationError as exc:
        raise ProtocolError(_translate_errors(exc, loaded), filename) from None
    source = text if isinstance(text, str) else text.decode("utf-8")
    protocol = _compile(model.model_dump(), loaded.line_for, source, filename, model)
    # Already built: no need to validate them again when someone asks.
    protocol.__dict__["model"] = model
    for rule in protocol.rules:
        rule.__dict__["source"] = model.rules[rule.order]
    return protocol


def builtin_protocol_paths() -> dict[str, Path]:
    """The protocol files that ship with Protocolwijzer, by protocol id."""
    return {path.stem: path for path in sorted(BUILTIN_DIR.glob("*.yaml"))}


def compiled_protocol(text: str, filename: str, cache_dir: Path | None = None) -> Protocol:
    """The compiled protocol of ``text``, compiled once per process: THE cache of compiled
    protocols, used by every caller (the checker page, the API, the protocol pages, the
    command line).

    Keyed by the SHA-256 of the text itself, so an edited text is never served from an old
    compilation; parsing and validating a protocol is most of a check's time. A school
    has a handful of versions, so the cache keeps the most recent few dozen.

    With ``cache_dir`` (the command line, where every check is a new process), the
    validated file is also kept on disk under the same key (``protocol_cache.py``), so that a
    later process compiles it without parsing YAML or building pydantic's models. An
    entry that cannot be read or compiled is ignored, and the file is validated again.
    """
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    with _COMPILED_LOCK:
        protocol = _COMPILED.pop(key, None)
    if protocol is None and cache_dir is not None:
        protocol = _from_disk(cache_dir, key, text, filename)
    if protocol is None:  # two threads may both compile it once; either result is right
        protocol = load_protocol_text(text, filename=filename)
        if cache_dir is not None:
            from protocolwijzer.engine import protocol_cache

            protocol_cache.write(cache_dir, key, protocol.data)
    with _COMPILED_LOCK:
        _COMPILED[key] = protocol  # (re)inserted: the dict's order is the order of last use
        while len(_COMPILED) > _COMPILED_MAX:
            del _COMPILED[next(iter(_COMPILED))]
    return protocol


def _from_disk(cache_dir: Path, key: str, text: str, filename: str) -> Protocol | None:
    from protocolwijzer.engine import protocol_cache

    data = protocol_cache.read(cache_dir, key)
    if data is None:
        return None
    try:
        return _compile(data, lambda _path: None, text, filename)
    except Exception:  # an entry that does not compile: validate the file
        return None


_COMPILED: dict[str, Protocol] = {}
_COMPILED_MAX = 32
_COMPILED_LOCK = threading.Lock()


@cache
def builtin_protocol(protocol_id: str) -> Protocol:
    paths = builtin_protocol_paths()
    if protocol_id not in paths:
        raise KeyError(protocol_id)
    return load_protocol(paths[protocol_id])


def _compile(data: Mapping[str, Any], line_for: Callable[[tuple[str | int, ...]], int | None],
             source: str, filename: str | None,
             model: schema.ProtocolModel | None = None) -> Protocol:
    """The engine's form of a validated protocol, given as the plain data its model dumps
    to (every field present, defaults filled in): the same code for a file just validated
    and for one read back from a cache."""
    problems: list[Problem] = []

    def problem(path: tuple[str | int, ...], message: str) -> None:
        problems.append(Problem(format_path(path), message, line_for(path)))

    def condition(raw: Any, path: tuple[str | int, ...]) -> Predicate:
        return always if raw is None else compile_condition(raw, path, problems, line_for)

    sections: list[Section] = []
    articles: dict[str, Article] = {}
    section_ids: set[str] = set()
    order = 0
    for s_index, section in enumerate(data["sections"]):
        if section["id"] in section_ids:
            problem(("sections", s_index, "id"), _("The section id '%(id)s' is used twice.")
                    % {"id": section["id"]})
        section_ids.add(section["id"])
        section_articles = []
        for a_index, art in enumerate(section["articles"]):
            if art["id"] in articles:
                problem(("sections", s_index, "articles", a_index, "id"),
                        _("The article id '%(id)s' is used twice.") % {"id": art["id"]})
                continue
            article = Article(art["id"], art["kind"], art["text"], art["summary"],
                              tuple(art["roles"] or ("staff", "student", "parent", "other")),
                              section["id"], order, art.get("title"))
            order += 1
            articles[art["id"]] = article
            section_articles.append(article)
        sections.append(Section(section["id"], section["title"], section["intro"],
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
    for index, rule in enumerate(data["rules"]):
        path: tuple[str | int, ...] = ("rules", index)
        cite(rule["article"], (*path, "article"))
        rule_id = rule["id"] or f"{rule['article']}#{index + 1}"
        if rule_id in rule_ids:
            problem((*path, "id"), _("The rule id '%(id)s' is used twice.") % {"id": rule_id})
        rule_ids.add(rule_id)
        if rule["effect"] == "obligation":
            if rule["requires"] is None:
                problem((*path, "requires"), _("An obligation must say what it requires."))
            if rule["fix"] is None:
                problem((*path, "fix"), _("An obligation must say how to meet it (fix)."))
        elif rule["requires"] is not None:
            problem((*path, "requires"), _("Only an obligation has 'requires'."))
        if rule["exception"] is not None and rule["effect"] != "forbidden":
            problem((*path, "exception"), _("Only a prohibition (forbidden) has an exception."))
        exception = None
        if rule["exception"] is not None:
            exception_article = rule["exception"]["article"] or rule["article"]
            cite(exception_article, (*path, "exception", "article"))
            exception = RuleException(
                exception_article,
                condition(rule["exception"]["condition"], (*path, "exception", "condition")),
                rule["exception"]["message"])
        rules.append(Rule(
            id=rule_id, article=rule["article"], effect=rule["effect"],
            roles=frozenset(rule["roles"]),
            contexts=frozenset(rule["contexts"]) if rule["contexts"] else None,
            actions=frozenset(rule["actions"]) if rule["actions"] else None,
            condition=condition(rule["condition"], (*path, "condition")),
            exception=exception,
            requires=(condition(rule["requires"], (*path, "requires"))
                      if rule["requires"] is not None else None),
            message=rule["message"], fix=rule["fix"], note=rule["note"], order=index,
            data=rule))

    consequences = []
    for index, cons in enumerate(data["consequences"]):
        cite(cons["article"], ("consequences", index, "article"))
        consequences.append(Consequence(
            cons["article"], cons["kind"], frozenset(cons["roles"]),
            condition(cons["condition"], ("consequences", index, "condition")),
            cons["text"], tuple(cons["measures"] or ()), cons["contact"], index))

    scope = []
    for index, item in enumerate(data["scope"]):
        cite(item["article"], ("scope", index, "article"))
        reasons_data = item.get("reasons") or ()
        if reasons_data and item.get("in_scope_message") is None:
            problem(("scope", index, "in_scope_message"),
                    _("A scope with reasons must say, in in_scope_message, how the verdict "
                      "tells that the protocol applies after all."))
        reasons = tuple(
            ScopeReason(condition(reason["condition"],
                                  ("scope", index, "reasons", r_index, "condition")),
                        reason["message"])
            for r_index, reason in enumerate(reasons_data))
        scope.append(Scope(item["article"],
                           condition(item["condition"], ("scope", index, "condition")),
                           item["message"], reasons, item.get("in_scope_message")))

    if model is not None:  # a cached file was checked when it was first validated
        from protocolwijzer.engine.clauses import clause_problems

        for clause_path, message in clause_problems(model, rule_ids):
            problem(clause_path, message)

    evaluation_article = data["evaluation"]["article"]
    if evaluation_article is not None:
        if evaluation_article not in articles:
            problem(("evaluation", "article"),
                    _("The article '%(id)s' does not exist in this protocol.")
                    % {"id": evaluation_article})
        cited.add(evaluation_article)

    for article in articles.values():
        if article.is_normative and article.id not in cited:
            s_index = next(i for i, s in enumerate(data["sections"])
                           if s["id"] == article.section_id)
            a_index = next(i for i, a in enumerate(data["sections"][s_index]["articles"])
                           if a["id"] == article.id)
            problem(("sections", s_index, "articles", a_index, "kind"),
                    _("The article '%(id)s' is normative, but no rule, scope or consequence "
                      "implements it; add a rule or mark it informative.") % {"id": article.id})

    if problems:
        raise ProtocolError(problems, filename)
    return Protocol(
        id=data["id"], title=data["title"], organisation=data["organisation"],
        names=tuple(data["names"]) or (data["organisation"],), version=data["version"],
        schooljaar=data["schooljaar"], sections=tuple(sections),
        articles=articles, rules=tuple(rules), consequences=tuple(consequences),
        scope=tuple(scope), source_text=source,
        sha256=hashlib.sha256(source.encode("utf-8")).hexdigest(), filename=filename,
        data=data)


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
