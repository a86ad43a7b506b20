"""Text analysis for Protocolwijzer: personal data, abuse, disclaimers, employee mentions,
readability.

Independent of Django, so it can run anywhere (a web view, the command line, a batch
job); besides the standard library it only reads deduce's name lists. See
:mod:`protocolwijzer.analysis.text` for the design and ``docs/text-analysis.md`` for what
it is measured to do.
"""

from .names import Roster
from .readability import Readability, readability
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
