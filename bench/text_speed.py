"""Speed of the Dutch text analysis, against its baselines in the same run.

* per post: p50/p95 of ``analyse_text`` on 400 posts of 1,000 characters (built from the
  labelled sets with a fixed seed), beside the rules alone (without the trained model of
  issue 12: the budget is 2x at p95), deduce alone and the GrofLex lexicon alone;
* batch: posts per second of ``protocolwijzer analyse-text --jsonl`` on 2,000 posts, as
  a whole process (start-up included), beside the same batch in one process; the median of
  three runs of each, in turn, with every run printed;
* load: start-up of the analyser in a fresh interpreter (import, name lists, model weights,
  first call), beside the rules alone and deduce's start-up, all less a bare interpreter.

    .venv/bin/python bench/text_speed.py
"""

from __future__ import annotations

import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _textsets import deduce_baseline, groflex_baseline, load

POSTS = 400
BATCH = 2000
BATCH_RUNS = 3


def posts(count: int, length: int = 1000) -> list[str]:
    rng = random.Random(20261202)
    texts = [item["text"] for name in ("dev.jsonl", "functional.jsonl")
             for item in load(name)]
    out = []
    for _ in range(count):
        post = ""
        while len(post) < length:
            post += rng.choice(texts) + " "
        out.append(post[:length])
    return out


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def timed(function, items: list[str]) -> list[float]:
    for item in items[:20]:
        function(item)   # warm caches
    times = []
    for item in items:
        start = time.perf_counter()
        function(item)
        times.append(time.perf_counter() - start)
    return times


def timed_together(first, second, items: list[str]) -> tuple[list[float], list[float]]:
    """Both functions on each item in turn, so that a busy machine slows both alike."""
    for item in items[:20]:
        first(item)
        second(item)
    times: tuple[list[float], list[float]] = ([], [])
    for item in items:
        for function, out in ((first, times[0]), (second, times[1])):
            start = time.perf_counter()
            function(item)
            out.append(time.perf_counter() - start)
    return times


def fresh(code: str, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    from protocolwijzer.analysis import analyse_text, model

    def rules_alone(text: str) -> object:
        with model.using(None):
            return analyse_text(text)

    sample = posts(POSTS)
    ours, rules = timed_together(analyse_text, rules_alone, sample)
    deduce = deduce_baseline()
    ded = timed(lambda t: deduce({"text": t}), sample)
    groflex = groflex_baseline()
    lexicon = timed(lambda t: groflex({"text": t}), sample) if groflex else []

    p95 = percentile(ours, 0.95) * 1000
    print(f"per 1,000-character post ({POSTS} posts):")
    print(f"  ours:           p50 {percentile(ours, .5) * 1000:6.2f} ms, p95 {p95:6.2f} ms")
    print(f"  rules alone:    p50 {percentile(rules, .5) * 1000:6.2f} ms, "
          f"p95 {percentile(rules, .95) * 1000:6.2f} ms  (ours/rules at p95: "
          f"{p95 / (percentile(rules, .95) * 1000):.2f}x; budget 2x)")
    print(f"  deduce alone:   p50 {percentile(ded, .5) * 1000:6.2f} ms, "
          f"p95 {percentile(ded, .95) * 1000:6.2f} ms  (ours/deduce at p95: "
          f"{p95 / (percentile(ded, .95) * 1000):.2f}x)")
    if lexicon:
        print(f"  GrofLex alone:  p50 {percentile(lexicon, .5) * 1000:6.2f} ms, "
              f"p95 {percentile(lexicon, .95) * 1000:6.2f} ms  (ours/lexicon at p95: "
              f"{p95 / (percentile(lexicon, .95) * 1000):.1f}x)")

    exe = Path(sys.executable).with_name("protocolwijzer")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "posts.jsonl"
        batch = posts(BATCH)
        path.write_text("".join(json.dumps({"text": t}) + "\n" for t in batch),
                        encoding="utf-8")

        def batch_seconds(*extra: str) -> float:
            start = time.perf_counter()
            done = subprocess.run([str(exe), "analyse-text", "--jsonl", str(path), *extra],
                                  check=True, capture_output=True, text=True)
            assert done.stdout.count("\n") == BATCH
            return time.perf_counter() - start

        # three runs each, in turn: the host is shared, one run can land on a busy moment
        runs = [(batch_seconds(), batch_seconds("--jobs", "1")) for _ in range(BATCH_RUNS)]
    seconds = statistics.median(both for both, _ in runs)
    one = statistics.median(alone for _, alone in runs)
    print(f"batch: {BATCH / seconds:,.0f} posts/s through `analyse-text --jsonl`, median of "
          f"{BATCH_RUNS} runs ({', '.join(f'{BATCH / both:,.0f}' for both, _ in runs)}; "
          f"{BATCH} posts of 1,000 characters in {seconds:.1f} s, start-up included); "
          f"one process: {BATCH / one:,.0f} posts/s (ratio {one / seconds:.2f}x)")

    bare = fresh("pass")
    load_ours = fresh("from protocolwijzer.analysis import analyse_text; analyse_text('Hoi Daan')")
    load_rules = fresh("from protocolwijzer.analysis import analyse_text, model\n"
                       "with model.using(None): analyse_text('Hoi Daan')")
    load_deduce = fresh("from deduce import Deduce; Deduce().deidentify('Hoi Daan')", runs=3)
    print(f"load in a fresh interpreter (bare interpreter {bare * 1000:.0f} ms subtracted): "
          f"ours {(load_ours - bare) * 1000:.0f} ms (budget 300 ms), rules alone "
          f"{(load_rules - bare) * 1000:.0f} ms, deduce {(load_deduce - bare):.1f} s "
          f"(ours/deduce: {(load_ours - bare) / (load_deduce - bare):.3f}x)")


if __name__ == "__main__":
    main()
