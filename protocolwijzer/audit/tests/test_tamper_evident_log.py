"""The audit log is a hash chain guarded by database triggers (issue 10, point 3): a raw
SQL change is refused, and one made past the triggers is found by ``verify_audit``."""

from __future__ import annotations

import io
import itertools
import threading
from dataclasses import dataclass

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, IntegrityError, connection, connections, transaction
from django.utils import translation

from protocolwijzer.audit import chain, triggers
from protocolwijzer.audit.actions import do_record
from protocolwijzer.audit.models import Action, AuditActor, AuditEvent
from protocolwijzer.schools.tests.personas import Personas

TABLE = AuditEvent._meta.db_table


@pytest.fixture
def events(personas: Personas) -> list[AuditEvent]:
    leader = personas.user("schoolleider")
    return [
        do_record(Action.SIGN_IN, actor=leader, school=personas.school, ip="192.0.2.1"),
        do_record(Action.PERSON_VIEWED, actor=leader, school=personas.school,
                  target=personas.classmate, ip="2001:db8::1",
                  detail={"count": 3, "ratio": 1.0, "big": 1e20, "naam": "Noor van Dijk"}),
        do_record(Action.CONSENT_DECIDED, actor=personas.user("parent"),
                  school=personas.school, target=personas.student,
                  detail={"purpose": "sociale-media", "choice": "no"}),
        do_record(Action.SIGN_OUT, actor=leader, school=personas.school),
    ]


@dataclass
class Outcome:
    code: int
    out: str
    err: str


def verify_audit(*args: str) -> Outcome:
    """``protocolwijzer manage verify_audit`` in-process (``call_command``: the command line
    would close the test's database connection when it ends)."""
    out = io.StringIO()
    try:
        with translation.override("en"):
            call_command("verify_audit", *args, stdout=out)
    except CommandError as exc:
        return Outcome(1, out.getvalue(), str(exc))
    return Outcome(0, out.getvalue(), "")


