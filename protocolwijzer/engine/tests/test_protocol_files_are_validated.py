"""A broken protocol file is refused with the file, line and field, in plain words."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from protocolwijzer.engine.errors import ProtocolError
from protocolwijzer.engine.protocol import builtin_protocol_paths, load_protocol_text

MINIMAL = """\
format: protocolwijzer/1
id: proefschool-2026
title: Protocol sociale media
organisation: Proefschool
version: "2026"
established: {by: Bestuur}
evaluation: {cadence: yearly}
source: {document: Proefprotocol}
sections:
  - id: A
    title: Voor iedereen
    articles:
      - id: A.1
        kind: normative
        text: Het is niet toegestaan foto's te plaatsen zonder toestemming.
      - id: A.2
        kind: informative
        text: Wat je plaatst blijft bestaan.
rules:
  - article: A.1
    effect: forbidden
    roles: [student]
    actions: [publish]
    condition:
      media.people_without_consent: {gt: 0}
    message: Er staan mensen op zonder toestemming.
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "protocol.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def refuse(text: str) -> ProtocolError:
    with pytest.raises(ProtocolError) as info:
        load_protocol_text(text, filename="protocol.yaml")
    return info.value


def test_a_minimal_protocol_loads():
    protocol = load_protocol_text(MINIMAL)
    assert protocol.id == "proefschool-2026"
    assert [rule.id for rule in protocol.rules] == ["A.1#1"]


def test_validate_accepts_the_built_in_files(run):
    for path in builtin_protocol_paths().values():
        result = run("protocols", "validate", str(path))
        assert result.code == 0, result.err
        assert "is geldig" in result.out


def test_yaml_syntax_errors_name_the_line(run, tmp_path):
    path = write(tmp_path, MINIMAL.replace("roles: [student]", "roles: [student"))
    result = run("protocols", "validate", str(path))
    assert result.code == 1
    # The unclosed list on line 22 is noticed where the next key starts.
    assert f"{path}:23: " in result.err
    assert "YAML" in result.err


def test_an_unknown_role_names_file_line_and_field(run, tmp_path):
    path = write(tmp_path, MINIMAL.replace("roles: [student]", "roles: [leerling]"))
    result = run("protocols", "validate", str(path))
    assert result.code == 1
    assert f"{path}:22: rules[0].roles[0]: 'leerling' is geen van staff, student, parent, " \
           "other." in result.err


def test_an_unknown_field_is_refused(tmp_path):
    error = refuse(MINIMAL.replace("    effect: forbidden", "    effect: forbidden\n    efect: x"))
    assert [(p.field, p.line) for p in error.problems] == [("rules[0].efect", 22)]


def test_a_rule_citing_a_missing_article_is_refused():
    error = refuse(MINIMAL.replace("  - article: A.1", "  - article: A.9"))
    fields = {p.field: p.message for p in error.problems}
    assert "A.9" in fields["rules[0].article"]
    # A.1 is now normative without a rule: said too, not hidden behind the first problem.
    assert "sections[0].articles[0].kind" in fields


def test_a_duplicate_article_id_is_refused():
    error = refuse(MINIMAL.replace("      - id: A.2", "      - id: A.1"))
    assert any(p.field == "sections[0].articles[1].id" and "twee" in p.message
               for p in error.problems)


def test_a_duplicate_key_is_refused_instead_of_silently_overwritten():
    error = refuse(MINIMAL.replace("    effect: forbidden", "    effect: forbidden\n"
                                   "    effect: allowed"))
    assert error.problems[0].field == "rules[0].effect"
    assert error.problems[0].line == 22


def test_a_condition_on_an_unknown_fact_is_refused():
    error = refuse(MINIMAL.replace("media.people_without_consent", "media.gezichten"))
    assert error.problems[0].field == "rules[0].condition.media.gezichten"
    assert error.problems[0].line == 25


def test_a_condition_value_of_the_wrong_type_is_refused():
    error = refuse(MINIMAL.replace("{gt: 0}", "{gt: veel}"))
    assert error.problems[0].field == "rules[0].condition.media.people_without_consent.gt"


def test_an_obligation_without_a_fix_is_refused():
    text = MINIMAL.replace("effect: forbidden", "effect: obligation\n    requires: "
                           "{text.own_opinion_disclaimer: true}")
    error = refuse(text)
    assert [p.field for p in error.problems] == ["rules[0].fix"]


def test_a_rule_resting_on_an_informative_article_is_refused():
    error = refuse(MINIMAL.replace("  - article: A.1", "  - article: A.2"))
    assert any("informatief" in p.message for p in error.problems)


def test_aliases_are_refused():
    error = refuse(MINIMAL.replace("roles: [student]", "roles: &r [student]") +
                   "consequences: []\nscope: *r\n")
    assert "&" in error.problems[0].message


def test_a_file_over_one_megabyte_is_refused():
    error = refuse(MINIMAL + "#" * (1024 * 1024))
    assert error.problems[0].field == ""


def test_a_python_object_tag_is_not_constructed():
    error = refuse(MINIMAL.replace("title: Protocol sociale media",
                                   "title: !!python/object/apply:os.system [echo hoi]"))
    assert error.problems[0].line == 3


def test_the_json_schema_is_published(run):
    result = run("protocols", "schema")
    schema = json.loads(result.out)
    assert schema["$schema"].endswith("2020-12/schema")
    assert "rules" in schema["properties"]
