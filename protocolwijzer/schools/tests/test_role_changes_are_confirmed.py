"""A role change is confirmed on a page that says what changes; giving a role that sees
and changes data about many children (schoolleiding, communicatie) also asks for the code
of the person who gives it (issue 14: "one click, no confirmation, made a pupil
schoolleiding")."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from protocolwijzer.audit.models import Action, AuditEvent
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.tests.personas import Personas, current_code, sign_in, totp_device

R = Person.Role


def role_url(person: Person) -> str:
    return reverse("schools:person_role", args=[person.pk])


def role_of(person: Person) -> str:
    person.refresh_from_db(fields=["role"])
    return person.role


def test_choosing_a_role_asks_to_confirm_and_changes_nothing_yet(
        client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("schoolleider"))

    response = client.post(role_url(personas.classmate), {"role": R.SCHOOLLEIDING})
    page = response.content.decode()

    assert response.status_code == 200
    assert "Noor Visser wordt <strong>schoolleiding</strong> (nu: leerling)." in page
    assert "Let op: Noor Visser is nu leerling." in page
    assert "het logboek lezen" in page  # what the new role may do
    assert 'name="code"' in page
    assert role_of(personas.classmate) == R.LEERLING
    assert not AuditEvent.objects.filter(action=Action.ROLE_CHANGED).exists()


def test_a_role_without_access_to_many_children_is_given_on_confirmation(
        client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("schoolleider"))

    confirm = client.post(role_url(personas.teacher), {"role": R.MENTOR}).content.decode()
    response = client.post(role_url(personas.teacher), {"role": R.MENTOR, "confirmed": "1"})

    assert 'name="code"' not in confirm
    assert response.status_code == 302
    assert role_of(personas.teacher) == R.MENTOR


def test_schoolleiding_is_not_given_without_the_givers_code(
        client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("schoolleider"))

    response = client.post(role_url(personas.classmate),
                           {"role": R.SCHOOLLEIDING, "confirmed": "1"})

    assert response.status_code == 200
    assert "Vul de code uit je authenticator-app in om te bevestigen." in (
        response.content.decode())
    assert role_of(personas.classmate) == R.LEERLING


def test_a_wrong_code_is_refused_and_recorded(client: Client, personas: Personas) -> None:
    leader = personas.user("schoolleider")
    sign_in(client, leader)
    right = current_code(totp_device(leader))
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"

    response = client.post(role_url(personas.classmate),
                           {"role": R.COMMUNICATIE, "confirmed": "1", "code": wrong})

    assert "Deze code klopt niet." in response.content.decode()
    assert role_of(personas.classmate) == R.LEERLING
    failed = AuditEvent.objects.get(action=Action.TWO_FACTOR_FAILED)
    assert (failed.actor, failed.detail) == (leader, {"during": "role_change"})


def test_the_right_code_gives_the_role_and_the_log_says_how(
        client: Client, personas: Personas) -> None:
    leader = personas.user("schoolleider")
    sign_in(client, leader)

    response = client.post(role_url(personas.teacher), {
        "role": R.SCHOOLLEIDING, "confirmed": "1",
        "code": current_code(totp_device(leader))})
    log = client.get(reverse("audit:log")).content.decode()

    assert response.status_code == 302
    assert role_of(personas.teacher) == R.SCHOOLLEIDING
    assert "Saskia L. bevestigde een rolwijziging met de code van de tweestapsverificatie" in log
    assert "Saskia L. veranderde de rol van Mark D. van medewerker in schoolleiding" in log


def test_a_code_works_once(client: Client, personas: Personas) -> None:
    leader = personas.user("schoolleider")
    sign_in(client, leader)
    code = current_code(totp_device(leader))

    client.post(role_url(personas.teacher),
                {"role": R.SCHOOLLEIDING, "confirmed": "1", "code": code})
    client.post(role_url(personas.classmate),
                {"role": R.SCHOOLLEIDING, "confirmed": "1", "code": code})

    assert role_of(personas.teacher) == R.SCHOOLLEIDING
    assert role_of(personas.classmate) == R.LEERLING


def test_a_beheerder_gives_a_beheer_role_with_their_own_code(
        client: Client, personas: Personas) -> None:
    beheerder = personas.user("beheerder")
    sign_in(client, beheerder)

    without = client.post(role_url(personas.mentor), {"role": R.COMMUNICATIE, "confirmed": "1"})
    assert role_of(personas.mentor) == R.MENTOR
    client.post(role_url(personas.mentor), {"role": R.COMMUNICATIE, "confirmed": "1",
                                            "code": current_code(totp_device(beheerder))})

    assert without.status_code == 200
    assert role_of(personas.mentor) == R.COMMUNICATIE


def test_the_same_role_again_asks_nothing(client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("schoolleider"))

    response = client.post(role_url(personas.teacher), {"role": R.MEDEWERKER})

    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action=Action.ROLE_CHANGED).exists()
