"""Retention of the publication log (issue 14): what is online stays known however old;
what went offline and finished tasks go after the school's period; a pupil purged by the
consent register takes their place on publications with them; the purge leaves counts
and content-free events, and the audit chain still verifies."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from protocolwijzer.audit.chain import first_broken_event
from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.consent.retention import do_purge_left_students
from protocolwijzer.publications.actions import (
    do_complete_takedown,
    do_take_publication_offline,
)
from protocolwijzer.publications.models import Publication, PublicationSettings, TakedownTask
from protocolwijzer.publications.retention import do_purge_publication_log
from protocolwijzer.publications.tests.conftest import decide
from protocolwijzer.schools.models import Person

START = datetime.datetime(2024, 9, 2, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def history(p, log):
    """In September 2024: three posts; one went offline, one had Sem taken off it."""
    with freeze_time(START):
        PublicationSettings.objects.create(school=p.school, retention_months=12)
        decide(p.student, "sociale-media", "given", p.parent)
        decide(p.classmate, "sociale-media", "given", p.classmate_parent)
        old_offline = log(p.student, description="Kerstmarkt")
        still_online = log(p.student, p.classmate, description="Sportdag")
        do_take_publication_offline(old_offline, by=p.communicatie.user)
        decide(p.student, "sociale-media", "refused", p.parent)
        task = still_online.takedown_tasks.get()
        do_complete_takedown(task, by=p.communicatie.user, outcome="removed")
    return old_offline, still_online, task


def test_after_the_period_what_went_offline_and_finished_tasks_go(p, history):
    old_offline, still_online, task = history

    counts = do_purge_publication_log(datetime.date(2025, 9, 3))

    assert not Publication.objects.filter(pk=old_offline.pk).exists()
    assert Publication.objects.filter(pk=still_online.pk).exists()  # still online
    assert not TakedownTask.objects.filter(pk=task.pk).exists()
    # Sem was taken off it: the log no longer says Sem is on it, so a later decision
    # makes no task for something Sem is not on.
    assert list(still_online.students.all()) == [p.classmate]
    own = next(c for c in counts if c.school == p.school)
    assert (own.publications, own.tasks) == (1, 1)
    event = AuditEvent.objects.get(action="publication_log_purged")
    assert event.detail["publications"] == 1 and "Kerstmarkt" not in str(event.detail)


def test_not_a_day_before_the_period_ends(p, history):
    do_purge_publication_log(datetime.date(2025, 9, 1))

    assert Publication.objects.count() == 2 and TakedownTask.objects.count() == 1


def test_the_events_about_what_went_are_reduced_and_the_chain_still_holds(p, history):
    old_offline, still_online, _task = history
    about = list(AuditEvent.objects.filter(object_type="publications.publication",
                                           object_id=str(old_offline.pk))
                 .values_list("pk", flat=True))
    kept = list(AuditEvent.objects.filter(action="publication_logged",
                                          object_id=str(still_online.pk)))

    do_purge_publication_log(datetime.date(2025, 9, 3))

    assert len(about) == 2  # logged, taken offline
    assert all(e.reduced for e in AuditEvent.objects.filter(pk__in=about))
    done = AuditEvent.objects.get(action="takedown_task_done")
    assert done.reduced and done.detail == {}
    assert not any(e.reduced for e in AuditEvent.objects.filter(pk__in=[e.pk for e in kept]))
    assert first_broken_event() is None


def test_a_pupil_purged_by_the_register_takes_their_place_on_publications_along(p, log):
    decide(p.classmate, "sociale-media", "given", p.classmate_parent)
    publication = log(p.student, p.classmate)  # Sem without consent: a task at once
    Person.objects.filter(pk=p.student.pk).update(is_active=False,
                                                  left_on=datetime.date(2020, 6, 30))

    do_purge_left_students(timezone.localdate())

    assert list(publication.students.all()) == [p.classmate]
    assert not TakedownTask.objects.exists()
    assert all(e.reduced for e in AuditEvent.objects.filter(action="takedown_task_created"))


def test_the_command_shows_what_it_would_remove_and_then_removes_it(p, history):
    out = io.StringIO()
    call_command("purge_publications", "--dry-run", "--today", "2025-09-03", stdout=out)
    assert "De Maas" in out.getvalue() and Publication.objects.count() == 2

    call_command("purge_publications", "--today", "2025-09-03", stdout=io.StringIO())

    assert Publication.objects.count() == 1
