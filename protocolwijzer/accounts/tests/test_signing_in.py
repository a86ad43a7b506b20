from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from protocolwijzer.audit.models import Action, AuditEvent
from protocolwijzer.schools.tests.personas import PASSWORD, Personas

LOGIN = reverse("accounts:login")


def _sign_in(client: Client, email: str, password: str, **extra: str) -> object:
    return client.post(LOGIN, {"username": email, "password": password}, **extra)


def _signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_a_teacher_signs_in_with_e_mail_and_password_and_reaches_my_school(
        client: Client, personas: Personas) -> None:
    teacher = personas.user("teacher")

    # Any capitalisation of the address works: accounts store it in lower case.
    response = _sign_in(client, teacher.email.upper(), PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse("schools:my_school")
    assert client.get(reverse("schools:my_school")).status_code == 200
    event = AuditEvent.objects.get(action=Action.SIGN_IN)
    assert (event.actor, event.school, event.ip) == (teacher, personas.school, "127.0.0.1")


def test_signing_in_returns_to_the_page_that_asked_for_it(
        client: Client, personas: Personas) -> None:
    page = reverse("schools:group", args=[personas.group_1a.pk])

    response = client.post(f"{LOGIN}?next={page}", {
        "username": personas.user("teacher").email, "password": PASSWORD, "next": page})

    assert response["Location"] == page


def test_a_wrong_password_is_refused_and_recorded(client: Client, personas: Personas) -> None:
    teacher = personas.user("teacher")

    response = _sign_in(client, teacher.email, "niet-het-wachtwoord")

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not _signed_in(client)
    event = AuditEvent.objects.get(action=Action.SIGN_IN_FAILED)
    assert event.actor is None  # not proven to be them
    assert (event.actor_email, event.school) == (teacher.email, personas.school)


def test_signing_out_takes_a_post_and_is_recorded(client: Client, personas: Personas) -> None:
    _sign_in(client, personas.user("teacher").email, PASSWORD)

    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))

    assert response["Location"] == reverse("schools:home")
    assert not _signed_in(client)
    assert AuditEvent.objects.filter(action=Action.SIGN_OUT,
                                     actor=personas.user("teacher")).exists()


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_menu_offers_signing_in_or_my_school_and_signing_out(
        client: Client, personas: Personas, signed_in: bool) -> None:
    if signed_in:
        _sign_in(client, personas.user("teacher").email, PASSWORD)

    page = client.get(reverse("schools:home")).content.decode()

    assert (f'href="{LOGIN}"' in page) is not signed_in
    assert (f'href="{reverse("schools:my_school")}"' in page) is signed_in
    assert (f'action="{reverse("accounts:logout")}"' in page) is signed_in
