"""Issue 16: `protocolwijzer protocols avg-check FILE|ID` gives advice where a protocol is
at odds with the AVG and the Autoriteit Persoonsgegevens' guidance, naming the protocol's
article and the source. Exit code 0 without advice, 1 with advice, 2 for input it cannot
read. Each check of protocols/data/avg/avg-check.yaml has a case that triggers it and the
same text with the fix, which does not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from protocolwijzer.engine.protocol import builtin_protocol, localize
from tests.protocol_documents import NUMBERED, docx_bytes, pdf_bytes
from tests.scenario import ROERMOND, WILLIBRORD


def _advice(run, ref: str, *extra: str) -> tuple[int, list[dict]]:
    result = run("protocols", "avg-check", ref, "--format", "json", *extra)
    assert result.code in (0, 1), result.err
    advice = result.json["advice"]
    assert result.code == (1 if advice else 0)
    return result.code, advice


def _by_check(advice: list[dict]) -> dict[str, list[str]]:
    return {a["check"]: a["articles"] for a in advice}


# -- the seeds and the compliant protocol ---------------------------------------------------

def test_willibrord_a8_is_flagged_with_the_notes_own_words_and_its_source(run):
    # Seed A.8: "Op de website van Willibrord-Miland worden alleen foto's van leerlingen
    # geplaatst als hun ouders/verzorgers hier geen bezwaar tegen hebben." The advice is the
    # AVG note the A.8 rule already carries (tests/test_willibrord_a8_avg_note.py), not a
    # second text.
    result = run("protocols", "avg-check", WILLIBRORD)

    assert result.code == 1
    a8_note = next(r.note for r in builtin_protocol(WILLIBRORD).rules if r.id == "A.8-website")
    assert "A.8: Foto's: zwijgen is geen toestemming" in result.out
    assert localize(a8_note, "nl") in result.out
    assert "Bron: AVG art. 4 lid 11 en art. 7 lid 1" in result.out
    _code, advice = _advice(run, WILLIBRORD)
    assert _by_check(advice)["photo-opt-out"] == ["A.8"]


def test_willibrord_gets_the_advice_on_every_point_its_text_leaves_open(run):
    _code, advice = _advice(run, WILLIBRORD)

    assert _by_check(advice) == {
        "photo-opt-out": ["A.8"],
        # A.10: "... geen toestemming gegeven hebben voor het plaatsen van foto's/video's op
        # het internet, schoolgids, etc."
        "bundled-consent": ["A.10"],
        "no-age-16": ["A.5", "A.8", "A.10"],
        "no-withdrawal": ["A.5", "A.8", "A.10"],
        "no-retention": ["A.8", "A.10", "sancties.1", "sancties.4"],
    }
    assert all(a["source"] for a in advice)


def test_roermond_has_no_opt_out_but_no_age_withdrawal_or_retention_either(run):
    _code, advice = _advice(run, ROERMOND)

    assert _by_check(advice) == {"no-age-16": ["A.5"], "no-withdrawal": ["A.5"],
                                 "no-retention": ["sancties.A.1", "sancties.B.1"]}


@pytest.mark.parametrize("form", ["txt", "docx", "pdf", "imported yaml"])
def test_a_protocol_written_to_be_compliant_gets_no_advice(run, tmp_path, form):
    # OBS De Vlinderboom (written for these tests): active consent per purpose, the age of
    # 16, withdrawal, retention periods and measures in proportion.
    source = NUMBERED.read_text(encoding="utf-8")
    path = tmp_path / f"vlinderboom.{form.split()[-1]}"
    if form == "txt":
        path.write_text(source, encoding="utf-8")
    elif form == "docx":
        path.write_bytes(docx_bytes(source))
    elif form == "pdf":
        path.write_bytes(pdf_bytes(source))
    else:
        assert run("protocols", "import", str(NUMBERED), "-o", str(path)).code == 0

    result = run("protocols", "avg-check", str(path))

    assert result.code == 0, result.out
    assert "geen adviezen" in result.out


def test_the_advice_is_in_english_too(run):
    result = run("protocols", "avg-check", WILLIBRORD, "--lang", "en")

    assert "A.8: Photos: silence is not consent" in result.out
    assert "silence is not consent for photos of pupils" in result.out
    assert "Source: GDPR art. 7(3)" in result.out


# -- each check: a text that triggers it, and the same text with the fix -----------------------

CASES = {
    "photo-opt-out": (
        "De school zet foto's van leerlingen op de website, tenzij ouders daar bezwaar tegen "
        "maken.",
        "De school zet foto's van leerlingen op de website als ouders daar vooraf "
        "toestemming voor gaven."),
    "bundled-consent": (
        "Met één handtekening geven ouders toestemming voor foto's op de website, in de "
        "schoolgids en op Facebook.",
        "Ouders geven per doel toestemming voor foto's op de website, in de schoolgids en "
        "op Facebook."),
    "no-age-16": (
        "Ouders geven toestemming voor foto's van hun kind.",
        "Ouders geven toestemming voor foto's van hun kind tot 16 jaar; daarna de leerling."),
    "no-withdrawal": (
        "Ouders geven toestemming voor foto's van hun kind.",
        "Ouders geven toestemming voor foto's van hun kind en kunnen die altijd intrekken."),
    "no-retention": (
        "Verslagen van een incident worden opgenomen in het leerlingendossier.",
        "Verslagen van een incident worden opgenomen in het leerlingendossier en na twee jaar "
        "verwijderd; de bewaartermijn is twee jaar."),
    "sanctions-without-proportionality": (
        "Wie dit protocol overtreedt, wordt geschorst.",
        "Wie dit protocol overtreedt, krijgt een maatregel die past bij de ernst: afhankelijk "
        "van wat er gebeurde een gesprek of een schorsing."),
}


def _protocol_document(tmp_path: Path, sentence: str) -> Path:
    path = tmp_path / "protocol.txt"
    path.write_text(f"Protocol sociale media\n\nAfspraken\n\n1. {sentence}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("check_id", sorted(CASES))
def test_each_check_flags_its_case_and_names_the_article(run, tmp_path, check_id):
    at_odds, _fixed = CASES[check_id]

    _code, advice = _advice(run, str(_protocol_document(tmp_path, at_odds)))

    assert _by_check(advice).get(check_id) == ["afspraken.1"]


@pytest.mark.parametrize("check_id", sorted(CASES))
def test_each_check_is_silent_once_the_text_is_fixed(run, tmp_path, check_id):
    _at_odds, fixed = CASES[check_id]

    _code, advice = _advice(run, str(_protocol_document(tmp_path, fixed)))

    assert check_id not in _by_check(advice)


def test_a_duty_stated_in_another_article_counts_for_the_whole_protocol(run, tmp_path):
    path = tmp_path / "protocol.txt"
    path.write_text("Protocol\n\nAfspraken\n\n1. Ouders geven per doel toestemming voor foto's."
                    "\n2. Een leerling van 16 jaar of ouder beslist zelf.\n3. Toestemming kan "
                    "altijd worden ingetrokken.\n", encoding="utf-8")

    code, advice = _advice(run, str(path))

    assert (code, advice) == (0, [])


# -- what it cannot read --------------------------------------------------------------------

def test_an_unreadable_document_exits_2_with_the_reason(run, tmp_path):
    path = tmp_path / "kapot.pdf"
    path.write_bytes(b"%PDF-1.7\ngarbage")

    result = run("protocols", "avg-check", str(path))

    assert result.code == 2
    assert "kapot.pdf" in result.err and "beschadigd" in result.err


def test_an_unknown_protocol_exits_2(run):
    result = run("protocols", "avg-check", "geen-protocol")

    assert result.code == 2
    assert "geen-protocol" in result.err
