"""`protocolwijzer protocols list|show|coverage|diff`: reading and comparing protocols."""

from __future__ import annotations

from pathlib import Path

from protocolwijzer.engine.protocol import builtin_protocol_paths
from protocolwijzer.engine.scenarios import SCENARIO_DIR, load_scenario_file
from tests.scenario import ROERMOND, WILLIBRORD


def test_list_shows_both_built_in_protocols(run):
    result = run("protocols", "list", "--format", "json")
    assert result.code == 0
    assert {p["id"]: p["articles"] for p in result.json} == {ROERMOND: 26, WILLIBRORD: 32}


def test_show_prints_every_article_verbatim(run):
    result = run("protocols", "show", WILLIBRORD)
    assert result.code == 0
    assert "A.12 [normatief] Leerlingen en medewerkers van De Groeiling worden niet" in result.out
    assert "A.3 [informatief]" in result.out


def test_show_one_article(run):
    result = run("protocols", "show", ROERMOND, "--article", "C.4", "--format", "json")
    assert [a["id"] for a in result.json["articles"]] == ["C.4"]
    assert result.json["articles"][0]["text"].startswith("Het is voor medewerkers niet")


def test_show_an_unknown_article_is_refused(run):
    result = run("protocols", "show", ROERMOND, "--article", "Z.9")
    assert result.code == 2
    assert "Z.9" in result.err


def test_show_for_a_student_explains_what_applies_in_plain_words(run):
    result = run("protocols", "show", WILLIBRORD, "--role", "student", "--format", "json")
    ids = [a["id"] for a in result.json["articles"]]
    # What binds students is there, with its meaning; staff-only articles are not.
    assert {"A.1", "A.5", "A.7", "A.12", "sancties.4"} <= set(ids)
    assert not {"B.2", "C.3", "sancties.1"} & set(ids)
    a7 = next(a for a in result.json["articles"] if a["id"] == "A.7")
    assert a7["for_you"] == ["mag: Je mag de Facebookpagina van de school liken."]


def test_show_for_a_parent_differs_between_the_protocols(run):
    roermond = run("protocols", "show", ROERMOND, "--role", "parent", "--format", "json").json
    willibrord = run("protocols", "show", WILLIBRORD, "--role", "parent", "--format", "json").json
    assert "A.5" in [a["id"] for a in roermond["articles"]]
    assert "A.5" not in [a["id"] for a in willibrord["articles"]]
    assert "A.11" in [a["id"] for a in willibrord["articles"]]


def test_coverage_names_the_rules_behind_each_article(run):
    result = run("protocols", "coverage", WILLIBRORD, "--format", "json")
    rows = {row["article"]: row for row in result.json["articles"]}
    assert rows["A.12"]["rules"] == ["A.6-no-friends", "A.6-private-contact", "A.12-staff",
                                     "A.12-student"]
    assert rows["A.3"]["kind"] == "informative" and rows["A.3"]["rules"] == []
    # Certain for boundary-crossing contact with a pupil, "may" for an insult.
    assert rows["sancties.2"]["consequences"] == ["escalation:sancties.2",
                                                  "escalation:sancties.2"]
    assert rows["doelgroep.2"]["scope"] == ["scope:doelgroep.2"]
    normative = [row for row in rows.values() if row["kind"] == "normative"]
    assert all(row["rules"] or row["consequences"] or row["scope"] for row in normative)


def test_coverage_gives_per_clause_the_rules_and_the_scenarios_that_exercise_it(run):
    result = run("protocols", "coverage", WILLIBRORD, "--format", "json")
    assert result.code == 0
    rows = {row["article"]: row for row in result.json["articles"]}
    clauses = {c["clause"]: c for c in rows["A.12"]["clauses"]}
    unless = clauses["A.12/unless"]
    assert unless["text"].startswith("tenzij het gaat om een door de medewerkers gebruikt")
    assert unless["rules"] == ["A.6-no-friends", "A.12-staff", "A.12-student"]
    assert "clause-teacher-befriends-a-pupil-from-a-professional-account" in unless["scenarios"]
    assert unless["covered"] and unless["implemented"]
    who = next(c for c in rows["A.6"]["clauses"] if c["id"] == "who")
    assert "teacher-befriends-pupil-on-a-personal-account" in who["scenarios"]
    sanction = next(c for c in rows["sancties.2"]["clauses"] if c["id"] == "consequence")
    assert sanction["consequences"] == ["sancties.2"] and sanction["rules"] == []
    # Informative articles need no rules; A.10 is normative (its list binds what the school
    # publishes), and each of its clauses has its rules.
    assert not rows["A.3"]["needs_rules"] and rows["A.3"]["clauses"] == []
    assert rows["A.10"]["needs_rules"]
    assert all(c["implemented"] and c["covered"] for c in rows["A.10"]["clauses"])


