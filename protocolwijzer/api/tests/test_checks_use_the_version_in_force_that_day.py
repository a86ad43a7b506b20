"""POST /checks takes an optional `date` beside the situation: the school's version in force
on that day decides (issue 16), and the stored check names that version."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core.management import call_command

from protocolwijzer.checks.models import CheckRecord
from protocolwijzer.protocols import lifecycle
from protocolwijzer.protocols.lifecycle import (
    do_adopt,
    do_copy_protocol,
    do_put_in_force,
    do_record_instemming,
    do_submit,
    do_update_concept,
)
from protocolwijzer.protocols.models import Adoption
from protocolwijzer.schools.tests.personas import Personas

from .conftest import WILLIBRORD, ApiClient

TODAY = datetime.date(2026, 9, 1)
IN_FORCE = datetime.date(2026, 10, 1)
PARENT_PHOTO = {
    "protocol": WILLIBRORD, "actor": {"role": "parent"}, "context": "off_duty",
    "school_related": True, "action": "publish", "channel": "facebook", "account": "personal",
    "post": {"media": [{"kind": "photo", "people": [{"role": "student",
                                                       "consent": "unknown"}]}]}}


@pytest.fixture
def parents_bound_from_october(personas: Personas, monkeypatch: pytest.MonkeyPatch
                               ) -> Adoption:
    """De Maas binds parents by A.5 from 1 October (its version of Willibrord)."""
    monkeypatch.setattr(lifecycle, "today", lambda: TODAY)
    by = personas.schoolleider.user
    personas.school.refresh_from_db()
    adoption = do_copy_protocol(personas.school, personas.school.protocol, by=by)
    start = adoption.source_yaml.index("  - id: A.5-recordings")
    text = (adoption.source_yaml[:start] + adoption.source_yaml[start:].replace(
        "roles: [staff, student]", "roles: [staff, student, parent]", 1))
    do_update_concept(adoption, text, by=by)
    do_submit(adoption, ["MR"], on=TODAY, by=by)
    do_record_instemming(adoption, "MR", "given", decided_on=TODAY, minutes_reference="MR 1",
                         by=by)
    do_adopt(adoption, adopted_by="het bestuur", adopted_on=TODAY, by=by)
    return do_put_in_force(adoption, IN_FORCE, by=by)


def test_a_parents_photo_is_forbidden_from_the_in_force_date_and_allowed_before(
        personas: Personas, api_as: Callable[..., ApiClient],
        parents_bound_from_october: Adoption) -> None:
    api = api_as(personas.parent)
    before = api.post("/checks", {**PARENT_PHOTO, "date": "2026-09-30"}).json()
    after = api.post("/checks", {**PARENT_PHOTO, "date": "2026-10-01"}).json()

    assert before["verdict"] == "allowed"
    assert after["verdict"] == "forbidden"
    assert "A.5" in {f["article"] for f in after["findings"] if f["effect"] == "forbidden"}
    versions = list(CheckRecord.objects.order_by("pk").values_list("protocol_version",
                                                                   flat=True))
    assert versions == [personas.school.protocol_id, parents_bound_from_october.version_id]


def test_a_date_that_is_not_one_is_refused_naming_the_field(
        personas: Personas, api_as: Callable[..., ApiClient]) -> None:
    response = api_as(personas.parent).post("/checks", {**PARENT_PHOTO, "date": "1-10-2026"})

    assert response.status_code == 422
    assert [p["field"] for p in response.json()["detail"]] == ["date"]
    assert not CheckRecord.objects.exists()


def test_the_daily_command_switches_the_school_on_the_date(
        personas: Personas, parents_bound_from_october: Adoption) -> None:
    call_command("activate_protocols", "--today", "2026-09-30")
    personas.school.refresh_from_db()
    assert personas.school.protocol != parents_bound_from_october.version

    call_command("activate_protocols", "--today", "2026-10-01")
    personas.school.refresh_from_db()
    assert personas.school.protocol == parents_bound_from_october.version
