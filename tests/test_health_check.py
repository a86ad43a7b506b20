"""Issue 10, point 8: ``GET /health/`` tells a load balancer whether this instance can
serve, without a session, a sign-in or any data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from protocolwijzer.schools.tests.personas import make_personas, sign_in
from tests.production import REPO, free_port, production_env

pytestmark = pytest.mark.django_db


def test_the_health_check_answers_ok_to_an_anonymous_probe_without_a_session(
        client: Client) -> None:
    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


@pytest.mark.parametrize("second_factor", [True, False])
def test_the_health_check_needs_no_sign_in_and_no_second_factor(
        client: Client, second_factor: bool) -> None:
    sign_in(client, make_personas().user("schoolleider"), second_factor=second_factor)

    assert client.get("/health/").json() == {"status": "ok"}


def test_the_health_check_answers_a_probe_by_address_that_is_not_an_allowed_host(
        client: Client) -> None:
    response = client.get("/health/", HTTP_HOST="10.0.0.7:8000")

    assert response.status_code == 200
    assert client.get("/protocollen/", HTTP_HOST="10.0.0.7:8000").status_code == 400


def test_the_health_check_answers_only_reading_methods(client: Client) -> None:
    assert client.head("/health/").status_code == 200
    assert client.post("/health/").status_code == 405


def test_the_health_check_is_exempt_from_the_https_redirect(
        client: Client, settings: object) -> None:
    settings.SECURE_SSL_REDIRECT = True  # type: ignore[attr-defined]

    assert client.get("/health/").status_code == 200
    assert client.get("/protocollen/").status_code == 301


# A fresh interpreter with the production settings and a PostgreSQL server that is not
# there: a port on this machine that nothing listens on.
PROBE = """
import django
django.setup()
from django.test import Client
response = Client(HTTP_HOST="protocolwijzer.example.nl").get("/health/", secure=True)
print(response.status_code, response.content.decode())
"""


def test_the_health_check_answers_503_when_the_database_does_not_answer(
        tmp_path: Path) -> None:
    closed_port = free_port()
    env = production_env(
        tmp_path, DJANGO_SETTINGS_MODULE="protocolwijzer.settings",
        PW_DATABASE_URL=f"postgres://pw:geheim-wachtwoord@127.0.0.1:{closed_port}/pw")

    result = subprocess.run([sys.executable, "-c", PROBE], env=env, cwd=REPO,
                            capture_output=True, text=True, timeout=120, check=False)

    assert result.stdout.strip() == '503 {"status": "unavailable"}', result.stderr
    assert "Health check: the database does not answer (OperationalError)" in result.stderr
    assert "geheim-wachtwoord" not in result.stderr + result.stdout