def test_coverage_strict_passes_for_both_seeds(run):
    for protocol in (ROERMOND, WILLIBRORD):
        result = run("protocols", "coverage", protocol, "--strict", "--format", "json")
        summary = result.json["summary"]
        assert (result.code, summary["uncovered"], summary["unimplemented"],
                summary["unsplit"]) == (0, [], [], []), protocol
        assert summary["covered"] == summary["normative_clauses"] > 50


def test_coverage_text_lists_each_clause_and_the_articles_needing_no_rules_apart(run):
    result = run("protocols", "coverage", ROERMOND)
    assert result.code == 0
    out = result.out
    assert '  C.4/where  "via social media (bv facebook)"' in out
    assert "      regels: C.4-no-contact" in out
    assert "clause-staff-member-messages-a-parent-on-whatsapp-off-duty" in out
    # A rule of another article is named with its article.
    assert "A.6-decency (A.6)" in out
    normative, apart = out.split("Artikelen die geen regels nodig hebben")
    assert "uitgangspunten.1" in apart and "overige.1 [procedureel]" in apart
    assert "uitgangspunten.1" not in normative and "C.4 [normatief]" in normative
    assert "Elke clausule van een normatief artikel is geïmplementeerd" in out


def _copy_protocol(tmp_path, protocol_id):
    source = Path(builtin_protocol_paths()[protocol_id])
    path = tmp_path / source.name
    path.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_coverage_says_which_clauses_no_scenario_exercises(run, tmp_path):
    # The same protocol in a folder of its own, with one file of scenarios beside it.
    path = _copy_protocol(tmp_path, WILLIBRORD)
    scenarios = tmp_path / "scenarios" / WILLIBRORD
    scenarios.mkdir(parents=True)
    source = SCENARIO_DIR / WILLIBRORD / "issue-11.yaml"
    (scenarios / "issue-11.yaml").write_text(source.read_text(encoding="utf-8"),
                                             encoding="utf-8")

    report = run("protocols", "coverage", str(path), "--format", "json")
    assert report.code == 0  # the report itself is no failure
    summary = report.json["summary"]
    assert "A.12/unless" in summary["uncovered"] and "A.6/who" not in summary["uncovered"]
    named = {clause for scenario in load_scenario_file(scenarios / "issue-11.yaml").scenarios
             for clause in scenario.clauses}
    assert summary["covered"] == len(named) and not summary["complete"]
    strict = run("protocols", "coverage", str(path), "--strict")
    assert strict.code == 1
    assert "✗ niet getest: geen scenario oefent deze clausule uit" in strict.out
    assert "Niet geteste clausules: " in strict.out and "A.12/unless" in strict.out


def test_coverage_refuses_scenarios_naming_a_clause_that_does_not_exist(run, tmp_path):
    path = _copy_protocol(tmp_path, ROERMOND)
    scenarios = tmp_path / "scenarios" / ROERMOND
    scenarios.mkdir(parents=True)
    source = (SCENARIO_DIR / ROERMOND / "issue-11.yaml").read_text(encoding="utf-8")
    (scenarios / "issue-11.yaml").write_text(source.replace("C.4/where", "C.4/unless"),
                                             encoding="utf-8")
    result = run("protocols", "coverage", str(path), "--strict")
    assert result.code == 1
    assert "issue-11.yaml:8: scenarios[0].clauses[1]: " in result.err
    assert "C.4/unless" in result.err


