"""Proposed rules for imported articles, from the known articles their texts resemble.

Similarity is the cosine of TF-IDF weighted character n-grams (3 to 5 characters within
words, the known protocols' names replaced by one placeholder), computed with the standard
library: no model, nothing downloaded. An imported article whose closest known article
scores at least ``THRESHOLD`` gets that article's kind and roles, and copies of the rules,
consequences and scope entries resting on it, with the article ids rewritten and each
marked ``proposed: {source, similarity}``. Nothing else is copied: no clause (its text is
the other document's), no summary, no title. An article that resembles nothing is
informative, marked ``proposed: {}``, and gets no rule.

Most schools adapt one model protocol, so the known protocol closest to the document as a
whole is preferred: its article is taken unless another protocol's is more than
``PREFER_MARGIN`` closer. That keeps rules that refer to one another together (an
exception stated in another article, A.6 and A.12 in Willibrord).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from protocolwijzer.protocols.importing.structure import ImportedArticle

THRESHOLD = 0.6
PREFER_MARGIN = 0.05

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "—": "-", "–": "-"})


@dataclass(frozen=True)
class KnownArticle:
    protocol: str
    article: Mapping[str, Any]  # the article as its protocol file's plain data

    @property
    def ref(self) -> str:
        return f"{self.protocol}#{self.article['id']}"


@dataclass(frozen=True)
class Match:
    known: KnownArticle
    similarity: float


def normalise(text: str, names: Iterable[str] = ()) -> str:
    text = text.translate(_QUOTES)
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(re.escape(name), " schoolnaam ", text, flags=re.IGNORECASE)
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.findall(r"[a-z0-9]+", folded))


def _ngrams(text: str) -> Counter[str]:
    grams: Counter[str] = Counter()
    for word in text.split():
        padded = f" {word} "
        for size in (3, 4, 5):
            grams.update(padded[i:i + size] for i in range(max(1, len(padded) - size + 1)))
    return grams


class _Vectoriser:
    def __init__(self, documents: Sequence[str]) -> None:
        counts = [_ngrams(d) for d in documents]
        frequency: Counter[str] = Counter()
        for grams in counts:
            frequency.update(grams.keys())
        total = len(documents)
        self.idf = {g: math.log((1 + total) / (1 + n)) + 1 for g, n in frequency.items()}
        self.vectors = [self._weigh(grams) for grams in counts]

    def _weigh(self, grams: Counter[str]) -> dict[str, float]:
        vector = {g: count * self.idf.get(g, 1.0) for g, count in grams.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {g: v / norm for g, v in vector.items()}


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(g, 0.0) for g, v in a.items())


def best_matches(articles: Sequence[ImportedArticle], known: Sequence[KnownArticle],
                 names: Mapping[str, Sequence[str]]) -> list[Match | None]:
    """For each imported article, the known article it is closest to (None when no known
    article reaches ``THRESHOLD``)."""
    if not articles or not known:
        return [None] * len(articles)
    all_names = [n for protocol_names in names.values() for n in protocol_names]
    texts = ([normalise(a.text, all_names) for a in articles]
             + [normalise(k.article["text"], names.get(k.protocol, ())) for k in known])
    vectoriser = _Vectoriser(texts)
    imported, known_vectors = (vectoriser.vectors[:len(articles)],
                               vectoriser.vectors[len(articles):])
    protocols = sorted({k.protocol for k in known})
    # Per article and protocol, the closest article of that protocol.
    closest: list[dict[str, Match]] = []
    for vector in imported:
        per_protocol: dict[str, Match] = {}
        for item, known_vector in zip(known, known_vectors, strict=True):
            similarity = _cosine(vector, known_vector)
            current = per_protocol.get(item.protocol)
            if current is None or similarity > current.similarity:
                per_protocol[item.protocol] = Match(item, similarity)
        closest.append(per_protocol)
    totals = {p: sum(c[p].similarity for c in closest if p in c) for p in protocols}
    primary = max(protocols, key=lambda p: (totals[p], p))
    result: list[Match | None] = []
    for per_protocol in closest:
        best = max(per_protocol.values(), key=lambda m: m.similarity)
        preferred = per_protocol.get(primary)
        if preferred is not None and preferred.similarity >= best.similarity - PREFER_MARGIN:
            best = preferred
        result.append(best if best.similarity >= THRESHOLD else None)
    return result


def propose(articles: Sequence[ImportedArticle], matches: Sequence[Match | None],
            known_protocols: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    """The articles' kinds and the proposed scope, rules, consequences and evaluation, as
    plain data of the protocol file format."""
    # For each known article, the imported article closest to it (to rewrite a reference).
    closest: dict[str, tuple[float, str]] = {}
    for article, match in zip(articles, matches, strict=True):
        if match is not None and (match.known.ref not in closest
                                  or match.similarity > closest[match.known.ref][0]):
            closest[match.known.ref] = (match.similarity, article.id)

    kinds: dict[str, dict[str, Any]] = {}
    scope: list[dict[str, Any]] = []
    rules: list[dict[str, Any]] = []
    consequences: list[dict[str, Any]] = []
    evaluation: dict[str, Any] = {"cadence": "none"}
    for article, match in zip(articles, matches, strict=True):
        if match is None:
            kinds[article.id] = {"kind": "informative", "proposed": {}}
            continue
        proposal = {"source": match.known.ref, "similarity": round(match.similarity, 2)}
        source_id = match.known.article["id"]
        data = known_protocols[match.known.protocol]
        kinds[article.id] = {"kind": match.known.article["kind"],
                             "roles": match.known.article.get("roles"), "proposed": proposal}

        def rewrite(ref_id: str | None, protocol: str = match.known.protocol) -> str | None:
            if ref_id is None:
                return None
            found = closest.get(f"{protocol}#{ref_id}")
            return found[1] if found else None

        for entry in data["scope"]:
            if entry["article"] == source_id:
                scope.append(_tidy({**entry, "article": article.id, "proposed": proposal}))
        for rule in data["rules"]:
            if rule["article"] != source_id:
                continue
            copied = {**rule, "article": article.id, "proposed": proposal}
            if rule.get("id"):
                copied["id"] = (article.id + rule["id"][len(source_id):]
                                if rule["id"].startswith(source_id)
                                else f"{article.id}-{rule['id']}")
            if rule.get("exception"):
                # The stated exception's article, where the document has it; else the
                # rule's own (its condition still lifts the prohibition).
                copied["exception"] = {**rule["exception"],
                                       "article": rewrite(rule["exception"]["article"])}
            rules.append(_tidy(copied))
        for consequence in data["consequences"]:
            if consequence["article"] == source_id:
                consequences.append(_tidy({**consequence, "article": article.id,
                                           "proposed": proposal}))
        if data["evaluation"].get("article") == source_id:
            evaluation = {"cadence": data["evaluation"]["cadence"], "article": article.id}

    # A rule id copied twice (two imported articles closest to one known article with
    # rules without ids of their own) is made unique.
    seen: set[str] = set()
    for rule in rules:
        if "id" in rule:
            base, number = rule["id"], 2
            while rule["id"] in seen:
                rule["id"] = f"{base}-{number}"
                number += 1
            seen.add(rule["id"])

    cited = cited_articles(rules, scope, consequences, evaluation)
    for article_id, kind in kinds.items():
        if kind["kind"] == "normative" and article_id not in cited:
            # The known article is implemented through another one the document lacks:
            # nothing binds here until someone writes its rules.
            kind["kind"] = "informative"
    return {"kinds": kinds, "scope": scope, "rules": rules, "consequences": consequences,
            "evaluation": evaluation}


def cited_articles(rules: Iterable[Mapping[str, Any]], scope: Iterable[Mapping[str, Any]],
                   consequences: Iterable[Mapping[str, Any]],
                   evaluation: Mapping[str, Any]) -> set[str | None]:
    """The articles something in the protocol file rests on: a normative article outside
    this set binds nothing."""
    return ({r["article"] for r in rules}
            | {r["exception"]["article"] for r in rules
               if r.get("exception") and r["exception"].get("article")}
            | {c["article"] for c in consequences} | {s["article"] for s in scope}
            | {evaluation.get("article")})


def _tidy(data: Mapping[str, Any]) -> dict[str, Any]:
    """A copy without the fields left at their defaults, as a person would write it."""
    tidy: dict[str, Any] = {}
    for key, value in data.items():
        if value is None or value == [] or (key == "reasons" and not value):
            continue
        tidy[key] = _tidy(value) if isinstance(value, Mapping) and key != "condition" \
            and key != "requires" and key != "proposed" else value
    return tidy
