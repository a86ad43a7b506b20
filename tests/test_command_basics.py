"""The command's own behaviour: help, Django passthrough, text analysis."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PROTOCOLWIJZER = str(Path(sys.executable).with_name("protocolwijzer"))


def test_without_a_command_the_help_is_shown_with_exit_2(run):
    result = run()
    assert result.code == 2
    assert "check" in result.out and "protocols" in result.out


def test_an_unknown_subcommand_is_a_usage_error(run):
    assert run("controleer").code == 2


def test_djangos_own_check_keeps_its_meaning_through_manage():
    done = subprocess.run([PROTOCOLWIJZER, "manage", "check"], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


def test_analyse_text_reports_personal_data_with_its_span(run):
    text = "Bel juf Anna op 06-12345678 of mail anna@example.nl"
    result = run("analyse-text", text)
    assert result.code == 0
    found = {(p["kind"], p["text"]) for p in json.loads(result.out)["personal_data"]}
    assert ("phone", "06-12345678") in found
    assert ("email", "anna@example.nl") in found
    for item in json.loads(result.out)["personal_data"]:
        assert text[item["start"]:item["end"]] == item["text"]


def test_analyse_text_uses_the_school_names_of_a_protocol(run):
    text = "Als leerkracht bij De Groeiling vind ik dit een goed plan."
    without = json.loads(run("analyse-text", text).out)
    with_names = json.loads(run("analyse-text", text, "--protocol",
                                "willibrord-miland-2023").out)
    assert with_names["employee_mention"] is True
    assert without["employee_mention"] is False


def test_analyse_text_reads_jsonl_batches(run, tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_text('{"text": "je bent een loser"}\n{"text": "Fijne vakantie allemaal!"}\n',
                    encoding="utf-8")
    result = run("analyse-text", "--jsonl", str(path))
    lines = [json.loads(line) for line in result.out.splitlines()]
    assert [line["abuse"]["abusive"] for line in lines] == [True, False]


def test_a_bad_jsonl_line_names_its_line_number(run, tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_text('{"text": "hoi"}\n{"tekst": "hoi"}\n', encoding="utf-8")
    result = run("analyse-text", "--jsonl", str(path))
    assert result.code == 2
    assert f"{path}:2: text:" in result.err
