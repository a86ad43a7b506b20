"""What a person decides on an imported protocol before it becomes a concept (issue 16).

Pure, like the rest of the import: the protocol file as plain data in, the reviewed file as
plain data out. A person sees the document's paragraphs beside the sections and articles
the import made of them (``document_paragraphs``, ``locate``) and decides per proposal:

- ``confirm``: the proposal becomes the school's own: the article's ``proposed`` marker and
  that of every rule, scope entry and consequence copied with it are deleted (the format
  says "delete it to confirm").
- ``drop``: the article keeps its text and becomes informative; what was copied with it
  goes (rules, scope, consequences; an exception it stated falls back to the rule's own
  article, as when a document lacks that article; an evaluation resting on it is none).
- ``later``: nothing changes; it stays marked as a proposal in the concept.

An article id may be changed; every reference to it follows. The text of an article is
never touched here: it is the document's own.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from protocolwijzer.protocols.importing.proposals import cited_articles
from protocolwijzer.protocols.importing.reading import clean

CONFIRM = "confirm"
DROP = "drop"
LATER = "later"
DECISIONS = (CONFIRM, LATER, DROP)


@dataclass(frozen=True)
class Paragraph:
    number: int  # 1-based, as the page shows it
    lines: tuple[str, ...]


def document_paragraphs(lines: Sequence[str]) -> list[Paragraph]:
    """The document's text as the import read it, one paragraph per block of lines between
    empty lines (a table row is a paragraph of its own, its cells separated by tabs)."""
    paragraphs: list[Paragraph] = []
    current: list[str] = []
    for raw in [*lines, ""]:
        line = clean(raw).rstrip()
        if line.strip():
            current.append(line)
        elif current:
            paragraphs.append(Paragraph(len(paragraphs) + 1, tuple(current)))
            current = []
    return paragraphs


def _flat(text: str) -> str:
    return " ".join(text.split())


def locate(paragraphs: Sequence[Paragraph], texts: Mapping[str, str]) -> dict[str, int]:
    """Per article id, the number of the paragraph its text starts in (absent when the text
    cannot be found, e.g. a PDF that broke a word differently). Paragraphs are searched in
    reading order from the last one found, so a sentence two articles share finds each in
    its own place."""
    flat = [_flat(" ".join(p.lines)) for p in paragraphs]
    found: dict[str, int] = {}
    start = 0
    for article_id, text in texts.items():
        # The start of the text, without the document's number (dropped from the article).
        probe = _flat(text)[:60]
        for index in [*range(start, len(flat)), *range(0, start)]:
            if probe and probe in flat[index]:
                found[article_id] = paragraphs[index].number
                start = index
                break
    return found


ARTICLE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$")


def apply_review(protocol: Mapping[str, Any], decisions: Mapping[str, str],
                 renames: Mapping[str, str]) -> dict[str, Any]:
    """The protocol with each proposal decided (``decisions`` by the article's imported id;
    absent means ``later``) and articles renamed (``renames``: imported id -> new id).

    Ids are checked by the loader afterwards (``protocols validate``); this only moves them.
    """
    data: dict[str, Any] = copy.deepcopy(dict(protocol))
    rules: list[dict[str, Any]] = data.get("rules", [])
    scope: list[dict[str, Any]] = data.get("scope", [])
    consequences: list[dict[str, Any]] = data.get("consequences", [])
    articles = [a for s in data["sections"] for a in s["articles"]]
    for article in articles:
        proposal = article.get("proposed") or {}
        if not proposal.get("source"):
            continue  # resembles no known article: nothing to decide
        decision = decisions.get(article["id"], LATER)
        resting = [e for e in (*rules, *scope, *consequences) if e["article"] == article["id"]]
        if decision == CONFIRM:
            article.pop("proposed", None)
            for entry in resting:
                entry.pop("proposed", None)
        elif decision == DROP:
            article.pop("proposed", None)
            article["kind"] = "informative"
            article.pop("roles", None)
            gone = {id(e) for e in resting}
            rules[:] = [r for r in rules if id(r) not in gone]
            scope[:] = [s for s in scope if id(s) not in gone]
            consequences[:] = [c for c in consequences if id(c) not in gone]
            for rule in rules:
                if (rule.get("exception") or {}).get("article") == article["id"]:
                    rule["exception"].pop("article")
            if data.get("evaluation", {}).get("article") == article["id"]:
                data["evaluation"] = {"cadence": "none"}

    # An article whose rules came in only through a dropped one binds nothing now.
    cited = cited_articles(rules, scope, consequences, data.get("evaluation", {}))
    for article in articles:
        if article["kind"] == "normative" and article["id"] not in cited:
            article["kind"] = "informative"
            article.pop("roles", None)

    renames = {old: new for old, new in renames.items() if new and new != old}
    if renames:
        _rename(data, renames)
    return data


def _rename(data: dict[str, Any], renames: Mapping[str, str]) -> None:
    def moved(article_id: str | None) -> str | None:
        return renames.get(article_id, article_id) if article_id is not None else None

    for section in data["sections"]:
        for article in section["articles"]:
            article["id"] = moved(article["id"])
    for rule in data.get("rules", []):
        old = rule["article"]
        rule["article"] = moved(old)
        if rule.get("id", "").startswith(old) and old in renames:
            rule["id"] = renames[old] + rule["id"][len(old):]
        if rule.get("exception") and rule["exception"].get("article"):
            rule["exception"]["article"] = moved(rule["exception"]["article"])
    for entry in (*data.get("scope", []), *data.get("consequences", [])):
        entry["article"] = moved(entry["article"])
    evaluation = data.get("evaluation", {})
    if evaluation.get("article"):
        evaluation["article"] = moved(evaluation["article"])
