"""Hostile protocol files and situations are refused by the command with a message that
names the limit (exit code 2), or for an unknown tag with a clear message: never a
crash, a traceback or a run of minutes. (How quickly is measured by the fuzz tests and
bench/hostile_input.py, not asserted here.)"""

from __future__ import annotations

import json

import pytest

from protocolwijzer.engine.protocol import builtin_protocol_paths
from tests.scenario import ROERMOND, situation

NESTED_LISTS = "[" * 200_000
NESTED_MAPS_FLOW = "{a: " * 50_000 + "1" + "}" * 50_000
NESTED_MAPS_BLOCK = "".join(" " * i + "a:\n" for i in range(1_000)) + " " * 1_000 + "b: 1\n"
MANY_VALUES = "rules: [" + ", ".join("x" for _ in range(60_000)) + "]\n"
ALIAS_BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + n)}: &{chr(98 + n)} [" + ", ".join([f"*{chr(97 + n)}"] * 9) + "]\n"
    for n in range(8))


@pytest.fixture
def protocol_file(tmp_path):
    def _write(text: str) -> str:
        path = tmp_path / "protocol.yaml"
        path.write_text(text, encoding="utf-8")
        return str(path)
    return _write


@pytest.mark.parametrize(("text", "limit"), [
    (NESTED_LISTS, "40"),  # used to crash the process (SIGSEGV)
    (NESTED_MAPS_FLOW, "40"),  # used to run for minutes
    (NESTED_MAPS_BLOCK, "40"),
    (MANY_VALUES, "50000"),
    ("format: protocolwijzer/1\n" + "#" * 1024 * 1024, "1 MB"),
], ids=["nested lists", "nested flow maps", "nested block maps", "60,000 values", "1 MB"])
def test_validate_refuses_a_protocol_beyond_a_limit_naming_it(run, protocol_file, text, limit):
    result = run("protocols", "validate", protocol_file(text), "--lang", "en")

    assert result.code == 2
    assert limit in result.err
    assert "Traceback" not in result.err


def test_validate_reports_the_limit_to_programs_too(run, protocol_file):
    result = run("protocols", "validate", protocol_file(NESTED_LISTS), "--format", "json",
                 "--lang", "en")

    assert result.code == 2
    problem = result.json["problems"][0]
    assert "nested more than 40 levels" in problem["message"]


@pytest.mark.parametrize("tag", ["!!python/name:os.system", "!!python/object/apply:os.system",
                                 "!!binary", "!include", "!!set"])
def test_an_unknown_yaml_tag_is_refused_with_a_clear_message(run, protocol_file, tag):
    source = builtin_protocol_paths()[ROERMOND].read_text(encoding="utf-8")
    text = source.replace("\ntitle: ", f"\ntitle: {tag} ", 1)

    result = run("protocols", "validate", protocol_file(text), "--lang", "en")

    assert result.code == 1
    assert f"The tag {tag} is not allowed" in result.err
    assert "Traceback" not in result.err


def test_a_billion_laughs_alias_bomb_is_refused(run, protocol_file):
    result = run("protocols", "validate", protocol_file(ALIAS_BOMB), "--lang", "en")

    assert result.code == 1
    assert "Anchors and aliases" in result.err


@pytest.mark.parametrize(("text", "limit"), [
    ("[" * 100_000 + "]" * 100_000, "nested more than 40 levels"),  # was a RecursionError
    ('{"a": ' * 5_000 + "1" + "}" * 5_000, "nested more than 40 levels"),
    ("[" + "1," * 60_000 + "1]", "more than 50000 values"),
    (NESTED_MAPS_BLOCK, "nested more than 40 levels"),
    (json.dumps(situation(ROERMOND, "student", "publish", text="x" * 1024 * 1024)), "1 MB"),
], ids=["nested JSON lists", "nested JSON objects", "60,000 JSON values", "nested YAML",
        "over 1 MB"])
def test_check_refuses_a_situation_beyond_a_limit_naming_it(run, text, limit):
    result = run("check", "-", "--lang", "en", stdin=text)

    assert result.code == 2
    assert limit in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize("text", [
    '{"protocol": ' + "9" * 5_000 + "}",  # more digits than Python converts
    "protocol: 2024-13-45\n",
    "protocol: !!python/name:os.system x\n",
    b"\xff\xfe{\x00}\x00",  # UTF-16
    "\ufeff" + json.dumps(situation(ROERMOND, "student", "publish")) + "\x00",
])
def test_check_refuses_odd_values_and_encodings_without_a_traceback(run, text):
    result = run("check", "-", "--lang", "en", stdin=text)

    assert result.code == 2
    assert result.err.strip()
    assert "Traceback" not in result.err


def test_analyse_text_refuses_a_deeply_nested_line_and_reads_the_next(run, tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_text("[" * 100_000 + "\n" + json.dumps({"text": "Hoi allemaal"}) + "\n",
                    encoding="utf-8")

    result = run("analyse-text", "--jsonl", str(path), "--jobs", "1")

    first, second = (json.loads(line) for line in result.out.splitlines())
    assert first["line"] == 1 and first["error"]["message"]
    assert "abuse" in second
    assert "Traceback" not in result.err
