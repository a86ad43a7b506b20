"""`protocolwijzer protocols list|show|coverage|diff`: reading and comparing protocols."""

from __future__ import annotations

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
