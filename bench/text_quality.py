"""Quality of the Dutch text analysis: precision, recall and F1 per category.

On the development set (studied while building) and the held-out set (never studied),
for our analyser and, in the same run, the plain baselines: deduce alone for personal
data (its own person, phone, e-mail, location, BSN and date detection), the GrofLex
lexicon alone for abusive language, one keyword each for the disclaimers and the
employee mention. Then the functional abuse tests, per functionality: our first set
(``functional.jsonl``), the group-hate development set (``functional_groups_dev.jsonl``,
studied) and its held-out twin (``functional_groups_heldout.jsonl``, written separately and
never studied). Last, the school signals of issue 11 (boundary crossing, possibly
criminal, confidential, reputation, school reference, own contact details) on their
development cases (``school_dev.jsonl``), beside one keyword list each.

    .venv/bin/python bench/text_quality.py [--errors]     (--errors: list every miss)

The first run of deduce builds its lookup structures (minutes; cached afterwards).
"""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _textsets import (
    ABUSE_KINDS,
    FLAGS,
    PD_KINDS,
    SCHOOL_CATEGORIES,
    Prediction,
    deduce_baseline,
    groflex_baseline,
    keyword_baseline,
    load,
    macro_f1,
    ours,
    school_keyword_baseline,
    school_ours,
    school_score,
    score,
)

CATEGORIES = (*PD_KINDS, *ABUSE_KINDS, "abusive", *FLAGS)
# The categories each baseline speaks to (deduce has no IBAN, postcode or health).
DEDUCE_CATEGORIES = ("name", "phone", "email", "address", "bsn", "date", "student_number")


def combined_baseline():
    deduce = deduce_baseline()
    groflex = groflex_baseline()

    def predict(item):
        pred = deduce(item)
        if groflex is not None:
            g = groflex(item)
            pred.abuse, pred.abusive = g.abuse, g.abusive
        pred.flags = keyword_baseline(item).flags
        return pred

    return predict, groflex is not None


def table(name: str, items, baseline, show_errors: bool) -> None:
    errors: list[tuple[str, str, str]] = []
    mine = score(items, ours, CATEGORIES, errors if show_errors else None)
    base = score(items, baseline, CATEGORIES)
    print(f"\n== {name} ({len(items)} texts)")
    print(f"{'category':<24}{'ours P':>8}{'R':>6}{'F1':>6}   {'baseline F1':>11}")
    for category in CATEGORIES:
        m, b = mine[category], base[category]
        print(f"{category:<24}{m.precision:>8.2f}{m.recall:>6.2f}{m.f1:>6.2f}   {b.f1:>11.2f}"
              f"   (tp {m.tp}, fp {m.fp}, fn {m.fn})")
    ours_macro = macro_f1(mine, CATEGORIES)
    base_macro = macro_f1(base, CATEGORIES)
    print(f"macro F1 over {len(CATEGORIES)} categories: ours {ours_macro:.3f}, "
          f"baseline {base_macro:.3f}, ratio {ours_macro / base_macro:.2f}x")
    for group, cats in (("personal data", PD_KINDS), ("abuse", (*ABUSE_KINDS, "abusive")),
                        ("disclaimers and employee", FLAGS)):
        print(f"  macro F1 {group}: ours {macro_f1(mine, cats):.3f}, "
              f"baseline {macro_f1(base, cats):.3f}")
    names_ours, names_base = mine["name"].f1, base["name"].f1
    print(f"  names: ours {names_ours:.3f} vs deduce alone {names_base:.3f}")
    for category, kind, text in sorted(errors):
        print(f"    {category} {kind}: {text}")


def functional(name: str, show_errors: bool) -> None:
    items = load(name)
    groflex = groflex_baseline()
    by_function: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    wrong = []
    for item in items:
        pred: Prediction = ours({"text": item["text"]})
        right = pred.abusive == item["abusive"]
        base_right = (groflex({"text": item["text"]}).abusive == item["abusive"]
                      if groflex else False)
        cell = by_function[item["functionality"]]
        cell[0] += 1
        cell[1] += right
        cell[2] += base_right
        if not right:
            wrong.append((item["functionality"], item["text"]))
    total = len(items)
    ok = sum(c[1] for c in by_function.values())
    base_ok = sum(c[2] for c in by_function.values())
    print(f"\n== functional abuse tests, {name} ({total} cases, "
          f"{len(by_function)} functionalities)")
    print(f"{'functionality':<22}{'n':>4}{'ours':>7}{'lexicon':>9}")
    for function, (n, right, base_right) in sorted(by_function.items()):
        print(f"{function:<22}{n:>4}{right / n:>7.0%}{base_right / n:>9.0%}")
    print(f"accuracy: ours {ok / total:.1%}, GrofLex alone {base_ok / total:.1%}, "
          f"ratio {ok / max(1, base_ok):.2f}x")
    if show_errors:
        for function, text in wrong:
            print(f"    {function}: {text}")


def school_signals(name: str, title: str, show_errors: bool) -> None:
    """The school signals of issue 11 on one set: the development cases
    (``school_dev.jsonl``, studied while building: the figures flatter) or the held-out
    messages (``school_heldout.jsonl``, written blind in other voices: never studied, so
    its errors are never listed)."""
    items = load(name)
    errors: list[tuple[str, str, str]] = []
    mine = school_score(items, school_ours, errors if show_errors else None)
    base = school_score(items, school_keyword_baseline)
    print(f"\n== school signals, {title} ({len(items)} texts)")
    print(f"{'category':<30}{'ours P':>8}{'R':>6}{'F1':>6}   {'keyword F1':>10}")
    for category in SCHOOL_CATEGORIES:
        m, b = mine[category], base[category]
        print(f"{category:<30}{m.precision:>8.2f}{m.recall:>6.2f}{m.f1:>6.2f}   {b.f1:>10.2f}"
              f"   (tp {m.tp}, fp {m.fp}, fn {m.fn})")
    ours_macro = macro_f1(mine, SCHOOL_CATEGORIES)
    base_macro = macro_f1(base, SCHOOL_CATEGORIES)
    print(f"macro F1 over {len(SCHOOL_CATEGORIES)} categories: ours {ours_macro:.3f}, "
          f"keywords {base_macro:.3f}, ratio {ours_macro / base_macro:.2f}x")
    for category, kind, text in sorted(errors):
        print(f"    {category} {kind}: {text}")


def main() -> None:
    show_errors = "--errors" in sys.argv
    started = time.perf_counter()
    baseline, has_groflex = combined_baseline()
    print(f"baselines ready in {time.perf_counter() - started:.1f} s "
          f"(deduce; GrofLex {'found' if has_groflex else 'NOT found: abuse baseline is empty'})")
    table("development set", load("dev.jsonl"), baseline, show_errors)
    table("held-out set", load("heldout.jsonl"), baseline, show_errors)
    functional("functional.jsonl", show_errors)
    functional("functional_groups_dev.jsonl", show_errors)
    # never studied: errors are not listed, so that they cannot be fixed one by one
    functional("functional_groups_heldout.jsonl", False)
    school_signals("school_dev.jsonl", "development cases", show_errors)
    school_signals("school_heldout.jsonl", "held-out messages", False)


if __name__ == "__main__":
    main()
