"""POST /checks takes and gives the contract's shapes, and decides as the command does."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from protocolwijzer.engine.evaluate import evaluate
from protocolwijzer.engine.protocol import builtin_protocol, builtin_protocol_paths
from protocolwijzer.engine.situation import parse_situation
from protocolwijzer.protocols.actions import do_import_protocol
from protocolwijzer.schools.models import School
from protocolwijzer.schools.tests.personas import Personas

from .conftest import ApiClient

WILLIBRORD = "willibrord-miland-2023"
ROERMOND = "praktijkonderwijs-roermond-2015"

SPEC_EXAMPLE = {
    "protocol": WILLIBRORD,
    "actor": {"role": "staff"},
    "context": "off_duty",
    "school_related": True,
    "action": "publish",
    "channel": "facebook",
    "account": "personal",
    "target": None,
    "permission": None,
    "post": {
        "text": "Trots op onze leerlingen van groep 8 na de musical!",
        "media": [{"kind": "photo", "file": "musical.jpg",
                   "people": [{"role": "student", "name": "Sanne de Vries", "consent": "given"},
                              {"role": "student", "consent": "unknown"}]}],
    },
}
SITUATIONS = {
    "the contract's example": SPEC_EXAMPLE,
    "a student filming in a lesson without permission": {
        "protocol": ROERMOND, "actor": {"role": "student"}, "context": "lesson",
        "school_related": True, "action": "publish", "channel": "snapchat",
        "post": {"media": [{"kind": "video", "people": [{"role": "staff",
                                                          "consent": "refused"}]}]}},
    "a teacher befriending a student": {
        "protocol": WILLIBRORD, "actor": {"role": "staff"}, "context": "off_duty",
        "school_related": True, "action": "befriend", "channel": "facebook",
        "account": "personal", "target": {"role": "student"}},
    "something that is not school related": {
        "protocol": ROERMOND, "actor": {"role": "parent"}, "context": "off_duty",
        "school_related": False, "action": "publish", "channel": "instagram"},
}


def command_verdict(run: Callable[..., Any], situation: dict[str, Any]) -> Any:
    return run("check", "-", "--format", "json", stdin=json.dumps(situation)).json


@pytest.mark.parametrize("name", SITUATIONS)
def test_a_check_gives_the_same_verdict_as_the_command_and_the_engine(
        personas: Personas, api_as: Callable[..., ApiClient], run: Callable[..., Any],
        name: str) -> None:
    situation = SITUATIONS[name]
    engine = evaluate(builtin_protocol(situation["protocol"]),
                      parse_situation(situation)).to_dict()

    # A token of a person checks as what the person is (docs/roles.md).
    person = {"staff": personas.teacher, "student": personas.student,
              "parent": personas.parent}[situation["actor"]["role"]]

    response = api_as(person).post("/checks", situation)

    assert response.status_code == 200, response.content
    assert response.json() == engine
    assert response.json() == command_verdict(run, situation)


def test_the_verdict_names_the_articles_behind_it(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    verdict = api_as(personas.teacher).post("/checks", SPEC_EXAMPLE).json()

    # A student in the photo without known consent: forbidden, and the disclaimer is missing.
    assert verdict["verdict"] == "forbidden"
    assert verdict["protocol_version"] == "2023-2024"
    assert {"forbidden", "obligation"} <= {f["effect"] for f in verdict["findings"]}
    assert all(finding["article"] for finding in verdict["findings"])
    assert verdict["consequences"]
    assert "analysis" in verdict


def test_a_wrong_role_is_refused_naming_the_field(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    response = api_as(personas.teacher).post("/checks", {**SPEC_EXAMPLE,
                                                      "actor": {"role": "teacher"}})

    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["field"] == "actor.role"
    assert "'teacher'" in problem["message"]


def test_a_consent_deep_in_the_post_is_named_with_its_path(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    post = {"media": [{"kind": "photo", "people": [{"role": "student", "consent": "maybe"}]}]}

    response = api_as(personas.teacher).post("/checks", {**SPEC_EXAMPLE, "post": post})

    assert response.status_code == 422
    assert [p["field"] for p in response.json()["detail"]] == [
        "post.media[0].people[0].consent"]


def test_the_api_refuses_with_the_commands_own_messages(
        personas: Personas, api_as: Callable[..., ApiClient], run: Callable[..., Any]) -> None:
    bad = {"protocol": ROERMOND, "actor": {"role": "juf"}, "context": "pauze",
           "school_related": "ja", "action": "post", "contxt": "work"}

    problems = api_as(personas.teacher).post("/checks", bad).json()["detail"]

    command = run("check", "-", stdin=json.dumps(bad))
    assert command.code == 2
    assert [f"{p['field']}: {p['message']}" for p in problems] == command.err.strip().splitlines()


def test_an_unknown_protocol_is_named_along_with_every_other_problem(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    response = api_as(personas.teacher).post("/checks", {**SPEC_EXAMPLE, "protocol": "bestaat-niet",
                                                      "context": "pauze"})

    assert response.status_code == 422
    fields = [p["field"] for p in response.json()["detail"]]
    assert fields == ["context", "protocol"]
    assert "bestaat-niet" in response.json()["detail"][1]["message"]


def test_a_body_that_is_not_json_is_a_bad_request(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    response = api_as(personas.teacher).post("/checks", "{not json")

    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == ""


def test_a_json_list_is_not_a_situation(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    response = api_as(personas.teacher).post("/checks", [SPEC_EXAMPLE])

    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == ""


def own_protocol_text(protocol_id: str, version: str) -> str:
    text = builtin_protocol_paths()[WILLIBRORD].read_text(encoding="utf-8")
    return (text.replace(f"id: {WILLIBRORD}", f"id: {protocol_id}", 1)
            .replace("version: 2023-2024", f"version: {version}", 1))


def test_a_school_checks_against_its_own_protocol_and_others_cannot(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    own = do_import_protocol(own_protocol_text("de-maas-2025", "2025-2026"))
    School.objects.filter(pk=personas.school.pk).update(protocol=own)
    situation = {**SPEC_EXAMPLE, "protocol": "de-maas-2025"}

    mine = api_as(personas.teacher).post("/checks", situation)
    elsewhere = api_as(personas.other_teacher).post("/checks", situation)

    assert mine.status_code == 200
    assert (mine.json()["protocol"], mine.json()["protocol_version"]) == ("de-maas-2025",
                                                                          "2025-2026")
    assert elsewhere.status_code == 422
    assert elsewhere.json()["detail"][0]["field"] == "protocol"


def test_a_schools_own_version_of_a_builtin_protocol_is_the_one_it_checks_against(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    # The MR gave instemming to the text the school follows, not to whatever ships now.
    pinned = do_import_protocol(own_protocol_text(WILLIBRORD, "2022-2023"))
    School.objects.filter(pk=personas.school.pk).update(protocol=pinned)

    mine = api_as(personas.teacher).post("/checks", SPEC_EXAMPLE).json()
    elsewhere = api_as(personas.other_teacher).post("/checks", SPEC_EXAMPLE).json()

    assert mine["protocol_version"] == "2022-2023"
    assert elsewhere["protocol_version"] == "2023-2024"


def test_an_integration_and_an_account_without_a_school_can_check(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    from protocolwijzer.accounts.models import User

    loner = User.objects.create_user("zonder.school@example.nl")

    assert api_as(school=personas.other_school, role="communicatie").post(
        "/checks", SPEC_EXAMPLE).status_code == 200
    assert api_as(loner).post("/checks", SPEC_EXAMPLE).status_code == 200
