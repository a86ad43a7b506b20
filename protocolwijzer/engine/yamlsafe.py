"""Loading untrusted YAML: plain data only, bounded, and with a line for every value.

A school's beheerder writes the protocol file, and a situation may come from anyone, so
neither is trusted: the safe loader constructs no objects, anchors and aliases are refused
outright (no alias bombs), the size and nesting are bounded, and duplicate keys, which
YAML would silently overwrite, are an error. Every value keeps the line it came from, so
that a problem found later can still name the line.
"""

from __future__ import annotations

from typing import Any

import yaml

from protocolwijzer.engine.errors import Problem, ProblemsError, format_path
from protocolwijzer.i18n import gettext as _

MAX_BYTES = 1024 * 1024
# libyaml's parser when PyYAML was built with it: the same safe loader, several times faster.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 40

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
    raw = text.encode("utf-8") if isinstance(text, str) else text
    if len(raw) > MAX_BYTES:
        raise error_class([Problem("", _("The file is larger than %(limit)s bytes.")
                                   % {"limit": MAX_BYTES})], filename)
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error_class([Problem("", _("The file is not valid UTF-8 text (byte %(pos)s).")
                                   % {"pos": exc.start})], filename) from None
    try:
        for event in yaml.parse(source, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                mark = event.start_mark
                raise error_class([Problem(
                    "", _("Anchors and aliases (& and *) are not allowed in this file."),
                    mark.line + 1 if mark is not None else None)], filename)
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
        data = _to_data(node, (), lines, problems, 0, constructor)
    finally:
        constructor.dispose()
    if problems:
        raise error_class(problems, filename)
    return LoadedYaml(data, lines)


def _to_data(node: yaml.Node, path: Path, lines: dict[Path, int],
             problems: list[Problem], depth: int, constructor: yaml.SafeLoader) -> Any:
    lines[path] = node.start_mark.line + 1
    if depth > MAX_DEPTH:
        problems.append(Problem(format_path(path), _("The file is nested too deeply."),
                                lines[path]))
        return None
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
            result[key] = _to_data(value_node, (*path, key), lines, problems, depth + 1,
                                   constructor)
            lines[(*path, key)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_to_data(item, (*path, i), lines, problems, depth + 1, constructor)
                for i, item in enumerate(node.value)]
    # The safe constructor turns a scalar into str, int, float, bool, None or a date.
    return constructor.construct_object(node, deep=True)