def test_coverage_strict_fails_for_a_normative_article_not_split_into_clauses(run, tmp_path):
    path = _copy_protocol(tmp_path, ROERMOND)
    text = path.read_text(encoding="utf-8")
    start = text.index("        clauses:", text.index("- id: C.5"))
    end = text.index("  - id: sancties.A", start)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    result = run("protocols", "coverage", str(path), "--strict", "--format", "json")
    assert result.code == 1
    assert result.json["summary"]["unsplit"] == ["C.5"]


def test_coverage_strict_fails_for_a_rule_no_clause_names(run, tmp_path):
    # A rule added to the file without a clause naming it implements nothing the text
    # is shown to say: the report names it and --strict fails.
    path = _copy_protocol(tmp_path, ROERMOND)
    text = path.read_text(encoding="utf-8")
    text = text.replace("rules: [C.5-school-name]}", "rules: [C.5-discreet]}")
    path.write_text(text, encoding="utf-8")
    result = run("protocols", "coverage", str(path), "--strict", "--format", "json")
    assert result.code == 1
    assert result.json["summary"]["orphan_rules"] == ["C.5-school-name"]
    assert "C.5-school-name" in run("protocols", "coverage", str(path)).out


def test_an_unknown_protocol_is_refused(run):
    result = run("protocols", "show", "nergens-2099")
    assert result.code == 2
    assert "nergens-2099" in result.err


def _groups(diff):
    return {(g["left"]["verdict"], tuple(g["left"]["articles"]),
             tuple(g["left"]["consequence_articles"]), g["right"]["verdict"],
             tuple(g["right"]["articles"]), tuple(g["right"]["consequence_articles"]))
            for g in diff["groups"]}


def test_diff_finds_every_difference_of_the_seeds_readme_and_nothing_else(run):
    result = run("protocols", "diff", ROERMOND, WILLIBRORD, "--format", "json")
    assert result.code == 1  # differences found
    assert _groups(result.json) == {
        # A.1: who may permit social media in a lesson.
        ("forbidden", ("A.1",), (), "allowed", ("A.1",), ()),
        # A.5: Roermond binds parents (and others) too.
        ("forbidden", ("A.5",), (), "allowed", (), ()),
        # C.4 has no counterpart in Willibrord ...
        ("forbidden", ("C.4",), (), "allowed", (), ()),
        # ... and Willibrord allows a professional account (A.6 lifted by A.12) ...
        ("forbidden", ("C.4",), (), "allowed", ("A.6", "A.12"), ()),
        # ... while binding students too (A.12), which Roermond does not.
        ("allowed", (), (), "forbidden", ("A.12",), ()),
        # Saying you are an employee at work: only Willibrord (B.2).
        ("allowed", (), (), "needs_changes", ("B.2",), ()),
        # Website photos are opt-out in Willibrord (A.8); Roermond does not cover them.
        ("allowed", (), (), "forbidden", ("A.8",), ()),
        # So are the school's other publications, by Willibrord's list (A.10).
        ("allowed", (), (), "forbidden", ("A.10",), ()),
        # Roermond A.2 binds all betrokkenen; Willibrord A.2 only staff and students.
        ("forbidden", ("A.2",), (), "allowed", (), ()),
        # Escalation to the vertrouwensinspecteur exists only in Willibrord.
        ("forbidden", (), (), "forbidden", (), ("sancties.2",)),
        # Measures towards parents exist only in Willibrord.
        ("forbidden", (), (), "forbidden", (), ("sancties.5",)),
    }


def test_diff_explains_each_group_with_the_articles_on_both_sides(run):
    result = run("protocols", "diff", ROERMOND, WILLIBRORD)
    assert "Verschillen in uitkomst tussen" in result.out
    assert f"{WILLIBRORD}: Niet toegestaan — artikelen A.8" in result.out
    assert f"{WILLIBRORD} sancties.2: " in result.out
    assert "0900-1113111" in result.out


def test_diff_of_a_protocol_with_itself_is_empty(run):
    result = run("protocols", "diff", WILLIBRORD, WILLIBRORD, "--format", "json")
    assert (result.code, result.json["groups"], result.json["differing"]) == (0, [], 0)
