"""A school's protocol can say what brings a situation into scope although the person
declared it private (a scope entry's ``reasons``), and the verdict then says why.

Driven the way a beheerder tries their own file: ``protocolwijzer check --protocol FILE``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from protocolwijzer.engine.errors import ProtocolError
from protocolwijzer.engine.protocol import load_protocol_text

PROTOCOL = """\
format: protocolwijzer/1
id: proefschool-2026
title: Protocol sociale media
organisation: Proefschool
version: "2026"
established: {by: Bestuur}
evaluation: {cadence: yearly}
source: {document: Proefprotocol}
sections:
  - id: doelgroep
    articles:
      - id: doelgroep.2
        kind: normative
        text: Dit protocol gaat over schoolgerelateerde berichten of een overlap met school.
      - id: A.1
        kind: normative
        text: Medewerkers worden geen vrienden met leerlingen.
scope:
  - article: doelgroep.2
    condition: {school_related: true}
    message: Dit valt buiten het protocol.
    in_scope_message: Toch binnen het protocol.
    reasons:
      - condition: {target.role: student}
        message: Het gaat om een leerling.
      - condition: {channel: class_group_app}
        message: Het gebeurt in de klassenapp.
rules:
  - article: A.1
    effect: forbidden
    roles: [staff]
    actions: [befriend]
    condition: {target.role: student}
    message: Geen vrienden met leerlingen.
"""


@pytest.fixture
def protocol_file(tmp_path: Path) -> str:
    path = tmp_path / "proefschool.yaml"
    path.write_text(PROTOCOL, encoding="utf-8")
    return str(path)


def private(**fields: Any) -> dict[str, Any]:
    return {"actor": {"role": "staff"}, "context": "off_duty", "school_related": False,
            **fields}


def scope_messages(verdict: dict[str, Any]) -> list[str]:
    return [f["message"] for f in verdict["findings"] if f["article"] == "doelgroep.2"]


def test_a_reason_that_holds_brings_a_private_situation_into_scope_and_says_why(
        check, protocol_file):
    result = check(private(action="befriend", channel="instagram",
                           target={"role": "student"}), "--protocol", protocol_file)
    assert (result.code, result.json["verdict"]) == (1, "forbidden")
    assert scope_messages(result.json) == ["Toch binnen het protocol. Het gaat om een leerling."]
    scope = next(f for f in result.json["findings"] if f["article"] == "doelgroep.2")
    assert scope["effect"] == "advice"


def test_every_reason_that_holds_is_named_in_one_finding(check, protocol_file):
    result = check(private(action="contact", channel="class_group_app",
                           target={"role": "student"}), "--protocol", protocol_file)
    assert result.json["verdict"] == "allowed"
    assert scope_messages(result.json) == [
        "Toch binnen het protocol. Het gaat om een leerling. Het gebeurt in de klassenapp."]


def test_without_any_overlap_the_declaration_puts_it_out_of_scope(check, protocol_file):
    result = check(private(action="befriend", channel="instagram",
                           target={"role": "parent"}), "--protocol", protocol_file)
    assert (result.code, result.json["verdict"]) == (0, "out_of_scope")
    assert scope_messages(result.json) == ["Dit valt buiten het protocol."]


def test_a_situation_declared_school_related_gets_no_scope_finding(check, protocol_file):
    result = check({**private(action="befriend", channel="instagram",
                              target={"role": "student"}), "school_related": True},
                   "--protocol", protocol_file)
    assert result.json["verdict"] == "forbidden"
    assert scope_messages(result.json) == []


def test_reasons_without_the_sentence_that_introduces_them_are_refused():
    text = PROTOCOL.replace("    in_scope_message: Toch binnen het protocol.\n", "")
    with pytest.raises(ProtocolError) as info:
        load_protocol_text(text, filename="proefschool.yaml")
    assert [p.field for p in info.value.problems] == ["scope[0].in_scope_message"]


def test_a_reason_testing_an_unknown_fact_names_its_field_and_line():
    text = PROTOCOL.replace("{channel: class_group_app}", "{kanaal: klassenapp}")
    with pytest.raises(ProtocolError) as info:
        load_protocol_text(text, filename="proefschool.yaml")
    problem = info.value.problems[0]
    assert problem.field == "scope[0].reasons[1].condition.kanaal"
    assert problem.line == 26
