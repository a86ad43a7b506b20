"""Twijfel (Willibrord B.4, "Bij twijfel ... contact op met zijn/haar leidinggevende") and
ontsporen (Willibrord B.3): from the checker's verdict a staff member sends the situation
and the verdict to their leidinggevende in one click; the leidinggevende gets a mail,
reads it on /vragen/ and answers; the answer comes back on the same page with a mail. Only
the two of them can read the question."""

from __future__ import annotations

import re
from typing import Any

from django.core import mail
from django.test import Client
from django.urls import reverse

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.checks.tests.helpers import post_check
from protocolwijzer.incidents.models import Question
from protocolwijzer.incidents.tests.reporting_fixtures import media, p
from protocolwijzer.schools.tests.personas import Personas, sign_in

__all__ = ["media", "p"]

OFFER = re.compile(r'name="offer" value="([^"]+)"')
# Willibrord A.1: no social media in class without the teacher's permission.
ON_TIKTOK_IN_CLASS = {"action": "use_social_media", "context": "lesson",
                      "school_related": "yes", "channel": "tiktok",
                      "text": "Kijk eens wat 1A vandaag deed!"}


def signed_in(p: Personas, name: str) -> Client:
    browser = Client()
    sign_in(browser, p.user(name))
    return browser


def verdict_offer(browser: Client) -> str:
    response = post_check(browser, **ON_TIKTOK_IN_CLASS)
    assert response.status_code == 200 and response.context["result"] is not None
    found = OFFER.search(response.content.decode())
    assert found is not None, "no twijfel buttons under the verdict"
    return found.group(1)


def test_doubt_from_a_verdict_reaches_the_leidinggevende_and_the_answer_comes_back(
        p: Personas, django_capture_on_commit_callbacks: Any) -> None:
    mentor = signed_in(p, "mentor")
    offer = verdict_offer(mentor)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        sent = mentor.post(reverse("incidents:question_ask"),
                           {"offer": offer, "kind": "doubt", "text": "Mag dit toch?"})

    question = Question.objects.get()
    assert sent.status_code == 302
    assert sent["Location"] == reverse("incidents:question", args=[question.pk])
    assert question.asked_by == p.mentor and question.to == p.schoolleider
    assert question.kind == "doubt" and question.article == "B.4"
    assert question.verdict["verdict"] == "forbidden"
    assert question.situation["post"]["text"] == ON_TIKTOK_IN_CLASS["text"]
    to_leiding = [m for m in mail.outbox if m.to == [p.user("schoolleider").email]]
    assert len(to_leiding) == 1 and "Kijk eens" not in to_leiding[0].body

    leiding = signed_in(p, "schoolleider")
    listed = leiding.get(reverse("incidents:questions")).content.decode()
    assert reverse("incidents:question", args=[question.pk]) in listed
    page = leiding.get(reverse("incidents:question", args=[question.pk])).content.decode()
    assert "Kijk eens wat 1A vandaag deed!" in page and "A.1" in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        leiding.post(reverse("incidents:question", args=[question.pk]),
                     {"answer": "Niet in de les. Zet het vanavond op het schoolaccount."})

    question.refresh_from_db()
    assert question.answered_by == p.schoolleider and question.answered_at is not None
    back = mentor.get(reverse("incidents:question", args=[question.pk])).content.decode()
    assert "Zet het vanavond op het schoolaccount." in back
    assert [m.to for m in mail.outbox] == [[p.user("mentor").email]]


def test_derailing_goes_the_same_way_with_its_own_article(p: Personas) -> None:
    teacher = signed_in(p, "teacher")
    teacher.post(reverse("incidents:question_ask"),
                 {"offer": verdict_offer(teacher), "kind": "derailing"})

    question = Question.objects.get()
    assert question.kind == "derailing" and question.article == "B.3"
    assert question.to == p.schoolleider


def test_only_the_asker_and_the_leidinggevende_can_read_a_question(p: Personas) -> None:
    mentor = signed_in(p, "mentor")
    mentor.post(reverse("incidents:question_ask"),
                {"offer": verdict_offer(mentor), "kind": "doubt"})
    question = Question.objects.get()
    address = reverse("incidents:question", args=[question.pk])

    for name in ("teacher", "communicatie", "student", "parent", "other_teacher"):
        browser = signed_in(p, name)
        assert browser.get(address).status_code == 404, name
        assert reverse("incidents:question", args=[question.pk]) not in browser.get(
            reverse("incidents:questions")).content.decode()
    refused = AuditEvent.objects.filter(action="access_refused",
                                        detail__kind="question", detail__id=str(question.pk))
    assert refused.count() == 5


def test_a_forged_or_borrowed_offer_is_refused(p: Personas) -> None:
    mentor = signed_in(p, "mentor")
    offer = verdict_offer(mentor)
    teacher = signed_in(p, "teacher")

    borrowed = teacher.post(reverse("incidents:question_ask"),
                            {"offer": offer, "kind": "doubt"})
    forged = mentor.post(reverse("incidents:question_ask"),
                         {"offer": offer[:-4] + "AAAA", "kind": "doubt"})

    assert borrowed.status_code == 302 and forged.status_code == 302
    assert not Question.objects.exists()


def test_pupils_and_parents_get_no_twijfel_buttons(p: Personas) -> None:
    for name in ("student", "parent"):
        response = post_check(signed_in(p, name), **{**ON_TIKTOK_IN_CLASS,
                                                      "context": "", "school_related": ""})
        assert response.status_code == 200
        assert 'name="offer"' not in response.content.decode(), name
