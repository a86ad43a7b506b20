"""Shared by the text benchmarks: the labelled sets, the baselines, and scoring.

Not run by ``scripts/bench`` (files starting with ``_`` are not).
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data" / "text"

PD_KINDS = ("name", "phone", "email", "address", "postcode", "bsn", "date", "iban", "health",
            "student_number")
ABUSE_KINDS = ("insult", "threat", "exclusion", "doxxing", "sexual", "discrimination")
FLAGS = ("own_opinion_disclaimer", "third_party_disclaimer", "employee_mention")


def shared_dir() -> Path | None:
    """shared/ beside the checkout (or PW_SHARED_DIR)."""
    for candidate in (os.environ.get("PW_SHARED_DIR"), ROOT.parent / "shared",
                      Path("/work/shared")):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


def load(name: str) -> list[dict[str, Any]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


# -- predictions: one shape for every system ------------------------------------------------

@dataclass
class Prediction:
    spans: list[tuple[str, int, int]] = field(default_factory=list)   # (kind, start, end)
    abuse: set[str] = field(default_factory=set)
    abusive: bool = False
    flags: dict[str, bool] = field(default_factory=dict)


def ours(item: dict[str, Any]) -> Prediction:
    from protocolwijzer.analysis import analyse_text

    a = analyse_text(item["text"], organisation_names=item.get("organisation_names", ()),
                     public_contacts=item.get("public_contacts", ()))
    return Prediction([(s.kind, s.start, s.end) for s in a.personal_data], set(a.abuse_kinds),
                      a.abusive, {f: getattr(a, f) for f in FLAGS})


# deduce's tags for the kinds it has (it has no IBAN, postcode, health or birth date as
# such: "datum" is every date, "locatie" every place and address).
_DEDUCE_KINDS = {"persoon": "name", "patient": "name", "telefoonnummer": "phone",
                 "emailadres": "email", "locatie": "address", "bsn": "bsn", "datum": "date",
                 "patientnummer": "student_number"}


def deduce_baseline() -> Callable[[dict[str, Any]], Prediction]:
    from deduce import Deduce

    deduce = Deduce()

    def predict(item: dict[str, Any]) -> Prediction:
        doc = deduce.deidentify(item["text"])
        spans = [(_DEDUCE_KINDS[a.tag], a.start_char, a.end_char) for a in doc.annotations
                 if a.tag in _DEDUCE_KINDS]
        return Prediction(spans)

    return predict


_GROFLEX_KINDS = {"SEX": "sexual", "ETH": "discrimination", "REL": "discrimination"}


def groflex_baseline() -> Callable[[dict[str, Any]], Prediction] | None:
    """The GrofLex lexicon alone: a text is abusive when it contains one of its lemmas
    (lowercase, whole words); the category gives the kind. Read from shared/ (GPL-3.0:
    used as a baseline, never shipped)."""
    shared = shared_dir()
    path = shared / "data" / "groflex" / "groflex.tsv" if shared else None
    if path is None or not path.is_file():
        return None
    with path.open(encoding="utf-8") as handle:
        lemmas = {row["lemma"].lower(): _GROFLEX_KINDS.get(row["category"], "insult")
                  for row in csv.DictReader(handle, delimiter="\t")}

    def predict(item: dict[str, Any]) -> Prediction:
        words = re.findall(r"[^\W\d_]+", item["text"].lower())
        kinds = {lemmas[w] for w in words if w in lemmas}
        return Prediction(abuse=kinds, abusive=bool(kinds))

    return predict


# The plain baseline for the disclaimers and the employee mention: a keyword each.
def keyword_baseline(item: dict[str, Any]) -> Prediction:
    text = item["text"].lower()
    orgs = [o.lower() for o in item.get("organisation_names", ())]
    return Prediction(flags={
        "own_opinion_disclaimer": "mening" in text,
        "third_party_disclaimer": "reacties" in text,
        "employee_mention": "werk" in text and any(o in text for o in orgs)})


# -- scoring ---------------------------------------------------------------------------------

@dataclass
class Count:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _gold_spans(item: dict[str, Any]) -> list[tuple[str, int, int]]:
    spans = []
    for entry in item["personal_data"]:
        start = item["text"].find(entry["text"])
        spans.append((entry["kind"], start, start + len(entry["text"])))
    return spans


def score(items: Iterable[dict[str, Any]], predict: Callable[[dict[str, Any]], Prediction],
          categories: Iterable[str], errors: list[tuple[str, str, str]] | None = None
          ) -> dict[str, Count]:
    """Counts per category. Personal data is scored per span (same kind, overlapping
    text); abuse kinds, "abusive" and the flags per text."""
    categories = tuple(categories)
    counts = {c: Count() for c in categories}
    for item in items:
        pred = predict(item)
        gold_spans = _gold_spans(item)
        for kind in (c for c in categories if c in PD_KINDS):
            gold = [(s, e) for k, s, e in gold_spans if k == kind]
            found = [(s, e) for k, s, e in pred.spans if k == kind]
            matched_gold = {g for g in gold if any(f[0] < g[1] and g[0] < f[1] for f in found)}
            matched_found = [f for f in found if any(f[0] < g[1] and g[0] < f[1] for g in gold)]
            counts[kind].tp += len(matched_gold)
            counts[kind].fn += len(gold) - len(matched_gold)
            counts[kind].fp += len(found) - len(matched_found)
            if errors is not None:
                for g in set(gold) - matched_gold:
                    errors.append((kind, "missed", f"{item['id']}: {item['text'][g[0]:g[1]]!r} in "
                                                   f"{item['text'][:160]!r}"))
                for f in set(found) - set(matched_found):
                    errors.append((kind, "false", f"{item['id']}: {item['text'][f[0]:f[1]]!r} in "
                                                  f"{item['text'][:160]!r}"))
        labelled = {
            **{k: k in item["abuse"] for k in ABUSE_KINDS},
            "abusive": bool(item["abuse"]),
            **{f: bool(item[f]) for f in FLAGS},
        }
        predicted = {
            **{k: k in pred.abuse for k in ABUSE_KINDS},
            "abusive": pred.abusive,
            **{f: bool(pred.flags.get(f)) for f in FLAGS},
        }
        for category in (c for c in categories if c in labelled):
            gold_yes, pred_yes = labelled[category], predicted[category]
            count = counts[category]
            if gold_yes and pred_yes:
                count.tp += 1
            elif pred_yes:
                count.fp += 1
            elif gold_yes:
                count.fn += 1
            if errors is not None and gold_yes != pred_yes:
                errors.append((category, "missed" if gold_yes else "false",
                               f"{item['id']}: {item['text'][:200]!r}"))
    return counts


# -- the school signals (issue 11): boundary crossing, possibly criminal, ... ---------------

BOUNDARY_KINDS = ("looks", "romantic_sexual", "secrecy", "meeting_alone", "gifts",
                  "picture_request")
CRIMINAL_KINDS = ("threat", "sexual_image_minor", "sextortion", "doxxing_call", "incitement",
                  "discrimination", "defamation")
SCHOOL_FLAGS = ("confidential", "reputation_harm", "school_reference", "own_contact_details")
SCHOOL_CATEGORIES = (*(f"boundary:{k}" for k in BOUNDARY_KINDS), "boundary_crossing",
                     *(f"criminal:{k}" for k in CRIMINAL_KINDS), "possibly_criminal",
                     *SCHOOL_FLAGS)


def school_labels(boundary: Iterable[str], criminal: Iterable[str],
                  flags: dict[str, bool]) -> dict[str, bool]:
    boundary, criminal = set(boundary), set(criminal)
    return {**{f"boundary:{k}": k in boundary for k in BOUNDARY_KINDS},
            "boundary_crossing": bool(boundary),
            **{f"criminal:{k}": k in criminal for k in CRIMINAL_KINDS},
            "possibly_criminal": bool(criminal),
            **{f: bool(flags.get(f)) for f in SCHOOL_FLAGS}}


def school_ours(item: dict[str, Any]) -> dict[str, bool]:
    from protocolwijzer.analysis import Roster, analyse_text

    a = analyse_text(item["text"], organisation_names=item.get("organisation_names", ()),
                     public_contacts=item.get("public_contacts", ()),
                     roster=Roster.of(item.get("roster", ())))
    return school_labels(a.boundary_kinds, a.criminal_kinds,
                         {f: getattr(a, f) for f in SCHOOL_FLAGS})


def school_keyword_baseline(item: dict[str, Any]) -> dict[str, bool]:
    """One keyword list per category, and the analyser's own abuse flag for "possibly
    criminal": what a school would have without the new detectors."""
    from protocolwijzer.analysis import analyse_text

    text = item["text"].lower()
    abuse = analyse_text(item["text"])

    def has(*words: str) -> bool:
        return any(w in text for w in words)

    boundary = {"looks": has("mooi", "knap"), "romantic_sexual": has("verliefd", "schatje", "sexy"),
                "secrecy": has("geheim", "tussen ons"), "meeting_alone": has("alleen", "afspreken"),
                "gifts": has("cadeau"), "picture_request": has("foto", "selfie")}
    criminal = set(abuse.abuse_kinds) & {"threat", "discrimination"}
    if "doxxing" in abuse.abuse_kinds:
        criminal.add("doxxing_call")
    return school_labels(
        [k for k, v in boundary.items() if v], criminal,
        {"confidential": has("vertrouwelijk", "geheim"),
         "reputation_harm": has("slecht", "zooitje", "kutschool"),
         "school_reference": has("school", "juf", "meester", "klas"),
         "own_contact_details": has("bel me", "mijn nummer")})


def school_score(items: Iterable[dict[str, Any]],
                 predict: Callable[[dict[str, Any]], dict[str, bool]],
                 errors: list[tuple[str, str, str]] | None = None) -> dict[str, Count]:
    """Counts per school category, per text."""
    counts = {c: Count() for c in SCHOOL_CATEGORIES}
    for item in items:
        gold = school_labels(item["boundary"], item["criminal"], item)
        found = predict(item)
        for category in SCHOOL_CATEGORIES:
            count = counts[category]
            if gold[category] and found[category]:
                count.tp += 1
            elif found[category]:
                count.fp += 1
            elif gold[category]:
                count.fn += 1
            if errors is not None and gold[category] != found[category]:
                errors.append((category, "missed" if gold[category] else "false",
                               f"{item['id']}: {item['text'][:200]!r}"))
    return counts


def macro_f1(counts: dict[str, Count], categories: Iterable[str]) -> float:
    values = [counts[c].f1 for c in categories]
    return sum(values) / len(values) if values else 0.0
