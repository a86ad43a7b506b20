"""Decisions of students who left go when the school's retention period has passed, and
not a day earlier; the purge leaves a trace without names. With them go the student's
record, guardians without other children, their links and accounts, and every pending
import older than a day (issue 10, point 13)."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from protocolwijzer.accounts.models import User
from protocolwijzer.audit.actions import do_record
from protocolwijzer.audit.chain import first_broken_event
from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.consent.actions import do_record_decision, do_set_up_consent
from protocolwijzer.consent.guardian import do_make_guardian_link
from protocolwijzer.consent.models import ConsentSettings, Decision, GuardianLink, Purpose
from protocolwijzer.consent.retention import (
    audit_events_about,
    do_purge_left_students,
    months_before,
)
from protocolwijzer.schools.models import PendingImport, Person
from protocolwijzer.schools.tests.personas import make_personas, sign_in

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture
def p(db):
    personas = make_personas()
    do_set_up_consent(personas.school)
    ConsentSettings.objects.filter(school=personas.school).update(retention_months=12)
    website = Purpose.objects.get(school=personas.school, code="schoolwebsite")
    for student, parent in ((personas.student, personas.parent),
                            (personas.classmate, personas.classmate_parent),
                            (personas.student_1b, personas.parent_1b)):
        do_record_decision(student, website, "given", decided_by=parent, how="guardian_page")
        do_record_decision(student, website, "refused", decided_by=parent,
                           how="guardian_page")
    return personas


def leave(student: Person, on: datetime.date | None) -> None:
    Person.objects.filter(pk=student.pk).update(is_active=False, left_on=on)


def test_an_old_leavers_decisions_go_and_recent_leavers_and_students_stay(p):
    leave(p.student, datetime.date(2025, 6, 30))  # left 17 months ago
    leave(p.classmate, datetime.date(2025, 12, 1))  # left 12 months ago, not yet longer
    counts = do_purge_left_students(TODAY)
    assert not Decision.objects.filter(student=p.student).exists()
    assert Decision.objects.filter(student=p.classmate).count() == 2
    assert Decision.objects.filter(student=p.student_1b).count() == 2
    own = next(c for c in counts if c.school == p.school)
    assert (own.students, own.decisions) == (1, 2)


def test_the_purge_is_in_the_audit_log_with_counts_and_no_names(p):
    leave(p.student, datetime.date(2024, 7, 15))
    do_purge_left_students(TODAY)
    event = AuditEvent.objects.get(action="consent_purged")
    assert event.school_id == p.school.pk
    assert event.detail == {"students": 1, "decisions": 2, "guardians": 1, "accounts": 2,
                            "retention_months": 12, "left_before": "2025-11-23"}
    assert "Bakker" not in str(event.detail) and event.object_id == ""


def test_a_school_with_a_longer_retention_period_keeps_the_decisions(p):
    ConsentSettings.objects.filter(school=p.school).update(retention_months=36)
    leave(p.student, datetime.date(2024, 7, 15))
    do_purge_left_students(TODAY)
    assert Decision.objects.filter(student=p.student).count() == 2
    assert not AuditEvent.objects.filter(action="consent_purged").exists()


def test_a_leaver_without_a_leaving_date_is_kept_and_reported(p, capsys):
    leave(p.student, None)
    call_command("purge_consent", "--today", TODAY.isoformat())
    assert Decision.objects.filter(student=p.student).count() == 2
    assert "De Maas" in capsys.readouterr().err


def test_a_dry_run_only_says_what_would_go(p, capsys):
    leave(p.student, datetime.date(2024, 7, 15))
    call_command("purge_consent", "--dry-run", "--today", TODAY.isoformat())
    out = capsys.readouterr().out
    assert "De Maas" in out and " 2 " in out
    assert Decision.objects.filter(student=p.student).count() == 2
    assert not AuditEvent.objects.filter(action="consent_purged").exists()
    call_command("purge_consent", "--today", TODAY.isoformat())
    assert not Decision.objects.filter(student=p.student).exists()


def test_a_retention_period_counts_calendar_months():
    assert months_before(datetime.date(2026, 3, 31), 1) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 1, 15), 13) == datetime.date(2024, 12, 15)
    assert months_before(datetime.date(2028, 2, 29), 12) == datetime.date(2027, 2, 28)


# --- issue 10, point 13: nothing is left behind -------------------------------------------

def test_after_the_period_the_students_record_guardian_links_and_accounts_are_gone(p):
    # Sem's sister stays at school: their mother Petra stays with her; Noor's father
    # Kees has no other child and goes with Noor.
    sister = Person.objects.create(school=p.school, first_name="Lotte", last_name="Bakker",
                                   role=Person.Role.LEERLING, group=p.group_1a)
    p.parent.children.add(sister)
    do_make_guardian_link(p.parent, None)
    do_make_guardian_link(p.classmate_parent, None)
    student_account, parent_account = p.student.user_id, p.parent.user_id
    do_record("sign_in", actor=p.student.user, school=p.school)  # Sem once signed in
    leave(p.student, datetime.date(2024, 7, 15))
    leave(p.classmate, datetime.date(2024, 7, 15))

    counts = do_purge_left_students(TODAY)

    own = next(c for c in counts if c.school == p.school)
    assert (own.students, own.decisions, own.guardians) == (2, 4, 1)
    assert not Person.objects.filter(pk__in=[p.student.pk, p.classmate.pk,
                                             p.classmate_parent.pk]).exists()
    assert not User.objects.filter(pk=student_account).exists()
    assert not GuardianLink.objects.filter(guardian_id=p.classmate_parent.pk).exists()
    # Petra keeps her record, account and link for Lotte; Finn (1B) is untouched.
    assert list(Person.objects.get(pk=p.parent.pk).children.all()) == [sister]
    assert User.objects.filter(pk=parent_account).exists()
    assert GuardianLink.objects.filter(guardian=p.parent).exists()
    assert Decision.objects.filter(student=p.student_1b).count() == 2
    assert not Person.objects.filter(first_name__in=["Sem", "Noor", "Kees"]).exists()


def test_pending_imports_older_than_a_day_are_removed(p):
    def upload(hours_ago: int) -> PendingImport:
        pending = PendingImport.objects.create(school=p.school, created_by=p.schoolleider.user,
                                               source="csv", sha256="0" * 64)
        PendingImport.objects.filter(pk=pending.pk).update(
            created_at=timezone.now() - datetime.timedelta(hours=hours_ago))
        return pending

    stale, fresh = upload(25), upload(2)
    call_command("purge_consent", "--today", TODAY.isoformat())
    assert not PendingImport.objects.filter(pk=stale.pk).exists()
    assert PendingImport.objects.filter(pk=fresh.pk).exists()


def test_the_audit_events_about_a_purged_person_are_selected_for_reduction(p, client):
    sign_in(client, p.student.user)
    client.get("/toestemming/mijn-gegevens/")  # an event with Sem's account as actor
    do_record("person_viewed", actor=p.teacher.user, school=p.school, target=p.student)
    unrelated = do_record("person_viewed", actor=p.teacher.user, school=p.school,
                          target=p.student_1b)

    about = audit_events_about([p.student.pk, p.parent.pk])

    actions = sorted(about.values_list("action", flat=True))
    assert actions == sorted(["consent_decided"] * 2 + ["sign_in", "consent_data_exported",
                                                        "person_viewed"])
    assert unrelated not in about
    assert not audit_events_about([]).exists()


def test_the_purge_reduces_the_audit_events_about_a_purged_student_and_the_chain_verifies(p):
    viewed = do_record("person_viewed", actor=p.teacher.user, school=p.school, target=p.student)
    unrelated = do_record("person_viewed", actor=p.teacher.user, school=p.school,
                          target=p.student_1b)
    leave(p.student, datetime.date(2025, 6, 30))

    do_purge_left_students(TODAY)

    viewed = AuditEvent.objects.get(pk=viewed.pk)
    assert viewed.reduced and viewed.object_id == "" and viewed.detail == {}
    assert viewed.action == "person_viewed"  # what happened stays, not about whom
    assert not AuditEvent.objects.get(pk=unrelated.pk).reduced
    assert first_broken_event() is None
