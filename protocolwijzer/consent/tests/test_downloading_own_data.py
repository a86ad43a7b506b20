"""A parent or student downloads what the register holds about them (AVG art. 15 and
20): their own data, all of it, and nobody else's. Staff get 403: the register holds no
data about them, and their view of students is the class list."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.consent.actions import do_record_decision, do_set_up_consent
from protocolwijzer.consent.models import Purpose
from protocolwijzer.schools.tests.personas import make_personas, sign_in

URL = "/toestemming/mijn-gegevens/"


@pytest.fixture
def p(db):
    personas = make_personas()
    do_set_up_consent(personas.school)
    social = Purpose.objects.get(school=personas.school, code="sociale-media")
    do_record_decision(personas.student, social, "given", decided_by=personas.parent,
                       how="guardian_page")
    do_record_decision(personas.student, social, "refused", decided_by=personas.parent,
                       how="paper_form")
    do_record_decision(personas.classmate, social, "given",
                       decided_by=personas.classmate_parent, how="guardian_page")
    return personas


def export(client: Client, user):
    sign_in(client, user)
    return client.get(URL)


def test_a_parent_downloads_the_full_history_of_their_own_child_only(client, p):
    response = export(client, p.parent.user)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"].startswith('attachment; filename="')
    data = json.loads(response.content)
    assert [s["name"] for s in data["students"]] == [p.student.full_name]
    child = data["students"][0]
    assert [(d["purpose"], d["choice"], d["decided_by"], d["how"])
            for d in child["decisions"]] == [
        ("sociale-media", "given", p.parent.full_name, "guardian_page"),
        ("sociale-media", "refused", p.parent.full_name, "paper_form")]
    assert all(d["consent_text_version"] == 1 and d["decided_at"] for d in child["decisions"])
    current = {purpose["code"]: purpose["current"] for purpose in child["purposes"]}
    assert current["sociale-media"]["your_choice"] == "refused"
    assert current["sociale-media"]["may_appear"] is False
    assert current["schoolwebsite"]["your_choice"] is None
    assert len(current) == Purpose.objects.filter(school=p.school).count()
    assert p.classmate.full_name not in response.content.decode()
    assert p.classmate_parent.full_name not in response.content.decode()


def test_a_student_downloads_their_own_data(client, p):
    data = json.loads(export(client, p.student.user).content)
    assert [s["name"] for s in data["students"]] == [p.student.full_name]
    assert len(data["students"][0]["decisions"]) == 2


def test_a_teacher_has_no_personal_register_data_to_download(client, p):
    assert export(client, p.teacher.user).status_code == 403
    assert export(client, p.schoolleider.user).status_code == 403
    assert not AuditEvent.objects.filter(action="consent_data_exported").exists()


def test_signed_out_visitors_are_sent_to_sign_in(client, p):
    response = client.get(URL)
    assert response.status_code == 302


def test_the_download_is_in_the_audit_log_without_the_data(client, p):
    export(client, p.parent.user)
    event = AuditEvent.objects.get(action="consent_data_exported")
    assert event.actor == p.parent.user and event.school_id == p.school.pk
    assert event.detail == {"students": 1}
