"""The editor's view of a protocol file: per article its title, verbatim text, B1 summary
(in Dutch), clauses and rules, and the changed file built back from what was typed.

Only what a person changed is rewritten: a changed rule's lines, a changed text's value;
every other byte of the file (comments, other articles, the order of keys) stays exactly
as it was, so the MR reads a diff of what changed and nothing else. Validation is the
engine's loader, the same as ``protocolwijzer protocols validate``; its problems are named
by article, rule and field.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from protocolwijzer.engine.errors import Problem, ProtocolError
from protocolwijzer.engine.protocol import Protocol, load_protocol_text, localize
from protocolwijzer.engine.vocabulary import ROLES
from protocolwijzer.engine.yamlsafe import load_yaml

RULES = "rules"


@dataclass
class RuleEditor:
    index: int  # the rule's place in the file's rules list: the form's key
    id: str
    roles: list[str]
    yaml_text: str  # everything but the roles, as YAML


@dataclass
class ClauseEditor:
    id: str
    text: str


@dataclass
class ArticleEditor:
    id: str
    title: str  # in Dutch: the editor edits the Dutch text, the one that binds
    text: str
    rules: list[RuleEditor] = field(default_factory=list)
    index: int = 0  # the article's place in reading order: the form's key
    summary: str = ""
    clauses: list[ClauseEditor] = field(default_factory=list)

    @property
    def text_rows(self) -> int:
        return min(14, max(3, len(self.text) // 45 + 2))


@dataclass(frozen=True)
class Located:
    """A problem with where it is, in the editor's words (article, rule, field)."""

    where: str
    message: str
    rule: int | None = None
    article: int | None = None  # the article's place in reading order

    def to_dict(self) -> dict[str, Any]:
        return {"where": self.where, "message": self.message, "rule": self.rule,
                "article": self.article}


