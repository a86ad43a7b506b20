"""Failed sign-ins make the account wait (from any address), and many failures from one
address make that address wait; the wait grows; the real user always has a way in."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from protocolwijzer.audit.models import Action, AuditEvent
from protocolwijzer.schools.tests.personas import PASSWORD, Personas, current_code, totp_device

LOGIN = reverse("accounts:login")
MY_SCHOOL = reverse("schools:my_school")
SCHOOL_NETWORK = "198.51.100.10"


def _sign_in(email: str, password: str, ip: str = SCHOOL_NETWORK, client: Client | None = None,
             **data: str) -> Any:
    client = client or Client(REMOTE_ADDR=ip)
    return client.post(LOGIN, {"username": email, "password": password, **data})


def _fail(email: str, times: int, ip: str = SCHOOL_NETWORK) -> list[Any]:
    return [_sign_in(email, f"fout-{attempt}", ip) for attempt in range(times)]


def _wait_passes(seconds: float) -> None:
    """Moves every remembered failure ``seconds`` into the past."""
    for attempt in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=attempt.pk).update(
            attempt_time=attempt.attempt_time - timedelta(seconds=seconds))


def _main(response: Any) -> str:
    """The page's own content, without the (per response masked) CSRF token."""
    page = response.content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="\w+"', "",
                  page[page.index("<main"):page.index("</main>")])


def test_five_failures_make_the_account_wait_even_for_the_right_password(
        personas: Personas) -> None:
    email = personas.user("teacher").email

    failures = _fail(email, 5)
    right = _sign_in(email, PASSWORD)

    assert [r.status_code for r in failures] == [200, 200, 200, 200, 429]
    assert right.status_code == 429
    assert 55 <= int(right["Retry-After"]) <= 60
    assert "1 minuut" in right.content.decode()  # in the person's language
    assert "_auth_user_id" not in Client().session
    assert AuditEvent.objects.filter(action=Action.LOCKED_OUT, actor_email=email).exists()


def test_failures_from_many_addresses_make_the_account_wait(personas: Personas) -> None:
    email = personas.user("teacher").email
    for number in range(5):
        _fail(email, 1, ip=f"203.0.113.{number + 1}")

    from_yet_another_address = _sign_in(email, PASSWORD, ip="203.0.113.99")

    assert from_yet_another_address.status_code == 429


def test_a_colleagues_failures_on_the_shared_school_address_do_not_keep_me_out(
        personas: Personas) -> None:
    colleague_a, colleague_b = personas.user("teacher").email, personas.user("mentor").email
    _fail(colleague_a, 8)

    b_signs_in = _sign_in(colleague_b, PASSWORD)

    assert b_signs_in.status_code == 302
    assert _sign_in(colleague_a, PASSWORD).status_code == 429


def test_the_wait_doubles_with_each_failure_after_it_and_then_ends(personas: Personas) -> None:
    email = personas.user("teacher").email
    waits = [int(_fail(email, 5)[-1]["Retry-After"])]
    for _ in range(3):
        _wait_passes(waits[-1] + 1)
        waits.append(int(_fail(email, 1)[-1]["Retry-After"]))

    _wait_passes(waits[-1] + 1)
    after_the_wait = _sign_in(email, PASSWORD)

    assert [round(wait / 60) for wait in waits] == [1, 2, 4, 8]
    assert after_the_wait.status_code == 302


def test_trying_again_during_the_wait_does_not_make_it_longer(personas: Personas) -> None:
    email = personas.user("teacher").email
    _fail(email, 5)
    during = _fail(email, 3)

    _wait_passes(61)

    assert [r.status_code for r in during] == [429, 429, 429]
    assert _sign_in(email, PASSWORD).status_code == 302


def test_the_wait_stops_growing_at_an_hour(personas: Personas) -> None:
    email = personas.user("teacher").email
    _fail(email, 5)
    AccessAttempt.objects.update(failures_since_start=40)

    response = _sign_in(email, PASSWORD)

    assert 3500 < int(response["Retry-After"]) <= 3600


def test_failures_are_forgotten_a_day_after_the_last_one(personas: Personas) -> None:
    email = personas.user("teacher").email
    _fail(email, 4)
    _wait_passes(24 * 3600 + 1)

    # A fresh start: four more failures do not make the account wait.
    assert [r.status_code for r in _fail(email, 4)] == [200] * 4


def test_many_accounts_guessed_from_one_address_make_that_address_wait(
        personas: Personas, settings: Any) -> None:
    settings.PW_SIGN_IN_IP_LIMIT = 10
    guesses = [_sign_in(f"gok{number}@de-maas.example", "Welkom01!", ip="192.0.2.66")
               for number in range(10)]

    teacher_there = _sign_in(personas.user("teacher").email, PASSWORD, ip="192.0.2.66")
    teacher_elsewhere = _sign_in(personas.user("teacher").email, PASSWORD, ip="192.0.2.67")

    assert [r.status_code for r in guesses] == [200] * 9 + [429]
    assert teacher_there.status_code == 429
    assert "netwerk" in teacher_there.content.decode()
    assert teacher_elsewhere.status_code == 302