def _raw(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_the_log_verifies_after_ordinary_use(events: list[AuditEvent]) -> None:
    result = verify_audit()

    assert chain.first_broken_event() is None
    assert result.code == 0
    assert f"{events[-1].pk}:{events[-1].chain_hash}" in result.out


def test_each_event_links_to_the_one_before(events: list[AuditEvent]) -> None:
    first = AuditEvent.objects.order_by("pk").first()
    assert first is not None and first.previous_hash == chain.GENESIS
    for before, after in itertools.pairwise(events):
        assert after.previous_hash == before.chain_hash


def test_a_raw_sql_update_is_refused_by_the_database(events: list[AuditEvent]) -> None:
    with pytest.raises(DatabaseError, match="cannot be changed"), transaction.atomic():
        _raw(f"UPDATE {TABLE} SET action = %s WHERE id = %s", ["sign_in", events[2].pk])

    events[2].refresh_from_db()
    assert events[2].action == Action.CONSENT_DECIDED


def test_a_raw_sql_delete_is_refused_by_the_database(events: list[AuditEvent]) -> None:
    with pytest.raises(DatabaseError, match="cannot be deleted"), transaction.atomic():
        _raw(f"DELETE FROM {TABLE} WHERE id = %s", [events[1].pk])

    assert AuditEvent.objects.filter(pk=events[1].pk).exists()


def test_blanking_content_without_marking_the_event_reduced_is_refused(
        events: list[AuditEvent]) -> None:
    with pytest.raises(DatabaseError), transaction.atomic():
        _raw(f"UPDATE {TABLE} SET detail = %s WHERE id = %s", ["{}", events[2].pk])


def test_marking_reduced_while_changing_the_action_is_refused(
        events: list[AuditEvent]) -> None:
    with pytest.raises(DatabaseError), transaction.atomic():
        _raw(f"UPDATE {TABLE} SET reduced = %s, salt = '', actor_email = '', ip = NULL, "
             f"object_id = '', detail = %s, action = %s WHERE id = %s",
             [True, "{}", "sign_in", events[2].pk])


@pytest.fixture
def without_triggers(events: list[AuditEvent]) -> None:
    """What an operator with full database rights can do; the test's transaction puts the
    triggers back afterwards."""
    triggers.remove(connection)


@pytest.mark.usefixtures("without_triggers")
def test_verify_audit_names_an_event_whose_detail_was_changed_past_the_triggers(
        events: list[AuditEvent]) -> None:
    target = events[2]
    _raw(f"UPDATE {TABLE} SET detail = %s WHERE id = %s",
         ['{"purpose": "sociale-media", "choice": "yes"}', target.pk])

    result = verify_audit()

    assert result.code != 0
    assert f"event {target.pk}" in result.err and "content was changed" in result.err
    broken = chain.first_broken_event()
    assert broken is not None and (broken.id, broken.problem) == (target.pk, "content_changed")


@pytest.mark.usefixtures("without_triggers")
def test_verify_audit_names_an_event_whose_time_was_changed(
        events: list[AuditEvent]) -> None:
    _raw(f"UPDATE {TABLE} SET created_at = %s WHERE id = %s",
         ["2020-01-01 08:00:00", events[1].pk])

    result = verify_audit()

    assert result.code != 0 and f"event {events[1].pk}" in result.err


@pytest.mark.usefixtures("without_triggers")
def test_verify_audit_notices_a_removed_event(events: list[AuditEvent]) -> None:
    _raw(f"DELETE FROM {TABLE} WHERE id = %s", [events[1].pk])

    result = verify_audit()

    broken = chain.first_broken_event()
    assert broken is not None and (broken.id, broken.problem) == (events[2].pk,
                                                                  "event_removed")
    assert result.code != 0 and f"event {events[2].pk}" in result.err


@pytest.mark.usefixtures("without_triggers")
def test_verify_audit_notices_a_changed_order(events: list[AuditEvent]) -> None:
    # Swap two events' content and hashes: each event is intact, the order is not.
    columns = [f.column for f in AuditEvent._meta.concrete_fields if f.column != "id"]
    first, second = events[1].pk, events[2].pk
    rows = {}
    with connection.cursor() as cursor:
        for pk in (first, second):
            cursor.execute(f"SELECT {', '.join(columns)} FROM {TABLE} WHERE id = %s", [pk])
            rows[pk] = cursor.fetchone()
        cursor.execute(f"DELETE FROM {TABLE} WHERE id IN (%s, %s)", [first, second])
        for pk, source in ((first, second), (second, first)):
            cursor.execute(f"INSERT INTO {TABLE} (id, {', '.join(columns)}) VALUES "
                           f"(%s, {', '.join(['%s'] * len(columns))})", [pk, *rows[source]])

    broken = chain.first_broken_event()

    assert broken is not None and (broken.id, broken.problem) == (first, "order_changed")


@pytest.mark.usefixtures("without_triggers")
def test_a_recomputed_chain_is_caught_by_a_head_noted_earlier(
        events: list[AuditEvent]) -> None:
    noted = f"{events[-1].pk}:{events[-1].chain_hash}"
    _raw(f"UPDATE {TABLE} SET chain_hash = %s WHERE id = %s", ["f" * 64, events[-1].pk])

    result = verify_audit("--expect", noted)

    assert result.code != 0


def test_verify_audit_reports_missing_triggers(events: list[AuditEvent]) -> None:
    triggers.remove(connection)

    result = verify_audit()

    assert result.code != 0 and "triggers" in result.err


def test_a_deleted_account_stays_identifiable_by_pseudonym_and_role(
        events: list[AuditEvent], personas: Personas) -> None:
    leader = personas.user("schoolleider")
    pseudonym = AuditActor.objects.get(user=leader).pseudonym

    leader.delete()

    for event in AuditEvent.objects.filter(pk__in=[events[0].pk, events[3].pk]):
        assert event.actor is None
        assert (event.actor_pseudonym, event.actor_role) == (str(pseudonym), "schoolleiding")
        assert leader.email not in event.actor_pseudonym
    assert verify_audit().code == 0


def test_a_parent_is_recorded_in_their_role(events: list[AuditEvent]) -> None:
    assert events[2].actor_role == "ouder"
    assert events[0].actor_pseudonym != events[2].actor_pseudonym


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain(personas: Personas) -> None:
    """Several threads, each with its own database connection, append at once."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time by design; PostgreSQL runs the race.")
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for i in range(10):
                do_record(Action.PERSON_VIEWED, actor_email=f"t{n}-{i}@de-maas.example",
                          school=personas.school.pk)
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert chain.first_broken_event() is None
    assert AuditEvent.objects.filter(actor_email__startswith="t").count() == 40


@pytest.mark.usefixtures("without_triggers")
def test_two_events_can_never_follow_the_same_event(events: list[AuditEvent]) -> None:
    """Relinking event 2 to event 0 (hashes recomputed) would leave event 1 out of the
    chain: the unique link refuses it even with the triggers gone."""
    relinked = events[2]
    row = {name: getattr(relinked, name) for name in chain.FIELDS if name != "id"}
    forged = chain.chain_hash(row, events[0].chain_hash, relinked.personal_hash)

    with pytest.raises(IntegrityError), transaction.atomic():
        _raw(f"UPDATE {TABLE} SET previous_hash = %s, chain_hash = %s WHERE id = %s",
             [events[0].chain_hash, forged, relinked.pk])
