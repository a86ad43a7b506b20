"""Trains the abuse model of :mod:`protocolwijzer.analysis.model` from the development
corpus, reproducibly, and estimates it honestly (issue 12).

    scripts/train-text-model            # writes protocolwijzer/analysis/data/abuse_model.bin
    scripts/train-text-model --cv       # leave one voice out: per persona, rules / model / both

Training needs scikit-learn (the ``dev`` extra); the product reads the file without it.
The corpus is every ``*.jsonl`` file in ``bench/data/text/corpus/dev/`` (one voice, a
persona, per file); its SHA-256 is written into the model so a test can tell that the
shipped file was built from the corpus in the repository. Training is deterministic: the
same corpus gives the same file, byte for byte (liblinear with a fixed seed).

Cross-validation holds one persona out at a time, trains on the other five and reads the
sixth through the real ``analyse_text``: the held-out voice is the honest estimate of a
voice the model never saw.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from array import array
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .analysis.model import (
    FORMAT,
    KIND_MAP,
    MODEL_FILE,
    SETTINGS,
    AbuseModel,
    Settings,
    encode,
    features,
    normalise,
    vector,
)

if TYPE_CHECKING:
    import scipy.sparse as sp

CORPUS_DIR = Path(__file__).resolve().parents[1] / "bench" / "data" / "text" / "corpus" / "dev"
SEED = 20261212
C_ABUSE = 10.0        # inverse regularisation, chosen by leave-one-voice-out (docs)
C_KIND = 10.0
MIN_DF = 2            # a bucket must occur in this many training messages to carry weight
NB_ALPHA = 1.0        # smoothing of the NB ratios
KINDS = ("insult", "threat", "exclusion", "doxxing", "sexual", "discrimination")


# The project's older development sets, in tidier Dutch and other registers (group hate,
# personal data, disclaimers, school signals): always in training, never a test fold, so
# the model also knows that "die presentatie was bom" and a mentor's message about a
# pupil's astma are not abuse. Held-out sets are never read.
AUXILIARY = ("dev.jsonl", "functional.jsonl", "functional_groups_dev.jsonl",
             "school_dev.jsonl")
# school_dev.jsonl has no abuse label; what it marks as possibly criminal or as boundary
# crossing is abuse in the corpus's sense (WRITERS.md), of these kinds.
_SCHOOL_KINDS = {"threat": "threat", "sextortion": "sexual", "sexual_image_minor": "sexual",
                 "doxxing_call": "doxxing", "incitement": "threat",
                 "discrimination": "discrimination", "defamation": "insult"}


def corpus_files(corpus: Path = CORPUS_DIR) -> list[Path]:
    """The training files: the corpus's voices, then the auxiliary sets."""
    return sorted(corpus.glob("*.jsonl")) + [corpus.parents[1] / name for name in AUXILIARY]