def test_the_real_user_passes_the_wait_with_password_and_a_code_from_the_app(
        personas: Personas) -> None:
    leader = personas.user("schoolleider")
    device = totp_device(leader)
    _fail(leader.email, 6)
    browser = Client(REMOTE_ADDR=SCHOOL_NETWORK)

    response = _sign_in(leader.email, PASSWORD, client=browser, code=current_code(device))

    assert response.status_code == 302
    assert response["Location"] == MY_SCHOOL  # no second code asked: this one was used
    assert browser.get(MY_SCHOOL).status_code == 200
    assert not AccessAttempt.objects.filter(username=leader.email).exists()
    assert AuditEvent.objects.filter(action=Action.SIGN_IN, actor=leader).exists()
    assert AuditEvent.objects.filter(action=Action.TWO_FACTOR_VERIFIED, actor=leader).exists()


def test_a_wrong_password_with_a_code_or_a_wrong_code_gets_the_same_wait(
        personas: Personas) -> None:
    leader = personas.user("schoolleider")
    device = totp_device(leader)
    _fail(leader.email, 5)

    wrong_password = _sign_in(leader.email, "Welkom01!", code=current_code(device))
    wrong_code = _sign_in(leader.email, PASSWORD, code="000000")

    assert wrong_password.status_code == wrong_code.status_code == 429
    assert _main(wrong_password) == _main(wrong_code)
    assert "_auth_user_id" not in Client().session


def test_a_code_passes_no_wait_for_an_account_without_an_app(personas: Personas) -> None:
    teacher = personas.user("teacher")
    _fail(teacher.email, 5)

    assert _sign_in(teacher.email, PASSWORD, code="123456").status_code == 429


def test_the_lockout_page_offers_both_ways_in(personas: Personas) -> None:
    page = _fail(personas.user("teacher").email, 5)[-1].content.decode()

    assert 'name="code"' in page and 'name="password"' in page
    assert reverse("accounts:password_reset") in page


@pytest.mark.parametrize(("behind_proxy", "counted_as"), [
    (True, "198.51.100.77"),   # the entry the proxy added; the client's own one is ignored
    (False, "127.0.0.1"),      # no proxy: the header is anyone's to send, so ignored
])
def test_the_client_address_comes_from_the_proxy_only_behind_one(
        personas: Personas, settings: Any, behind_proxy: bool, counted_as: str) -> None:
    settings.PW_BEHIND_PROXY = behind_proxy
    client = Client(REMOTE_ADDR="127.0.0.1",
                    headers={"X-Forwarded-For": "10.9.8.7, 198.51.100.77"})

    client.post(LOGIN, {"username": personas.user("teacher").email, "password": "fout"})

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [counted_as]
    assert AuditEvent.objects.get(action=Action.SIGN_IN_FAILED).ip == counted_as


def test_failures_behind_a_proxy_with_made_up_addresses_still_count_for_one_client(
        personas: Personas, settings: Any) -> None:
    settings.PW_BEHIND_PROXY = True
    settings.PW_SIGN_IN_IP_LIMIT = 5
    for number in range(5):
        Client(REMOTE_ADDR="127.0.0.1",
               headers={"X-Forwarded-For": f"10.0.0.{number}, 198.51.100.77"}).post(
            LOGIN, {"username": f"gok{number}@de-maas.example", "password": "fout"})

    assert AccessAttempt.objects.filter(ip_address="198.51.100.77").count() == 5
    other_client = Client(REMOTE_ADDR="127.0.0.1",
                          headers={"X-Forwarded-For": "198.51.100.78"})
    assert other_client.post(LOGIN, {"username": personas.user("teacher").email,
                                     "password": PASSWORD}).status_code == 302


def test_a_new_password_by_mail_lifts_the_wait_at_once(personas: Personas) -> None:
    # The other way in, for everyone: see test_password_reset.py for the whole round trip.
    email = personas.user("teacher").email
    _fail(email, 7)
    assert timezone.now() < AccessAttempt.objects.get().attempt_time + timedelta(minutes=4)

    from django.core import mail

    Client().post(reverse("accounts:password_reset"), {"email": email})
    link = mail.outbox[0].body.split("http://127.0.0.1:8000")[1].split()[0]
    browser = Client()
    browser.get(link)
    browser.post(reverse("accounts:password_reset_choose"),
                 {"password1": "Fietsen-langs-de-Waal-3", "password2": "Fietsen-langs-de-Waal-3"})

    assert _sign_in(email, "Fietsen-langs-de-Waal-3").status_code == 302
