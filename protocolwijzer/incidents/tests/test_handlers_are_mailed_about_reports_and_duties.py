"""Mails about cases go through the task queue (do_notify): the handler hears of a new
report, of a triage term that passed (the daily ``remind_incidents`` job, once per case)
and of an open duty; a mail names the case's number and links to it, never a name or what
the report says."""

from __future__ import annotations

import datetime

from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from protocolwijzer.incidents.tests.case_fixtures import (
    MakeCase,
    client_for,
    make_case,
    p,
    private_media,
)
from protocolwijzer.schools.tests.personas import Personas

__all__ = ["make_case", "p", "private_media"]


def test_the_handler_is_mailed_a_new_report_without_names(
        p: Personas, make_case: MakeCase, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(involved=(p.student,), reporter=p.parent,
                         description="Sem Bakker zette een filmpje op TikTok.")
    assert [m.to for m in mail.outbox] == [[p.mentor.user.email]]
    body = mail.outbox[0].body
    assert reverse("incidents:case", args=[case.pk]) in body
    assert "Sem" not in body and "TikTok" not in body


def test_an_overdue_triage_is_mailed_once(p: Personas, make_case: MakeCase,
                                          django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    case = make_case(involved=(p.student,), reporter=p.parent)
    mail.outbox.clear()
    later = (case.triage_due + datetime.timedelta(days=1)).isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remind_incidents", today=later)
        call_command("remind_incidents", today=later)
    assert len(mail.outbox) == 1
    assert "nog niet beoordeeld" in mail.outbox[0].body
    assert mail.outbox[0].to == [p.mentor.user.email]


def test_an_open_duty_is_mailed_to_the_handler_and_schoolleiding(
        p: Personas, make_case: MakeCase, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    case = make_case(involved=(p.teacher,), reporter=p.parent)
    mail.outbox.clear()
    leider = client_for(p.user("schoolleider"))
    with django_capture_on_commit_callbacks(execute=True):
        leider.post(reverse("incidents:triage", args=[case.pk]), {
            "actor_role": "staff", "action": "contact", "context": "off_duty",
            "school_related": "yes", "channel": "instagram", "account": "personal",
            "target_role": "student", "media_people": "0", "media_consent": "unknown",
            "text": "je zag er echt mooi uit vandaag. zullen we een keer afspreken, alleen "
                    "wij tweeën? zeg maar niks tegen je ouders"})
    recipients = sorted(address for m in mail.outbox for address in m.to)
    # The aanspreekpunt handles it (no pupil's mentor to give it to), with schoolleiding.
    assert case.handler == p.communicatie
    assert recipients == sorted([p.communicatie.user.email, p.schoolleider.user.email])
    assert "de vertrouwensinspecteur bellen" in mail.outbox[-1].body
