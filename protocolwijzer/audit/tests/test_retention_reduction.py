"""After the retention period, events about a purged person keep no personal data, and the
chain still verifies (issue 10, point 13, the audit part)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse

from protocolwijzer.audit import chain, triggers
from protocolwijzer.audit.actions import do_record, do_reduce_events_for_retention
from protocolwijzer.audit.models import Action, AuditEvent
from protocolwijzer.audit.tests.test_tamper_evident_log import verify_audit
from protocolwijzer.schools.tests.personas import Personas, sign_in

TABLE = AuditEvent._meta.db_table


@pytest.fixture
def about_student(personas: Personas) -> list[AuditEvent]:
    """Two events about Sem (the student), one about someone else around them."""
    parent, leader = personas.user("parent"), personas.user("schoolleider")
    return [
        do_record(Action.CONSENT_DECIDED, actor=parent, school=personas.school,
                  target=personas.student, ip="192.0.2.7",
                  detail={"purpose": "sociale-media", "choice": "no"}),
        do_record(Action.PERSON_VIEWED, actor=leader, school=personas.school,
                  target=personas.classmate, ip="192.0.2.8"),
        do_record(Action.PERSON_VIEWED, actor=leader, school=personas.school,
                  target=personas.student, ip="192.0.2.8"),
    ]


def _events_about_student(personas: Personas) -> object:
    return AuditEvent.objects.filter(object_type="schools.person",
                                     object_id=str(personas.student.pk))


def test_reduced_events_keep_no_personal_data_and_the_chain_verifies(
        about_student: list[AuditEvent], personas: Personas) -> None:
    reduced = do_reduce_events_for_retention(_events_about_student(personas))

    assert reduced == 2
    for event in AuditEvent.objects.filter(pk__in=[about_student[0].pk, about_student[2].pk]):
        assert event.reduced
        assert (event.detail, event.actor_email, event.ip, event.object_id, event.salt) == (
            {}, "", None, "", "")
        # who acted and what kind of thing happened stay
        assert event.action in (Action.CONSENT_DECIDED, Action.PERSON_VIEWED)
        assert event.actor_pseudonym and event.actor_role
    untouched = AuditEvent.objects.get(pk=about_student[1].pk)
    assert not untouched.reduced and untouched.ip == "192.0.2.8"
    assert verify_audit().code == 0


def test_reducing_twice_reduces_nothing_more(about_student: list[AuditEvent],
                                             personas: Personas) -> None:
    do_reduce_events_for_retention(_events_about_student(personas))
    ids = [e.pk for e in about_student]

    assert do_reduce_events_for_retention(AuditEvent.objects.filter(pk__in=ids)) == 1
    assert chain.first_broken_event() is None


def test_new_events_still_chain_after_a_reduction(about_student: list[AuditEvent],
                                                  personas: Personas) -> None:
    do_reduce_events_for_retention(_events_about_student(personas))
    do_record(Action.SIGN_IN, actor=personas.user("teacher"), school=personas.school)

    assert verify_audit().code == 0


def test_a_reduced_event_cannot_be_changed_further(about_student: list[AuditEvent],
                                                   personas: Personas) -> None:
    do_reduce_events_for_retention(_events_about_student(personas))

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET action = %s WHERE id = %s",
                       ["sign_in", about_student[0].pk])
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET reduced = %s WHERE id = %s",
                       [False, about_student[0].pk])


def test_a_reduced_events_action_changed_past_the_triggers_is_found(
        about_student: list[AuditEvent], personas: Personas) -> None:
    do_reduce_events_for_retention(_events_about_student(personas))
    triggers.remove(connection)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET action = %s WHERE id = %s",
                       ["sign_in", about_student[0].pk])

    outcome = verify_audit()

    assert outcome.code == 1 and f"event {about_student[0].pk}" in outcome.err


def test_marking_an_event_reduced_without_blanking_it_is_found(
        about_student: list[AuditEvent]) -> None:
    """Otherwise flipping the flag would hide a changed detail from verification."""
    triggers.remove(connection)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {TABLE} SET reduced = %s, detail = %s WHERE id = %s",
                       [True, '{"purpose": "sociale-media", "choice": "yes"}',
                        about_student[0].pk])

    broken = chain.first_broken_event()

    assert broken is not None
    assert (broken.id, broken.problem) == (about_student[0].pk, "not_blank_when_reduced")


def test_the_log_page_shows_a_reduced_event_as_removed_by_retention(
        client: Client, about_student: list[AuditEvent], personas: Personas) -> None:
    do_reduce_events_for_retention(_events_about_student(personas))
    sign_in(client, personas.user("schoolleider"))

    page = client.get(reverse("audit:log")).content.decode()

    assert page.count("(de details zijn verwijderd na de bewaartermijn)") == 2
    assert "192.0.2.7" not in page


@pytest.mark.django_db(transaction=True)
def test_events_written_before_the_chain_existed_verify_after_the_upgrade(
        personas: Personas) -> None:
    user = personas.user("schoolleider")
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("audit")
    executor.migrate([("audit", "0001_initial")])
    state = executor.loader.project_state([("audit", "0001_initial")])
    old_event = state.apps.get_model("audit", "AuditEvent")
    for i in range(3):
        old_event.objects.create(action="person_viewed", actor_id=user.pk,
                                 actor_email=user.email, school_id=personas.school.pk,
                                 object_type="schools.person", object_id=str(i),
                                 detail={"count": i, "ratio": 2.0}, ip="2001:db8::1")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(latest)

    assert chain.first_broken_event() is None
    events = AuditEvent.objects.order_by("pk")
    assert len({event.actor_pseudonym for event in events}) == 1
    assert triggers.installed(connection)
    do_record(Action.SIGN_IN, actor=user, school=personas.school)
    assert chain.first_broken_event() is None
