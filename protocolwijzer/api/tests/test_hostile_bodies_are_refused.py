"""POST /checks bounds its body before it is parsed: nesting, number of values and size
give a 400 with a JSON message naming the limit, never a 500."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from protocolwijzer.schools.tests.personas import Personas

from .conftest import ApiClient


@pytest.fixture(autouse=True)
def _english(settings) -> None:
    settings.LANGUAGE_CODE = "en"


@pytest.mark.parametrize(("body", "limit"), [
    (b"[" * 100_000 + b"]" * 100_000, "nested more than 40 levels"),
    (b'{"post": ' * 41 + b"{}" + b"}" * 41, "nested more than 40 levels"),
    (b"[" + b"0," * 60_000 + b"0]", "more than 50000 values"),
    (b'{"post": {"text": "' + b"x" * (1024 * 1024) + b'"}}', "larger than 1 MB"),
], ids=["deep lists", "41 objects deep", "60,000 values", "over 1 MB"])
def test_a_body_beyond_a_limit_is_a_400_naming_the_limit(
        personas: Personas, api_as: Callable[..., ApiClient], body: bytes, limit: str) -> None:
    response = api_as(personas.teacher).post("/checks", body)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    [problem] = response.json()["detail"]
    assert problem["field"] == ""
    assert limit in problem["message"]


@pytest.mark.parametrize("body", [
    b'{"protocol": ' + b"9" * 5_000 + b"}",
    b'{"protocol": "x\\ud800"}',
    b"\xef\xbb\xbf{}",
    b'{"a": NaN}',
])
def test_odd_numbers_strings_and_bytes_never_fail_the_server(
        personas: Personas, api_as: Callable[..., ApiClient], body: bytes) -> None:
    response = api_as(personas.teacher).post("/checks", body)

    assert response.status_code in (400, 422)
    assert response.json()["detail"]

