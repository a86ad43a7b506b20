"""Errors that name the file, line and field, in a sentence a beheerder understands."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from protocolwijzer.i18n import gettext as _


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a protocol file or a situation."""

    field: str  # dotted path such as "rules[3].roles[0]"; "" for the document itself
    message: str  # a full sentence, already translated
    line: int | None = None  # 1-based line in the file, where known

    def format(self, filename: str | None = None) -> str:
        where = []
        if filename:
            where.append(filename if self.line is None else f"{filename}:{self.line}")
        elif self.line is not None:
            where.append(_("line %(line)s") % {"line": self.line})
        if self.field:
            where.append(self.field)
        prefix = ": ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message

    def to_dict(self) -> dict[str, object]:
        return {"field": self.field, "line": self.line, "message": self.message}


class ProblemsError(ValueError):
    """Raised with every problem found, never just the first.

    ``unreadable`` is true when the input was refused before its content was read: too
    large, nested too deeply, too many values, not UTF-8 (``engine/limits.py``). The
    command line reports that as bad input (exit code 2), not as an invalid protocol.
    """

    def __init__(self, problems: Iterable[Problem], filename: str | None = None, *,
                 unreadable: bool = False) -> None:
        self.problems = tuple(problems)
        self.filename = filename
        self.unreadable = unreadable
        super().__init__("\n".join(p.format(filename) for p in self.problems))


class ProtocolError(ProblemsError):
    """A protocol file that cannot be used."""


class SituationError(ProblemsError):
    """A situation that breaks the contract of shared/spec/situation.md."""


def format_path(path: Iterable[str | int]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out
