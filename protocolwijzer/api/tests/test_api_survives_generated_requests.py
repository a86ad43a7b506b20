"""Property-based: requests generated from our own OpenAPI document never make the server
fail (no 5xx), whatever they contain, and every answer is one the document promises.

schemathesis reads /api/v1/openapi.json from a live server; for every operation it
generates requests that fit the document (positive) and requests that break it
(negative), and sends them with a valid token. The run is bounded (examples per operation
and mode, no example database, derandomised), so it is the same on every machine and fits
in the normal suite.

schemathesis' own pytest integration (``schemathesis.pytest.from_fixture``) does not work
with pytest 9 (it sets ``request.node._nodeid``), so the operations are driven with
Hypothesis directly, which schemathesis documents for ``APIOperation.as_strategy``.

A second test sends hostile situations (nested 900 deep, 60,000 values, over 1 MB, numbers
of 4,000 digits) to POST /checks through schemathesis' cases, with the same checks.
"""

from __future__ import annotations

from typing import Any

import hypothesis
import pytest
import schemathesis
from hypothesis import strategies as st
from pytest_django.live_server_helper import LiveServer
from schemathesis import GenerationMode
from schemathesis.checks import (
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from protocolwijzer.api.actions import do_create_token
from protocolwijzer.api.models import Scope
from protocolwijzer.engine.protocol import builtin_protocol, builtin_protocol_paths
from protocolwijzer.media.tests.factories import make_item
from protocolwijzer.schools.models import Group, Person
from protocolwijzer.schools.tests.personas import Personas

EXAMPLES = 25  # per operation and mode
CHECKS = [not_a_server_error, status_code_conformance, response_schema_conformance]


def send_generated_requests(operation: Any, mode: GenerationMode, base_url: str,
                            headers: dict[str, str], known: dict[str, list[Any]]) -> None:
    # The token is fixed: a generated Authorization header only ever tests the 401.
    strategy = operation.as_strategy(generation_mode=mode, headers=headers)

    @hypothesis.settings(max_examples=EXAMPLES, deadline=None, database=None,
                         derandomize=True, suppress_health_check=list(hypothesis.HealthCheck),
                         verbosity=hypothesis.Verbosity.quiet)
    @hypothesis.given(case=strategy, data=st.data())
    def send(case: schemathesis.Case, data: st.DataObject) -> None:
        # Random ids and protocol names almost never exist, so only the 404 and 422 paths
        # would be exercised; half the time (a valid situation: always), use one that does.
        for name in list(case.path_parameters or {}):
            if name in known and data.draw(st.booleans()):
                case.path_parameters[name] = data.draw(st.sampled_from(known[name]))
        if isinstance(case.body, dict) and "protocol" in case.body and (
                mode is GenerationMode.POSITIVE or data.draw(st.booleans())):
            case.body["protocol"] = data.draw(st.sampled_from(known["protocol_id"]))
        case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS)

    try:
        send()
    except hypothesis.errors.Unsatisfiable:
        # Only text in the path and a fixed token: nothing there can be made invalid.
        if mode is GenerationMode.POSITIVE:
            raise


def existing_values(personas: Personas) -> dict[str, list[Any]]:
    protocol_ids = sorted(builtin_protocol_paths())
    return {
        "protocol_id": protocol_ids,
        "article_id": sorted({article for protocol_id in protocol_ids
                              for article in builtin_protocol(protocol_id).articles}),
        "school_id": [personas.school.pk, personas.other_school.pk],
        "group_id": list(Group.objects.values_list("pk", flat=True)),
        "person_id": list(Person.objects.values_list("pk", flat=True)),
        # The token's person uploaded these: one with faces to tag, one already blurred.
        "item_id": [make_item(personas.school, personas.communicatie).pk,
                    make_item(personas.school, personas.communicatie, result=True).pk],
    }


@pytest.mark.slow
def test_generated_requests_never_fail_the_server_and_get_documented_answers(
        live_server: LiveServer, personas: Personas, subtests: pytest.Subtests) -> None:
    # The communications lead sees every object of their school, so generated requests
    # reach the deepest code paths rather than stopping at a 403.
    _token, raw = do_create_token(name="schemathesis", user=personas.communicatie.user,
                                  scopes=Scope.values)
    headers = {"Authorization": f"Bearer {raw}"}
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")

    known = existing_values(personas)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 15
    for operation in operations:
        for mode in GenerationMode:
            with subtests.test(operation=operation.label, mode=mode.value):
                send_generated_requests(operation, mode, live_server.url, headers, known)


def _nest(depth: int, kind: str) -> Any:
    value: Any = "x"
    for _ in range(depth):
        value = [value] if kind == "list" else {"post": value}
    return value


HOSTILE_SITUATIONS = st.one_of(
    st.builds(_nest, st.integers(1, 900), st.sampled_from(["list", "object"])),
    st.builds(lambda width: {"post": {"media": [0] * width}}, st.integers(1, 60_000)),
    st.builds(lambda size: {"post": {"text": "x" * size}}, st.integers(1, 1_100_000)),
    st.builds(lambda digits: {"protocol": int("9" * min(digits, 4_000))},
              st.integers(1, 4_000)),
)


@pytest.mark.slow
def test_hostile_bodies_to_checks_get_documented_answers_not_server_errors(
        live_server: LiveServer, personas: Personas) -> None:
    # Deep, wide, long and odd situations, each sent as JSON to POST /checks: every answer
    # must be one the OpenAPI document promises (400 naming the limit, or 422), never 5xx.
    _token, raw = do_create_token(name="schemathesis", user=personas.communicatie.user,
                                  scopes=Scope.values)
    headers = {"Authorization": f"Bearer {raw}"}
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/v1/openapi.json")
    operation = schema["/api/v1/checks"]["POST"]

    @hypothesis.settings(max_examples=40, deadline=None, database=None, derandomize=True,
                         suppress_health_check=list(hypothesis.HealthCheck))
    @hypothesis.given(body=HOSTILE_SITUATIONS)
    def send(body: Any) -> None:
        case = operation.Case(body=body, media_type="application/json")
        response = case.call_and_validate(base_url=live_server.url, headers=headers,
                                          checks=CHECKS)
        assert response.status_code in (400, 422)

    send()
