"""Rows per second of the student import: parse+validate, and the import into SQLite.

Generates synthetic Dutch students (first names and surnames from schools/demo.py, fixed
seed; no real persons) with a class and one or two guardians each, as a ParnasSys-style
CSV, at 1,000, 10,000 and 100,000 rows. For each size it reports rows per second for
``importing.read_table`` + ``validate`` and for ``do_import_students`` into a fresh school
of a fresh SQLite database (all inserts), plus a second import of the same rows (nothing
changes: the idempotent path). Baseline: the per-row cost at 1,000 rows; the figure is the
per-row cost at each larger size divided by it (linear growth gives ~1.0).

Peak memory: for each size, and for the hostile wide file of issue 10 (6,000 header
columns and 7,000 one-cell rows, 55 KB, that used to take 750 MB), the peak of Python's
allocations (``tracemalloc``) while a forked child reads the file, validates it and
serialises the table as the pending import stores it; the input bytes themselves are not
counted. Measured in a child so that tracing does not slow the timings. Baseline: the
peak at 1,000 rows; the figure per size is the peak per row divided by the baseline's
(linear growth gives ~1.0), and for the hostile file its peak divided by the baseline's
peak. The hostile file is read with the page's own limits, so it is refused.

Note: 100,000 rows exceed the page's limits (MAX_ROWS 20,000 and MAX_BYTES 5 MB), so the
benchmark raises those module limits for itself and calls the pure parser and
``do_import_students`` directly, as no page can. If the database part of the largest size
would push the run past about three minutes, it measures 50,000 rows instead and says so.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "protocolwijzer.settings")
_tmp = tempfile.TemporaryDirectory(prefix="pw-bench-import-")
os.environ["PW_DATA_DIR"] = _tmp.name
os.environ.pop("PW_DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402

from protocolwijzer.accounts.models import User  # noqa: E402
from protocolwijzer.schools import importing  # noqa: E402
from protocolwijzer.schools.actions import do_import_students  # noqa: E402
from protocolwijzer.schools.demo import ADULT_FIRST_NAMES, CHILD_FIRST_NAMES, SURNAMES  # noqa: E402
from protocolwijzer.schools.models import School, Stichting  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
FALLBACK = 50_000
BUDGET_SECONDS = 150
SEED = 2026
HEADER = ("Leerlingnummer;Roepnaam;Voorvoegsel;Achternaam;Geboortedatum;Groep;"
          "Roepnaam ouder/verzorger 1;Voorvoegsel ouder/verzorger 1;"
          "Achternaam ouder/verzorger 1;E-mail ouder/verzorger 1;"
          "Roepnaam ouder/verzorger 2;Voorvoegsel ouder/verzorger 2;"
          "Achternaam ouder/verzorger 2;E-mail ouder/verzorger 2")
GROUPS = [f"Groep {n}{letter}" for n in range(1, 9) for letter in "ABC"]


def synthetic_csv(rows: int) -> bytes:
    rng = random.Random(f"{SEED}:{rows}")
    lines = [HEADER]
    for i in range(rows):
        tussenvoegsel, surname = rng.choice(SURNAMES)
        born = f"{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-{rng.randint(2010, 2020)}"
        line = [str(100_000 + i), rng.choice(CHILD_FIRST_NAMES), tussenvoegsel, surname, born,
                rng.choice(GROUPS)]
        for n in (1, 2) if rng.random() < 0.4 else (1,):
            first = rng.choice(ADULT_FIRST_NAMES)
            line += [first, tussenvoegsel, surname,
                     f"{first.lower()}.{surname.lower().replace(' ', '')}.{i}.{n}@example.org"]
        lines.append(";".join(line + [""] * (14 - len(line))))
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def hostile_wide_csv() -> bytes:
    header = ";".join(f"k{i}" for i in range(6_000))
    return (header + "\r\n" + "x\r\n" * 7_000).encode("utf-8")


PAGE_LIMITS = {name: getattr(importing, name) for name in (
    "MAX_BYTES", "MAX_ROWS", "MAX_CELLS", "MAX_TEXT_CHARS")}
_INPUT = b""  # the file a forked child reads (inherited, not pickled)


def _read_in_child(page_limits: bool) -> tuple[float, str]:
    """In the child: peak traced MB and the outcome of reading _INPUT."""
    if page_limits:
        for name, value in PAGE_LIMITS.items():
            setattr(importing, name, value)
    tracemalloc.start()
    try:
        table = importing.read_table(_INPUT)
        importing.validate(table, importing.guess_mapping(table.headers, "parnassys"),
                           timezone.localdate())
        outcome = f"read, {len(json.dumps(table.as_json())):,} bytes stored"
    except importing.FileRefused as refused:
        outcome = f"refused: {refused.message}"
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1e6, outcome


def peak_memory(data: bytes, *, page_limits: bool = False) -> tuple[float, str]:
    global _INPUT
    _INPUT = data
    with multiprocessing.get_context("fork").Pool(1) as pool:
        return pool.apply(_read_in_child, (page_limits,))


def main() -> None:
    importing.MAX_BYTES = 1 << 30  # see the module docstring
    importing.MAX_ROWS = 1_000_000
    importing.MAX_CELLS = importing.MAX_TEXT_CHARS = 1 << 30
    call_command("migrate", verbosity=0)
    stichting = Stichting.objects.create(name="Bench")
    user = User.objects.create_user("bench@example.org", "bench-wachtwoord-1", name="Bench")
    # Warm-up (not reported): first-call costs (regex compilation, query building) would
    # otherwise all land on the 1,000-row baseline.
    warm = importing.read_table(synthetic_csv(200))
    warm_rows = importing.validate(warm, importing.guess_mapping(warm.headers, "parnassys"),
                                   timezone.localdate()).rows
    do_import_students(School.objects.create(stichting=stichting, name="Warm-up",
                                             slug="warm-up"), warm_rows, user)
    started = time.perf_counter()
    results = []
    print(f"{'rows':>8} {'parse+validate rows/s':>22} {'import rows/s':>14} "
          f"{'re-import rows/s':>17}")
    for size in SIZES:
        if size > 10_000 and results:
            # Per-row cost at the previous size, times size, with 50% headroom.
            estimate = 1.5 * size * sum(results[-1][1:]) / results[-1][0]
            remaining = BUDGET_SECONDS - (time.perf_counter() - started)
            if estimate > remaining:
                print(f"   {size:,} rows would take about {estimate:.0f} s, more than the "
                      f"{remaining:.0f} s left of the time budget: measuring {FALLBACK:,}.")
                size = FALLBACK
        data = synthetic_csv(size)
        t0 = time.perf_counter()
        table = importing.read_table(data)
        validated = importing.validate(table, importing.guess_mapping(table.headers,
                                                                      "parnassys"),
                                       timezone.localdate())
        t1 = time.perf_counter()
        assert not validated.errors, validated.errors[:3]
        school = School.objects.create(stichting=stichting, name=f"School {size}",
                                       slug=f"school-{size}")
        summary = do_import_students(school, validated.rows, user)
        t2 = time.perf_counter()
        again = do_import_students(school, validated.rows, user)
        t3 = time.perf_counter()
        assert summary.new_students == size and not again.changes_anything
        results.append((size, t1 - t0, t2 - t1, t3 - t2))
        print(f"{size:>8,} {size / (t1 - t0):>22,.0f} {size / (t2 - t1):>14,.0f} "
              f"{size / (t3 - t2):>17,.0f}")
    base = results[0]
    print("\nPer-row cost relative to 1,000 rows (linear growth = 1.0):")
    for size, parse, load, reload in results[1:]:
        print(f"{size:>8,}  parse+validate {parse / size / (base[1] / base[0]):.2f}  "
              f"import {load / size / (base[2] / base[0]):.2f}  "
              f"re-import {reload / size / (base[3] / base[0]):.2f}")
    print("\nPeak memory of reading, validating and storing the table (tracemalloc, in a "
          "forked child):")
    print(f"{'file':>24} {'peak MB':>8} {'ratio':>6}  outcome")
    base_peak = 0.0
    # Always the three sizes: reading alone fits the time budget even at 100,000 rows.
    for size in SIZES:
        peak, outcome = peak_memory(synthetic_csv(size))
        base_peak = base_peak or peak
        print(f"{f'{size:,} rows':>24} {peak:>8.1f} "
              f"{peak / size / (base_peak / SIZES[0]):>6.2f}  {outcome}")
    wide = hostile_wide_csv()
    peak, outcome = peak_memory(wide, page_limits=True)
    print(f"{f'hostile wide, {len(wide) // 1024} KB':>24} {peak:>8.2f} "
          f"{peak / base_peak:>6.3f}  {outcome}")
    print("(ratio: peak per row / baseline's peak per row; for the hostile file, its peak / "
          "the baseline's peak. Baseline: 1,000 rows.)")
    print(f"\nTotal {time.perf_counter() - started:.0f} s, SQLite in {_tmp.name}.")


if __name__ == "__main__":
    main()
