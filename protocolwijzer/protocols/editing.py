"""The editor's view of a protocol file: per article its verbatim text and its rules, and
the changed file built back from what was typed.

Only the rules a person changed are rewritten; every other line of the file (comments,
article texts, the order of keys) stays exactly as it was, so the MR reads a diff of what
changed and nothing else. Validation is the engine's loader, the same as
``protocolwijzer protocols validate``; its problems are named by article, rule and field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml
from django.utils.translation import gettext as _

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
class ArticleEditor:
    id: str
    title: str
    text: str
    rules: list[RuleEditor] = field(default_factory=list)


@dataclass(frozen=True)
class Located:
    """A problem with where it is, in the editor's words (article, rule, field)."""

    where: str
    message: str
    rule: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"where": self.where, "message": self.message, "rule": self.rule}


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
    """The protocol's articles in order, each with its rules: roles apart, the rest as
    YAML. ``text`` must be valid (a concept is only ever saved when it is)."""
    protocol = load_protocol_text(text)
    articles = {a.id: ArticleEditor(a.id, localize(a.title) if a.title else "", a.text)
                for a in protocol.iter_articles()}
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
    where = path or (_("line %(line)s") % {"line": problem.line} if problem.line else "")
    return Located(where, problem.message)
