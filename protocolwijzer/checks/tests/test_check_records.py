"""A check leaves a record of what was decided, and no trace of the text itself."""

import json

from django.test import Client

from protocolwijzer.audit.models import Action, AuditEvent
from protocolwijzer.checks.models import CheckRecord
from protocolwijzer.checks.tests.helpers import post_check
from protocolwijzer.engine.situation import parse_situation
from protocolwijzer.schools.tests.personas import Personas, sign_in

SECRET_TEXT = "Sanne de Vries uit groep 8 heeft ADHD, ze woont op Kerkstraat 12."


def test_a_check_is_recorded_without_the_post_text(client: Client, members: Personas) -> None:
    sign_in(client, members.parent.user)

    post_check(client, action="publish", context="off_duty", school_related="yes",
               channel="facebook", text=SECRET_TEXT, **{"foto-0-students_given": "2"})

    record = CheckRecord.objects.get()
    assert record.person == members.parent
    assert record.user == members.parent.user
    assert record.school == members.school
    assert record.protocol_version == members.school.protocol
    assert record.verdict == "forbidden"
    assert "A.2" in record.articles
    stored = json.dumps(record.situation) + json.dumps(record.articles)
    for fragment in ("Sanne", "Vries", "ADHD", "Kerkstraat"):
        assert fragment not in stored
    assert "text" not in record.situation["post"]


def test_a_check_is_in_the_school_audit_log_without_the_text(
        client: Client, members: Personas) -> None:
    sign_in(client, members.parent.user)

    post_check(client, action="publish", context="off_duty", school_related="yes",
               channel="facebook", text=SECRET_TEXT)

    event = AuditEvent.objects.get(action=Action.CHECK_RUN)
    assert (event.actor, event.school) == (members.parent.user, members.school)
    assert event.detail["verdict"] == "forbidden"
    assert "Sanne" not in json.dumps(event.detail)


def test_the_stored_situation_still_follows_the_contract(
        client: Client, members: Personas) -> None:
    sign_in(client, members.teacher.user)

    post_check(client, action="befriend", context="off_duty", school_related="yes",
               channel="facebook", target_role="student", account="professional")

    record = CheckRecord.objects.get()
    situation = parse_situation(record.situation)
    assert (situation.action, situation.target_role, situation.account) == (
        "befriend", "student", "professional")
