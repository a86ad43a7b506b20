"""Asking for a new password answers the same for every address, whatever the mail
server does; it is rate-limited; and the link's token leaves the address bar at once."""

from __future__ import annotations

import logging
import socket
import time

import pytest
from django.core import mail
from django.test import Client

from protocolwijzer.schools.tests.personas import Personas

from .test_password_reset import CHOOSE, FORGOTTEN, _link_in, _main

UNKNOWN = "niemand@nergens.example"


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def mail_server_down(settings: object) -> None:
    """Django's real SMTP backend, aimed at a local port where nothing listens."""
    settings.MAILERS = {"default": {  # type: ignore[attr-defined]
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": _closed_port(), "timeout": 5},
    }}


def test_a_known_address_gets_the_same_answer_as_an_unknown_one_when_mail_fails(
        personas: Personas, mail_server_down: None, caplog: pytest.LogCaptureFixture) -> None:
    teacher = personas.user("teacher")

    with caplog.at_level(logging.ERROR, logger="protocolwijzer.accounts"):
        known = Client().post(FORGOTTEN, {"email": teacher.email})
    unknown = Client().post(FORGOTTEN, {"email": UNKNOWN})

    assert known.status_code == unknown.status_code == 200
    assert _main(known) == _main(unknown)
    [record] = [r for r in caplog.records if r.name == "protocolwijzer.accounts"]
    assert "could not be sent" in record.getMessage()
    assert teacher.email not in record.getMessage()  # no personal data in the log


def test_the_forgotten_password_pages_are_never_stored(
        client: Client, personas: Personas) -> None:
    asked = client.post(FORGOTTEN, {"email": personas.user("teacher").email})
    opened = client.get(_link_in(mail.outbox[0]))
    page = client.get(CHOOSE)

    for response in (client.get(FORGOTTEN), asked, opened, page):
        assert "no-store" in response["Cache-Control"], response.request["PATH_INFO"]


def test_the_token_leaves_the_address_as_soon_as_the_link_is_opened(
        client: Client, personas: Personas) -> None:
    client.post(FORGOTTEN, {"email": personas.user("teacher").email})
    link = _link_in(mail.outbox[0])
    token = link.rstrip("/").split("/")[-1]

    opened = client.get(link)
    page = client.get(opened["Location"])

    assert opened.status_code == 302
    assert opened["Location"] == CHOOSE
    assert token not in opened["Location"]
    assert page.status_code == 200
    assert token not in page.content.decode()
    assert 'name="password1"' in page.content.decode()


def test_the_page_without_the_token_is_empty_for_another_browser(
        client: Client, personas: Personas) -> None:
    client.post(FORGOTTEN, {"email": personas.user("teacher").email})
    client.get(_link_in(mail.outbox[0]))

    assert Client().get(CHOOSE).status_code == 404


def test_one_address_may_ask_three_times_an_hour_known_or_not(
        personas: Personas) -> None:
    known, unknown = personas.user("teacher").email, UNKNOWN
    answers = {email: [Client(REMOTE_ADDR=f"192.0.2.{i}").post(FORGOTTEN, {"email": email})
                       for i in range(4)] for email in (known, unknown)}

    assert len(mail.outbox) == 3
    for email in (known, unknown):
        assert [r.status_code for r in answers[email]] == [200, 200, 200, 429]
        assert 0 < int(answers[email][3]["Retry-After"]) <= 3600
    assert _main(answers[known][3]) == _main(answers[unknown][3])


def test_one_network_address_may_ask_twenty_times_an_hour(personas: Personas) -> None:
    school_network = Client(REMOTE_ADDR="198.51.100.20")
    answers = [school_network.post(FORGOTTEN, {"email": f"leerling{i}@de-maas.example"})
               for i in range(21)]
    other_network = Client(REMOTE_ADDR="198.51.100.21").post(
        FORGOTTEN, {"email": personas.user("teacher").email})

    assert [r.status_code for r in answers] == [200] * 20 + [429]
    assert other_network.status_code == 200
    assert len(mail.outbox) == 1



def test_a_mail_server_that_never_answers_gives_the_same_answer_after_its_timeout(
        personas: Personas, settings: object) -> None:
    with socket.socket() as silent:  # accepts connections, never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        settings.MAILERS = {"default": {  # type: ignore[attr-defined]
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": silent.getsockname()[1], "timeout": 1},
        }}
        started = time.monotonic()
        known = Client().post(FORGOTTEN, {"email": personas.user("teacher").email})
        took = time.monotonic() - started

    unknown = Client().post(FORGOTTEN, {"email": UNKNOWN})
    assert known.status_code == unknown.status_code == 200
    assert _main(known) == _main(unknown)
    assert took < 3
