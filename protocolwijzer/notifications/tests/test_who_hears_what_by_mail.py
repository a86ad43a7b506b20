"""Notification mails go through the task queue: communicatie hears of new take-down tasks
and of tasks past their due date, mentors of a changed decision in their group, and anyone
who prefers it gets one summary a week instead (issue 14). Mails name no child."""

from __future__ import annotations

import datetime
import io
import socket

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from freezegun import freeze_time

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.consent.guardian import do_make_guardian_link, field_name
from protocolwijzer.notifications.actions import do_set_mail_frequency
from protocolwijzer.notifications.models import MailPreference, Notice
from protocolwijzer.publications.models import TakedownTask
from protocolwijzer.publications.tests.conftest import decide, purpose
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.tests.personas import sign_in


@pytest.fixture
def outbox(django_capture_on_commit_callbacks):
    """Mail as the task queue sends it after each change commits."""

    class Outbox:
        def __init__(self):
            mail.outbox.clear()

        def to(self, person):
            return [m for m in mail.outbox if m.to == [person.user.email]]

    return Outbox()


def withdraw_on_the_guardians_page(p, *codes):
    _link, token = do_make_guardian_link(p.parent, None)
    browser = Client()
    browser.get(f"/toestemming/ouder/{token}/")
    browser.post("/toestemming/ouder/", {
        field_name(p.student, purpose(p.school, code)): "refused" for code in codes})


def published_with_consent(p, log):
    for code in ("sociale-media", "video"):
        decide(p.student, code, "given", p.parent)
    log(p.student)
    log(p.student, kind="video", description="Filmpje van de sportdag")


def test_communicatie_gets_one_mail_for_one_withdrawal_without_the_childs_name(
        p, log, outbox, django_capture_on_commit_callbacks):
    published_with_consent(p, log)

    with django_capture_on_commit_callbacks(execute=True):
        withdraw_on_the_guardians_page(p, "sociale-media", "video")

    assert TakedownTask.objects.count() == 2
    [message] = outbox.to(p.communicatie)
    assert "2" in message.body and "/publicaties/weghalen/" in message.body
    for private in (p.student.first_name, p.student.last_name, "dierentuin", "sportdag"):
        assert private.lower() not in (message.subject + message.body).lower()
    assert outbox.to(p.schoolleider) == []  # communicatie is there to do it


def test_without_communicatie_the_school_management_hears_of_it(
        p, log, outbox, django_capture_on_commit_callbacks):
    Person.objects.filter(pk=p.communicatie.pk).update(role=Person.Role.MEDEWERKER)
    published_with_consent(p, log)

    with django_capture_on_commit_callbacks(execute=True):
        decide(p.student, "sociale-media", "refused", p.parent)

    assert len(outbox.to(p.schoolleider)) == 1


def test_the_mentor_hears_when_a_parent_of_their_group_changes_a_decision(
        p, outbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        decide(p.student, "sociale-media", "given", p.parent)  # a first yes: not news
    assert outbox.to(p.mentor) == []

    with django_capture_on_commit_callbacks(execute=True):
        decide(p.student, "sociale-media", "refused", p.parent)

    [message] = outbox.to(p.mentor)
    assert "1A" in message.body and "De sociale media van de school" not in message.subject
    assert p.student.first_name not in message.body
    assert f"/toestemming/niet-op-de-foto/groepen/{p.group_1a.pk}/" in message.body
    assert outbox.to(p.communicatie) == []  # nothing was published: no task


def test_a_weekly_summary_instead_of_single_mails(
        p, log, outbox, django_capture_on_commit_callbacks):
    do_set_mail_frequency(p.communicatie.user, MailPreference.Frequency.WEEKLY)
    published_with_consent(p, log)

    with freeze_time("2026-12-09 10:00"), django_capture_on_commit_callbacks(execute=True):
        decide(p.student, "sociale-media", "refused", p.parent)
    assert outbox.to(p.communicatie) == []
    with freeze_time("2026-12-11 07:00"), django_capture_on_commit_callbacks(execute=True):
        call_command("send_notifications", stdout=io.StringIO())  # a Friday
    assert outbox.to(p.communicatie) == []

    with freeze_time("2026-12-14 07:00"), django_capture_on_commit_callbacks(execute=True):
        call_command("send_notifications", stdout=io.StringIO())  # Monday
        call_command("send_notifications", stdout=io.StringIO())  # run twice

    [summary] = outbox.to(p.communicatie)
    assert "week" in summary.subject.lower()
    assert not Notice.objects.filter(sent_at=None).exists()
    assert AuditEvent.objects.filter(action="mail_frequency_changed").exists()


def test_overdue_tasks_are_told_once(p, log, outbox, django_capture_on_commit_callbacks):
    published_with_consent(p, log)
    decide(p.student, "sociale-media", "refused", p.parent)  # the photo and the video
    due = TakedownTask.objects.values_list("due_on", flat=True).distinct().get()
    mail.outbox.clear()

    for day in (due, due + datetime.timedelta(days=1), due + datetime.timedelta(days=2)):
        with django_capture_on_commit_callbacks(execute=True):
            call_command("send_notifications", today=day.isoformat(),
                         stdout=io.StringIO())

    [reminder] = outbox.to(p.communicatie)
    assert "2" in reminder.body and "/publicaties/weghalen/" in reminder.body
    assert AuditEvent.objects.filter(action="takedown_tasks_overdue").count() == 1


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_mail_the_mail_server_refused_is_sent_by_the_daily_job(
        p, log, outbox, django_capture_on_commit_callbacks, settings):
    published_with_consent(p, log)
    locmem = settings.MAILERS
    settings.MAILERS = {"default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": "127.0.0.1", "port": _closed_port(), "timeout": 5}}}
    with django_capture_on_commit_callbacks(execute=True):
        decide(p.student, "sociale-media", "refused", p.parent)
    # Communicatie's new tasks and the mentor's changed decision wait, unsent.
    assert Notice.objects.filter(sent_at=None).count() == 2

    settings.MAILERS = locmem  # the mail server is back
    later = timezone.now() + datetime.timedelta(hours=2)
    with freeze_time(later), django_capture_on_commit_callbacks(execute=True):
        call_command("send_notifications", stdout=io.StringIO())

    assert (len(outbox.to(p.communicatie)), len(outbox.to(p.mentor))) == (1, 1)
    assert not Notice.objects.filter(sent_at=None).exists()


def test_only_those_who_get_mail_choose_how_often(p):
    client = Client()
    sign_in(client, p.teacher.user)
    assert client.get("/meldingen/").status_code == 403
    sign_in(client, p.mentor.user)

    response = client.post("/meldingen/", {"frequency": "weekly"})

    assert response.status_code == 302
    assert MailPreference.objects.get(user=p.mentor.user).frequency == "weekly"
