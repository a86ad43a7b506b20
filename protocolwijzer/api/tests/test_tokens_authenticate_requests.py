from __future__ import annotations

import hashlib
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from protocolwijzer.api.actions import do_create_token, do_revoke_token
from protocolwijzer.api.models import ApiToken
from protocolwijzer.schools.tests.personas import Personas

from .conftest import ApiClient


def assert_unauthenticated(response: Any, because: str = "Bearer") -> None:
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert because in response.json()["detail"]


def test_a_request_without_a_token_is_refused_with_json(personas: Personas) -> None:
    assert_unauthenticated(ApiClient(None).get("/schools"))


def test_an_unknown_token_is_refused(personas: Personas) -> None:
    assert_unauthenticated(ApiClient("pw_" + "x" * 43).get("/schools"))
    assert_unauthenticated(ApiClient("not-even-our-format").get("/schools"))


def test_another_authentication_scheme_is_refused(personas: Personas) -> None:
    _token, raw = do_create_token(name="t", user=personas.teacher.user)
    response = ApiClient(None).client.get("/api/v1/schools",
                                          headers={"Authorization": f"Basic {raw}"})
    assert_unauthenticated(response)


def test_a_revoked_token_stops_working_at_once(personas: Personas) -> None:
    token, raw = do_create_token(name="t", user=personas.teacher.user)
    api = ApiClient(raw)
    assert api.get("/schools").status_code == 200

    do_revoke_token(token)

    assert_unauthenticated(api.get("/schools"), because="ingetrokken")


def test_an_expired_token_is_refused(personas: Personas) -> None:
    token, raw = do_create_token(name="t", user=personas.teacher.user,
                                 expires_at=timezone.now() + timedelta(days=1))
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    assert_unauthenticated(ApiClient(raw).get("/schools"), because="verlopen")


def test_a_deactivated_accounts_tokens_stop_working(personas: Personas) -> None:
    _token, raw = do_create_token(name="t", user=personas.teacher.user)
    personas.teacher.user.is_active = False
    personas.teacher.user.save(update_fields=["is_active"])

    assert_unauthenticated(ApiClient(raw).get("/schools"))


def test_only_the_sha256_of_a_token_is_stored(personas: Personas) -> None:
    token, raw = do_create_token(name="website", school=personas.school, role="communicatie")

    token.refresh_from_db()
    assert raw.startswith("pw_") and len(raw) > 40
    assert token.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    stored = [str(value) for value in ApiToken.objects.filter(pk=token.pk).values().get().values()]
    assert not any(raw in value or raw[3:] in value for value in stored)


def test_using_a_token_notes_when_it_was_last_used(personas: Personas) -> None:
    token, raw = do_create_token(name="t", user=personas.teacher.user)
    assert token.last_used_at is None

    ApiClient(raw).get("/schools")

    token.refresh_from_db()
    assert token.last_used_at is not None


def test_revoking_twice_keeps_the_first_moment(personas: Personas) -> None:
    token, _raw = do_create_token(name="t", user=personas.teacher.user)
    do_revoke_token(token)
    first = token.revoked_at

    do_revoke_token(token)

    token.refresh_from_db()
    assert token.revoked_at == first


@pytest.mark.parametrize("kwargs", [
    {"name": ""},
    {"name": "both", "with_user": True, "with_school": True, "role": "communicatie"},
    {"name": "neither"},
    {"name": "user with role", "with_user": True, "role": "communicatie"},
    {"name": "school without role", "with_school": True},
    # A mentor's rights depend on their own group, which an integration does not have.
    {"name": "integration mentor", "with_school": True, "role": "mentor"},
    {"name": "integration parent", "with_school": True, "role": "ouder"},
])
def test_a_token_is_either_an_accounts_or_a_schools_with_a_sensible_role(
        personas: Personas, kwargs: dict[str, object]) -> None:
    user = personas.teacher.user if kwargs.pop("with_user", False) else None
    school = personas.school if kwargs.pop("with_school", False) else None

    with pytest.raises(ValidationError):
        do_create_token(user=user, school=school, **kwargs)  # type: ignore[arg-type]
    assert not ApiToken.objects.exists()


def test_the_command_prints_a_working_token_for_an_account_once(personas: Personas) -> None:
    out, err = StringIO(), StringIO()
    call_command("create_api_token", "--user", "MARK.DOCENT@de-maas.example", "--name", "script",
                 stdout=out, stderr=err)

    raw = out.getvalue().strip()
    assert raw.startswith("pw_")
    assert raw not in err.getvalue()
    assert ApiClient(raw).get("/schools").json()["items"][0]["slug"] == "de-maas"


def test_the_command_makes_an_integration_token_for_one_school(personas: Personas) -> None:
    out = StringIO()
    call_command("create_api_token", "--school", "de-wilgenhoek", "--role", "communicatie",
                 "--name", "website", "--expires-in-days", "30", stdout=out, stderr=StringIO())

    token = ApiToken.objects.get()
    assert (token.school, token.role, token.user) == (personas.other_school, "communicatie", None)
    assert token.expires_at is not None
    assert ApiClient(out.getvalue().strip()).get("/schools").json()["count"] == 1


def test_the_command_refuses_an_unknown_school_or_a_missing_role(personas: Personas) -> None:
    with pytest.raises(CommandError, match="nowhere"):
        call_command("create_api_token", "--school", "nowhere", "--role", "communicatie",
                     "--name", "x", stdout=StringIO(), stderr=StringIO())
    with pytest.raises(CommandError):
        call_command("create_api_token", "--school", "de-wilgenhoek", "--name", "x",
                     stdout=StringIO(), stderr=StringIO())
    assert not ApiToken.objects.exists()
