"""POST /checks checks a person's token as what the person is (issue 11, point 8), as the
checker page does: an MR member cannot submit ``other`` to escape the staff and parent
rules and every sanction. A token without a person (an integration) may check any role.
docs/roles.md says who is checked as what."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from protocolwijzer.checks.models import CheckRecord
from protocolwijzer.schools.tests.personas import Personas

from .conftest import WILLIBRORD, ApiClient

# Willibrord A.6: "Het is medewerkers niet toegestaan om ‘vrienden’ te worden met leerlingen
# op sociale media."
BEFRIENDING_A_STUDENT = {
    "protocol": WILLIBRORD, "context": "off_duty", "school_related": True,
    "action": "befriend", "channel": "instagram", "account": "personal",
    "target": {"role": "student"}}


def _as(role: str) -> dict:
    return {**BEFRIENDING_A_STUDENT, "actor": {"role": role}}


def test_an_mr_member_cannot_check_as_other_to_escape_the_staff_rules(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    response = api_as(personas.mr_lid).post("/checks", _as("other"))

    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["field"] == "actor.role"
    assert "'other'" in problem["message"]
    assert problem["message"].endswith("als staff.")
    assert not CheckRecord.objects.exists()


def test_the_same_mr_member_checked_as_staff_is_forbidden_under_a6(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    verdict = api_as(personas.mr_lid).post("/checks", _as("staff")).json()

    assert verdict["verdict"] == "forbidden"
    assert "A.6" in {f["article"] for f in verdict["findings"] if f["effect"] == "forbidden"}
    assert "sancties.1" in {c["article"] for c in verdict["consequences"]}


@pytest.mark.parametrize(("persona", "role"), [("teacher", "student"), ("teacher", "other"),
                                               ("student", "staff"), ("parent", "staff"),
                                               ("student", "parent")])
def test_a_persons_token_is_refused_a_role_the_person_does_not_have(
        personas: Personas, api_as: Callable[..., ApiClient], persona: str, role: str) -> None:
    response = api_as(getattr(personas, persona)).post("/checks", _as(role))

    assert response.status_code == 422
    assert [p["field"] for p in response.json()["detail"]] == ["actor.role"]


def test_an_mr_member_with_a_child_at_the_school_may_check_as_parent_or_staff(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    personas.mr_lid.children.add(personas.classmate)
    api = api_as(personas.mr_lid)

    assert api.post("/checks", _as("parent")).status_code == 200
    assert api.post("/checks", _as("staff")).status_code == 200
    refused = api.post("/checks", _as("student")).json()["detail"][0]["message"]
    assert "parent, staff" in refused


def test_a_wrong_role_is_named_along_with_every_other_problem(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    response = api_as(personas.mr_lid).post("/checks", {**_as("other"), "context": "pauze"})

    assert response.status_code == 422
    assert [p["field"] for p in response.json()["detail"]] == ["context", "actor.role"]


def test_an_integration_token_has_no_person_and_checks_any_role(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    api = api_as(school=personas.school, role="mr_lid")

    for role in ("staff", "student", "parent", "other"):
        assert api.post("/checks", _as(role)).status_code == 200, role
