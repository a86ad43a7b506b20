"""Final check on a public test suite: Multilingual HateCheck, Dutch (3,765 cases).

Run once, after building on our own sets; never tune on it (bench/data/mhc/README.md).
Reports accuracy against the suite's gold labels, per functionality, for our analyser
("abusive") and, in the same run, for the GrofLex lexicon alone. The reference the issue
names: a BERTje model fine-tuned on DALC 2.0 reaches about 60 % on these tests.

HateCheck labels abuse of one person ("target_indiv_nh") and of a group that is not
protected ("target_group_nh") as not hateful; the school protocols forbid hurting anyone,
so our analyser calls them abusive on purpose. The accuracy is therefore given twice:
against the gold labels on all cases, and on the cases without those two functionalities.

    .venv/bin/python bench/hatecheck_final.py      (skips when the file is not there)
"""

from __future__ import annotations

import csv
import os
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _textsets import groflex_baseline

DEFAULT = Path(__file__).resolve().parent / "data" / "mhc" / "hatecheck_cases_final_dutch.csv"
OURS_BY_DESIGN = {"target_indiv_nh", "target_group_nh"}


def main() -> None:
    from protocolwijzer.analysis import analyse_text

    path = Path(os.environ.get("PW_MHC_FILE") or DEFAULT)
    if not path.is_file():
        print(f"skipped: {path} is not there (see bench/data/mhc/README.md)")
        return
    with path.open(encoding="utf-8", newline="") as handle:
        cases = list(csv.DictReader(handle))
    groflex = groflex_baseline()
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for case in cases:
        hateful = case["label_gold"] == "hateful"
        ours = analyse_text(case["test_case"]).abusive
        base = groflex({"text": case["test_case"]}).abusive if groflex else False
        cell = per[case["functionality"]]
        cell[0] += 1
        cell[1] += ours == hateful
        cell[2] += base == hateful

    def accuracy(keep) -> tuple[float, float, int]:
        rows = [c for f, c in per.items() if keep(f)]
        n = sum(c[0] for c in rows)
        return sum(c[1] for c in rows) / n, sum(c[2] for c in rows) / n, n

    print(f"{'functionality':<22}{'n':>5}{'ours':>7}{'GrofLex':>9}")
    for function, (n, ours_right, base_right) in sorted(per.items()):
        print(f"{function:<22}{n:>5}{ours_right / n:>7.0%}{base_right / n:>9.0%}")
    ours_all, base_all, n_all = accuracy(lambda f: True)
    ours_cut, base_cut, n_cut = accuracy(lambda f: f not in OURS_BY_DESIGN)
    print(f"accuracy on all {n_all} cases: ours {ours_all:.1%}, GrofLex alone {base_all:.1%} "
          f"(ratio {ours_all / base_all:.2f}x); reference BERTje+DALC about 60 %")
    print(f"accuracy without target_indiv_nh and target_group_nh ({n_cut} cases): "
          f"ours {ours_cut:.1%}, GrofLex alone {base_cut:.1%}")


if __name__ == "__main__":
    main()
