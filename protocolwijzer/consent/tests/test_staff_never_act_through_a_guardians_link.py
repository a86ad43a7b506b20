"""Staff never act through a guardian's link (issue 10, point 2): a signed-in staff member
who opens one is refused and audited, sending a link never shows it, a printed letter is
audited, and a paper form is recorded as *recorded by* the staff member *on behalf of*
the guardian, with the form's date."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.consent.actions import do_set_up_consent
from protocolwijzer.consent.guardian import do_make_guardian_link
from protocolwijzer.consent.models import ConsentText, Decision, Purpose
from protocolwijzer.schools.tests.personas import make_personas, sign_in

PAGE = "/toestemming/ouder/"


@pytest.fixture
def p(db):
    personas = make_personas()
    do_set_up_consent(personas.school)
    # The consent text existed well before the paper forms of these tests were signed.
    ConsentText.objects.filter(school=personas.school).update(
        created_at=timezone.now() - datetime.timedelta(days=60))
    return personas


def link_for(guardian) -> str:
    _link, token = do_make_guardian_link(guardian, None)
    return f"/toestemming/ouder/{token}/"


def purpose(p, code: str) -> Purpose:
    return Purpose.objects.get(school=p.school, code=code)


@pytest.mark.parametrize("persona", ["schoolleider", "communicatie", "beheerder"])
def test_a_signed_in_staff_member_who_opens_a_guardians_link_is_refused_and_audited(
        client, p, persona):
    sign_in(client, p.user(persona), second_factor=False)

    response = client.get(link_for(p.parent))

    assert response.status_code == 403
    body = response.content.decode()
    assert "Deze link is van een ouder; u bent ingelogd als medewerker." in body
    assert p.student.first_name not in body
    event = AuditEvent.objects.get(action="guardian_link_refused")
    assert event.actor == p.user(persona) and event.object_id == str(p.parent.pk)
    # No guardian's session was opened: the page itself is refused too.
    assert client.get(PAGE).status_code == 404
    assert client.post(PAGE, {}).status_code == 404
    assert not Decision.objects.exists()


def test_a_staff_member_who_signs_in_where_a_guardian_opened_their_link_cannot_use_it(
        client, p):
    client.get(link_for(p.parent))  # a parent's session on a shared computer
    assert client.get(PAGE).status_code == 200
    sign_in(client, p.communicatie.user)

    page = client.get(PAGE)
    posted = client.post(PAGE, {f"c{p.student.pk}-p{purpose(p, 'pers').pk}": "given"})

    assert page.status_code == 403
    assert posted.status_code == 404  # the refusal also ended the guardian's session
    assert not Decision.objects.exists()
    assert AuditEvent.objects.filter(action="guardian_link_refused").count() == 1


def test_someone_signed_in_with_another_account_is_refused_with_a_sign_out_hint(client, p):
    sign_in(client, p.student.user)
    response = client.get(link_for(p.parent))
    assert response.status_code == 403
    assert "Log eerst uit" in response.content.decode()


def test_a_guardian_signed_in_with_their_own_account_may_use_their_own_link(client, p):
    sign_in(client, p.parent.user)
    response = client.get(link_for(p.parent))
    assert (response.status_code, response["Location"]) == (302, PAGE)
    assert client.get(PAGE).status_code == 200


def test_sending_links_never_shows_a_link_to_the_staff_member(client, p):
    p.parent.email = "petra@thuis.example"
    p.parent.save(update_fields=["email"])
    sign_in(client, p.communicatie.user)

    sent = client.post(f"/toestemming/groepen/{p.group_1a.pk}/ouders/sturen/", follow=True)
    overview = client.get(f"/toestemming/groepen/{p.group_1a.pk}/ouders/")

    assert len(mail.outbox) == 1 and "/toestemming/ouder/" in mail.outbox[0].body
    for response in (sent, overview):
        assert "/toestemming/ouder/" not in response.content.decode()


def test_printing_a_letter_is_audited_as_printed_by_the_staff_member(client, p):
    sign_in(client, p.communicatie.user)
    response = client.post(f"/toestemming/ouders/{p.parent.pk}/brief/")
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="guardian_letter_printed")
    assert (event.actor, event.object_id) == (p.communicatie.user, str(p.parent.pk))


def test_a_paper_form_is_recorded_by_the_staff_member_on_behalf_of_the_guardian(client, p):
    social, website = purpose(p, "sociale-media"), purpose(p, "schoolwebsite")
    sign_in(client, p.communicatie.user)
    # Reachable by following links: the class list, the student's page, the form.
    class_list = client.get(f"/toestemming/groepen/{p.group_1a.pk}/").content.decode()
    student_url = f"/toestemming/leerlingen/{p.student.pk}/"
    assert f'href="{student_url}"' in class_list
    form_url = f"{student_url}papieren-formulier/"
    assert f'href="{form_url}"' in client.get(student_url).content.decode()
    form_page = client.get(form_url).content.decode()
    assert p.parent.full_name in form_page and p.classmate_parent.full_name not in form_page

    dated = timezone.localdate() - datetime.timedelta(days=3)
    response = client.post(form_url, {"decided_by": p.parent.pk,
                                      "form_dated": dated.isoformat(),
                                      f"p{social.pk}": "refused", f"p{website.pk}": "given"})

    assert (response.status_code, response["Location"]) == (302, student_url)
    decisions = Decision.objects.filter(student=p.student).order_by("purpose__order")
    assert {(d.purpose.code, d.choice) for d in decisions} == {
        ("sociale-media", "refused"), ("schoolwebsite", "given")}
    for decision in decisions:
        assert (decision.how, decision.recorded_by, decision.decided_by,
                decision.form_dated) == ("paper_form", p.communicatie.user, p.parent, dated)
    history = client.get(student_url).content.decode()
    assert re.search(rf"vastgelegd door Cor Communicatie namens Petra Bakker, formulier van "
                     rf"{dated.day} \w+ {dated.year}", history)
    event = AuditEvent.objects.get(action="consent_paper_form_recorded")
    assert event.actor == p.communicatie.user
    assert event.detail == {"decided_by": p.parent.pk, "form_dated": dated.isoformat(),
                            "decisions": 2, "paper_form": decisions[0].paper_form_id}


@pytest.mark.parametrize(("dated", "message"), [
    (timezone.localdate() + datetime.timedelta(days=1),
     "De datum op het formulier kan niet in de toekomst liggen."),
    (timezone.localdate() - datetime.timedelta(days=400),
     "De datum op het formulier is van vóór de eerste toestemmingstekst van de school"),
])
def test_a_paper_form_dated_in_the_future_or_before_the_consent_text_is_refused(
        client, p, dated, message):
    sign_in(client, p.schoolleider.user)
    response = client.post(f"/toestemming/leerlingen/{p.student.pk}/papieren-formulier/", {
        "decided_by": p.parent.pk, "form_dated": dated.isoformat(),
        f"p{purpose(p, 'pers').pk}": "given"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Decision.objects.exists()


def test_a_paper_form_cannot_be_signed_by_someone_elses_parent(client, p):
    sign_in(client, p.schoolleider.user)
    response = client.post(f"/toestemming/leerlingen/{p.student.pk}/papieren-formulier/", {
        "decided_by": p.classmate_parent.pk, "form_dated": timezone.localdate().isoformat(),
        f"p{purpose(p, 'pers').pk}": "given"})
    assert response.status_code == 200
    assert not Decision.objects.exists()


def test_the_paper_form_of_a_student_of_16_is_signed_by_the_student(client, p):
    today = timezone.localdate()
    p.student.date_of_birth = today.replace(year=today.year - 17)
    p.student.save(update_fields=["date_of_birth"])
    sign_in(client, p.schoolleider.user)
    url = f"/toestemming/leerlingen/{p.student.pk}/papieren-formulier/"
    assert p.parent.full_name not in client.get(url).content.decode()
    client.post(url, {"decided_by": p.student.pk, "form_dated": today.isoformat(),
                      f"p{purpose(p, 'pers').pk}": "refused"})
    assert Decision.objects.get().decided_by == p.student


ROLES = [("beheerder", 200), ("schoolleider", 200), ("communicatie", 200),
         ("teacher", 403), ("mentor", 403), ("mr_lid", 403), ("student", 403),
         ("parent", 403), ("unlinked", 403), ("other_teacher", 404)]


@pytest.mark.parametrize(("persona", "expected"), ROLES)
def test_only_schoolleiding_communicatie_and_the_beheerder_open_the_paper_form(
        client, p, persona, expected):
    sign_in(client, p.user(persona))
    for url in (f"/toestemming/leerlingen/{p.student.pk}/",
                f"/toestemming/leerlingen/{p.student.pk}/papieren-formulier/"):
        assert client.get(url).status_code == expected
    posted = client.post(f"/toestemming/leerlingen/{p.student.pk}/papieren-formulier/", {
        "decided_by": p.parent.pk, "form_dated": timezone.localdate().isoformat(),
        f"p{purpose(p, 'pers').pk}": "given"})
    assert posted.status_code == (302 if expected == 200 else expected)


def test_signed_out_visitors_are_sent_to_sign_in_for_the_paper_form(p):
    for url in (f"/toestemming/leerlingen/{p.student.pk}/",
                f"/toestemming/leerlingen/{p.student.pk}/papieren-formulier/"):
        assert Client().get(url).status_code == 302


def test_the_students_page_is_only_for_students(client, p):
    sign_in(client, p.schoolleider.user)
    assert client.get(f"/toestemming/leerlingen/{p.parent.pk}/").status_code == 404
