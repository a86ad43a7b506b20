from __future__ import annotations

import re
from urllib.parse import urlencode

from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from protocolwijzer.accounts.models import User
from protocolwijzer.accounts.two_factor import secret_for_apps
from protocolwijzer.audit.models import Action, AuditEvent
from protocolwijzer.schools.tests.personas import (
    PASSWORD,
    Personas,
    current_code,
    sign_in,
    totp_device,
)

MY_SCHOOL = reverse("schools:my_school")
SETUP = reverse("accounts:two_factor_setup")
VERIFY = reverse("accounts:two_factor")


def _with_next(url: str, next_url: str = MY_SCHOOL) -> str:
    return f"{url}?{urlencode({'next': next_url})}"


def _sign_in(client: Client, user: User) -> str:
    response = client.post(reverse("accounts:login"),
                           {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    return str(response["Location"])


def test_a_schoolleider_without_an_app_sets_one_up_before_reaching_my_school(
        client: Client, personas: Personas) -> None:
    leader = personas.user("schoolleider")

    assert _sign_in(client, leader) == _with_next(SETUP)
    assert client.get(MY_SCHOOL)["Location"] == _with_next(SETUP)
    setup_page = client.get(_with_next(SETUP))
    device = TOTPDevice.objects.get(user=leader, confirmed=False)
    response = client.post(SETUP, {"code": current_code(device), "next": MY_SCHOOL})

    assert setup_page.status_code == 200
    assert "<svg" in setup_page.content.decode()
    assert response["Location"] == MY_SCHOOL
    assert client.get(MY_SCHOOL).status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(action=Action.TWO_FACTOR_ENROLLED, actor=leader).exists()


def test_the_setup_page_shows_the_secret_and_a_qr_code_the_strict_csp_allows(
        client: Client, personas: Personas) -> None:
    _sign_in(client, personas.user("communicatie"))

    response = client.get(SETUP)
    page = response.content.decode()

    assert response.status_code == 200
    assert "style-src" not in response["Content-Security-Policy"]  # default-src 'self' only
    assert 'role="img"' in page
    # Nothing inline, which the policy would block (a script file of our own is allowed).
    assert "style=" not in page and not re.search(r"<script(?![^>]*\bsrc=)", page)
    device = TOTPDevice.objects.get(user=personas.user("communicatie"))
    assert secret_for_apps(device) in page
    # Reloading keeps the secret the app may already have scanned.
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=personas.user("communicatie")).count() == 1


def test_a_schoolleider_with_an_app_enters_the_code_after_the_password(
        client: Client, personas: Personas) -> None:
    leader = personas.user("schoolleider")
    device = totp_device(leader)

    assert _sign_in(client, leader) == _with_next(VERIFY)
    assert client.get(MY_SCHOOL)["Location"] == _with_next(VERIFY)
    response = client.post(VERIFY, {"code": current_code(device), "next": MY_SCHOOL})

    assert response["Location"] == MY_SCHOOL
    assert client.get(MY_SCHOOL).status_code == 200
    assert AuditEvent.objects.filter(action=Action.TWO_FACTOR_VERIFIED, actor=leader).exists()


def test_a_wrong_code_keeps_the_schoolleider_out_and_is_recorded(
        client: Client, personas: Personas) -> None:
    leader = personas.user("schoolleider")
    device = totp_device(leader)
    _sign_in(client, leader)
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"

    response = client.post(VERIFY, {"code": wrong})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert client.get(MY_SCHOOL).status_code == 302
    assert AuditEvent.objects.filter(action=Action.TWO_FACTOR_FAILED, actor=leader).exists()


def test_a_code_works_only_once(personas: Personas) -> None:
    leader = personas.user("schoolleider")
    device = totp_device(leader)
    first, second = Client(), Client()
    _sign_in(first, leader)
    _sign_in(second, leader)
    code = current_code(device)

    first.post(VERIFY, {"code": code})
    replay = second.post(VERIFY, {"code": code})

    assert first.get(MY_SCHOOL).status_code == 200
    assert replay.status_code == 200  # the form again, with an error
    assert second.get(MY_SCHOOL).status_code == 302


def test_knowing_the_password_is_not_enough_to_add_an_app_of_your_own(
        client: Client, personas: Personas) -> None:
    leader = personas.user("schoolleider")
    totp_device(leader)
    _sign_in(client, leader)

    response = client.get(SETUP)

    assert response["Location"].startswith(VERIFY)
    assert TOTPDevice.objects.filter(user=leader).count() == 1


def test_a_teacher_needs_no_second_factor(client: Client, personas: Personas) -> None:
    assert _sign_in(client, personas.user("teacher")) == MY_SCHOOL
    assert client.get(MY_SCHOOL).status_code == 200
    assert client.get(SETUP)["Location"] == MY_SCHOOL


def test_until_the_code_is_entered_only_signing_in_and_out_stay_open(
        client: Client, personas: Personas) -> None:
    leader = personas.user("schoolleider")
    totp_device(leader)
    sign_in(client, leader, second_factor=False)
    closed = [reverse("schools:home"), reverse("protocols:list"), reverse("audit:log"),
              reverse("schools:person", args=[personas.classmate.pk]), "/beheer/"]

    statuses = {url: client.get(url).status_code for url in closed}
    redirects = {client.get(url)["Location"] for url in closed}

    assert set(statuses.values()) == {302}
    assert all(location.startswith(VERIFY) for location in redirects)
    assert client.get(VERIFY).status_code == 200
    assert client.post(reverse("set_language"), {"language": "en"}).status_code == 302
    assert client.post(reverse("accounts:logout"))["Location"] == reverse("schools:home")


def test_an_operator_needs_a_second_factor_for_the_admin(client: Client, db: None) -> None:
    operator = User.objects.create_superuser("operator@example.org", PASSWORD)
    client.force_login(operator)

    assert client.get("/beheer/")["Location"] == _with_next(SETUP, "/beheer/")
    sign_in(client, operator)
    assert client.get("/beheer/").status_code == 200