def corpus_sha256(files: Sequence[Path]) -> str:
    """One hash over the files' names and bytes, in name order."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def load(files: Sequence[Path]) -> list[dict[str, Any]]:
    """Every message with ``abusive``, ``kinds`` (the analyser's) and ``_voice`` (the
    file's stem; ``aux:`` before an auxiliary set's)."""
    rows = []
    for path in files:
        auxiliary = path.name in AUXILIARY
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if not auxiliary:
                kinds = [KIND_MAP[row["kind"]]] if row["abusive"] else []
            elif "abuse" in row:                       # dev.jsonl
                kinds = list(row["abuse"])
            elif "abusive" in row:                     # the functional sets
                kinds = list(row.get("kinds") or []) if row["abusive"] else []
            else:                                      # school_dev.jsonl
                kinds = sorted({_SCHOOL_KINDS[k] for k in row["criminal"]}
                               | ({"sexual"} if row["boundary"] else set()))
            rows.append({**row, "abusive": bool(kinds), "kinds": kinds,
                         "_voice": ("aux:" if auxiliary else "") + path.stem})
    return rows


def design(texts: Sequence[str], settings: Settings) -> sp.csr_matrix:
    import scipy.sparse as sp

    data: list[float] = []
    indices: list[int] = []
    indptr = [0]
    for text in texts:
        values = vector(features(normalise(text, settings), settings))
        for bucket in sorted(values):
            indices.append(bucket)
            data.append(values[bucket])
        indptr.append(len(indices))
    return sp.csr_matrix((data, indices, indptr), shape=(len(texts), 1 << settings.bits))


def fit(rows: Sequence[dict[str, Any]], *, settings: Settings = SETTINGS,
        corpus_hash: str = "") -> bytes:
    """The model file for these labelled rows."""
    # The dev extra's libraries, imported here: the corpus's hash needs none of them.
    import numpy as np
    import scipy.sparse as sp
    from sklearn.linear_model import LogisticRegression

    X = design([r["text"] for r in rows], settings)
    y = np.array([bool(r["abusive"]) for r in rows], dtype=np.int64)
    df = np.bincount(X.indices, minlength=X.shape[1])
    kept = np.flatnonzero(df >= MIN_DF)
    Xk = X[:, kept].tocsr()
    present = Xk.copy()
    present.data[:] = 1.0
    positive = np.asarray(present[y == 1].sum(axis=0)).ravel() + NB_ALPHA
    negative = np.asarray(present[y == 0].sum(axis=0)).ravel() + NB_ALPHA
    ratio = np.log((positive / positive.sum()) / (negative / negative.sum()))
    scale = 1.0 + np.abs(ratio)

    # No intercept: a text whose words the model never saw then reads as even odds
    # (below MODEL_THRESHOLD), not as the intercept's lean; measured no loss leaving one
    # voice out.
    abuse = LogisticRegression(C=C_ABUSE, solver="liblinear", dual=True, max_iter=5000,
                               random_state=SEED, fit_intercept=False)
    abuse.fit(Xk @ sp.diags(scale), y)
    abuse_w = abuse.coef_.ravel() * scale

    abusive = np.flatnonzero(y == 1)
    kind_w = np.zeros((len(kept), len(KINDS)))    # one vs rest, in KINDS order
    kind_b = np.zeros(len(KINDS))
    for k in range(len(KINDS)):
        one = LogisticRegression(C=C_KIND, solver="liblinear", dual=True, max_iter=5000,
                                 random_state=SEED, class_weight="balanced")
        one.fit(Xk[abusive], np.array([KINDS[k] in rows[int(i)]["kinds"] for i in abusive],
                                      dtype=np.int64))
        kind_w[:, k] = one.coef_.ravel()
        kind_b[k] = one.intercept_[0]

    abuse_scale = float(np.abs(abuse_w).max()) / 32767
    kind_scale = float(np.abs(kind_w).max()) / 127
    abuse_q = np.zeros(1 << settings.bits, dtype=np.int16)    # every bucket, zero for most
    abuse_q[kept] = np.rint(abuse_w / abuse_scale).astype(np.int16)
    kind_q = np.rint(kind_w / kind_scale).astype(np.int8)
    useful = (kind_q != 0).any(axis=1)
    buckets = kept[useful].astype(np.uint32)
    gaps = np.diff(buckets, prepend=np.uint32(0)).astype(np.uint32)
    header = {
        "format": FORMAT,
        "corpus_sha256": corpus_hash,
        "messages": len(rows),
        "settings": settings._asdict(),
        "training": {"c_abuse": C_ABUSE, "c_kind": C_KIND, "min_df": MIN_DF,
                     "nb_alpha": NB_ALPHA, "seed": SEED},
        "abuse_bias": 0.0,
        "abuse_scale": abuse_scale,
        "kinds": list(KINDS),
        "kind_bias": [round(float(b), 6) for b in kind_b],
        "kind_scale": kind_scale,
    }
    return encode(header, {"abuse": array("h", abuse_q.tolist()),
                           "buckets": array("I", gaps.tolist()),
                           "kind_weights": array("b", kind_q[useful].ravel().tolist())})


def build(corpus: Path = CORPUS_DIR) -> bytes:
    """The model file as the corpus in ``corpus`` makes it."""
    files = corpus_files(corpus)
    return fit(load(files), corpus_hash=corpus_sha256(files))


# --------------------------------------------------------------------------------------
# Leave one voice out
# --------------------------------------------------------------------------------------

def _prf(pairs: Sequence[tuple[bool, bool]]) -> tuple[float, float, float]:
    tp = sum(1 for truth, said in pairs if truth and said)
    fp = sum(1 for truth, said in pairs if not truth and said)
    fn = sum(1 for truth, said in pairs if truth and not said)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cross_validate(corpus: Path = CORPUS_DIR, out: Any = sys.stdout) -> list[dict[str, Any]]:
    """Hold out one voice at a time, train on the rest (the other voices and the older
    sets) and read the held-out voice through the real ``analyse_text``: the rules alone,
    the model alone (``MODEL_THRESHOLD``) and both. Then the same for each older
    development set with abuse labels, held out from training in its turn: what the
    model would do to the figures the rules were built on. Returns one record per
    message."""
    from .analysis import model as abuse_model
    from .analysis.text import analyse_text

    rows = load(corpus_files(corpus))
    # school_dev.jsonl trains, but is no fold: its labels are the school signals, which
    # the model does not change (boundary crossing and possible offences are the rules').
    folds = sorted({r["_voice"] for r in rows} - {"aux:school_dev"},
                   key=lambda v: (v.startswith("aux:"), v))
    records = []
    for fold in folds:
        trained = AbuseModel.from_bytes(fit([r for r in rows if r["_voice"] != fold]))
        for r in (r for r in rows if r["_voice"] == fold):
            with abuse_model.using(None):
                rules = analyse_text(r["text"])
            with abuse_model.using(trained):
                both = analyse_text(r["text"])
                probability = abuse_model.abuse_probability(r["text"])
            records.append({
                "id": r["id"], "voice": fold, "abusive": bool(r["abusive"]),
                "gold_kinds": r["kinds"], "kind": r.get("kind"), "negative": r.get("negative"),
                "text": r["text"], "rules": rules.abusive, "rules_kinds": list(rules.abuse_kinds),
                "probability": probability, "both": both.abusive,
                "both_kinds": list(both.abuse_kinds), "both_spans": list(both.abuse_spans),
                "both_score": both.abuse_score,
            })
        print(f"  {fold} done", file=sys.stderr, flush=True)
    report(records, out)
    return records


def _macro_f1(records: Sequence[dict[str, Any]], key: str, kinds: Sequence[str]) -> float:
    f1s = [_prf([(k in r["gold_kinds"], k in r[key]) for r in records])[2] for k in kinds]
    f1s.append(_prf([(bool(r["gold_kinds"]), bool(r[key])) for r in records])[2])
    return sum(f1s) / len(f1s)


def report(records: Sequence[dict[str, Any]], out: Any = sys.stdout) -> None:
    from .analysis.model import MODEL_THRESHOLD
    from .analysis.result import ABUSE_KINDS

    readers: list[tuple[str, Callable[[dict[str, Any]], bool]]] = [
        ("rules alone", lambda r: bool(r["rules"])),
        (f"model alone (>= {MODEL_THRESHOLD})",
         lambda r: bool(r["probability"] >= MODEL_THRESHOLD)),
        ("rules + model", lambda r: bool(r["both"])),
    ]
    corpus = [r for r in records if not r["voice"].startswith("aux:")]
    voices = sorted({r["voice"] for r in corpus})
    print("abusive, leaving one voice out (P / R / F1):", file=out)
    print(f"{'voice':14}" + "".join(f"{name:>26}" for name, _ in readers), file=out)
    for voice in [*voices, "all"]:
        chosen = [r for r in corpus if voice in ("all", r["voice"])]
        cells = []
        for _, said in readers:
            p, rc, f = _prf([(r["abusive"], said(r)) for r in chosen])
            cells.append(f"{p:.3f} {rc:.3f} {f:.3f}")
        print(f"{voice:14}" + "".join(f"{cell:>26}" for cell in cells), file=out)

    print("\nrecall per kind, false-positive rate per look-alike (rules / model / both):",
          file=out)
    for kind in sorted({r["kind"] for r in corpus if r["abusive"]}):
        chosen = [r for r in corpus if r["abusive"] and r["kind"] == kind]
        print(f"  {kind:20} n={len(chosen):4}  " + "  ".join(
            f"{sum(said(r) for r in chosen) / len(chosen):.2f}" for _, said in readers),
            file=out)
    for negative in sorted({r["negative"] for r in corpus if not r["abusive"]}):
        chosen = [r for r in corpus if not r["abusive"] and r["negative"] == negative]
        print(f"  {negative:20} n={len(chosen):4}  " + "  ".join(
            f"{sum(said(r) for r in chosen) / len(chosen):.2f}" for _, said in readers),
            file=out)
    found = [r for r in corpus if r["abusive"] and r["both"]]
    right = sum(KIND_MAP[r["kind"]] in r["both_kinds"] for r in found)
    print(f"\nthe kind (corpus kind mapped by KIND_MAP) among the abuse found: "
          f"{right / max(1, len(found)):.3f}", file=out)

    older = [r for r in records if r["voice"].startswith("aux:")]
    if older:
        print("\nthe older development sets, each held out from training in its turn "
              "(abusive accuracy, rules / both):", file=out)
    for voice in sorted({r["voice"] for r in older}):
        chosen = [r for r in older if r["voice"] == voice]
        rules_right = sum(r["rules"] == r["abusive"] for r in chosen) / len(chosen)
        both_right = sum(r["both"] == r["abusive"] for r in chosen) / len(chosen)
        line = f"  {voice[4:]:28} n={len(chosen):4}  {rules_right:.3f}  {both_right:.3f}"
        if voice == "aux:dev":
            # the abuse categories of bench/text_quality.py's table: a kind each, abusive
            line += (f"   macro F1 of the 6 kinds and abusive: "
                     f"{_macro_f1(chosen, 'rules_kinds', ABUSE_KINDS):.3f} -> "
                     f"{_macro_f1(chosen, 'both_kinds', ABUSE_KINDS):.3f}")
        print(line, file=out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="train-text-model", description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS_DIR)
    parser.add_argument("--output", type=Path, default=MODEL_FILE)
    parser.add_argument("--cv", action="store_true",
                        help="estimate by leaving one voice out; writes nothing")
    parser.add_argument("--records", type=Path,
                        help="with --cv: write one JSON line per message here")
    args = parser.parse_args(argv)
    if args.cv:
        records = cross_validate(args.corpus)
        if args.records:
            args.records.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n"
                                            for r in records), encoding="utf-8")
        return 0
    data = build(args.corpus)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    print(f"{args.output}: {len(data) / 1024:.0f} KiB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
