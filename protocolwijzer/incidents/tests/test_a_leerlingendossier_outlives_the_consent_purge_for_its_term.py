"""A leerlingendossier is kept for its own term (``IncidentSettings.retention_years``,
2 years), though the consent purge deletes pupils who left after 12 months and an entry
goes with its person: ``purge_consent`` keeps a leaver whose entries, or whose parent's,
are within the dossier term, and removes them once ``purge_dossiers`` has removed those
entries (docs/interpretations.md)."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from protocolwijzer.incidents.models import DossierEntry
from protocolwijzer.incidents.tests.dossier_world import follow_roermond, warned_case
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.tests.personas import make_personas

LEFT = datetime.date(2026, 7, 1)
CONSENT_TERM_OVER = datetime.date(2027, 9, 1)  # 14 months after leaving: within 2 years
DOSSIER_TERM_OVER = datetime.date(2028, 7, 2)  # 2 years and a day after leaving


@pytest.fixture
def p(db):
    personas = make_personas()
    follow_roermond(personas)
    return personas


def leaves(*people: Person) -> None:
    Person.objects.filter(pk__in=[p.pk for p in people]).update(is_active=False, left_on=LEFT)


def purge(command: str, day: datetime.date) -> str:
    out = StringIO()
    call_command(command, "--today", day.isoformat(), stdout=out)
    return out.getvalue()


def exists(person: Person) -> bool:
    return Person.objects.filter(pk=person.pk).exists()


def test_a_leaver_with_a_warning_stays_until_the_dossier_purge_removed_it(p):
    warned_case(p)  # Sem's waarschuwing in his leerlingendossier
    leaves(p.student, p.classmate)

    out = purge("purge_consent", CONSENT_TERM_OVER)
    assert exists(p.student) and DossierEntry.objects.filter(person=p.student).count() == 1
    assert exists(p.parent)  # his parent stays with him
    assert not exists(p.classmate)  # Noor left too, without entries: she goes
    assert "De Maas: 1 leerlingen die vertrokken zijn, blijven bewaard" in out

    purge("purge_dossiers", DOSSIER_TERM_OVER)
    assert exists(p.student) and not DossierEntry.objects.filter(person=p.student).exists()
    purge("purge_consent", DOSSIER_TERM_OVER)
    assert not exists(p.student) and not exists(p.parent)


def test_a_parents_entry_keeps_the_children_it_counts_from(p):
    DossierEntry.objects.create(school=p.school, person=p.parent, file="leerlingendossier",
                                article="sancties.B.1", text="Een aantekening.")
    leaves(p.student)

    purge("purge_consent", CONSENT_TERM_OVER)
    assert exists(p.student) and exists(p.parent)
    assert DossierEntry.objects.filter(person=p.parent).count() == 1

    purge("purge_dossiers", DOSSIER_TERM_OVER)
    purge("purge_consent", DOSSIER_TERM_OVER)
    assert not exists(p.student) and not exists(p.parent)


def test_entries_past_their_term_hold_nobody(p):
    warned_case(p)
    leaves(p.student)

    purge("purge_consent", DOSSIER_TERM_OVER)  # the dossier purge did not run first
    assert not exists(p.student)
    assert not DossierEntry.objects.exists()
