"""Schools, groups and people through the API: least privilege per role, 404 for another
school's object, 403 for a missing right — for account tokens and integration tokens alike."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from protocolwijzer.accounts.models import User
from protocolwijzer.audit.models import Action, AuditEvent
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.tests.personas import Personas

from .conftest import ApiClient


def ids(response: Any) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def test_a_teacher_cannot_read_another_schools_person_group_or_school(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    api = api_as(personas.teacher)

    for path in (f"/people/{personas.other_student.pk}", f"/groups/{personas.other_group.pk}",
                 f"/schools/{personas.other_school.pk}"):
        response = api.get(path)
        assert response.status_code == 404, path
        assert set(response.json()) == {"detail"}


def test_another_schools_object_looks_exactly_like_one_that_does_not_exist(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    api = api_as(personas.teacher)

    elsewhere = api.get(f"/people/{personas.other_student.pk}")
    missing = api.get("/people/999999")

    assert (elsewhere.status_code, elsewhere.json()) == (missing.status_code, missing.json())


def test_a_teacher_sees_staff_and_students_of_their_school_but_no_parents(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    seen = ids(api_as(personas.teacher).get("/people"))

    assert personas.student.pk in seen and personas.mentor.pk in seen
    assert personas.parent.pk not in seen
    assert personas.other_student.pk not in seen


def test_a_teacher_may_not_open_a_parent_of_their_own_school(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    response = api_as(personas.teacher).get(f"/people/{personas.parent.pk}")

    assert response.status_code == 403
    assert response.json()["detail"]


def test_a_parent_lists_only_themself_and_their_children(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    assert ids(api_as(personas.parent).get("/people")) == {personas.parent.pk, personas.student.pk}


def test_a_parent_cannot_open_another_child_nor_list_groups(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    api = api_as(personas.parent)

    assert api.get(f"/people/{personas.student_1b.pk}").status_code == 403
    assert api.get("/groups").status_code == 403
    assert api.get(f"/groups/{personas.group_1a.pk}").status_code == 403
    assert api.get(f"/people/{personas.student.pk}").json()["name"] == "Sem Bakker"


def test_a_student_sees_only_themself(personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    assert ids(api_as(personas.student).get("/people")) == {personas.student.pk}


def test_a_mentor_also_sees_the_parents_of_their_own_group(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    seen = ids(api_as(personas.mentor).get("/people"))

    assert personas.parent.pk in seen
    assert personas.parent_1b.pk not in seen


def test_a_beheerder_sees_every_school_of_the_stichting(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    api = api_as(personas.beheerder)

    assert ids(api.get("/schools")) == {personas.school.pk, personas.sister_school.pk}
    people = ids(api.get("/people"))
    assert personas.sister_student.pk in people
    assert personas.other_student.pk not in people  # another stichting's school


def test_a_person_is_shown_with_no_more_than_a_system_needs(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    person = api_as(personas.teacher).get(f"/people/{personas.student.pk}").json()

    assert person == {"id": personas.student.pk, "name": "Sem Bakker", "role": "leerling",
                      "school": personas.school.pk, "group": personas.group_1a.pk}


def test_an_integration_token_acts_for_its_one_school_in_its_role(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    website = api_as(school=personas.school, role=Person.Role.COMMUNICATIE)

    assert ids(website.get("/schools")) == {personas.school.pk}
    assert personas.parent.pk in ids(website.get("/people"))  # communications sees everyone
    assert ids(website.get("/groups")) == {personas.group_1a.pk, personas.group_1b.pk}
    assert website.get(f"/people/{personas.other_student.pk}").status_code == 404
    assert website.get(f"/schools/{personas.other_school.pk}").status_code == 404


def test_an_mr_integration_reads_protocols_but_no_people_or_groups(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    mr = api_as(school=personas.school, role=Person.Role.MR_LID)

    assert ids(mr.get("/people")) == set()
    assert mr.get("/groups").status_code == 403
    assert mr.get(f"/people/{personas.student.pk}").status_code == 403
    assert mr.get("/protocols").status_code == 200


def test_an_account_without_a_school_gets_403_for_school_data(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    api = api_as(User.objects.create_user("zonder.school@example.nl"))

    for path in ("/schools", "/groups", "/people", f"/people/{personas.student.pk}"):
        response = api.get(path)
        assert response.status_code == 403, path
        assert response["Content-Type"].startswith("application/json")


def test_lists_come_in_pages_of_at_most_200(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    api = api_as(personas.communicatie)
    everyone = api.get("/people").json()

    first = api.get("/people", limit=2).json()
    rest = api.get("/people", limit=200, offset=2).json()

    assert first["count"] == rest["count"] == everyone["count"] == 12
    assert [p["id"] for p in first["items"] + rest["items"]] == [
        p["id"] for p in everyone["items"]]


@pytest.mark.parametrize("params, field", [({"limit": 201}, "limit"), ({"limit": 0}, "limit"),
                                           ({"offset": -1}, "offset"),
                                           ({"limit": "veel"}, "limit")])
def test_a_page_outside_the_limits_is_refused_naming_the_parameter(
        personas: Personas, api_as: Callable[..., ApiClient], params: dict[str, object],
        field: str) -> None:
    response = api_as(personas.teacher).get("/people", **params)

    assert response.status_code == 422
    assert [p["field"] for p in response.json()["detail"]] == [field]


def test_an_offset_past_the_end_is_an_empty_page(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    page = api_as(personas.teacher).get("/people", offset=2**70).json()

    assert page["items"] == [] and page["count"] > 0


def test_an_id_beyond_any_database_id_is_simply_not_found(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    api = api_as(personas.teacher)

    for path in (f"/people/{2**64}", f"/groups/{2**64}", f"/schools/{2**64}"):
        assert api.get(path).status_code == 404, path


def test_an_id_that_is_not_a_positive_number_is_refused_naming_the_parameter(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    api = api_as(personas.teacher)

    for path, field in (("/people/0", "person_id"), ("/groups/zeven", "group_id")):
        response = api.get(path)
        assert response.status_code == 422, path
        assert [p["field"] for p in response.json()["detail"]] == [field]


def test_reading_people_through_the_api_is_in_the_schools_audit_log(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    website = api_as(school=personas.school, role=Person.Role.COMMUNICATIE)

    website.get("/people")
    website.get(f"/people/{personas.student.pk}")

    listed, viewed = AuditEvent.objects.filter(school=personas.school).order_by("pk")
    assert (listed.action, viewed.action) == (Action.PEOPLE_LISTED, Action.PERSON_VIEWED)
    assert viewed.object_id == str(personas.student.pk)
    assert viewed.detail["api_token_name"] == "integratie"
    assert listed.detail["count"] == 12


def test_looking_at_yourself_is_not_logged(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    api_as(personas.teacher).get(f"/people/{personas.teacher.pk}")

    assert not AuditEvent.objects.filter(action=Action.PERSON_VIEWED).exists()
