"""Every download of a class list stays out of caches, and reading the register through a
check is audited like opening a class list (how many, never who or what they chose)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from protocolwijzer.audit.models import Action, AuditEvent
from protocolwijzer.consent.actions import do_set_up_consent
from protocolwijzer.consent.tests.test_checker_uses_the_register import tagged_post
from protocolwijzer.schools.tests.personas import sign_in


@pytest.mark.parametrize("name", ["group_list_csv", "group_list_pdf", "group_list_xlsx"])
def test_a_class_list_download_is_never_stored_by_a_cache(client, personas, name):
    do_set_up_consent(personas.school)
    sign_in(client, personas.mentor.user)

    response = client.get(reverse(f"consent:{name}", args=[personas.group_1a.pk]))

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"


def test_a_check_that_reads_the_register_for_tagged_students_is_audited(personas, api_as):
    do_set_up_consent(personas.school)

    response = api_as(personas.communicatie).post(
        "/checks", tagged_post("instagram", personas.student.pk, personas.classmate.pk))

    assert response.status_code == 200
    event = AuditEvent.objects.get(action=Action.CONSENT_LIST_VIEWED)
    assert event.actor == personas.communicatie.user
    assert event.school_id == personas.school.pk
    assert event.detail["students"] == 2 and event.detail["via"] == "check"
    assert personas.student.last_name not in str(event.detail)


def test_a_check_without_tagged_students_reads_nothing_and_records_no_read(personas, api_as):
    situation = tagged_post("instagram")
    situation["post"]["media"] = []

    api_as(personas.communicatie).post("/checks", situation)

    assert not AuditEvent.objects.filter(action=Action.CONSENT_LIST_VIEWED).exists()
