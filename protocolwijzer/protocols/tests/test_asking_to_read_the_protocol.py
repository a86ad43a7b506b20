"""Issue 16: when a version comes into force, staff, pupils and (where the school chose so)
parents are asked to read it; the school management sees who has and has not, and sends a
reminder to those who have not, at most one message a day per person."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.protocols.acknowledging import (
    AUDIT_ASKED,
    AUDIT_REMINDED,
    AUDIT_SETTINGS,
    do_ask_to_acknowledge,
)
from protocolwijzer.protocols.actions import do_acknowledge
from protocolwijzer.protocols.models import Acknowledgement, AcknowledgementRequest
from protocolwijzer.schools.tests.personas import Personas, sign_in

OVERVIEW = reverse("protocols:acknowledgements")
READER = reverse("protocols:mine")
ACKNOWLEDGE = reverse("protocols:acknowledge")


def _ask_url(p: Personas) -> str:
    return reverse("protocols:ask", args=[p.school.pk])


def _remind_url(p: Personas) -> str:
    return reverse("protocols:remind", args=[p.school.pk])


def _settings_url(p: Personas) -> str:
    return reverse("protocols:acknowledgement_settings", args=[p.school.pk])


def _recipients() -> set[str]:
    return {address for message in mail.outbox for address in message.to}


def _address(person: Any) -> str:
    return person.user.email


def _ask_parents(client: Client, p: Personas) -> None:
    sign_in(client, p.schoolleider.user)
    response = client.post(_settings_url(p), {"ask_parents": "on"})
    assert response.status_code == 302


def _as_if_asked_yesterday() -> None:
    AcknowledgementRequest.objects.update(
        asked_at=timezone.now() - datetime.timedelta(days=1))


@pytest.fixture
def p(members: Personas) -> Personas:
    # Kees (Noor's father) has no account, but the student administration gave an address.
    members.classmate_parent.email = "kees.visser@thuis.example"
    members.classmate_parent.save(update_fields=["email"])
    mail.outbox.clear()
    return members


def test_asking_when_a_version_comes_into_force_reaches_staff_and_pupils_not_parents(
        p: Personas, django_capture_on_commit_callbacks: Any) -> None:
    version = p.school.protocol
    assert version is not None

    with django_capture_on_commit_callbacks(execute=True):
        asked = do_ask_to_acknowledge(p.school, version, by=p.schoolleider.user)

    staff_and_pupils = {_address(x) for x in (p.schoolleider, p.communicatie, p.teacher,
                                              p.mentor, p.student)}
    assert _recipients() == staff_and_pupils
    assert asked == 5
    # Pupils without an account cannot be reached: not asked, and the overview says so.
    assert not AcknowledgementRequest.objects.filter(person=p.classmate).exists()
    message = next(m for m in mail.outbox if m.to == [_address(p.teacher)])
    assert version.title in message.body
    assert "/protocol/?weergave=voor-mij#gelezen" in message.body
    [event] = AuditEvent.objects.filter(action=AUDIT_ASKED)
    assert (event.detail["count"], event.detail["ouders"]) == (5, 0)


def test_asking_again_asks_nobody_who_was_asked_before(
        p: Personas, django_capture_on_commit_callbacks: Any) -> None:
    version = p.school.protocol
    assert version is not None
    with django_capture_on_commit_callbacks(execute=True):
        do_ask_to_acknowledge(p.school, version, by=None)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        again = do_ask_to_acknowledge(p.school, version, by=None)

    assert (again, mail.outbox) == (0, [])


def test_with_parents_switched_on_parents_are_asked_too(
        client: Client, p: Personas, django_capture_on_commit_callbacks: Any) -> None:
    _ask_parents(client, p)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_ask_url(p), follow=True)

    assert "7 mensen zijn gevraagd het protocol te lezen." in response.content.decode()
    # Petra through her account; Kees, without one, through a guardian link; Linda has
    # neither an account nor an address.
    assert {_address(p.parent), "kees.visser@thuis.example"} <= _recipients()
    assert "linda" not in " ".join(_recipients())
    [to_kees] = [m for m in mail.outbox if m.to == ["kees.visser@thuis.example"]]
    assert "?naar=protocol" in to_kees.body
    [event] = AuditEvent.objects.filter(action=AUDIT_SETTINGS)
    assert event.detail == {"ask_parents": True}


def test_a_parent_with_a_guardian_link_reads_the_parents_summary_and_confirms(
        client: Client, p: Personas, django_capture_on_commit_callbacks: Any) -> None:
    _ask_parents(client, p)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_ask_url(p))
    [to_kees] = [m for m in mail.outbox if m.to == ["kees.visser@thuis.example"]]
    link = re.search(r"http\S+\?naar=protocol", to_kees.body)
    assert link is not None
    guardian = Client()

    page = guardian.get(link.group(0).replace("http://testserver", ""), follow=True)

    assert page.redirect_chain[-1][0] == reverse("protocols:guardian")
    text = page.content.decode()
    assert "als ouder" in text
    assert 'action="/protocol/ouder/"' in text
    version = p.school.protocol
    assert version is not None
    assert guardian.post(reverse("protocols:guardian"),
                         {"version": version.pk}).status_code == 302
    assert Acknowledgement.objects.filter(person=p.classmate_parent,
                                          protocol_version=version).exists()
    assert "Je hebt op" in guardian.get(reverse("protocols:guardian")).content.decode()
    [event] = AuditEvent.objects.filter(action="protocol_acknowledged")
    assert (event.actor, event.detail["guardian"]) == (None, p.classmate_parent.pk)


def test_a_parent_with_an_account_confirms_only_when_the_school_asks_parents(
        client: Client, p: Personas) -> None:
    version = p.school.protocol
    assert version is not None
    sign_in(client, p.parent.user)
    assert client.post(ACKNOWLEDGE, {"version": version.pk}).status_code == 403

    _ask_parents(client, p)
    sign_in(client, p.parent.user)
    page = client.get(READER).content.decode()

    assert f'action="{ACKNOWLEDGE}"' in page
    assert client.post(ACKNOWLEDGE, {"version": version.pk}).status_code == 302
    assert Acknowledgement.objects.filter(person=p.parent).exists()


def test_the_reminder_reaches_only_those_who_have_not_acknowledged(
        client: Client, p: Personas, django_capture_on_commit_callbacks: Any) -> None:
    version = p.school.protocol
    assert version is not None
    with django_capture_on_commit_callbacks(execute=True):
        do_ask_to_acknowledge(p.school, version, by=None)
    _as_if_asked_yesterday()
    do_acknowledge(p.teacher, version)
    do_acknowledge(p.student, version)
    mail.outbox.clear()
    sign_in(client, p.schoolleider.user)

    confirmation = client.get(_remind_url(p)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_remind_url(p), follow=True)

    assert "Deze herinnering gaat naar 3 mensen." in confirmation
    assert _recipients() == {_address(x) for x in (p.schoolleider, p.communicatie,
                                                   p.mentor)}
    assert "herinnering" in mail.outbox[0].body.lower()
    assert "Er is een herinnering gestuurd aan 3 mensen." in response.content.decode()
    [event] = AuditEvent.objects.filter(action=AUDIT_REMINDED)
    assert event.detail["count"] == 3
    reminded = AcknowledgementRequest.objects.get(person=p.mentor)
    assert (reminded.reminders, reminded.reminded_at is not None) == (1, True)


def test_a_second_reminder_the_same_day_is_refused_with_a_message(
        client: Client, p: Personas, django_capture_on_commit_callbacks: Any) -> None:
    version = p.school.protocol
    assert version is not None
    with django_capture_on_commit_callbacks(execute=True):
        do_ask_to_acknowledge(p.school, version, by=None)
    _as_if_asked_yesterday()
    sign_in(client, p.schoolleider.user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_remind_url(p))
    mail.outbox.clear()

    confirmation = client.get(_remind_url(p)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_remind_url(p), follow=True)

    assert "Deze herinnering gaat naar 0 mensen." in confirmation
    assert "vandaag al een bericht gehad" in confirmation
    assert mail.outbox == []
    page = response.content.decode()
    assert "Er is geen herinnering gestuurd" in page
    assert "probeer het morgen opnieuw" in page


def test_being_asked_today_counts_as_todays_message(
        client: Client, p: Personas, django_capture_on_commit_callbacks: Any) -> None:
    version = p.school.protocol
    assert version is not None
    with django_capture_on_commit_callbacks(execute=True):
        do_ask_to_acknowledge(p.school, version, by=None)
    mail.outbox.clear()
    sign_in(client, p.schoolleider.user)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(_remind_url(p))

    assert mail.outbox == []


def test_a_reminder_for_one_group_reaches_its_pupils_and_their_parents_only(
        client: Client, p: Personas, django_capture_on_commit_callbacks: Any) -> None:
    _ask_parents(client, p)
    parent_1b = p.parent_1b
    parent_1b.email = "linda.smit@thuis.example"
    parent_1b.save(update_fields=["email"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_remind_url(p), {"groep": p.group_1a.pk})

    assert response.status_code == 302
    assert _recipients() == {_address(p.student), _address(p.parent),
                             "kees.visser@thuis.example"}


def test_the_overview_says_when_someone_was_asked_and_reminded(
        client: Client, p: Personas, django_capture_on_commit_callbacks: Any) -> None:
    version = p.school.protocol
    assert version is not None
    with django_capture_on_commit_callbacks(execute=True):
        do_ask_to_acknowledge(p.school, version, by=None)
    AcknowledgementRequest.objects.filter(person=p.mentor).update(
        asked_at=timezone.make_aware(datetime.datetime(2026, 9, 1, 9)),
        reminded_at=timezone.make_aware(datetime.datetime(2026, 9, 8, 9)))
    sign_in(client, p.schoolleider.user)

    page = client.get(OVERVIEW).content.decode()

    line = page[page.index(p.mentor.full_name):]
    line = line[:line.index("</li>")]
    assert "gevraagd op 1 september, herinnerd op 8 september" in line
    colleague = page[page.index(p.colleague.full_name):]
    assert "nog niet gevraagd" in colleague[:colleague.index("</li>")]


def test_the_overview_counts_parents_per_group_when_they_are_asked(
        client: Client, p: Personas) -> None:
    version = p.school.protocol
    assert version is not None
    _ask_parents(client, p)
    do_acknowledge(p.parent, version)

    response = client.get(OVERVIEW)

    [school, *_others] = response.context["schools"]
    counts = {g.group.name: (g.parents_acknowledged, g.parents_total) for g in school.groups}
    assert counts == {"1A": (1, 2), "1B": (0, 1)}
    assert "1 van 2 ouders hebben bevestigd." in response.content.decode()


def test_a_teacher_cannot_send_reminders_nor_open_another_schools(
        client: Client, p: Personas) -> None:
    sign_in(client, p.teacher.user)
    assert client.get(_remind_url(p)).status_code == 403
    assert client.post(_remind_url(p)).status_code == 403
    assert client.post(_ask_url(p)).status_code == 403
    elsewhere = reverse("protocols:remind", args=[p.other_school.pk])
    assert client.get(elsewhere).status_code == 404
    sign_in(client, p.other_teacher.user)
    assert client.get(_remind_url(p)).status_code == 404
    assert mail.outbox == []


def test_the_communications_lead_sees_the_overview_but_sends_no_reminders(
        client: Client, p: Personas) -> None:
    sign_in(client, p.communicatie.user)

    assert client.get(OVERVIEW).status_code == 200
    assert _remind_url(p) not in client.get(OVERVIEW).content.decode()
    assert client.post(_remind_url(p)).status_code == 403
    assert client.post(_settings_url(p), {"ask_parents": "on"}).status_code == 403
