"""Property-based: generated hostile files never crash the loaders.

For the protocol loader (YAML), the situation reader (JSON or YAML) and the student
import (CSV and XLSX), Hypothesis generates nested structures, alias bombs, tags, huge
numbers, NUL bytes, byte order marks, other encodings, wide and long tables, damaged and
hostile ZIP archives. Every one must either load or be refused with the loader's own
error (a message for the person), never another exception. How long each refusal takes
is measured, not asserted: run with ``-s`` to see the slowest (bench/hostile_input.py
reports the same figures against a baseline).

Bounded (examples per property, no example database, derandomised), so the run is the
same on every machine.
"""

from __future__ import annotations

import io
import json
import time
import zipfile
from collections.abc import Callable, Iterator
from typing import Any

import hypothesis
import pytest
from hypothesis import strategies as st

from protocolwijzer.engine.errors import ProblemsError
from protocolwijzer.engine.jsonsafe import load_json
from protocolwijzer.engine.protocol import builtin_protocol_paths, load_protocol_text
from protocolwijzer.engine.situation import parse_situation, read_situation_text
from protocolwijzer.schools import importing

EXAMPLES = 120
SETTINGS = hypothesis.settings(max_examples=EXAMPLES, deadline=None, database=None,
                               derandomize=True,
                               suppress_health_check=list(hypothesis.HealthCheck))
SLOWEST: dict[str, tuple[float, str]] = {}


@pytest.fixture(scope="module", autouse=True)
def _report_slowest() -> Iterator[None]:
    yield
    for loader, (seconds, example) in sorted(SLOWEST.items()):
        print(f"\nslowest refusal by {loader}: {seconds * 1000:.1f} ms ({example})")


def refused_cleanly(loader: str, load: Callable[[Any], Any], data: Any,
                    refusal: type[Exception]) -> None:
    """``load(data)`` returns or raises ``refusal`` with a message; the time a refusal
    took is kept for the report."""
    started = time.perf_counter()
    try:
        load(data)
    except refusal as exc:
        seconds = time.perf_counter() - started
        assert str(getattr(exc, "message", exc)).strip()
        if seconds > SLOWEST.get(loader, (0.0, ""))[0]:
            SLOWEST[loader] = (seconds, repr(data[:60]) + f"… ({len(data):,} long)")


# -- structured text: protocols and situations -------------------------------------------

def _nested(opener: str, closer: str, depth: int, closed: bool) -> str:
    return opener * depth + ("1" + closer * depth if closed else "")


NESTED = st.builds(
    lambda pair, depth, closed: _nested(pair[0], pair[1], depth, closed),
    st.sampled_from([("[", "]"), ("{a: ", "}"), ('{"a": ', "}"), ("- ", ""), ("[{a: ", "}]")]),
    st.integers(1, 300_000), st.booleans())
BLOCK_NESTED = st.integers(1, 1_400).map(
    lambda depth: "".join(" " * i + "a:\n" for i in range(depth)) + " " * depth + "b: 1\n")


def _alias_bomb(levels: int, width: int) -> str:
    lines = ["l0: &l0 [" + ", ".join(["lol"] * width) + "]"]
    for n in range(1, levels):
        lines.append(f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


ALIAS_BOMBS = st.builds(_alias_bomb, st.integers(1, 12), st.integers(1, 12))
TAGS = st.builds(lambda tag, value: f"title: {tag} {value}\n",
                 st.sampled_from(["!!python/name:os.system", "!!python/object/apply:os.system",
                                  "!!python/object/new:dict", "!!binary", "!!set", "!!omap",
                                  "!!timestamp", "!!int", "!!float", "!", "!local",
                                  "!<tag:example.org,2024:x>"]),
                 st.text(max_size=20))
NUMBERS = st.builds(lambda digits, exponent, kind: {
    "int": "9" * digits, "float": f"1e{exponent}", "date": f"2024-{digits % 99}-{exponent % 99}",
    "hex": "0x" + "f" * digits, "sexagesimal": "1:" * (digits % 200) + "0"}[kind],
    st.integers(1, 20_000), st.integers(-100_000, 100_000),
    st.sampled_from(["int", "float", "date", "hex", "sexagesimal"])).map(
    lambda number: f"protocol: {number}\n")
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: st.lists(children, max_size=5)
    | st.dictionaries(st.text(max_size=8), children, max_size=5), max_leaves=30)
PLAIN = st.one_of(JSON_VALUES.map(json.dumps), JSON_VALUES.map(
    lambda value: json.dumps({"protocol": "x", "post": value})))


def _dressed(text: str, dress: str) -> bytes:
    """The text with a BOM, NUL bytes, in another encoding, or cut mid-character."""
    return {
        "utf-8": lambda: text.encode("utf-8"),
        "bom": lambda: b"\xef\xbb\xbf" + text.encode("utf-8"),
        "nul": lambda: text.encode("utf-8").replace(b" ", b"\x00"),
        "utf-16": lambda: text.encode("utf-16"),
        "utf-32": lambda: text.encode("utf-32"),
        "latin-1": lambda: text.encode("latin-1", errors="replace"),
        "cut": lambda: text.encode("utf-8")[:-1] + b"\xc3",
    }[dress]()


