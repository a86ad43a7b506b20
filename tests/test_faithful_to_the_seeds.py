"""Issue 11, point 10: the files record what the seed texts say, no more.

`protocols show` prints the document as the school wrote it (Inleiding, Uitgangspunten, the
closing lines, no invented headings) and the metadata only as far as the text states it.
"""

from __future__ import annotations

from tests.scenario import ROERMOND, WILLIBRORD


def test_willibrord_records_instemming_as_submitted_and_no_evaluation(run):
    # Seed: "Dit protocol wordt voor instemming overlegd aan de leerlingen, team, MR en OR,"
    # — presented for instemming, not recorded as given; the text has no evaluation clause.
    shown = run("protocols", "show", WILLIBRORD, "--format", "json").json
    assert shown["instemming"] == [
        {"body": body, "on": None, "status": "submitted"}
        for body in ("leerlingen", "team", "MR", "OR")]
    assert shown["evaluation"] == {"cadence": "none", "article": None}
    # Seed: "De school heeft dit protocol samengesteld" — no date of vaststelling is given.
    assert shown["established"] == {"by": "Willibrord-Miland", "on": None}


def test_roermond_records_the_bestuur_the_mr_and_the_yearly_evaluation(run):
    # Seed: "Dit protocol is vastgesteld door het Bestuur van de Stichting Praktijkonderwijs
    # e.o. op juni 2015 met instemming van de MR van september 2015"
    # and "Dit protocol zal jaarlijks worden geëvalueerd."
    shown = run("protocols", "show", ROERMOND, "--format", "json").json
    assert shown["established"] == {"by": "Bestuur", "on": "2015-06"}
    assert shown["instemming"] == [{"body": "MR", "on": "2015-09", "status": "given"}]
    assert shown["evaluation"] == {"cadence": "yearly", "article": "overige.1"}


def test_show_prints_the_inleiding_uitgangspunten_and_closing_line_of_willibrord(run):
    out = run("protocols", "show", WILLIBRORD).out
    # Seed, Inleiding: "De kernwaarden voor Willibrord-Miland zijn Verbondenheid,
    # Zorgzaamheid en Respect."
    assert "\nInleiding\n" in out
    assert ("De kernwaarden voor Willibrord-Miland zijn Verbondenheid, Zorgzaamheid en "
            "Respect.") in out
    # Seed, Uitgangspunten 1: "Willibrord-Miland onderkent het belang van sociale media."
    assert "\nUitgangspunten\n" in out
    assert "Willibrord-Miland onderkent het belang van sociale media." in out
    # Seed, last lines: "Dit protocol wordt voor instemming overlegd aan de leerlingen, team,
    # MR en OR," / "Bodegraven, schooljaar 2023-2024" — under no heading in the document.
    assert "Dit protocol wordt voor instemming overlegd aan de leerlingen, team, MR en OR" in out
    assert out.rstrip().endswith("Bodegraven, schooljaar 2023-2024")
    assert "Tot slot" not in out


def test_show_prints_the_inleiding_uitgangspunten_and_closing_line_of_roermond(run):
    out = run("protocols", "show", ROERMOND).out
    # Seed, Inleiding: "Om deze reden vragen wij om bewust met de sociale media om te gaan."
    assert "\nInleiding\n" in out
    assert "Om deze reden vragen wij om bewust met de sociale media om te gaan." in out
    # Seed, Uitgangspunten 2: "Dit protocol draagt bij aan een goed en veilig school- en
    # onderwijsklimaat."
    assert "\nUitgangspunten\n" in out
    assert "Dit protocol draagt bij aan een goed en veilig school- en onderwijsklimaat." in out
    # Seed: "Tot slot" / "Dit protocol is vastgesteld door het Bestuur van de Stichting
    # Praktijkonderwijs e.o. op juni 2015 met instemming van de MR van september 2015"
    assert "\nTot slot\n" in out
    assert ("Dit protocol is vastgesteld door het Bestuur van de Stichting Praktijkonderwijs "
            "e.o. op juni 2015 met instemming van de MR van september 2015") in out
