"""When consent is withdrawn (or a student of 16+ refuses), what the school already
published with that student becomes a take-down task for communicatie, due within the
school's term in working days; and only that (issue 14)."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from freezegun import freeze_time

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.consent.actions import do_record_decision
from protocolwijzer.consent.models import ConsentSettings
from protocolwijzer.consent.register import add_working_days
from protocolwijzer.publications.actions import (
    do_complete_takedown,
    do_take_publication_offline,
    takedown_figures,
)
from protocolwijzer.publications.models import TakedownTask
from protocolwijzer.publications.tests.conftest import decide, purpose
from protocolwijzer.schools.models import Person


def tasks_of(student: Person) -> list[TakedownTask]:
    return list(TakedownTask.objects.filter(student=student).order_by("pk"))


def test_a_parent_withdrawing_social_media_makes_a_task_for_the_instagram_post(p, log):
    decide(p.student, "sociale-media", "given", p.parent)
    decide(p.classmate, "sociale-media", "given", p.classmate_parent)
    decide(p.student, "schoolwebsite", "given", p.parent)
    post = log(p.student, p.classmate)
    website = log(p.student, channel="school_website", description="Foto's op de website")

    decide(p.student, "sociale-media", "refused", p.parent)

    [task] = tasks_of(p.student)
    assert (task.publication, task.reason, task.status) == (post, "withdrawn", "open")
    assert task.due_on == add_working_days(timezone.localdate(), 5)
    assert tasks_of(p.classmate) == []  # the classmate's parent withdrew nothing
    assert not website.takedown_tasks.exists()  # the website is another purpose
    event = AuditEvent.objects.get(action="takedown_task_created")
    assert (event.object_id, event.detail["publication"]) == (str(p.student.pk), post.pk)


def test_the_due_date_follows_the_schools_term_in_working_days(p, log):
    ConsentSettings.objects.filter(school=p.school).update(takedown_working_days=2)
    with freeze_time("2026-04-20 10:00"):
        decide(p.student, "sociale-media", "given", p.parent)
        log(p.student)
    with freeze_time("2026-04-24 13:00"):  # a Friday
        decide(p.student, "sociale-media", "refused", p.parent)

    # Saturday and Sunday do not count: Monday and Tuesday do.
    assert tasks_of(p.student)[0].due_on == datetime.date(2026, 4, 28)


def test_a_second_no_for_the_same_publication_adds_no_second_task(p, log):
    second_parent = Person.objects.create(school=p.school, first_name="Jan",
                                          last_name="Bakker", role=Person.Role.OUDER)
    second_parent.children.add(p.student)
    decide(p.student, "sociale-media", "given", p.parent)
    decide(p.student, "sociale-media", "given", second_parent)
    log(p.student)

    decide(p.student, "sociale-media", "refused", p.parent)
    decide(p.student, "sociale-media", "refused", second_parent)

    assert len(tasks_of(p.student)) == 1


def test_a_student_of_sixteen_who_refuses_makes_a_task_of_their_own(p, log):
    today = timezone.localdate()
    Person.objects.filter(pk=p.student.pk).update(
        date_of_birth=today.replace(year=today.year - 17))
    p.student.refresh_from_db()
    do_record_decision(p.student, purpose(p.school, "sociale-media"), "given",
                       decided_by=p.student, how="student")
    log(p.student)

    do_record_decision(p.student, purpose(p.school, "sociale-media"), "refused",
                       decided_by=p.student, how="student")

    assert [t.reason for t in tasks_of(p.student)] == ["student_refused"]


def test_logging_a_student_without_consent_makes_a_task_at_once(p, log):
    decide(p.student, "sociale-media", "given", p.parent)

    post = log(p.student, p.classmate)  # Noor's parents never answered: no means no

    [task] = post.takedown_tasks.all()
    assert (task.student, task.reason) == (p.classmate, "no_consent")


def test_consent_given_again_closes_the_open_task_as_no_longer_needed(p, log):
    decide(p.student, "sociale-media", "given", p.parent)
    log(p.student)
    decide(p.student, "sociale-media", "refused", p.parent)

    decide(p.student, "sociale-media", "given", p.parent)

    [task] = tasks_of(p.student)
    assert (task.status, task.done_by) == ("not_needed", None)
    assert AuditEvent.objects.filter(action="takedown_task_not_needed").exists()


def test_a_student_taken_off_once_gets_no_new_task_for_that_publication(p, log):
    decide(p.student, "sociale-media", "given", p.parent)
    log(p.student)
    decide(p.student, "sociale-media", "refused", p.parent)
    do_complete_takedown(tasks_of(p.student)[0], by=p.communicatie.user, outcome="removed")

    decide(p.student, "sociale-media", "given", p.parent)
    decide(p.student, "sociale-media", "refused", p.parent)

    assert [t.status for t in tasks_of(p.student)] == ["removed"]


def test_a_no_to_videos_takes_down_videos_only(p, log):
    for code in ("sociale-media", "video"):
        decide(p.student, code, "given", p.parent)
    photos = log(p.student, description="Foto's van de musical")
    video = log(p.student, kind="video", description="Filmpje van de musical")

    decide(p.student, "video", "refused", p.parent)

    assert [t.publication for t in tasks_of(p.student)] == [video]
    assert not photos.takedown_tasks.exists()


def test_a_publication_no_longer_online_closes_its_tasks_and_gets_no_new_ones(p, log):
    decide(p.student, "sociale-media", "given", p.parent)
    decide(p.classmate, "sociale-media", "given", p.classmate_parent)
    post = log(p.student, p.classmate)
    decide(p.student, "sociale-media", "refused", p.parent)

    assert do_take_publication_offline(post, by=p.communicatie.user) == 1
    decide(p.classmate, "sociale-media", "refused", p.classmate_parent)

    assert [t.status for t in tasks_of(p.student)] == ["removed"]
    assert tasks_of(p.classmate) == []


def test_marking_done_records_who_when_and_whether_in_time(p, log):
    decide(p.student, "sociale-media", "given", p.parent)
    log(p.student)
    decide(p.student, "sociale-media", "refused", p.parent)
    task = tasks_of(p.student)[0]

    with pytest.raises(ValidationError):
        do_complete_takedown(task, by=p.communicatie.user, outcome="removed",
                             replacement_link="https://example.org/vervaagd")
    do_complete_takedown(task, by=p.communicatie.user, outcome="replaced",
                         replacement_link="https://example.org/vervaagd")

    task.refresh_from_db()
    assert (task.status, task.done_by, task.done_in_time) == (
        "replaced", p.communicatie.user, True)
    event = AuditEvent.objects.get(action="takedown_task_done")
    assert event.detail["done_as"] == "replaced" and event.detail["in_time"] is True
    with pytest.raises(ValidationError):
        do_complete_takedown(task, by=p.communicatie.user, outcome="removed")
    figures = takedown_figures(p.school, since=timezone.localdate(),
                               today=timezone.localdate())
    assert (figures.done_in_time, figures.done_late, figures.open) == (1, 0, 0)


def test_only_students_of_the_school_can_be_on_its_publication(p, log):
    with pytest.raises(ValidationError) as raised:
        log(p.student, p.other_student)
    assert "students" in raised.value.message_dict
    with pytest.raises(ValidationError):
        log(p.student, p.parent)
