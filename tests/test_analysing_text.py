"""``protocolwijzer analyse-text`` and ``protocolwijzer readability``, as scripts use them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from protocolwijzer.analysis import analyse_text

DEV_SET = Path(__file__).resolve().parents[1] / "bench" / "data" / "text" / "dev.jsonl"


def test_a_bad_line_in_a_batch_keeps_its_place_and_the_rest_is_analysed(run, tmp_path):
    path = tmp_path / "posts.jsonl"
    path.write_text('{"text": "je bent een loser"}\n[1, 2]\n{"text": "Fijne vakantie!"}\n'
                    '{"text": "hoi", "roster": "Daan"}\n', encoding="utf-8")

    result = run("analyse-text", "--jsonl", str(path))

    lines = [json.loads(line) for line in result.out.splitlines()]
    assert result.code == 2
    assert [line.get("error", {}).get("field") for line in lines] == [
        None, "text", None, "roster"]
    assert lines[0]["abuse"]["abusive"] is True and lines[2]["abuse"]["abusive"] is False
    assert f"{path}:2: text:" in result.err and f"{path}:4: roster:" in result.err


def test_a_batch_gives_the_same_lines_in_the_same_order_in_one_or_two_processes(run, tmp_path):
    texts = [item["text"] for item in map(json.loads, DEV_SET.read_text("utf-8").splitlines())]
    path = tmp_path / "posts.jsonl"
    path.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts[:60]), "utf-8")

    one = run("analyse-text", "--jsonl", str(path), "--jobs", "1")
    two = run("analyse-text", "--jsonl", str(path), "--jobs", "2")

    assert one.code == two.code == 0
    assert one.out == two.out
    assert [json.loads(line) for line in one.out.splitlines()] == [
        analyse_text(t).to_dict() for t in texts[:60]]


def test_a_line_brings_its_own_school_names_contacts_and_roster(run, tmp_path):
    line = {"text": "Ik werk bij Het Baken. Bel 0475-123456 of vraag het xylia.",
            "organisation_names": ["Het Baken"], "public_contacts": ["0475-123456"],
            "roster": ["Xylia Pronk"]}
    path = tmp_path / "posts.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")

    result = json.loads(run("analyse-text", "--jsonl", str(path)).out)

    assert result["employee_mention"] is True
    assert [(d["kind"], d["text"]) for d in result["personal_data"]] == [("name", "xylia")]


def test_the_roster_file_and_the_schools_contacts_are_used_for_one_text(run, tmp_path):
    roster = tmp_path / "roster.txt"
    roster.write_text("Xylia Pronk\nDaan de Boer\n", encoding="utf-8")
    text = "vraag het xylia of bel info@hetbaken.example"

    plain = run("analyse-text", text).json
    school = run("analyse-text", text, "--roster", str(roster),
                 "--contact", "info@hetbaken.example").json

    assert [d["kind"] for d in plain["personal_data"]] == ["email"]
    assert [(d["kind"], d["text"]) for d in school["personal_data"]] == [("name", "xylia")]


def test_the_grooming_message_is_reported_as_boundary_crossing_about_the_school(run):
    # issue 11: a teacher to a pupil, "je zag er mooi uit", asking to meet and to keep it
    # from her parents
    text = ("Hoi Lisa, je zag er echt mooi uit vandaag. Zullen we na school samen afspreken? "
            "Alleen wij tweeën. Zeg het niet tegen je ouders hè 😉")

    result = run("analyse-text", text, "--protocol", "willibrord-miland-2023").json

    assert result["boundary_crossing"] is True
    assert result["boundary_kinds"] == ["looks", "secrecy", "meeting_alone"]
    assert result["school_reference"] is True
    assert result["abuse"]["abusive"] is False


def test_a_batch_reports_what_may_be_criminal_confidential_or_harm_the_schools_name(
        run, tmp_path):
    lines = [
        {"text": "Betaal 200 euro of ik stuur je naaktfoto's naar je hele klas"},
        {"text": "Juf Fatima stopt na de zomer, maar dat mag nog niemand weten hoor!"},
        {"text": "Stuur je kind hier nooit naartoe, Het Baken is een zooitje",
         "organisation_names": ["Het Baken"]},
        {"text": "Ik rij zaterdag naar het toernooi, bel me maar op 06-12345678."},
    ]
    path = tmp_path / "posts.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")

    out = [json.loads(line) for line in run("analyse-text", "--jsonl", str(path)).out.splitlines()]

    assert out[0]["possibly_criminal"] is True
    assert out[0]["criminal_kinds"] == ["threat", "sextortion"]
    assert [o["confidential"] for o in out] == [False, True, False, False]
    assert [o["reputation_harm"] for o in out] == [False, False, True, False]
    assert [o["own_contact_details"] for o in out] == [False, False, False, True]


def test_a_missing_roster_file_is_refused_naming_the_file(run, tmp_path):
    result = run("analyse-text", "hoi", "--roster", str(tmp_path / "nope.txt"))
    assert result.code == 2
    assert "nope.txt" in result.err


def test_the_abuse_score_is_above_one_half_exactly_when_the_text_is_abusive():
    texts = [json.loads(line)["text"] for line in DEV_SET.read_text("utf-8").splitlines()]
    for text in texts:
        analysis = analyse_text(text)
        assert (analysis.abuse_score > 0.5) == analysis.abusive, text


@pytest.mark.parametrize("text", [
    "'loser' roepen is gemeen, stop daarmee.",
    "Je bent geen loser.",
    "Kut, mijn fiets is alweer stuk.",
])
def test_what_context_takes_the_sting_out_of_still_shows_as_a_low_score(text):
    analysis = analyse_text(text)
    assert not analysis.abusive
    assert 0 < analysis.abuse_score < 0.5


def test_readability_tells_a_plain_sentence_from_a_legal_one(run):
    plain = run("readability", "Je mag geen foto's van anderen delen. Vraag het eerst.",
                "--format", "json").json
    legal = run("readability", "Het is betrokkenen toegestaan om in de functionele contacten "
                "kennis en informatie te delen mits het geen vertrouwelijke of persoonlijke "
                "informatie betreft en andere betrokkenen niet schaadt.", "--format",
                "json").json
    assert plain["level"] in ("A2", "B1")
    assert legal["level"] in ("B2", "C1")


def test_every_text_students_read_is_at_most_b1(run):
    result = run("readability", "--shipped", "--format", "json")
    report = result.json
    assert result.code == 0, report["above_b1_for_students"]
    assert report["above_b1_for_students"] == []
    sources = {row["source"] for row in report["texts"]}
    assert {"catalogue", "protocol praktijkonderwijs-roermond-2015",
            "protocol willibrord-miland-2023"} <= sources


def test_the_suite_runs_offline_so_nothing_is_fetched_at_run_time():
    import socket

    with socket.socket() as sock, pytest.raises(ConnectionRefusedError, match="offline"):
        sock.connect(("192.0.2.1", 443))
    # and the analyser works with the network gone
    assert analyse_text("Bel Daan op 06-12345678").has_personal_data
