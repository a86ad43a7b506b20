"""Issue 11, point 9: what may follow is told in proportion, the same in the command's
text, its JSON and the API (the page: protocolwijzer/checks/tests/test_sanctions_on_the_page.py).

Both seeds make the measures depend on how serious it was. Willibrord sancties.5:
"Afhankelijk van de ernst van de uitlatingen, gedragingen en gevolgen worden naar
leerlingen en/of ouders/verzorgers toe maatregelen genomen welke variéren van
waarschuwing, schorsing en verwijdering van school". So the measures are shown as possible
ones, mildest first, after that sentence, quoted from the protocol file; a berisping comes
before a schorsing (docs/interpretations.md).
"""

from __future__ import annotations

import json
import re

from protocolwijzer.engine.protocol import builtin_protocol
from tests.scenario import ROERMOND, SEEDS, WILLIBRORD, needs_seeds, situation

# Willibrord A.1: "Het is medewerkers en leerlingen niet toegestaan tijdens de lessen actief
# te zijn op sociale media tenzij door de leerkrachten hiervoor toestemming is gegeven."
STUDENT_ON_TIKTOK_IN_CLASS = situation(WILLIBRORD, "student", "use_social_media", "lesson",
                                       channel="tiktok")
# Roermond C.4: "Het is voor medewerkers niet toegestaan om via social media (bv facebook)
# contact te hebben met ouders, leerlingen of oud-leerlingen."
TEACHER_CONTACTING_A_STUDENT = situation(ROERMOND, "staff", "contact", channel="facebook",
                                         target={"role": "student"})
STAFF_LADDER = ["waarschuwing", "berisping", "schorsing", "ontslag", "ontslag op staande voet"]


def _measures(verdict: dict) -> dict:
    (measures,) = [c for c in verdict["consequences"] if c["kind"] == "measures"]
    return measures


def test_a_student_reads_the_measures_as_possible_ones_after_the_articles_sentence(run):
    result = run("check", "-", stdin=json.dumps(STUDENT_ON_TIKTOK_IN_CLASS))

    lines = result.out.splitlines()
    quote = next(i for i, line in enumerate(lines)
                 if line.strip().startswith('Artikel sancties.5: "Afhankelijk van de ernst'))
    assert lines[quote + 1].strip() == ("Mogelijke maatregelen, van licht naar zwaar: "
                                        "waarschuwing, schorsing, verwijdering van school")
    # No line states a measure as what happens.
    assert not any(line.strip().startswith(("Maatregelen:", "Verwijdering")) for line in lines)


def test_a_teachers_ladder_puts_a_berisping_before_a_schorsing(run):
    result = run("check", "-", stdin=json.dumps(TEACHER_CONTACTING_A_STUDENT))

    assert result.code == 1
    assert ("Mogelijke maatregelen, van licht naar zwaar: " + ", ".join(STAFF_LADDER)
            in result.out)
    assert ('Artikel sancties.A.2: "Afhankelijk van de ernst van de uitlatingen, gedragen en '
            'gevolgen worden naar medewerkers toe rechtspositionele maatregelen genomen'
            in result.out)


def test_the_json_adds_the_ladder_and_the_sentence_and_keeps_the_files_measures(check):
    verdict = check(TEACHER_CONTACTING_A_STUDENT).json

    measures = _measures(verdict)
    # measures keeps its meaning: the file's list, as before.
    assert measures["measures"] == list(builtin_protocol(ROERMOND).consequences[1].measures)
    assert measures["measures_mildest_first"] == STAFF_LADDER
    assert measures["measures_quote"].startswith("Afhankelijk van de ernst")
    assert measures["measures_quote"] in builtin_protocol(ROERMOND).articles["sancties.A.2"].text


def test_the_sentence_is_the_one_of_the_article_that_names_the_measures(check):
    # Roermond sancties.B.1 has three sentences; the third makes the measures depend on how
    # serious it was.
    verdict = check({**STUDENT_ON_TIKTOK_IN_CLASS, "protocol": ROERMOND}).json

    quote = _measures(verdict)["measures_quote"]
    assert quote == ("Afhankelijk van de ernst van de uitlatingen, gedragingen en gevolgen "
                     "worden naar leerlingen toe maatregelen genomen welke variëren van "
                     "waarschuwing, schorsing en verwijdering van school.")


@needs_seeds
def test_the_quoted_sentence_stands_in_the_seed_word_for_word(check):
    for protocol, data in ((WILLIBRORD, STUDENT_ON_TIKTOK_IN_CLASS),
                           (ROERMOND, TEACHER_CONTACTING_A_STUDENT),
                           (ROERMOND, {**STUDENT_ON_TIKTOK_IN_CLASS, "protocol": ROERMOND})):
        seed = " ".join((SEEDS / f"{protocol}.txt").read_text(encoding="utf-8").split())
        quote = _measures(check(data).json)["measures_quote"]
        assert re.sub(r"\s+", " ", quote) in seed, quote


def test_a_ladder_the_glossary_does_not_know_keeps_the_files_order(check, tmp_path):
    # A school's own file may name other measures; the format asks for them mildest first.
    text = (builtin_protocol(ROERMOND).source_text
            .replace("id: praktijkonderwijs-roermond-2015", "id: eigen-school-2025", 1)
            .replace("measures: [waarschuwing, schorsing, berisping, ontslag, "
                     "ontslag op staande voet]",
                     "measures: [gesprek, schorsing, ontslag]", 1))
    path = tmp_path / "eigen-school-2025.yaml"
    path.write_text(text, encoding="utf-8")

    verdict = check({**TEACHER_CONTACTING_A_STUDENT, "protocol": str(path)}).json

    assert _measures(verdict)["measures_mildest_first"] == ["gesprek", "schorsing", "ontslag"]


def test_every_explanation_of_a_hard_word_is_checked_for_level_b1(run):
    report = run("readability", "--shipped", "--format", "json").json

    explained = [row for row in report["texts"] if row["source"] == "glossary"]
    assert {"verwijtbaar-gedrag", "rechtspositionele-maatregelen", "plichtsverzuim",
            "correspondentie", "dossier", "aangifte", "vertrouwensinspecteur"} <= {
        row["where"] for row in explained}
    assert all(row["level"] in ("A2", "B1") for row in explained), explained
