"""A refused access leaves one content-free audit event (who, what kind of object, which
id, the outcome), at most REFUSALS_PER_MINUTE per actor a minute."""

from __future__ import annotations

import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from protocolwijzer.api.actions import do_create_token
from protocolwijzer.audit.models import Action, AuditEvent
from protocolwijzer.schools.refusals import REFUSALS_PER_MINUTE
from protocolwijzer.schools.tests.personas import sign_in


@pytest.fixture(autouse=True)
def _fresh_counts():
    cache.clear()
    yield
    cache.clear()


def _refusals():
    return AuditEvent.objects.filter(action=Action.ACCESS_REFUSED)


def test_a_mentor_opening_a_group_they_are_not_linked_to_is_recorded(client, personas):
    sign_in(client, personas.mentor.user)

    client.get(reverse("schools:group", args=[personas.group_1b.pk]))

    event = _refusals().get()
    assert event.actor == personas.mentor.user
    assert event.school_id == personas.school.pk
    assert event.detail == {"outcome": 403, "kind": "group", "id": str(personas.group_1b.pk),
                            "route": "schools:group", "method": "GET"}


def test_another_schools_person_is_recorded_as_404_without_naming_them(client, personas):
    sign_in(client, personas.teacher.user)

    response = client.get(reverse("schools:person", args=[personas.other_student.pk]))

    assert response.status_code == 404
    event = _refusals().get()
    assert event.detail["outcome"] == 404
    assert event.detail["kind"] == "person"
    assert personas.other_student.last_name not in str(event.detail)
    assert event.object_id == ""  # the object itself is never loaded for the log


def test_a_missing_right_without_an_object_is_recorded(client, personas):
    sign_in(client, personas.teacher.user)

    assert client.get(reverse("audit:log")).status_code == 403

    assert _refusals().get().detail["route"] == "audit:log"


def test_an_address_that_names_no_object_is_not_a_refusal(client, personas):
    sign_in(client, personas.teacher.user)

    assert client.get("/bestaat-niet/").status_code == 404
    assert client.get("/api/v1/bestaat-niet").status_code == 404
    assert not _refusals().filter(detail__outcome=404).exists()


def test_a_refused_api_token_is_recorded_without_the_token(personas):
    wrong = Client(headers={"Authorization": "Bearer pw_not-a-real-token"})

    assert wrong.get("/api/v1/groups").status_code == 401

    event = _refusals().get()
    assert event.detail["outcome"] == 401
    assert "pw_not" not in str(event.detail)


def test_a_token_refused_a_group_is_recorded_with_the_token(personas):
    token, raw = do_create_token(name="script", user=personas.mentor.user)
    api = Client(headers={"Authorization": f"Bearer {raw}"})

    assert api.get(f"/api/v1/groups/{personas.group_1b.pk}").status_code == 403
    assert api.get(f"/api/v1/groups/{personas.other_group.pk}").status_code == 404

    outcomes = sorted((e.detail["outcome"], e.detail["api_token"]) for e in _refusals())
    assert outcomes == [(403, token.pk), (404, token.pk)]


def test_a_scan_cannot_flood_the_log(client, personas):
    sign_in(client, personas.teacher.user)
    # The limit counts per clock minute: a scan that straddles a minute's end is two
    # scans, each with its own 20. Start it where the minute has time left.
    left = 60 - time.time() % 60
    if left < 15:
        time.sleep(left + 0.1)

    for offset in range(REFUSALS_PER_MINUTE + 15):
        client.get(reverse("schools:person", args=[personas.other_student.pk + offset]))

    events = list(_refusals().order_by("pk"))
    assert len(events) == REFUSALS_PER_MINUTE
    assert events[-1].detail["limit_reached"] is True
    # Another actor still gets through.
    other = Client()
    sign_in(other, personas.mentor.user)
    other.get(reverse("schools:group", args=[personas.group_1b.pk]))
    assert _refusals().count() == REFUSALS_PER_MINUTE + 1

