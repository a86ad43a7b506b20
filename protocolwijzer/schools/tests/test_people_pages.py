from __future__ import annotations

from django.test import Client
from django.urls import reverse

from protocolwijzer.audit.models import Action, AuditEvent
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.tests.personas import Personas, current_code, sign_in, totp_device

MY_SCHOOL = reverse("schools:my_school")


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _person_url(person: Person) -> str:
    return reverse("schools:person", args=[person.pk])


def test_my_school_shows_the_groups_to_staff(client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("teacher"))

    page = _page(client, MY_SCHOOL)

    assert "De Maas" in page
    assert reverse("schools:group", args=[personas.group_1a.pk]) in page
    assert reverse("audit:log") not in page


def test_my_school_shows_no_groups_to_a_student(client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("student"))

    page = _page(client, MY_SCHOOL)

    assert "De Maas" in page
    assert reverse("schools:group", args=[personas.group_1a.pk]) not in page
    assert _person_url(personas.student) in page  # "my details"


def test_my_school_of_a_beheerder_lists_every_school_of_the_stichting(
        client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("beheerder"))

    page = _page(client, MY_SCHOOL)

    assert "De Maas" in page and "De Beek" in page and "De Wilgenhoek" not in page
    assert reverse("audit:log") in page


def test_a_group_page_lists_only_the_people_of_that_group(
        client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("teacher"))

    page = _page(client, reverse("schools:group", args=[personas.group_1a.pk]))

    assert "Sem Bakker" in page and "Noor Visser" in page and "Mirjam Mentor" in page
    assert "Finn Smit" not in page and "Petra Bakker" not in page


def test_a_person_page_names_only_relations_the_viewer_may_see(
        client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("teacher"))
    as_teacher = _page(client, _person_url(personas.student))
    sign_in(client, personas.user("parent"))
    as_parent = _page(client, _person_url(personas.student))

    assert "Petra Bakker" not in as_teacher  # a teacher does not see parents
    assert "Petra Bakker" in as_parent


def test_a_schoolleider_changes_a_role_and_it_is_recorded(
        client: Client, personas: Personas) -> None:
    leader = personas.user("schoolleider")
    sign_in(client, leader)

    response = client.post(reverse("schools:person_role", args=[personas.teacher.pk]),
                           {"role": Person.Role.COMMUNICATIE, "confirmed": "1",
                            "code": current_code(totp_device(leader))})

    assert response["Location"] == _person_url(personas.teacher)
    personas.teacher.refresh_from_db()
    assert personas.teacher.role == Person.Role.COMMUNICATIE
    event = AuditEvent.objects.get(action=Action.ROLE_CHANGED)
    assert (event.actor, event.school, event.object_id) == (
        leader, personas.school, str(personas.teacher.pk))
    assert event.detail == {"from": "medewerker", "to": "communicatie"}


def test_a_new_role_that_needs_two_factor_asks_for_it_at_once(
        personas: Personas) -> None:
    teacher = Client()
    sign_in(teacher, personas.user("teacher"))
    leader = Client()
    sign_in(leader, personas.user("schoolleider"))

    leader.post(reverse("schools:person_role", args=[personas.teacher.pk]),
                {"role": Person.Role.SCHOOLLEIDING, "confirmed": "1",
                 "code": current_code(totp_device(personas.user("schoolleider")))})

    assert teacher.get(MY_SCHOOL)["Location"].startswith(
        reverse("accounts:two_factor_setup"))


def test_nobody_changes_their_own_role(client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("schoolleider"))

    client.post(reverse("schools:person_role", args=[personas.schoolleider.pk]),
                {"role": Person.Role.LEERLING, "confirmed": "1"})

    personas.schoolleider.refresh_from_db()
    assert personas.schoolleider.role == Person.Role.SCHOOLLEIDING
    assert not AuditEvent.objects.filter(action=Action.ROLE_CHANGED).exists()


def test_a_teacher_cannot_change_a_role(client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("teacher"))

    response = client.post(reverse("schools:person_role", args=[personas.classmate.pk]),
                           {"role": Person.Role.SCHOOLLEIDING})

    assert response.status_code == 403
    personas.classmate.refresh_from_db()
    assert personas.classmate.role == Person.Role.LEERLING


def test_another_schools_schoolleider_cannot_change_a_role_here(
        client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("other_teacher"))

    response = client.post(reverse("schools:person_role", args=[personas.classmate.pk]),
                           {"role": Person.Role.SCHOOLLEIDING})

    assert response.status_code == 404


def test_the_role_form_is_only_shown_to_who_may_use_it(
        client: Client, personas: Personas) -> None:
    form_action = reverse("schools:person_role", args=[personas.classmate.pk])
    sign_in(client, personas.user("schoolleider"))
    as_leader = _page(client, _person_url(personas.classmate))
    sign_in(client, personas.user("teacher"))
    as_teacher = _page(client, _person_url(personas.classmate))

    assert form_action in as_leader
    assert form_action not in as_teacher
