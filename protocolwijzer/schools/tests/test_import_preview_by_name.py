"""The import preview names the students it adds, changes and lets go, and flags a student
who is already here by name and date of birth without the file's student number (issue 14:
"the import made a duplicate"). The person importing resolves each: merge (the same
student, who keeps their consent history) or add (another student)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.consent.actions import do_record_decision, do_set_up_consent
from protocolwijzer.consent.models import Decision, Purpose
from protocolwijzer.schools.actions import STUDENTS_IMPORTED
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.tests.personas import Personas, sign_in
from protocolwijzer.schools.tests.test_importing_students import (
    GOOD_ROWS,
    PREVIEW,
    _csv,
    _upload_and_check,
)

SEM = ["6001", "Sem", "", "Bakker", "03-05-2012", "1A", "Petra", "", "Bakker", ""]


@pytest.fixture
def leader(client: Client, personas: Personas) -> Personas:
    # Sem was entered by hand before the school imported: no student number.
    Person.objects.filter(pk=personas.student.pk).update(date_of_birth=dt.date(2012, 5, 3))
    sign_in(client, personas.user("schoolleider"))
    return personas


def sems(p: Personas) -> list[Person]:
    return list(Person.objects.filter(school=p.school, first_name="Sem", last_name="Bakker"))


def test_the_preview_names_new_changed_and_leaving_students(client: Client,
                                                            leader: Personas) -> None:
    Person.objects.filter(pk=leader.classmate.pk).update(student_number="7001")
    Person.objects.filter(pk=leader.student_1b.pk).update(student_number="7002")
    noor = ["7001", "Noor", "", "Visser", "", "1B", "", "", "", ""]

    page = _upload_and_check(client, _csv([*GOOD_ROWS, noor]))

    assert "3 nieuwe leerlingen" in page
    for name in ("Daan de Vries", "Zoë Yilmaz", "Tess van der Meer"):
        assert name in page
    assert "Noor Visser: groep of klas 1A → 1B" in page
    assert "1 leerling vertrekt" in page and "Finn Smit" in page


def test_a_student_already_here_by_name_and_birth_date_is_flagged(
        client: Client, leader: Personas) -> None:
    page = _upload_and_check(client, _csv([SEM]))

    assert "1 leerling staat er misschien al in" in page
    assert "Rij 2: Sem Bakker" in page
    assert "Dezelfde leerling als Sem Bakker: samenvoegen" in page
    assert "geboren 3 mei 2012" in page and "geen leerlingnummer" in page
    assert f'name="dubbel-2" value="merge:{leader.student.pk}"' in page
    assert 'name="dubbel-2" value="add"' in page
    assert "0 nieuwe leerlingen" in page  # not new before the choice is made


def test_confirming_without_a_choice_changes_nothing(client: Client, leader: Personas) -> None:
    _upload_and_check(client, _csv([SEM]))

    response = client.post(PREVIEW, {"action": "confirm"})

    assert response.status_code == 200
    assert "Kies bij elk van hen: dezelfde leerling (samenvoegen)" in response.content.decode()
    assert len(sems(leader)) == 1 and sems(leader)[0].student_number == ""
    assert not AuditEvent.objects.filter(action=STUDENTS_IMPORTED).exists()


def test_merging_makes_no_duplicate_and_keeps_the_consent_history(
        client: Client, leader: Personas) -> None:
    do_set_up_consent(leader.school)
    website = Purpose.objects.get(school=leader.school, code="schoolwebsite")
    do_record_decision(leader.student, website, "given", decided_by=leader.parent,
                       how="guardian_page")
    _upload_and_check(client, _csv([SEM]))

    response = client.post(PREVIEW, {"action": "confirm",
                                     "dubbel-2": f"merge:{leader.student.pk}"})

    assert response.status_code == 302
    [sem] = sems(leader)
    assert (sem.pk, sem.student_number, sem.group, sem.is_active) == (
        leader.student.pk, "6001", leader.group_1a, True)
    assert Decision.objects.get().student == sem
    assert list(sem.guardians.all()) == [leader.parent]  # found by name and child, not new
    event = AuditEvent.objects.get(action=STUDENTS_IMPORTED)
    assert (event.detail["merged_students"], event.detail["new_students"]) == (1, 0)
    follow = client.get(response["Location"]).content.decode()
    assert "1 leerling stond er al in en is samengevoegd" in follow


def test_a_second_import_after_merging_matches_by_number(client: Client,
                                                        leader: Personas) -> None:
    _upload_and_check(client, _csv([SEM]))
    client.post(PREVIEW, {"action": "confirm", "dubbel-2": f"merge:{leader.student.pk}"})

    page = _upload_and_check(client, _csv([SEM]))

    assert "misschien al in" not in page
    assert client.post(PREVIEW, {"action": "confirm"}).status_code == 302
    assert len(sems(leader)) == 1


def test_adding_makes_a_second_student_on_purpose(client: Client, leader: Personas) -> None:
    _upload_and_check(client, _csv([SEM]))

    client.post(PREVIEW, {"action": "confirm", "dubbel-2": "add"})

    assert sorted(p.student_number for p in sems(leader)) == ["", "6001"]


def test_the_same_name_with_another_birth_date_is_another_child(
        client: Client, leader: Personas) -> None:
    other = ["6001", "Sem", "", "Bakker", "04-05-2013", "1B", "", "", "", ""]

    page = _upload_and_check(client, _csv([other]))
    client.post(PREVIEW, {"action": "confirm"})

    assert "misschien al in" not in page
    assert len(sems(leader)) == 2


def test_the_same_name_without_a_birth_date_to_compare_is_flagged(
        client: Client, leader: Personas) -> None:
    Person.objects.filter(pk=leader.student.pk).update(date_of_birth=None)

    page = _upload_and_check(client, _csv([SEM]))

    assert "1 leerling staat er misschien al in" in page
    assert "geen geboortedatum" in page


def test_a_renumbered_student_is_flagged_and_merging_keeps_them_at_school(
        client: Client, leader: Personas) -> None:
    """The administration gave new numbers: the old number is not in the file."""
    Person.objects.filter(pk=leader.student.pk).update(student_number="oud-12")
    page = _upload_and_check(client, _csv([SEM]))

    client.post(PREVIEW, {"action": "confirm", "dubbel-2": f"merge:{leader.student.pk}"})

    assert "leerlingnummer oud-12" in page
    [sem] = sems(leader)
    assert (sem.student_number, sem.is_active) == ("6001", True)


def test_a_choice_for_someone_who_is_no_candidate_is_not_taken(
        client: Client, leader: Personas) -> None:
    _upload_and_check(client, _csv([SEM]))

    response = client.post(PREVIEW, {"action": "confirm",
                                     "dubbel-2": f"merge:{leader.classmate.pk}"})

    assert response.status_code == 200
    assert Person.objects.get(pk=leader.classmate.pk).student_number == ""
    assert len(sems(leader)) == 1
