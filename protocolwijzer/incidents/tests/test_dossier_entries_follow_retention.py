"""Dossier entries follow the school's retention rule (issue 15): they go
``IncidentSettings.retention_years`` after the person left, not before, and the purge is
audited with counts only. It runs daily from ``manage purge_dossiers``."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.incidents.dossier import do_purge_dossiers, entries_for
from protocolwijzer.incidents.models import DossierEntry, IncidentSettings
from protocolwijzer.incidents.tests.dossier_world import follow_roermond, warned_case
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.tests.personas import make_personas

TODAY = datetime.date(2027, 9, 1)


def at_noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


@pytest.fixture
def p(db):
    personas = make_personas()
    follow_roermond(personas)
    warned_case(personas)
    return personas


def leaves(person: Person, on: datetime.date | None) -> None:
    Person.objects.filter(pk=person.pk).update(is_active=False, left_on=on)


def test_entries_of_a_pupil_who_left_longer_ago_than_the_retention_go(p):
    leaves(p.student, datetime.date(2025, 7, 1))  # more than 2 years before TODAY

    counts = do_purge_dossiers(at_noon(TODAY))

    assert not entries_for(p.student).exists()
    assert Person.objects.filter(pk=p.student.pk).exists()  # the person is not ours to delete
    [count] = [c for c in counts if c.school == p.school]
    assert (count.entries, count.people, count.retention_years) == (1, 1, 2)
    event = AuditEvent.objects.get(action="dossiers_purged")
    assert event.school_id == p.school.pk
    assert event.detail == {"entries": 1, "people": 1, "retention_years": 2,
                            "left_before": "2025-09-01"}


def test_entries_stay_within_the_retention_and_while_the_pupil_attends(p):
    do_purge_dossiers(at_noon(TODAY))
    assert entries_for(p.student).count() == 1  # still at school

    leaves(p.student, datetime.date(2025, 9, 2))  # one day short of two years
    do_purge_dossiers(at_noon(TODAY))
    assert entries_for(p.student).count() == 1
    assert not AuditEvent.objects.filter(action="dossiers_purged").exists()


def test_the_schools_own_retention_years_count(p):
    IncidentSettings.objects.create(school=p.school, retention_years=5)
    leaves(p.student, datetime.date(2024, 7, 1))
    do_purge_dossiers(at_noon(TODAY))
    assert entries_for(p.student).count() == 1
    do_purge_dossiers(at_noon(datetime.date(2029, 7, 2)))
    assert entries_for(p.student).count() == 0


def test_a_leaver_without_a_leaving_date_is_kept_and_reported(p):
    leaves(p.student, None)
    out = StringIO()
    call_command("purge_dossiers", "--today", TODAY.isoformat(), stdout=out)
    assert entries_for(p.student).count() == 1
    assert "geen vertrekdatum" in out.getvalue() or "no leaving date" in out.getvalue()


def test_the_dry_run_changes_nothing(p):
    leaves(p.student, datetime.date(2020, 1, 1))
    out = StringIO()
    call_command("purge_dossiers", "--dry-run", "--today", TODAY.isoformat(), stdout=out)
    assert entries_for(p.student).count() == 1
    assert "De Maas" in out.getvalue() and " 1 " in out.getvalue()
    call_command("purge_dossiers", "--today", TODAY.isoformat(), stdout=StringIO())
    assert DossierEntry.objects.count() == 0


def test_a_parents_entries_count_from_when_their_last_child_left(p):
    DossierEntry.objects.create(school=p.school, person=p.parent, file="leerlingendossier",
                                article="sancties.B.1", text="Een aantekening.")
    do_purge_dossiers(at_noon(TODAY))
    assert entries_for(p.parent).count() == 1  # Sem still attends

    leaves(p.student, datetime.date(2025, 7, 1))
    do_purge_dossiers(at_noon(TODAY))
    assert entries_for(p.parent).count() == 0
