"""The formula guard: the one place that decides whether a spreadsheet could run a cell.

A spreadsheet program runs a cell that starts like a formula when someone opens a CSV or
XLSX file (CSV/formula injection, OWASP): ``=HYPERLINK(...)`` in a name becomes a link
that leaks data or a command that runs. Spreadsheets skip leading whitespace before they
decide, so a leading space, non-breaking space, tab or other invisible character must not
hide the ``=``. The import refuses such a cell (``starts_like_formula``); every export
writes it as text (``safe_cell``, or the cell type and quote prefix in XLSX).
"""

from __future__ import annotations

import unicodedata

# The characters a spreadsheet may read as the start of a formula, with the full-width
# forms an input method can produce. A tab or carriage return at the very start is
# dangerous on its own (OWASP), so it is checked before any whitespace is skipped.
FORMULA_STARTS = ("=", "+", "-", "@", "＝", "＋", "－", "＠")
_CONTROL_STARTS = ("\t", "\r", "\n")


def _skip_invisible(value: str) -> str:
    """``value`` without leading whitespace (every Unicode space, the non-breaking one
    included), control characters and invisible format characters (zero-width space,
    byte order mark)."""
    for index, char in enumerate(value):
        if not (char.isspace() or unicodedata.category(char) in ("Cc", "Cf")):
            return value[index:]
    return ""


def starts_like_formula(value: str) -> bool:
    """True when a spreadsheet could run ``value`` as a formula."""
    return value.startswith(_CONTROL_STARTS) or _skip_invisible(value).startswith(
        FORMULA_STARTS)


def formula_start(value: str) -> str:
    """The character that makes ``value`` start like a formula ("" if none): the first
    one, or the first visible one after leading whitespace."""
    if value.startswith(_CONTROL_STARTS):
        return value[0]
    visible = _skip_invisible(value)
    return visible[0] if visible.startswith(FORMULA_STARTS) else ""


def safe_cell(value: str) -> str:
    """Text that a spreadsheet shows as text, never as a formula (for CSV exports)."""
    return "'" + value if starts_like_formula(value) else value
