from __future__ import annotations

import re
from datetime import timedelta
from unittest import mock

from axes.models import AccessAttempt
from django.core import mail
from django.test import Client
from django.urls import reverse

from protocolwijzer.accounts.tokens import reset_link_tokens
from protocolwijzer.audit.models import Action, AuditEvent
from protocolwijzer.schools.tests.personas import PASSWORD, Personas, sign_in

FORGOTTEN = reverse("accounts:password_reset")
LOGIN = reverse("accounts:login")
CHOOSE = reverse("accounts:password_reset_choose")
NEW_PASSWORD = "Fietsen-langs-de-Waal-3"
LINK = re.compile(r"https?://[^/\s]+(/inloggen/wachtwoord-vergeten/[\w-]+/[\w-]+/)")


def _ask(client: Client, email: str) -> object:
    return client.post(FORGOTTEN, {"email": email})


def _link_in(message: mail.EmailMessage) -> str:
    return LINK.search(message.body).group(1)  # type: ignore[union-attr]


def _choose(client: Client, link: str, password: str = NEW_PASSWORD) -> object:
    """Opens the mailed link (the browser is sent on without the token), then chooses the
    password on the page it lands on."""
    client.get(link)
    return client.post(CHOOSE, {"password1": password, "password2": password})


def _main(response: object) -> str:
    page = response.content.decode()  # type: ignore[attr-defined]
    return page[page.index("<main"):page.index("</main>")]


def _sign_in(client: Client, email: str, password: str) -> object:
    return client.post(LOGIN, {"username": email, "password": password})


def test_the_sign_in_page_links_to_forgotten_password(client: Client, db: None) -> None:
    assert FORGOTTEN in client.get(LOGIN).content.decode()


def test_a_known_address_gets_one_mail_with_a_link_to_the_configured_site(
        client: Client, personas: Personas, settings: object) -> None:
    settings.SITE_URL = "https://protocolwijzer.example.nl"  # type: ignore[attr-defined]
    teacher = personas.user("teacher")

    response = _ask(client, teacher.email.upper())

    [message] = mail.outbox
    assert message.to == [teacher.email]
    # The configured address, never the request's Host (testserver).
    assert "https://protocolwijzer.example.nl/inloggen/wachtwoord-vergeten/" in message.body
    assert "testserver" not in message.body
    assert response.status_code == 200
    assert Client().get(_link_in(message), follow=True).status_code == 200


def test_an_unknown_address_gets_the_same_answer_and_no_mail(
        client: Client, personas: Personas) -> None:
    known = _ask(client, personas.user("teacher").email)
    mail.outbox.clear()

    unknown = _ask(client, "niemand@nergens.example")

    assert not mail.outbox
    assert unknown.status_code == known.status_code == 200
    assert _main(unknown) == _main(known)
    assert not AuditEvent.objects.filter(action=Action.PASSWORD_RESET_REQUESTED,
                                         actor_email="niemand@nergens.example").exists()


def test_a_switched_off_account_gets_no_mail(client: Client, personas: Personas) -> None:
    teacher = personas.user("teacher")
    teacher.is_active = False
    teacher.save(update_fields=["is_active"])

    _ask(client, teacher.email)

    assert not mail.outbox


def test_a_new_password_replaces_the_old_one_and_does_not_sign_in(
        client: Client, personas: Personas) -> None:
    teacher = personas.user("teacher")
    _ask(client, teacher.email)
    visitor = Client()

    done = _choose(visitor, _link_in(mail.outbox[0]))

    assert done["Location"] == LOGIN
    assert "_auth_user_id" not in visitor.session
    assert _sign_in(Client(), teacher.email, PASSWORD).status_code == 200  # refused
    assert _sign_in(Client(), teacher.email, NEW_PASSWORD).status_code == 302


def test_a_link_works_only_once(client: Client, personas: Personas) -> None:
    _ask(client, personas.user("teacher").email)
    link = _link_in(mail.outbox[0])
    _choose(Client(), link)

    again = client.get(link)
    second = _choose(client, link, "Ander-wachtwoord-99")

    assert again.status_code == second.status_code == 404
    assert _sign_in(Client(), personas.user("teacher").email, NEW_PASSWORD).status_code == 302


def test_a_link_expires_after_two_hours(client: Client, personas: Personas) -> None:
    _ask(client, personas.user("teacher").email)
    link = _link_in(mail.outbox[0])
    later = reset_link_tokens._now() + timedelta(hours=2, minutes=1)

    with mock.patch.object(reset_link_tokens, "_now", return_value=later):
        expired = client.get(link)

    assert expired.status_code == 404


def test_a_made_up_link_does_not_work(client: Client, personas: Personas) -> None:
    link = reverse("accounts:password_reset_confirm", args=["MQ", "abc-123"])

    assert client.get(link).status_code == 404


def test_a_too_short_password_is_refused_with_the_validators_message(
        client: Client, personas: Personas) -> None:
    teacher = personas.user("teacher")
    _ask(client, teacher.email)
    link = _link_in(mail.outbox[0])

    response = _choose(client, link, "kort-1")

    assert response.status_code == 200
    [error] = response.context["form"].errors["password1"]
    assert "10" in error
    teacher.refresh_from_db()
    assert teacher.check_password(PASSWORD)
    assert client.get(link, follow=True).status_code == 200  # still usable


def test_a_new_password_ends_other_sessions(client: Client, personas: Personas) -> None:
    teacher = personas.user("teacher")
    sign_in(client, teacher)
    _ask(Client(), teacher.email)

    _choose(Client(), _link_in(mail.outbox[0]))

    assert client.get(reverse("schools:my_school"))["Location"].startswith(LOGIN)


def test_two_factor_sign_in_still_applies_after_a_new_password(
        client: Client, personas: Personas) -> None:
    leader = personas.user("schoolleider")
    _ask(client, leader.email)
    _choose(Client(), _link_in(mail.outbox[0]))

    response = _sign_in(Client(), leader.email, NEW_PASSWORD)

    assert "/inloggen/2fa/" in response["Location"]


def test_a_new_password_lifts_a_lockout(client: Client, personas: Personas) -> None:
    email = personas.user("teacher").email
    for attempt in range(5):
        _sign_in(client, email, f"fout-{attempt}")
    assert _sign_in(client, email, PASSWORD).status_code == 429

    _ask(Client(), email)
    _choose(Client(), _link_in(mail.outbox[0]))

    assert not AccessAttempt.objects.filter(username=email).exists()
    assert _sign_in(client, email, NEW_PASSWORD).status_code == 302


def test_asking_and_choosing_are_in_the_audit_log(client: Client, personas: Personas) -> None:
    teacher = personas.user("teacher")
    _ask(client, teacher.email)
    token = _link_in(mail.outbox[0]).rstrip("/").split("/")[-1]
    _choose(Client(), _link_in(mail.outbox[0]))

    asked = AuditEvent.objects.get(action=Action.PASSWORD_RESET_REQUESTED)
    chosen = AuditEvent.objects.get(action=Action.PASSWORD_RESET)
    assert asked.actor is None  # whoever asked has not proven to be the teacher
    assert (asked.actor_email, asked.school, asked.ip) == (
        teacher.email, personas.school, "127.0.0.1")
    assert (chosen.actor, chosen.school) == (teacher, personas.school)
    assert token not in str(list(AuditEvent.objects.values()))
