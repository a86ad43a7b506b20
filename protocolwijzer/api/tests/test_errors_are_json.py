from __future__ import annotations

from collections.abc import Callable

import pytest
from pytest_django import Settings

from protocolwijzer.api import api as api_module
from protocolwijzer.schools.tests.personas import Personas

from .conftest import ApiClient
from .test_checks_decide_like_the_command import SPEC_EXAMPLE


def test_an_unknown_address_under_the_api_is_a_json_404(personas: Personas) -> None:
    for client in (ApiClient(None), ApiClient("pw_wrong")):
        response = client.get("/bestaat/niet")
        assert response.status_code == 404
        assert response.json()["detail"]


def test_a_failure_inside_is_a_json_500_without_internals(
        personas: Personas, api_as: Callable[..., ApiClient], monkeypatch: pytest.MonkeyPatch,
        settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    settings.DEBUG = True  # not even a developer's setting shows internals to a client

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(api_module, "do_check", broken)

    response = api_as(personas.teacher).post("/checks", SPEC_EXAMPLE)

    assert response.status_code == 500
    assert set(response.json()) == {"detail"}
    assert "secret" not in response.content.decode()
    assert "Traceback" not in response.content.decode()
    # The operator still learns what happened.
    assert "secret internal detail" in caplog.text


def test_a_body_over_the_size_limit_is_a_json_413(
        personas: Personas, api_as: Callable[..., ApiClient], settings: Settings) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = api_as(personas.teacher).post(
        "/checks", {**SPEC_EXAMPLE, "post": {"text": "x" * 2000}})

    assert response.status_code == 413
    assert response.json()["detail"]


def test_post_is_not_blocked_by_csrf_protection(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    # The API authenticates with a header, never a cookie, so cross-site requests cannot
    # ride on a session; Django's CSRF check must not get in its way.
    api = api_as(personas.teacher)
    api.client.handler.enforce_csrf_checks = True

    assert api.post("/checks", SPEC_EXAMPLE).status_code == 200


@pytest.mark.parametrize("body", [b"[" * 100_000, b"\xff\xfe{not utf-8", b""])
def test_a_body_that_cannot_be_read_as_json_is_a_json_400(
        personas: Personas, api_as: Callable[..., ApiClient], body: bytes) -> None:
    response = api_as(personas.teacher).post("/checks", body)

    assert response.status_code == 400
    assert response.json()["detail"][0]["field"] == ""
