"""Text analysis for Protocolwijzer: personal data, abuse, disclaimers, employee mentions.

Pure standard library and independent of Django, so it can run anywhere (a web view, the
command line, a batch job). See :mod:`protocolwijzer.analysis.text` for the design.
"""

from .text import ABUSE_KINDS, PERSONAL_DATA_KINDS, Span, TextAnalysis, analyse_text

__all__ = ["ABUSE_KINDS", "PERSONAL_DATA_KINDS", "Span", "TextAnalysis", "analyse_text"]