class EditError(ValueError):
    def __init__(self, problems: list[Located]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{p.where}: {p.message}" for p in problems))


def _rules_of(text: str) -> list[dict[str, Any]]:
    data = load_yaml(text, ProtocolError).data
    rules = data.get(RULES) if isinstance(data, dict) else None
    return [r for r in rules if isinstance(r, dict)] if isinstance(rules, list) else []


def _dump(data: Mapping[str, Any]) -> str:
    return yaml.safe_dump(dict(data), sort_keys=False, allow_unicode=True, width=1000)


def articles_for_editing(text: str) -> list[ArticleEditor]:
    """The protocol's articles in order, each with its clauses and rules: roles apart, the
    rest as YAML. ``text`` must be valid (a concept is only ever saved when it is)."""
    protocol = load_protocol_text(text)
    clauses = {str(raw.get("id")): [ClauseEditor(str(c.get("id")), str(c.get("text", "")))
                                    for c in raw.get("clauses") or [] if isinstance(c, dict)]
               for _place, raw in _raw_articles(text)}
    articles = {a.id: ArticleEditor(a.id, localize(a.title, "nl") if a.title else "", a.text,
                                    index=index, summary=localize(a.summary, "nl"),
                                    clauses=clauses.get(a.id, []))
                for index, a in enumerate(protocol.iter_articles())}
    for index, rule in enumerate(_rules_of(text)):
        article = articles.get(str(rule.get("article")))
        if article is None:
            continue
        rest = {k: v for k, v in rule.items() if k != "roles"}
        article.rules.append(RuleEditor(index, str(rule.get("id", "")),
                                        list(rule.get("roles") or []), _dump(rest)))
    return list(articles.values())


def apply_edits(text: str, edits: Mapping[int, tuple[list[str], str]]) -> str:
    """``text`` with the rules of ``edits`` (index -> roles, YAML of the rest) replaced.

    A rule whose roles and YAML say what it said keeps its lines untouched. Raises
    EditError naming the rule and field for YAML that cannot be read or a role that does
    not exist; what the engine says about the result is ``problems_of``'s."""
    loaded = load_yaml(text, ProtocolError)
    rules = loaded.data.get(RULES) if isinstance(loaded.data, dict) else None
    if not isinstance(rules, list):
        return text
    lines = text.splitlines(keepends=True)
    problems: list[Located] = []
    replacements: dict[int, tuple[int, int, str]] = {}
    for index, (roles, yaml_text) in sorted(edits.items()):
        if not 0 <= index < len(rules) or not isinstance(rules[index], dict):
            continue
        original = rules[index]
        where = _where_rule(original)
        bad = [role for role in roles if role not in ROLES]
        if bad:
            problems.append(Located(f"{where} · roles", _(
                "'%(role)s' is not a role; choose from %(roles)s.")
                % {"role": bad[0], "roles": ", ".join(ROLES)}, index))
            continue
        try:
            rest = yaml.safe_load(yaml_text) if yaml_text.strip() else {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f" ({_('line %(line)s') % {'line': mark.line + 1}})" if mark else ""
            problems.append(Located(where, _("This is not valid YAML%(line)s: %(error)s.")
                                    % {"line": line, "error": getattr(exc, "problem", exc)},
                                    index))
            continue
        if not isinstance(rest, dict):
            problems.append(Located(where, _("The rule must be a list of fields "
                                             "(name: value)."), index))
            continue
        if "roles" in rest:
            problems.append(Located(f"{where} · roles", _(
                "Set the roles with the tick boxes, not in the text."), index))
            continue
        merged = _merge(rest, roles)
        if merged == original:
            continue
        start, end = _block(loaded.line_for((RULES, index)), lines)
        indent = len(lines[start]) - len(lines[start].lstrip(" "))
        body = _dump(merged).splitlines()
        block = "".join((" " * indent + "- " if i == 0 else " " * (indent + 2)) + line + "\n"
                        for i, line in enumerate(body))
        replacements[index] = (start, end, block)
    if problems:
        raise EditError(problems)
    for start, end, block in sorted(replacements.values(), reverse=True):
        lines[start:end] = [block]
    return "".join(lines)


ArticleEdits = Mapping[int, Mapping[str, str]]
CLAUSE = "clause:"  # an article edit's key for a clause's fragment: "clause:who"


def apply_article_edits(text: str, edits: ArticleEdits) -> str:
    """``text`` with what was typed for the articles of ``edits`` (reading order -> field ->
    value; the fields are ``title``, ``text``, ``summary`` (both in Dutch) and
    ``clause:<id>``). Only a value that changed is rewritten, in place, as a quoted string;
    a changed title or summary loses its English translation, which said the old thing.
    Raises EditError naming the article and field for an emptied text."""
    if not edits:
        return text
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    nodes = list(_article_nodes(root))
    problems: list[Located] = []
    changes: list[tuple[int, int, str]] = []  # [start, end) of ``text`` -> new
    for index, fields in sorted(edits.items()):
        if not 0 <= index < len(nodes):
            continue
        article_id, node = nodes[index]
        pairs = _pairs(node)
        for name, typed in fields.items():
            typed = typed.replace("\r\n", "\n")
            if name.startswith(CLAUSE):
                changes += _clause_change(article_id, index, pairs, name[len(CLAUSE):],
                                          typed, problems, text)
            elif name in ARTICLE_FIELDS:
                changes += _field_change(article_id, index, node, pairs, name, typed,
                                         problems, text)
    if problems:
        raise EditError(problems)
    for start, end, new in sorted(changes, reverse=True):
        text = text[:start] + new + text[end:]
    return text


ARTICLE_FIELDS = ("title", "text", "summary")


def field_label(name: str) -> str:
    return {"title": _("title"), "text": _("text"), "summary": _("summary")}.get(name, name)


def _field_change(article_id: str, index: int, node: yaml.MappingNode,
                  pairs: dict[str, tuple[yaml.Node, yaml.Node]], name: str, typed: str,
                  problems: list[Located], text: str) -> list[tuple[int, int, str]]:
    where = f"{article_id} · {field_label(name)}"
    found = pairs.get(name)
    current = _dutch_of(found[1]) if found else None
    if typed == (current or ""):
        return []
    if not typed.strip():
        problems.append(Located(where, _(
            "The %(field)s of article %(article)s cannot be empty; write what it should say.")
            % {"field": field_label(name), "article": article_id}, article=index))
        return []
    if name == "text":
        new = _quoted(typed)
    elif found is not None and isinstance(found[1], yaml.ScalarNode):
        new = _quoted(typed)  # a title or summary written without languages stays so
    else:
        new = "{nl: " + _quoted(typed) + "}"
    if found is not None:
        return [_replace(found[1], new, text)]
    return [_insert(node, pairs, f"{name}: {new}", text)]


def _clause_change(article_id: str, index: int,
                   pairs: dict[str, tuple[yaml.Node, yaml.Node]], clause_id: str,
                   typed: str, problems: list[Located],
                   text: str) -> list[tuple[int, int, str]]:
    clauses = pairs.get("clauses")
    if clauses is None or not isinstance(clauses[1], yaml.SequenceNode):
        return []
    for clause in clauses[1].value:
        if not isinstance(clause, yaml.MappingNode):
            continue
        fields = _pairs(clause)
        id_node = fields.get("id")
        if id_node is None or str(id_node[1].value) != clause_id or "text" not in fields:
            continue
        value = fields["text"][1]
        if isinstance(value, yaml.ScalarNode) and typed == value.value:
            return []
        if not typed.strip():
            problems.append(Located(_("%(article)s · clause %(clause)s")
                                    % {"article": article_id, "clause": clause_id}, _(
                "A clause is a part of the article's text; it cannot be empty."),
                article=index))
            return []
        return [_replace(value, _quoted(typed), text)]
    return []


def _article_nodes(root: yaml.Node | None) -> Iterator[tuple[str, yaml.MappingNode]]:
    """The articles' mapping nodes in reading order, with their ids."""
    for _section_id, section in _section_nodes(root):
        articles = _articles_of(section)
        if articles is not None:
            yield from _ids_of(articles)


def _articles_of(section: yaml.MappingNode) -> yaml.SequenceNode | None:
    """A section's list of articles, if it has one."""
    articles = _pairs(section).get("articles")
    if articles is None or not isinstance(articles[1], yaml.SequenceNode):
        return None
    return articles[1]


def _pairs(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {str(key.value): (key, value) for key, value in node.value
            if isinstance(key, yaml.ScalarNode)}


def _dutch_of(node: yaml.Node) -> str | None:
    if isinstance(node, yaml.ScalarNode):
        return str(node.value)
    if isinstance(node, yaml.MappingNode):
        nl = _pairs(node).get("nl")
        return str(nl[1].value) if nl and isinstance(nl[1], yaml.ScalarNode) else None
    return None


def _quoted(value: str) -> str:
    dumped = yaml.dump(value, Dumper=yaml.SafeDumper, default_style='"', allow_unicode=True,
                       width=10**9)
    return dumped.rstrip("\n")


def _replace(node: yaml.Node, new: str, text: str) -> tuple[int, int, str]:
    """Replaces a value; a block value's span runs on to the next key, whose line break
    and indentation are kept."""
    start, end = node.start_mark.index, node.end_mark.index
    original = text[start:end]
    tail = original[len(original.rstrip(" \n")):]
    return start, end, new + tail


def _insert(node: yaml.MappingNode, pairs: dict[str, tuple[yaml.Node, yaml.Node]],
            entry: str, text: str) -> tuple[int, int, str]:
    """A new key of an article, next to its text: after a one-line text, else before it."""
    key, value = pairs["text"]
    if node.flow_style:
        return key.start_mark.index, key.start_mark.index, f"{entry}, "
    indent = " " * key.start_mark.column
    if isinstance(value, yaml.ScalarNode) and value.style not in ("|", ">"):
        end = value.end_mark.index
        return end, end, f"\n{indent}{entry}"
    return key.start_mark.index, key.start_mark.index, f"{entry}\n{indent}"


def _raw_articles(text: str) -> list[tuple[tuple[int, int], dict[str, Any]]]:
    """The file's articles as written, in reading order, with (section, article) places."""
    return _articles_in(load_yaml(text, ProtocolError).data)


def _articles_in(data: Any) -> list[tuple[tuple[int, int], dict[str, Any]]]:
    """:func:`_raw_articles` of a file already read."""
    found: list[tuple[tuple[int, int], dict[str, Any]]] = []
    sections = data.get("sections") if isinstance(data, dict) else None
    for s_index, section in enumerate(sections if isinstance(sections, list) else []):
        articles = section.get("articles") if isinstance(section, dict) else None
        for a_index, article in enumerate(articles if isinstance(articles, list) else []):
            if isinstance(article, dict):
                found.append(((s_index, a_index), article))
    return found


def article_texts(text: str) -> list[tuple[str, str]]:
    """(id, text) of every article of ``text``, valid or not: what the AVG check reads."""
    try:
        return [(str(a.get("id", "?")), str(a.get("text") or ""))
                for _place, a in _raw_articles(text)]
    except ProtocolError:
        return []


def _merge(rest: Mapping[str, Any], roles: list[str]) -> dict[str, Any]:
    """The rule with its roles where a person writes them: after id, article and effect."""
    merged: dict[str, Any] = {}
    placed = False
    for key, value in rest.items():
        merged[key] = value
        if key == "effect":
            merged["roles"] = list(roles)
            placed = True
    if not placed:
        merged["roles"] = list(roles)
    return merged


def _block(first_line: int | None, lines: list[str]) -> tuple[int, int]:
    """The 0-based [start, end) lines of the list item that starts at ``first_line``
    (1-based): up to the next line as little indented as its dash, without the comments
    and blank lines that lead into what follows."""
    start = (first_line or 1) - 1
    while start > 0 and not lines[start].lstrip().startswith("- "):
        start -= 1
    indent = len(lines[start]) - len(lines[start].lstrip(" "))
    end = start + 1
    while end < len(lines):
        stripped = lines[end].strip()
        depth = len(lines[end]) - len(lines[end].lstrip(" "))
        if stripped and not stripped.startswith("#") and depth <= indent:
            break
        end += 1
    while end > start + 1 and (not lines[end - 1].strip()
                               or lines[end - 1].strip().startswith("#")):
        end -= 1
    return start, end


def _where_rule(rule: Mapping[str, Any]) -> str:
    return _("%(article)s · rule %(rule)s") % {"article": rule.get("article", "?"),
                                               "rule": rule.get("id", "?")}


def problems_of(text: str) -> tuple[Protocol | None, list[Located]]:
    """The engine's verdict on ``text`` (the loader of ``protocols validate``): the
    protocol, or every problem named by article, rule and field."""
    try:
        return load_protocol_text(text, filename="protocol.yaml"), []
    except ProtocolError as exc:
        return None, [_locate(problem, text) for problem in exc.problems]


def _locate(problem: Problem, text: str) -> Located:
    path = problem.field
    if path.startswith(f"{RULES}["):
        index_text, _sep, rest = path[len(RULES) + 1:].partition("]")
        if index_text.isdigit():
            index = int(index_text)
            try:
                rules = _rules_of(text)
            except ProtocolError:
                rules = []
            if index < len(rules):
                where = _where_rule(rules[index])
                rest = rest.lstrip(".")
                return Located(f"{where} · {rest}" if rest else where, problem.message, index)
    article = _ARTICLE_PATH.match(path)
    if article:
        located = _article_located(text, int(article["section"]), int(article["article"]),
                                   article["rest"])
        if located is not None:
            return Located(located[0], problem.message, article=located[1])
    where = path or (_("line %(line)s") % {"line": problem.line} if problem.line else "")
    return Located(where, problem.message)


_ARTICLE_PATH = re.compile(r"^sections\[(?P<section>\d+)\]\.articles\[(?P<article>\d+)\]"
                           r"(?P<rest>.*)$")
_CLAUSE_PATH = re.compile(r"^\.clauses\[(?P<clause>\d+)\](?P<rest>.*)$")


def _article_located(text: str, section: int, article: int,
                     rest: str) -> tuple[str, int] | None:
    """"A.5 · text", "A.5 · clause who" for a problem at sections[s].articles[a]..."""
    try:
        raw = _raw_articles(text)
    except ProtocolError:
        return None
    for index, (place, data) in enumerate(raw):
        if place != (section, article):
            continue
        where = str(data.get("id", "?"))
        clause = _CLAUSE_PATH.match(rest)
        clauses = data.get("clauses")
        if clause and isinstance(clauses, list) and int(clause["clause"]) < len(clauses):
            entry = clauses[int(clause["clause"])]
            clause_id = entry.get("id", "?") if isinstance(entry, dict) else "?"
            return _("%(article)s · clause %(clause)s") % {"article": where,
                                                          "clause": clause_id}, index
        field_name = rest.lstrip(".").split(".")[0].split("[")[0]
        if field_name:
            where = f"{where} · {field_label(field_name)}"
        return where, index
    return None


# --- adding and removing whole articles -------------------------------------------------------

ARTICLE_ID_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$")  # schema.ArticleId
NEW_ARTICLE_KIND = "informative"  # an article without rules (docs/interpretations.md)


@dataclass(frozen=True)
class SectionPlaces:
    """A section as the "Artikel toevoegen" form offers it: after one of its articles or
    at its end, with the first free number of its shape."""

    id: str
    title: str
    articles: tuple[str, ...]
    next_id: str


def sections_for_adding(text: str) -> list[SectionPlaces]:
    data = load_yaml(text, ProtocolError).data
    sections = data.get("sections") if isinstance(data, dict) else None
    every_id = {str(a.get("id")) for _place, a in _articles_in(data)}
    found: list[SectionPlaces] = []
    for section in sections if isinstance(sections, list) else []:
        if not isinstance(section, dict) or section.get("id") is None:
            continue
        section_id = str(section["id"])
        articles = section.get("articles")
        ids = tuple(str(a.get("id")) for a in (articles if isinstance(articles, list) else [])
                    if isinstance(a, dict))
        found.append(SectionPlaces(section_id, str(section.get("title") or ""), ids,
                                   _next_id(section_id, ids, every_id)))
    return found


def _next_id(section_id: str, ids: tuple[str, ...], every_id: set[str]) -> str:
    shape = _id_shape(section_id)
    numbers = [int(match[1]) for article_id in ids if (match := shape.match(article_id))]
    number = max(numbers, default=0) + 1
    while f"{section_id}.{number}" in every_id:
        number += 1
    return f"{section_id}.{number}"


def _id_shape(section_id: str) -> re.Pattern[str]:
    """The protocol's shape of an article id in a section: the section's id, a dot and a
    whole number, maybe with a letter for one put in between (A.13, sancties.A.3, A.5a)."""
    return re.compile(rf"^{re.escape(section_id)}\.(\d+)[a-z]?$")


def add_article(text: str, *, section: str, after: str | None, article_id: str, title: str,
                body: str, summary: str) -> str:
    """``text`` with a new article, informative (it has no rules yet), in ``section``
    after the article ``after`` (None: at the end of the section), written as the lines of
    a list item beside its neighbours; every other byte stays as it was.

    Raises a ValidationError per form field (``place``, ``article_id``, ``title``,
    ``text``) for a place that does not exist, an id that is used or not of the
    protocol's shape, or an empty title or text."""
    article_id, title = article_id.strip(), title.strip()
    body, summary = body.replace("\r\n", "\n").strip(), summary.replace("\r\n", "\n").strip()
    places = {place.id: place for place in sections_for_adding(text)}
    errors: dict[str, list[str]] = {}
    place = places.get(section)
    if place is None or (after is not None and after not in place.articles):
        errors["place"] = [_("Choose where the new article goes.")]
    example = place.next_id if place is not None else "A.13"
    every_id = {article for entry in places.values() for article in entry.articles}
    if not article_id:
        errors["article_id"] = [_("The number cannot be empty: give the article a number, "
                                  "such as %(example)s.") % {"example": example}]
    elif article_id in every_id:
        errors["article_id"] = [_("There is already an article %(id)s. Choose a number that "
                                  "is not used yet, such as %(example)s.")
                                % {"id": article_id, "example": example}]
    elif place is not None and not (_id_shape(place.id).match(article_id)
                                    and ARTICLE_ID_PATTERN.match(article_id)):
        errors["article_id"] = [_("An article in part %(section)s gets a number such as "
                                  "%(example)s: %(section)s, a dot and a number.")
                                % {"section": place.id, "example": example}]
    if not title:
        errors["title"] = [_("The title cannot be empty: write a short heading.")]
    if not body:
        errors["text"] = [_("The text cannot be empty: write the article as it binds, word "
                            "for word.")]
    if errors:
        raise ValidationError(errors, code="invalid_article")
    assert place is not None
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    section_node = dict(_section_nodes(root))[place.id]
    lines = text.splitlines(keepends=True)
    entries = [("id", _plain_or_quoted(article_id)), ("title", "{nl: " + _quoted(title) + "}"),
               ("kind", NEW_ARTICLE_KIND), ("text", _quoted(body))]
    if summary:
        entries.append(("summary", "{nl: " + _quoted(summary) + "}"))
    articles = _pairs(section_node).get("articles")
    if articles is None:
        if section_node.flow_style:
            raise ValidationError({"place": _("This part cannot take new articles here; "
                                              "choose another part.")}, code="flow_style")
        _start, at = _block(section_node.start_mark.line + 1, lines)
        key_indent = " " * section_node.start_mark.column
        block = f"{key_indent}articles:\n" + _item(entries, len(key_indent) + 2)
    else:
        sequence = articles[1]
        if not isinstance(sequence, yaml.SequenceNode) or sequence.flow_style \
                or not sequence.value:
            raise ValidationError({"place": _("This part cannot take new articles here; "
                                              "choose another part.")}, code="flow_style")
        nodes = dict(_ids_of(sequence))
        neighbour = nodes[after] if after is not None else sequence.value[-1]
        start, at = _block(neighbour.start_mark.line + 1, lines)
        block = _item(entries, len(lines[start]) - len(lines[start].lstrip(" ")))
    if at > 0 and not lines[at - 1].endswith("\n"):
        lines[at - 1] += "\n"
    lines[at:at] = [block]
    return "".join(lines)


def _item(entries: list[tuple[str, str]], indent: int) -> str:
    return "".join(" " * indent + ("- " if i == 0 else "  ") + f"{key}: {value}\n"
                   for i, (key, value) in enumerate(entries))


def _plain_or_quoted(value: str) -> str:
    return value if yaml.safe_load(value) == value else _quoted(value)


def _section_nodes(root: yaml.Node | None) -> Iterator[tuple[str, yaml.MappingNode]]:
    if not isinstance(root, yaml.MappingNode):
        return
    sections = _pairs(root).get("sections")
    if sections is None or not isinstance(sections[1], yaml.SequenceNode):
        return
    for section in sections[1].value:
        if isinstance(section, yaml.MappingNode):
            id_node = _pairs(section).get("id")
            if id_node is not None:
                yield str(id_node[1].value), section


def _ids_of(sequence: yaml.SequenceNode) -> Iterator[tuple[str, yaml.MappingNode]]:
    for article in sequence.value:
        if isinstance(article, yaml.MappingNode):
            id_node = _pairs(article).get("id")
            if id_node is not None:
                yield str(id_node[1].value), article


CONSEQUENCE_LABELS = {"dossier": _lazy("dossier"), "measures": _lazy("measures"),
                      "escalation": _lazy("report to someone else"),
                      "aangifte": _lazy("report to the police"),
                      "legal_duty": _lazy("duty under the law")}


def references_to(text: str, article_id: str) -> list[str]:
    """What in the protocol file refers to the article ``article_id``, in words: the
    exceptions resting on it, its consequences and scope entries, the evaluation, and the
    clauses of other articles implemented by it or by one of its own rules. Its own rules
    are not in the list: they go with it (``own_rules``)."""
    data = load_yaml(text, ProtocolError).data
    if not isinstance(data, dict):
        return []
    found: list[str] = []
    own = set(_own_rules_in(data, article_id))
    for index, rule in enumerate(_listed(data.get(RULES))):
        rule_id = rule.get("id") or f"{rule.get('article')}#{index + 1}"
        exception = rule.get("exception")
        if isinstance(exception, dict) and exception.get("article") == article_id:
            found.append(_("the exception in rule %(rule)s") % {"rule": rule_id})
    for index, consequence in enumerate(_listed(data.get("consequences"))):
        if consequence.get("article") == article_id:
            kind = str(consequence.get("kind", ""))
            found.append(_("consequence %(number)s (%(kind)s)")
                         % {"number": index + 1, "kind": CONSEQUENCE_LABELS.get(kind, kind)})
    for index, item in enumerate(_listed(data.get("scope"))):
        if item.get("article") == article_id:
            found.append(_("scope %(number)s (for whom and what the protocol is)")
                         % {"number": index + 1})
    evaluation = data.get("evaluation")
    if isinstance(evaluation, dict) and evaluation.get("article") == article_id:
        found.append(_("the evaluation of the protocol"))
    for _place, article in _articles_in(data):
        if article.get("id") == article_id:
            continue
        for clause in _listed(article.get("clauses")):
            if (article_id in (_listed_values(clause.get("scope"))
                               + _listed_values(clause.get("consequences")))
                    or own.intersection(map(str, _listed_values(clause.get("rules"))))):
                found.append(_("%(article)s · clause %(clause)s")
                             % {"article": article.get("id", "?"),
                                "clause": clause.get("id", "?")})
    return found


def own_rules(text: str, article_id: str) -> list[str]:
    """The ids of the rules that implement the article ``article_id``: they go with it."""
    return _own_rules_in(load_yaml(text, ProtocolError).data, article_id)


def _own_rules_in(data: Any, article_id: str) -> list[str]:
    if not isinstance(data, dict):
        return []
    return [str(rule.get("id")) for rule in _listed(data.get(RULES))
            if rule.get("article") == article_id]


def _listed(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _listed_values(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def remove_article(text: str, article_id: str) -> str:
    """``text`` without the lines of the article ``article_id`` (and, when it was the
    section's only article, without the section's ``articles:`` line); every other byte
    stays as it was. Raises a ValidationError naming what refers to it, if anything does."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    for _section_id, section in _section_nodes(root):
        articles = _pairs(section).get("articles")
        if articles is None or not isinstance(articles[1], yaml.SequenceNode):
            continue
        nodes = dict(_ids_of(articles[1]))
        if article_id in nodes:
            break
    else:
        raise ValidationError({"article": _("There is no article %(id)s in this concept.")
                               % {"id": article_id}}, code="no_article")
    references = references_to(text, article_id)
    if references:
        raise ValidationError({"article": _(
            "Article %(id)s cannot be removed, because other parts of the protocol refer to "
            "it: %(references)s. Change those first.")
            % {"id": article_id, "references": ", ".join(references)}}, code="referred_to")
    if articles[1].flow_style:
        raise ValidationError({"article": _("Article %(id)s cannot be removed here.")
                               % {"id": article_id}}, code="flow_style")
    lines = text.splitlines(keepends=True)
    start, end = _block(nodes[article_id].start_mark.line + 1, lines)
    key = articles[0]
    if len(articles[1].value) == 1 and lines[key.start_mark.line].strip().startswith(
            "articles:") and lines[key.start_mark.line].split("#")[0].strip() == "articles:":
        start = key.start_mark.line
    blocks = [(start, end), *_own_rule_blocks(root, article_id, lines)]
    for start, end in sorted(blocks, reverse=True):
        del lines[start:end]
    return "".join(lines)


def _own_rule_blocks(root: yaml.Node | None, article_id: str, lines: list[str]
                     ) -> list[tuple[int, int]]:
    """The [start, end) lines of each rule of the article ``article_id``."""
    if not isinstance(root, yaml.MappingNode):
        return []
    rules = _pairs(root).get(RULES)
    if rules is None or not isinstance(rules[1], yaml.SequenceNode):
        return []
    blocks = []
    for rule in rules[1].value:
        if not isinstance(rule, yaml.MappingNode):
            continue
        article = _pairs(rule).get("article")
        if article is not None and str(article[1].value) == article_id:
            if rules[1].flow_style or rule.flow_style:
                raise ValidationError({"article": _("Article %(id)s cannot be removed here.")
                                       % {"id": article_id}}, code="flow_style")
            blocks.append(_block(rule.start_mark.line + 1, lines))
    return blocks
