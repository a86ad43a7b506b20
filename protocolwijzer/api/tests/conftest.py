"""The shared personas (schools/tests/personas.py), each school with its protocol, and a
client that sends a persona's API token.

De Maas follows willibrord-miland-2023 and De Wilgenhoek (another stichting)
praktijkonderwijs-roermond-2015; De Beek, De Maas's sister school, has chosen none yet.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from protocolwijzer.accounts.models import User
from protocolwijzer.api.actions import do_create_token
from protocolwijzer.api.models import Scope
from protocolwijzer.protocols.actions import do_load_builtin_protocols
from protocolwijzer.schools.models import Person, School
from protocolwijzer.schools.tests.personas import Personas, make_personas

WILLIBRORD = "willibrord-miland-2023"
ROERMOND = "praktijkonderwijs-roermond-2015"


@pytest.fixture
def personas(db: None) -> Personas:
    personas = make_personas()
    versions = {version.protocol_id: version for version in do_load_builtin_protocols()}
    School.objects.filter(pk=personas.school.pk).update(protocol=versions[WILLIBRORD])
    School.objects.filter(pk=personas.other_school.pk).update(protocol=versions[ROERMOND])
    return personas


class ApiClient:
    """A test client that sends one token with every request."""

    def __init__(self, raw_token: str | None) -> None:
        headers = {"Authorization": f"Bearer {raw_token}"} if raw_token else {}
        self.client = Client(headers=headers)

    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(f"/api/v1{path}", params)

    def post(self, path: str, data: Any) -> Any:
        body = data if isinstance(data, str | bytes) else json.dumps(data)
        return self.client.post(f"/api/v1{path}", body, content_type="application/json")


@pytest.fixture
def api_as(personas: Personas) -> Callable[..., ApiClient]:
    """``api_as(personas.teacher)`` for an account's token, ``api_as(school=...,
    role=...)`` for an integration's; with every scope, so that what a test sees is what
    the role allows (tests of scopes make their tokens themselves)."""

    def _api_as(person: Person | User | None = None, **integration: Any) -> ApiClient:
        if person is None:
            _token, raw = do_create_token(name="integratie", scopes=Scope.values,
                                          **integration)
        else:
            user = person.user if isinstance(person, Person) else person
            _token, raw = do_create_token(name="test", user=user, scopes=Scope.values)
        return ApiClient(raw)

    return _api_as
