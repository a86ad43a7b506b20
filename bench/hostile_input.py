"""How long a refusal of hostile input takes: protocol files, situations and import files.

Each hostile input of issue 10 (200 KB of nested '[', nested maps, an alias bomb, a
!!python/name: tag, 100,000 nested JSON lists, 60,000 values; for the student import a
wide header, a huge cell, too many rows, an XLSX with one row of 300,000 cells, a zip
bomb) is loaded five times and the median time to its refusal is printed. Baselines,
measured in the same run: loading the built-in Willibrord protocol (33 KB) for protocol
files and situations, and reading a well-formed CSV of 1,000 students for import files;
the ratio is the refusal's time divided by its baseline's (below 1.0: refusing costs
less than reading a real file). Synthetic data only.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "protocolwijzer.settings")

import django

django.setup()

from openpyxl import Workbook  # noqa: E402

from protocolwijzer.engine.errors import ProblemsError  # noqa: E402
from protocolwijzer.engine.jsonsafe import load_json  # noqa: E402
from protocolwijzer.engine.protocol import builtin_protocol_paths, load_protocol_text  # noqa: E402
from protocolwijzer.engine.situation import read_situation_text  # noqa: E402
from protocolwijzer.schools import importing  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from import_students import synthetic_csv  # noqa: E402

RUNS = 5


def median_seconds(load: Callable[[Any], Any], data: Any, refusal: type[Exception]) -> tuple[
        float, str]:
    times = []
    outcome = "loaded"
    for _ in range(RUNS):
        started = time.perf_counter()
        try:
            load(data)
        except refusal as exc:
            outcome = "refused"
            message = str(getattr(exc, "message", exc)).splitlines()[0]
            outcome = f"refused: {message[:70]}"
        times.append(time.perf_counter() - started)
    return statistics.median(times), outcome


def _xlsx_with_sheet(sheet: bytes) -> bytes:
    workbook = Workbook()
    workbook.active.append(["a"])
    plain = io.BytesIO()
    workbook.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, sheet if name == "xl/worksheets/sheet1.xml"
                            else source.read(name))
        if sheet == b"":
            target.writestr("xl/padding.xml", b" " * 60_000_000)
    return out.getvalue()


def _sheet(rows: bytes) -> bytes:
    return (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b"<sheetData>" + rows + b"</sheetData></worksheet>")


def main() -> None:
    protocol = builtin_protocol_paths()["willibrord-miland-2023"].read_bytes()
    structured: list[tuple[str, Callable[[Any], Any], bytes]] = [
        ("protocol: 200 KB of '['", load_protocol_text, b"[" * 200_000),
        ("protocol: 50,000 nested maps", load_protocol_text,
         b"{a: " * 50_000 + b"1" + b"}" * 50_000),
        ("protocol: 1,000 nested block maps", load_protocol_text,
         "".join(" " * i + "a:\n" for i in range(1_000)).encode()),
        ("protocol: alias bomb", load_protocol_text,
         b"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"),
        ("protocol: !!python/name: tag", load_protocol_text,
         protocol.replace(b"\ntitle: ", b"\ntitle: !!python/name:os.system ", 1)),
        ("protocol: 60,000 values", load_protocol_text,
         b"rules: [" + b"x, " * 60_000 + b"x]"),
        ("situation: 100,000 nested JSON lists", read_situation_text,
         b"[" * 100_000 + b"]" * 100_000),
        ("API body: 100,000 nested JSON lists", load_json, b"[" * 100_000 + b"]" * 100_000),
        ("API body: 60,000 values", load_json, b"[" + b"0," * 60_000 + b"0]"),
    ]
    base, _ = median_seconds(load_protocol_text, protocol, ProblemsError)
    print(f"Baseline: loading the built-in Willibrord protocol ({len(protocol) // 1024} KB): "
          f"{base * 1000:.1f} ms")
    print(f"{'input':>40} {'ms':>8} {'ratio':>6}  outcome")
    for name, load, data in structured:
        seconds, outcome = median_seconds(load, data, ProblemsError)
        print(f"{name:>40} {seconds * 1000:>8.2f} {seconds / base:>6.2f}  {outcome}")

    legit = synthetic_csv(1_000)
    files: list[tuple[str, bytes]] = [
        ("CSV: 6,000 header columns (55 KB)",
         (";".join(f"k{i}" for i in range(6_000)) + "\r\n" + "x\r\n" * 7_000).encode()),
        ("CSV: a cell of 200,000 characters", legit + b"9;" + b"x" * 200_000 + b"\r\n"),
        ("CSV: 20,001 rows", b"a;b\r\n" + b"1;2\r\n" * 20_001),
        ("CSV: UTF-16 without BOM", legit[:20_000].decode().encode("utf-16-le")),
        ("XLSX: one row of 300,000 cells",
         _xlsx_with_sheet(_sheet(b'<row r="1">' + b"<c><v>1</v></c>" * 300_000 + b"</row>"))),
        ("XLSX: 60 MB unpacked", _xlsx_with_sheet(b"")),
        ("XLSX: damaged", b"PK\x03\x04" + b"\x00" * 500),
    ]
    base, _ = median_seconds(importing.read_table, legit, importing.FileRefused)
    print(f"\nBaseline: reading a CSV of 1,000 students ({len(legit) // 1024} KB): "
          f"{base * 1000:.1f} ms")
    print(f"{'file':>40} {'KB':>6} {'ms':>8} {'ratio':>6}  outcome")
    for name, data in files:
        seconds, outcome = median_seconds(importing.read_table, data, importing.FileRefused)
        print(f"{name:>40} {len(data) // 1024:>6} {seconds * 1000:>8.2f} {seconds / base:>6.2f}"
              f"  {outcome}")


if __name__ == "__main__":
    main()
