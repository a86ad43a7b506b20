"""The word lists of the text analysis: the one place that reads ``data/``.

Each file in ``data/`` holds one concern, in sections: ``abuse_terms`` (insulting words
by kind and strength), ``abuse_words`` (the words around an insult), ``grammar``
(function words), ``groups`` and ``hate`` (groups of people and what is said of them),
``context`` (sports talk), ``repair`` (abbreviations and typo repair), ``personal_data``,
``names``, ``disclaimers`` and ``school_signals``. The format:

.. code-block:: text

    # a comment
    [section title]
    words separated by spaces, over as many lines as needed

A file is read once, the first time one of its sections is asked for. ``words`` gives a
section's words in order, ``rows`` its lines split into words (a word and its value:
"kk kanker", "NL 18"), ``lines`` its lines whole ("Anne Frank"). The lists that several
detectors share are named in ``_lexicon``; a list that one module reads is read there.

Patterns stay in Python, also where they list words: an alternation inside a pattern
("(?:straat|weg|laan|...)") is part of the pattern and reads best beside it, and so are
the trigger words of the school signals (``boundaries``, ``offences``, ``school``), which
must name a word of every match of their pattern.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Final

DATA: Final = Path(__file__).resolve().with_name("data")


def path(file: str) -> Path:
    """Where ``data/<file>.txt`` is."""
    return DATA / f"{file}.txt"


def sections(file: str) -> tuple[str, ...]:
    """The titles of the sections of ``data/<file>.txt``, in order."""
    return tuple(_sections(file))


@cache
def _sections(file: str) -> dict[str, tuple[str, ...]]:
    """The sections of ``data/<file>.txt``: title -> its lines, comments left out."""
    path = DATA / f"{file}.txt"
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            title = line[1:-1].strip()
            if title in sections:
                raise ValueError(f"{path}:{number}: section [{title}] appears twice")
            current = sections[title] = []
        elif current is None:
            raise ValueError(f"{path}:{number}: words before the first [section]")
        else:
            current.append(line)
    return {title: tuple(lines) for title, lines in sections.items()}


def lines(file: str, section: str) -> tuple[str, ...]:
    """The lines of ``[section]`` in ``data/<file>.txt``, each whole."""
    try:
        return _sections(file)[section]
    except KeyError:
        raise KeyError(f"{path(file)} has no section [{section}]") from None


def words(file: str, section: str) -> tuple[str, ...]:
    """The words of ``[section]`` in ``data/<file>.txt``, in order."""
    return tuple(word for line in lines(file, section) for word in line.split())


def rows(file: str, section: str) -> tuple[tuple[str, ...], ...]:
    """The lines of ``[section]`` in ``data/<file>.txt``, each split into its words."""
    return tuple(tuple(line.split()) for line in lines(file, section))
