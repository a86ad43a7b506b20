"""API tokens expire (a year unless said otherwise) and may do only what their scopes
name: ``read`` for the GET operations, ``check`` for POST /checks."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from protocolwijzer.api.actions import do_create_token
from protocolwijzer.api.models import ApiToken, token_digest
from protocolwijzer.schools.tests.personas import Personas

from .conftest import ApiClient

CHECK = {"protocol": "willibrord-miland-2023", "actor": {"role": "staff"},
         "context": "off_duty", "school_related": False, "action": "publish",
         "channel": "facebook", "account": "personal", "target": None,
         "permission": None, "post": {"text": "Mooie dag gehad."}}


def _command(*args: str) -> tuple[ApiToken, str]:
    out = StringIO()
    call_command("create_api_token", "--user", "mark.docent@de-maas.example", "--name", "script",
                 *args, stdout=out, stderr=StringIO())
    return ApiToken.objects.get(), out.getvalue().strip()


def test_a_new_token_is_read_only_and_lasts_a_year(personas: Personas) -> None:
    token, raw = do_create_token(name="t", user=personas.teacher.user)
    api = ApiClient(raw)

    read = api.get("/protocols")
    check = api.post("/checks", CHECK)

    assert token.scopes == ["read"]
    assert abs(token.expires_at - (timezone.now() + timedelta(days=365))) < timedelta(minutes=1)
    assert read.status_code == 200
    assert check.status_code == 403
    assert check["Content-Type"].startswith("application/json")
    assert "'check'" in check.json()["detail"]


def test_a_token_with_the_check_scope_may_check(personas: Personas) -> None:
    _token, raw = do_create_token(name="t", user=personas.teacher.user,
                                  scopes=["read", "check"])

    response = ApiClient(raw).post("/checks", CHECK)

    assert response.status_code == 200
    assert response.json()["verdict"]


def test_a_check_only_token_may_not_read(personas: Personas) -> None:
    _token, raw = do_create_token(name="website", school=personas.school,
                                  role="communicatie", scopes=["check"])
    api = ApiClient(raw)

    assert api.post("/checks", CHECK).status_code == 200
    for path in ("/protocols", "/schools", "/groups", "/people"):
        refused = api.get(path)
        assert refused.status_code == 403, path
        assert "'read'" in refused.json()["detail"]


def test_an_expired_token_gets_401_that_says_it_expired(personas: Personas) -> None:
    token, raw = do_create_token(name="t", user=personas.teacher.user,
                                 scopes=["read", "check"])
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(days=1))
    api = ApiClient(raw)

    for response in (api.get("/protocols"), api.post("/checks", CHECK)):
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Bearer")
        assert "verlopen op" in response.json()["detail"]  # "expired on", in Dutch


def test_an_unknown_token_gets_the_general_401(personas: Personas) -> None:
    response = ApiClient("pw_" + "y" * 43).post("/checks", CHECK)

    assert response.status_code == 401
    assert "verlopen op" not in response.json()["detail"]


def test_the_command_sets_expiry_and_scopes(personas: Personas) -> None:
    token, raw = _command("--expires-days", "30", "--scope", "check", "--scope", "read")

    assert token.scopes == ["read", "check"]
    assert abs(token.expires_at - (timezone.now() + timedelta(days=30))) < timedelta(minutes=1)
    assert ApiClient(raw).post("/checks", CHECK).status_code == 200


def test_the_command_makes_a_read_only_token_for_a_year_by_default(personas: Personas) -> None:
    token, raw = _command()

    assert token.scopes == ["read"]
    assert token.expires_at > timezone.now() + timedelta(days=364)
    assert ApiClient(raw).post("/checks", CHECK).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_tokens_from_before_the_migration_keep_working_for_a_year(personas: Personas) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate([("api", "0001_initial")])
    try:
        old_apps = executor.loader.project_state([("api", "0001_initial")]).apps
        OldToken = old_apps.get_model("api", "ApiToken")
        raw = "pw_" + "z" * 43
        OldToken.objects.create(name="oud script", token_hash=token_digest(raw),
                                user_id=personas.teacher.user.pk, expires_at=None)
    finally:
        # Forward again even when the above failed: later tests need the whole schema.
        MigrationExecutor(connection).migrate([("api", "0003_token_expiry_required")])

    token = ApiToken.objects.get(name="oud script")
    assert token.scopes == ["read", "check"]
    assert abs(token.expires_at - (timezone.now() + timedelta(days=365))) < timedelta(minutes=5)
    api = ApiClient(raw)
    assert api.get("/protocols").status_code == 200
    assert api.post("/checks", CHECK).status_code == 200
