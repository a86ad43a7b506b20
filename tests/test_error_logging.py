"""Issue 10, point 8: with DEBUG off an error is logged to stderr with its traceback, and
without the personal data or secrets of the request that caused it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from protocolwijzer.logs import redact_path, redact_text
from tests.production import REPO, production_env

TOKEN = "Gq7xVb2LmN9pRt4sWz8yKc3dHf6jE1uA"

# Runs in a fresh interpreter with the production settings: a POST with personal data to a
# page that fails, through Django's whole request handling, as gunicorn would call it.
FAILING_REQUEST = f"""
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.conf import settings
from django.test import Client, override_settings
# Static files as in development: this test is about the log, not collectstatic.
static = {{"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
with override_settings(ROOT_URLCONF="tests.crashing_urls",
                       STORAGES={{**settings.STORAGES, "staticfiles": static}}):
    client = Client(raise_request_exception=False, HTTP_HOST="testserver")
    client.cookies["sessionid"] = "sessie-geheim-123"
    response = client.post("/toestemming/ouder/{TOKEN}/stuk/?leerling=Sem+Bakker",
                           {{"email": "petra.bakker@example.nl", "naam": "Petra Bakker"}},
                           secure=True)
print(response.status_code)
"""


def test_an_error_is_logged_once_with_its_traceback_and_without_personal_data(
        tmp_path: Path) -> None:
    env = production_env(tmp_path, PW_ALLOWED_HOSTS="testserver",
                         PW_DATABASE_URL="sqlite:///:memory:",
                         DJANGO_SETTINGS_MODULE="protocolwijzer.settings")

    result = subprocess.run([sys.executable, "-c", FAILING_REQUEST], env=env, cwd=REPO,
                            capture_output=True, text=True, timeout=120, check=False)

    assert result.stdout.strip() == "500", result.stderr
    log = result.stderr
    assert log.count("ERROR django.request") == 1, log
    assert "Internal Server Error: /toestemming/ouder/<hidden>" in log
    assert "Traceback (most recent call last)" in log
    assert "RuntimeError: no guardian with address <e-mail>" in log
    for personal in (TOKEN, "petra.bakker", "Petra Bakker", "Sem", "leerling",
                     "sessie-geheim-123"):
        assert personal not in log


@pytest.mark.parametrize(("name", "args"), [
    ("consent:guardian_link", [TOKEN]),
    ("accounts:invitation", [TOKEN]),
    ("accounts:password_reset_confirm", ["MTIzNDU", TOKEN]),
])
def test_every_route_with_a_secret_in_its_path_is_hidden_in_logs(
        name: str, args: list[str]) -> None:
    path = reverse(name, args=args)

    assert TOKEN not in redact_path(path)
    assert TOKEN not in redact_text(f"Forbidden (CSRF token missing.): {path}")


def test_ordinary_paths_stay_readable_in_logs_without_their_query_string() -> None:
    assert redact_path("/school/groepen/12/?naam=Bakker") == "/school/groepen/12/"
    assert redact_path("/inloggen/wachtwoord-vergeten/") == "/inloggen/wachtwoord-vergeten/"


def test_postgresql_error_details_with_values_are_hidden() -> None:
    text = ('duplicate key value violates unique constraint "accounts_user_email_key"\n'
            'DETAIL:  Key (email)=(petra@example.nl) already exists.')

    assert "petra" not in redact_text(text)
    assert "duplicate key value" in redact_text(text)
