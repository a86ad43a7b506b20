"""Loading untrusted YAML: plain data only, bounded, and with a line for every value.

A school's beheerder writes the protocol file, and a situation may come from anyone, so
neither is trusted: the safe loader constructs no objects, anchors and aliases are refused
outright (no alias bombs), tags other than YAML's own plain types are refused, and the
size, nesting and number of values are bounded (``limits.py``) while the text is read as
a stream of events, before any of it becomes a Python object. Duplicate keys, which YAML
would silently overwrite, are an error. Every value keeps the line it came from, so that a
problem found later can still name the line.
"""

from __future__ import annotations

from typing import Any

import yaml

from protocolwijzer.engine import limits
from protocolwijzer.engine.errors import Problem, ProblemsError, format_path
from protocolwijzer.i18n import gettext as _

# Kept for callers that read the limits from here.
MAX_BYTES = limits.MAX_BYTES
MAX_DEPTH = limits.MAX_DEPTH
# libyaml's parser when PyYAML was built with it: the same safe loader, several times faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML_TAG = "tag:yaml.org,2002:"
# The plain types; every other tag (!!python/name:..., !!binary, !custom) is refused.
_PLAIN_TAGS = frozenset(_YAML_TAG + name for name in (
    "str", "int", "float", "bool", "null", "seq", "map"))
_OPENING = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSING = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_NODES = (yaml.ScalarEvent, *_OPENING)

Path = tuple[str | int, ...]


class LoadedYaml:
    """Plain data plus the line of every path in it."""

    def __init__(self, data: Any, lines: dict[Path, int]) -> None:
        self.data = data
        self.lines = lines

    def line_for(self, path: Path) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = path[:-1]


def load_yaml(text: str | bytes, error_class: type[ProblemsError] = ProblemsError,
              filename: str | None = None) -> LoadedYaml:
    source = limits.decode(text, error_class, filename)
    try:
        _check_events(source, error_class, filename)
        node = yaml.compose(source, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        problem_mark = exc.problem_mark or exc.context_mark
        line = problem_mark.line + 1 if problem_mark is not None else None
        detail = exc.problem or exc.context or ""
        raise error_class([Problem("", _("This is not valid YAML: %(detail)s.")
                                   % {"detail": detail}, line)], filename) from None
    except yaml.YAMLError as exc:
        raise error_class([Problem("", _("This is not valid YAML: %(detail)s.")
                                   % {"detail": exc})], filename) from None
    lines: dict[Path, int] = {}
    problems: list[Problem] = []
    if node is None:
        return LoadedYaml(None, lines)
    constructor = yaml.SafeLoader("")
    try:
        data = _to_data(node, (), lines, problems, constructor)
    finally:
        constructor.dispose()
    if problems:
        raise error_class(problems, filename)
    return LoadedYaml(data, lines)


def _check_events(source: str, error_class: type[ProblemsError],
                  filename: str | None) -> None:
    """Reads the text as a stream of events and stops at the first one beyond a limit,
    so that the cost of a refusal does not grow with the input. The parser keeps its
    own stack on the heap; only the composer after it recurses, and by then the depth is
    known to be at most MAX_DEPTH."""
    depth = nodes = 0
    for event in yaml.parse(source, Loader=_Loader):
        mark = event.start_mark
        line = mark.line + 1 if mark is not None else None
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise error_class([Problem(
                "", _("Anchors and aliases (& and *) are not allowed in this file."), line)],
                filename)
        if isinstance(event, _NODES):
            nodes += 1
            if nodes > limits.MAX_NODES:
                raise limits.refuse(error_class, limits.too_many_nodes(), filename, line)
            tag = event.tag
            if tag is not None and tag not in _PLAIN_TAGS:
                shown = "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag
                raise error_class([Problem("", _(
                    "The tag %(tag)s is not allowed: this file holds only text, numbers, "
                    "true or false, lists and mappings, without tags.") % {"tag": shown[:80]},
                    line)], filename)
        if isinstance(event, _OPENING):
            depth += 1
            if depth > limits.MAX_DEPTH:
                raise limits.refuse(error_class, limits.too_deep(), filename, line)
        elif isinstance(event, _CLOSING):
            depth -= 1


def _to_data(node: yaml.Node, path: Path, lines: dict[Path, int],
             problems: list[Problem], constructor: yaml.SafeLoader) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(format_path(path), _("A key must be plain text."),
                                        key_node.start_mark.line + 1))
                continue
            key = str(key_node.value)
            if key in result:
                problems.append(Problem(
                    format_path((*path, key)),
                    _("The key '%(key)s' appears twice here.") % {"key": key},
                    key_node.start_mark.line + 1))
                continue
            result[key] = _to_data(value_node, (*path, key), lines, problems, constructor)
            lines[(*path, key)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_data(item, (*path, i), lines, problems, constructor)
                for i, item in enumerate(node.value)]
    # The safe constructor turns a scalar into str, int, float, bool, None or a date; a
    # value that only looks like one (2024-13-45, a number of 5,000 digits) is refused.
    try:
        return constructor.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError, OverflowError):
        problems.append(Problem(format_path(path), _(
            "“%(value)s” looks like a number or a date but cannot be read as one. Put it "
            "in quotes if it is text.") % {"value": str(node.value)[:40]}, lines[path]))
        return None
