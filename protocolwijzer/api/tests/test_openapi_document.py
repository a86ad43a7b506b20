"""The OpenAPI document is valid, describes the contract, and the docs page is self-hosted."""

from __future__ import annotations

import re
from typing import Any

import pytest
import schemathesis
from django.test import Client

from protocolwijzer.api.api import api
from protocolwijzer.api.schemas import TARGET_ACTIONS
from protocolwijzer.engine.errors import SituationError
from protocolwijzer.engine.situation import parse_situation


@pytest.fixture
def document(db: None) -> Any:
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_the_openapi_document_is_valid_openapi(document: dict[str, Any]) -> None:
    schemathesis.openapi.from_dict(document).validate()  # raises on an invalid document
    assert document["info"] == {"title": "Protocolwijzer API", "version": "1",
                                "description": document["info"]["description"]}


def test_every_operation_needs_a_bearer_token(document: dict[str, Any]) -> None:
    assert document["components"]["securitySchemes"] == {
        "TokenAuth": {"type": "http", "scheme": "bearer"}}
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            assert operation["security"] == [{"TokenAuth": []}], f"{method} {path}"
            assert "401" in operation["responses"], f"{method} {path}"


def test_the_check_operation_documents_the_situation_and_the_verdict(
        document: dict[str, Any]) -> None:
    check = document["paths"]["/api/v1/checks"]["post"]
    schemas = document["components"]["schemas"]

    body = check["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/Situation"}
    situation = schemas["Situation"]
    assert set(situation["required"]) == {"protocol", "actor", "context", "school_related",
                                          "action"}
    assert situation["additionalProperties"] is False
    assert schemas["Actor"]["properties"]["role"]["enum"] == ["staff", "student", "parent",
                                                              "other"]
    verdict = check["responses"]["200"]["content"]["application/json"]["schema"]
    assert verdict == {"$ref": "#/components/schemas/Verdict"}
    assert {"Finding", "Consequence", "Verdict"} <= set(schemas)
    assert "422" in check["responses"]


def test_the_docs_page_loads_nothing_from_another_origin(db: None) -> None:
    response = Client().get("/api/v1/docs")
    page = response.content.decode()

    assert response.status_code == 200
    assert "swagger-ui-bundle.js" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)
    # No inline script to allow: the settings are data, in a non-executed JSON block.
    assert not re.search(r"<script(?![^>]*\b(src=|type=\"application/json\"))", page)
    policy = response["Content-Security-Policy"]
    assert "script-src" not in policy or "'unsafe-inline'" not in policy
    assert "default-src 'self'" in policy


@pytest.mark.parametrize("action", ["use_social_media", "publish", "discuss", "befriend",
                                    "contact", "like"])
def test_the_documented_need_for_a_target_is_the_engines(action: str) -> None:
    situation = {"protocol": "willibrord-miland-2023", "actor": {"role": "staff"},
                 "context": "work", "school_related": True, "action": action}
    try:
        parse_situation(situation)
        refused = False
    except SituationError as exc:
        refused = [p.field for p in exc.problems] == ["target"]

    assert refused == (action in TARGET_ACTIONS)


def test_the_document_is_built_once_and_no_caller_can_change_it(db: None) -> None:
    first = api.get_openapi_schema()
    first["paths"].clear()

    assert api.get_openapi_schema()["paths"]
    assert Client().get("/api/v1/openapi.json").json()["paths"]
