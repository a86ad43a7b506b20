"""The AVG check of a protocol (issue 16): pure, no Django, no database.

``avg_check(articles)`` reads the articles' texts and returns advice where the protocol is
at odds with the AVG and the Autoriteit Persoonsgegevens' guidance: each advice names the
protocol's articles and its source. What is checked is data, in
``data/avg/avg-check.yaml`` (its header explains the fields); this module only applies it.
It reads the text the school wrote, so it works on a protocol file, on a built-in protocol
and on a document just imported, before anyone wrote a rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from protocolwijzer.i18n import gettext as _

if TYPE_CHECKING:
    from protocolwijzer.engine.schema import LocalText

CHECKS_FILE = Path(__file__).resolve().parent / "data" / "avg" / "avg-check.yaml"


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    at_least: int = 1

    def holds(self, text: str) -> bool:
        if self.at_least == 1:
            return self.regex.search(text) is not None
        found = {m.group(0).lower() for m in self.regex.finditer(text)}
        return len(found) >= self.at_least


@dataclass(frozen=True)
class Check:
    id: str
    title: LocalText
    match: tuple[_Pattern, ...]
    unless: tuple[_Pattern, ...]
    where: str  # article | protocol
    advice: LocalText
    source: LocalText

    def matches(self, text: str) -> bool:
        return all(p.holds(text) for p in self.match)

    def lifted_by(self, text: str) -> bool:
        return any(p.holds(text) for p in self.unless)


@dataclass(frozen=True)
class Advice:
    check: str
    articles: tuple[str, ...]
    title: str
    advice: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {"check": self.check, "articles": list(self.articles), "title": self.title,
                "advice": self.advice, "source": self.source}


def avg_check(articles: Iterable[tuple[str, str]],
              checks: Sequence[Check] | None = None) -> list[Advice]:
    """Advice for the articles ``(id, text)`` of one protocol, in the order of the checks
    and, within a check, of the articles; an empty list when nothing is at odds."""
    from protocolwijzer.engine.protocol import localize

    articles = list(articles)
    advice: list[Advice] = []
    for check in checks if checks is not None else load_checks():
        hits = [article_id for article_id, text in articles if check.matches(text)]
        if check.where == "article":
            hits = [article_id for article_id, text in articles
                    if article_id in hits and not check.lifted_by(text)]
            groups: list[tuple[str, ...]] = [(hit,) for hit in hits]
        elif hits and not any(check.lifted_by(text) for _id, text in articles):
            groups = [tuple(hits)]
        else:
            groups = []
        advice += [Advice(check.id, group, localize(check.title), localize(check.advice),
                          localize(check.source)) for group in groups]
    return advice


def format_advice(advice: Sequence[Advice], protocol: str) -> str:
    """The advice for people, in the active language."""
    if not advice:
        return _("AVG check of %(protocol)s: no advice; nothing in the text is at odds with "
                 "the AVG on the points checked.") % {"protocol": protocol} + "\n"
    lines = [_("AVG check of %(protocol)s: %(count)s points of advice.")
             % {"protocol": protocol, "count": len(advice)}]
    for item in advice:
        lines += ["", f"{', '.join(item.articles)}: {item.title}", f"  {item.advice}",
                  "  " + _("Source: %(source)s") % {"source": item.source}]
    return "\n".join(lines) + "\n"


@cache
def load_checks(path: Path = CHECKS_FILE) -> tuple[Check, ...]:
    """The checks of the data file; a mistake in it names the check and the field."""
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return tuple(_check(raw) for raw in data["checks"])


def _check(raw: Mapping[str, Any]) -> Check:
    known = {"id", "title", "match", "unless", "where", "advice", "advice_from", "source"}
    if set(raw) - known or not {"id", "title", "match", "where", "source"} <= set(raw):
        raise ValueError(f"{CHECKS_FILE.name}: check {raw.get('id')!r}: unknown or missing "
                         f"fields ({sorted(set(raw) ^ known)})")
    if raw["where"] not in ("article", "protocol"):
        raise ValueError(f"{CHECKS_FILE.name}: check {raw['id']!r}: where must be article "
                         "or protocol")
    if ("advice" in raw) == ("advice_from" in raw):
        raise ValueError(f"{CHECKS_FILE.name}: check {raw['id']!r}: give advice or "
                         "advice_from, not both")
    advice = raw.get("advice") or _note_of(raw["advice_from"])
    return Check(raw["id"], _dutch(raw["title"]), tuple(_pattern(p) for p in raw["match"]),
                 tuple(_pattern(p) for p in raw.get("unless") or ()), raw["where"],
                 _dutch(advice), _dutch(raw["source"]))


def _pattern(raw: str | Mapping[str, Any]) -> _Pattern:
    if isinstance(raw, str):
        return _Pattern(re.compile(raw, re.IGNORECASE))
    words = "|".join(re.escape(word) for word in raw["any_of"])
    return _Pattern(re.compile(rf"\b(?:{words})\b", re.IGNORECASE), int(raw["at_least"]))


def _dutch(text: LocalText | Mapping[str, str]) -> LocalText:
    if isinstance(text, str):
        return text
    if "nl" not in text or set(text) - {"nl", "en"}:
        raise ValueError(f"{CHECKS_FILE.name}: a text needs nl (and may have en): {text!r}")
    return {"nl": text["nl"], **({"en": text["en"]} if "en" in text else {})}


def _note_of(reference: str) -> LocalText:
    """The note of a built-in protocol's rule, ``<protocol id>#<rule id>``: the AVG point
    that rule already makes, said once."""
    from protocolwijzer.engine.protocol import builtin_protocol

    protocol_id, rule_id = reference.split("#", 1)
    rule = next(r for r in builtin_protocol(protocol_id).rules if r.id == rule_id)
    if rule.note is None:
        raise ValueError(f"{CHECKS_FILE.name}: {reference} has no note")
    return _dutch(rule.note)
