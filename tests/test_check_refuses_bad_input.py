"""A situation that breaks the contract gets exit code 2 and a message naming the field."""

from __future__ import annotations

import json

import pytest

from tests.scenario import ROERMOND, WILLIBRORD, situation


@pytest.fixture
def check(run):
    """Checks a situation with the text format, where problems are lines on stderr."""
    return lambda data: run("check", "-", stdin=json.dumps(data))


def problems(result) -> list[str]:
    return result.err.strip().splitlines()


def test_unknown_actor_role_is_refused_naming_the_field_and_the_choices(check):
    result = check(situation(ROERMOND, "teacher", "publish"))
    assert result.code == 2
    assert result.out == ""
    assert problems(result) == ["actor.role: 'teacher' is geen van staff, student, parent, "
                                "other."]


def test_messages_are_english_with_lang_en(run):
    data = json.dumps(situation(ROERMOND, "teacher", "publish"))
    result = run("check", "-", "--lang", "en", stdin=data)
    assert problems(result) == ["actor.role: 'teacher' is not one of staff, student, parent, "
                                "other."]


@pytest.mark.parametrize("missing", ["context", "action", "school_related", "actor"])
def test_a_missing_required_field_is_named(check, missing):
    data = situation(WILLIBRORD, "staff", "publish")
    del data[missing]
    result = check(data)
    assert result.code == 2
    assert problems(result)[0].startswith(f"{missing}:")


def test_every_problem_is_reported_at_once(check):
    data = {"protocol": ROERMOND, "actor": {"role": "juf"}, "context": "pauze",
            "school_related": "ja", "action": "post"}
    result = check(data)
    fields = [line.split(":")[0] for line in problems(result)]
    assert fields == ["actor.role", "context", "action", "school_related"]


def test_an_unknown_field_is_refused_not_ignored(check):
    result = check(situation(ROERMOND, "staff", "publish", contxt="work"))
    assert result.code == 2
    assert problems(result)[0].startswith("contxt:")


def test_befriending_without_a_target_is_refused(check):
    result = check(situation(WILLIBRORD, "staff", "befriend"))
    assert result.code == 2
    assert problems(result)[0].startswith("target:")


def test_an_unknown_consent_value_is_named_with_its_full_path(check):
    post = {"media": [{"kind": "photo", "people": [{"role": "student", "consent": "maybe"}]}]}
    result = check(situation(WILLIBRORD, "staff", "publish", post=post))
    assert problems(result) == ["post.media[0].people[0].consent: 'maybe' is geen van given, "
                                "refused, unknown."]


def test_an_unknown_protocol_is_refused_naming_the_known_ones(check):
    result = check(situation("praktijkschool-nergensdorp", "staff", "publish"))
    assert result.code == 2
    assert result.err.startswith("protocol: 'praktijkschool-nergensdorp'")
    assert ROERMOND in result.err and WILLIBRORD in result.err


def test_a_situation_without_protocol_is_refused(check):
    data = situation(ROERMOND, "staff", "publish")
    del data["protocol"]
    assert problems(check(data))[0].startswith("protocol:")


def test_text_that_is_neither_json_nor_yaml_is_refused(run):
    result = run("check", "-", stdin="{ dit is: [geen json")
    assert result.code == 2
    assert "YAML" in result.err


def test_yaml_aliases_are_refused_so_no_alias_bomb_can_expand(run):
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n"
    result = run("check", "-", stdin=bomb)
    assert result.code == 2
    assert "&" in result.err


def test_a_situation_file_in_yaml_is_accepted(run, tmp_path):
    path = tmp_path / "situatie.yaml"
    path.write_text(f"protocol: {ROERMOND}\nactor: {{role: student}}\ncontext: lesson\n"
                    "school_related: true\naction: use_social_media\n", encoding="utf-8")
    result = run("check", str(path), "--format", "json")
    assert (result.code, result.json["verdict"]) == (1, "forbidden")


def test_a_missing_file_is_refused_with_exit_2(run, tmp_path):
    result = run("check", str(tmp_path / "weg.json"))
    assert result.code == 2
    assert "weg.json" in result.err


def test_json_errors_can_be_read_by_programs(run):
    data = json.dumps(situation(ROERMOND, "teacher", "publish"))
    result = run("check", "-", "--format", "json", stdin=data)
    assert result.code == 2
    payload = json.loads(result.err)
    assert payload["problems"][0]["field"] == "actor.role"


def test_a_situation_that_is_a_list_is_refused(run):
    result = run("check", "-", stdin="[1, 2]")
    assert result.code == 2


def test_true_is_not_a_persons_name(check):
    post = {"media": [{"kind": "photo", "people": [{"role": "student", "consent": "given",
                                                     "name": True}]}]}
    result = check(situation(WILLIBRORD, "staff", "publish", post=post))
    assert problems(result) == ["post.media[0].people[0].name: moet tekst zijn."]