HOSTILE_TEXT = st.builds(
    _dressed,
    st.one_of(NESTED, BLOCK_NESTED, ALIAS_BOMBS, TAGS, NUMBERS, PLAIN,
              st.text(max_size=2_000)),
    st.sampled_from(["utf-8", "utf-8", "utf-8", "bom", "nul", "utf-16", "utf-32", "latin-1",
                     "cut"]))
HOSTILE_BYTES = st.one_of(HOSTILE_TEXT, st.binary(max_size=5_000))


@SETTINGS
@hypothesis.given(data=HOSTILE_BYTES)
def test_the_protocol_loader_refuses_hostile_yaml_cleanly(data: bytes) -> None:
    refused_cleanly("the protocol loader", load_protocol_text, data, ProblemsError)


@SETTINGS
@hypothesis.given(data=HOSTILE_BYTES)
def test_the_situation_reader_refuses_hostile_json_and_yaml_cleanly(data: bytes) -> None:
    refused_cleanly("the situation reader",
                    lambda raw: parse_situation(read_situation_text(raw)), data, ProblemsError)


@SETTINGS
@hypothesis.given(data=HOSTILE_BYTES)
def test_the_api_body_reader_refuses_hostile_json_cleanly(data: bytes) -> None:
    refused_cleanly("the API's JSON reader", load_json, data, ProblemsError)


@SETTINGS
@hypothesis.given(cut=st.integers(0, 40_000), junk=st.binary(min_size=1, max_size=200))
def test_a_built_in_protocol_cut_or_spliced_anywhere_is_refused_cleanly(cut: int,
                                                                       junk: bytes) -> None:
    source = next(iter(builtin_protocol_paths().values())).read_bytes()
    data = source[:cut] + junk + source[cut:]
    refused_cleanly("the protocol loader", load_protocol_text, data, ProblemsError)


# -- the student import ----------------------------------------------------------------------

CELL_TEXT = st.text(alphabet=st.sampled_from(
    [*"aZ09 ;,\t\"'\r\n=+-@", "\x00", "\u00a0", "\u200b", "\ufeff", "é", "😀"]),
    max_size=30)


def _csv(header: list[str], rows: list[list[str]], delimiter: str) -> str:
    return "\r\n".join(delimiter.join(row) for row in [header, *rows])


GENERATED_CSV = st.builds(
    _csv, st.lists(CELL_TEXT, min_size=0, max_size=20),
    st.lists(st.lists(CELL_TEXT, max_size=25), max_size=30), st.sampled_from([";", ",", "\t"]))
WIDE_OR_LONG_CSV = st.builds(
    lambda columns, rows, cell: ";".join(f"k{i}" for i in range(columns)) + "\r\n"
    + ("x" * cell + "\r\n") * rows,
    st.integers(1, 8_000), st.integers(0, 25_000), st.integers(1, 200_000))


def _sheet(rows: int, cells: int, dimension: str, row_gap: int) -> bytes:
    row = b"<c><v>1</v></c>" * cells
    body = b"".join(b'<row r="%d">%s</row>' % (1 + n * row_gap, row) for n in range(rows))
    return (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<dimension ref="' + dimension.encode() + b'"/><sheetData>' + body
            + b"</sheetData></worksheet>")


def _workbook() -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["Leerlingnummer", "Roepnaam", "Achternaam"])
    workbook.active.append([1001, "Sem", "Bakker"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


WORKBOOK = _workbook()


def _xlsx(replace: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(WORKBOOK)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, replace.pop(name, None) or source.read(name))
        for name, data in replace.items():
            target.writestr(name, data)
    return out.getvalue()


HOSTILE_XLSX = st.one_of(
    st.builds(lambda rows, cells, dimension, gap: _xlsx(
        {"xl/worksheets/sheet1.xml": _sheet(rows, cells, dimension, gap)}),
        st.integers(0, 300), st.integers(0, 3_000),
        st.sampled_from(["A1", "A1:XFD1048576", "A1:A1", "ZZZ"]), st.integers(1, 5_000)),
    st.builds(lambda name, size: _xlsx({name: b" " * size}),
              st.sampled_from(["xl/styles.xml", "xl/sharedStrings.xml", "xl/extra.xml"]),
              st.sampled_from([0, 1_000, 3_000_000, 60_000_000])),
    st.builds(lambda strings: _xlsx({"xl/sharedStrings.xml": b"<sst>" + b"<si><t>x</t></si>"
                                     * strings + b"</sst>"}), st.sampled_from([0, 10, 1_000_001])),
    st.builds(lambda at, junk: WORKBOOK[:at] + junk + WORKBOOK[at + len(junk):],
              st.integers(0, len(WORKBOOK)), st.binary(min_size=1, max_size=64)),
)
HOSTILE_IMPORT = st.one_of(
    st.builds(_dressed, GENERATED_CSV | WIDE_OR_LONG_CSV,
              st.sampled_from(["utf-8", "bom", "nul", "utf-16", "utf-32", "latin-1", "cut"])),
    HOSTILE_XLSX, st.binary(max_size=5_000))


@SETTINGS
@hypothesis.given(data=HOSTILE_IMPORT)
def test_the_student_import_refuses_hostile_files_cleanly(data: bytes) -> None:
    refused_cleanly("the student import", importing.read_table, data, importing.FileRefused)
