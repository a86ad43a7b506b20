"""Text analysis for Protocolwijzer: personal data, abuse, disclaimers, employee mentions,
readability.

Independent of Django, so it can run anywhere (a web view, the command line, a batch
job); besides the standard library it only reads deduce's name lists and its own word
lists (``data/``), and sums the trained model's weights for a long text with numpy
(``model_arrays``). See :mod:`protocolwijzer.analysis.text` for the design and the map of
its modules, and ``docs/text-analysis.md`` for what it is measured to do.

The text analysis itself (``text.py`` and the modules it runs) loads on first use of one
of its names, so that ``startcache`` can be imported, and the cache turned on, before the
analysis compiles its patterns (and so that a check without text never loads it).
"""

from typing import TYPE_CHECKING, Any

from .names import Roster
from .readability import Readability, readability

if TYPE_CHECKING:
    from .text import (
        ABUSE_KINDS,
        BOUNDARY_KINDS,
        CRIMINAL_KINDS,
        PERSONAL_DATA_KINDS,
        Span,
        TextAnalysis,
        analyse_text,
    )

__all__ = ["ABUSE_KINDS", "BOUNDARY_KINDS", "CRIMINAL_KINDS", "PERSONAL_DATA_KINDS",
           "Readability", "Roster", "Span", "TextAnalysis", "analyse_text", "readability"]

_FROM_TEXT = frozenset({"ABUSE_KINDS", "BOUNDARY_KINDS", "CRIMINAL_KINDS", "PERSONAL_DATA_KINDS",
                        "Span", "TextAnalysis", "analyse_text"})


def __getattr__(name: str) -> Any:
    if name in _FROM_TEXT:
        from . import text

        return getattr(text, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
