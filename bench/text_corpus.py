"""Abuse in pupils' own register (issue 12): the rules alone, the trained model alone and
the two combined, on the held-out corpus, in one run.

The held-out corpus (``data/text/corpus/heldout/``, 840 messages) was written by writers
who never saw the code, the development corpus or the model, each in a persona of their
own. It is read here and nowhere else: the training script never opens it, and this
script prints only totals, never a message (there is no ``--errors``). Report it as the
final check; do not tune on it.

Printed per held-out voice and for all of them together: abusive precision, recall and
F1 for each of the three readers; recall per corpus kind of abuse; the false-positive
rate per kind of hard negative (banter, a curse at a game, sports talk, quoting bullying
to report it ...). An adult's boundary crossing, which the analyser reports as a finding
of its own (``boundary_crossing``) and the checker forbids like abuse, counts as found for
the rules and the combination.

    .venv/bin/python bench/text_corpus.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from protocolwijzer.analysis import analyse_text  # noqa: E402

HELDOUT = ROOT / "bench" / "data" / "text" / "corpus" / "heldout"

Reader = Callable[[str], bool]


def load() -> dict[str, list[dict]]:
    voices = {}
    for path in sorted(HELDOUT.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            voices[path.stem] = [json.loads(line) for line in lines if line.strip()]
    return voices


def readers() -> dict[str, Reader]:
    """The rules alone, the model alone and both, as ``analyse_text`` gives them."""
    from protocolwijzer.analysis import model

    def flagged(text: str) -> bool:
        # An adult's boundary crossing is a finding of its own (issue 11), which the checker
        # forbids like abuse; the corpus labels it abusive, so it counts as found.
        found = analyse_text(text)
        return found.abusive or found.boundary_crossing

    def rules(text: str) -> bool:
        with model.using(None):
            return flagged(text)

    return {
        "rules": rules,
        "model": lambda text: model.abuse_probability(text) >= model.MODEL_THRESHOLD,
        "combined": flagged,
    }


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


class Tally:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0
        self.kind_seen: Counter[str] = Counter()
        self.kind_found: Counter[str] = Counter()
        self.negative_seen: Counter[str] = Counter()
        self.negative_flagged: Counter[str] = Counter()

    def add(self, item: dict, said: bool) -> None:
        if item["abusive"]:
            kind = item.get("kind") or "?"
            self.kind_seen[kind] += 1
            self.kind_found[kind] += said
            self.tp += said
            self.fn += not said
        else:
            negative = item.get("negative") or "?"
            self.negative_seen[negative] += 1
            self.negative_flagged[negative] += said
            self.fp += said

    def line(self) -> str:
        p, r, f = prf(self.tp, self.fp, self.fn)
        return f"P {p:.2f}  R {r:.2f}  F1 {f:.3f}  (tp {self.tp}, fp {self.fp}, fn {self.fn})"


def main() -> None:
    voices = load()
    if not voices:
        print("no held-out corpus found")
        return
    who = readers()
    total = {name: Tally() for name in who}
    total_items = sum(len(items) for items in voices.values())
    print(f"held-out corpus: {total_items} messages in {len(voices)} voices "
          "(totals only; the messages are never printed)")
    for voice, items in voices.items():
        tallies = {name: Tally() for name in who}
        for item in items:
            for name, read in who.items():
                said = read(item["text"])
                tallies[name].add(item, said)
                total[name].add(item, said)
        abusive = sum(1 for item in items if item["abusive"])
        print(f"\n== {voice} ({len(items)} messages, {abusive} abusive)")
        for name, tally in tallies.items():
            print(f"  {name:<9} {tally.line()}")

    print(f"\n== all held-out voices ({total_items} messages)")
    for name, tally in total.items():
        print(f"  {name:<9} {tally.line()}")

    rates(total, "recall per kind of abuse", "kind_seen", "kind_found")
    rates(total, "false-positive rate per kind of hard negative", "negative_seen",
          "negative_flagged")
    rules_f1 = prf(total["rules"].tp, total["rules"].fp, total["rules"].fn)[2]
    combined_f1 = prf(total["combined"].tp, total["combined"].fp, total["combined"].fn)[2]
    print(f"\ncombined / rules alone, abusive F1: {combined_f1 / max(rules_f1, 1e-9):.2f}x "
          "(the issue's bar: combined F1 >= 0.90 with precision >= 0.88)")


def rates(total: dict[str, Tally], title: str, seen: str, hit: str) -> None:
    """One line per kind: how many there are, and each reader's share of them."""
    names = list(total)
    counts: Counter[str] = getattr(total[names[0]], seen)
    print(f"\n{title}:")
    print(f"  {'kind':<20}{'n':>5}" + "".join(f"{name:>10}" for name in names))
    for kind in sorted(counts):
        n = counts[kind]
        print(f"  {kind:<20}{n:>5}" + "".join(
            f"{getattr(total[name], hit)[kind] / n:>10.0%}" for name in names))

if __name__ == "__main__":
    main()
