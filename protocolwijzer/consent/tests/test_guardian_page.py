"""The guardian's page (issue 5): a personal link, no account, only one's own children."""

from __future__ import annotations

import datetime
import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.consent.actions import do_record_decision, do_set_up_consent
from protocolwijzer.consent.guardian import (
    do_make_guardian_link,
    do_revoke_guardian_link,
    do_send_guardian_links,
    field_name,
    response_rate,
)
from protocolwijzer.consent.models import Decision, GuardianLink, Purpose
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.tests.personas import make_personas, sign_in


@pytest.fixture
def p(db):
    personas = make_personas()
    do_set_up_consent(personas.school, opt_out=("schoolwebsite",))
    personas.second_child = Person.objects.create(
        school=personas.school, first_name="Lotte", last_name="Bakker",
        role=Person.Role.LEERLING, group=personas.group_1a)
    personas.parent.children.add(personas.second_child)
    return personas


def purpose(p, code: str) -> Purpose:
    return Purpose.objects.get(school=p.school, code=code)


def link_for(guardian) -> str:
    _link, token = do_make_guardian_link(guardian, None)
    return f"/toestemming/ouder/{token}/"


def main_of(response) -> str:
    body = response.content.decode()
    return body[body.index("<main"):body.index("</main>")]


def test_the_link_opens_without_an_account_and_shows_only_the_guardians_own_children(p):
    response = Client().get(link_for(p.parent))
    page = main_of(response)
    assert response.status_code == 200
    assert p.student.full_name in page and p.second_child.full_name in page
    assert p.classmate.first_name not in page and p.student_1b.first_name not in page
    assert page.count('type="radio"') == 2 * 2 * Purpose.objects.filter(
        school=p.school, is_active=True).count()
    assert p.school.consent_texts.first().body.split()[0] in page


def test_the_link_opens_for_a_signed_in_user_who_has_not_entered_their_code(client, p):
    sign_in(client, p.schoolleider.user, second_factor=False)
    assert client.get(link_for(p.parent)).status_code == 200


def test_a_refusal_on_the_guardians_page_shows_on_the_class_list_at_once(client, p):
    social = purpose(p, "sociale-media")
    do_record_decision(p.student, social, "given", decided_by=p.parent, how="guardian_page")
    sign_in(client, p.teacher.user)
    before = client.get(f"/toestemming/groepen/{p.group_1a.pk}/").content.decode()

    response = Client().post(link_for(p.parent),
                             {field_name(p.student, social): "refused"})

    assert response.status_code == 302 and "opgeslagen=1" in response["Location"]
    decision = Decision.objects.filter(student=p.student, purpose=social).first()
    assert (decision.choice, decision.how, decision.decided_by) == (
        "refused", "guardian_page", p.parent)
    after = client.get(f"/toestemming/groepen/{p.group_1a.pk}/").content.decode()
    assert before.count("consent--yes") == after.count("consent--yes") + 1
    confirmation = Client().get(response["Location"])
    assert 'id="opgeslagen"' in confirmation.content.decode()


def test_an_unchanged_answer_records_no_new_decision(p):
    website = purpose(p, "schoolwebsite")
    url = link_for(p.parent)
    Client().post(url, {field_name(p.student, website): "given"})
    Client().post(url, {field_name(p.student, website): "given"})
    assert Decision.objects.filter(student=p.student, purpose=website).count() == 1


def test_an_expired_revoked_or_unknown_link_gives_the_same_not_usable_page(p):
    expired_url = link_for(p.classmate_parent)
    GuardianLink.objects.filter(guardian=p.classmate_parent).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1))
    revoked_url = link_for(p.parent_1b)
    do_revoke_guardian_link(GuardianLink.objects.get(guardian=p.parent_1b), None)
    replaced_url = link_for(p.parent)
    link_for(p.parent)  # a new link replaces the earlier one

    pages = [Client().get(url) for url in (expired_url, revoked_url, replaced_url,
                                           "/toestemming/ouder/onbekend-token/")]

    assert [r.status_code for r in pages] == [404] * 4
    bodies = {main_of(r) for r in pages}
    assert len(bodies) == 1
    assert p.classmate_parent.last_name not in bodies.pop()
    posted = Client().post(expired_url, {field_name(p.classmate, purpose(p, "pers")): "given"})
    assert posted.status_code == 404
    assert not Decision.objects.exists()


def test_a_guardian_cannot_decide_for_a_child_of_16_or_older(p):
    today = timezone.localdate()
    p.student.date_of_birth = today.replace(year=today.year - 17)
    p.student.save(update_fields=["date_of_birth"])
    url = link_for(p.parent)
    social = purpose(p, "sociale-media")

    page = main_of(Client().get(url))
    response = Client().post(url, {field_name(p.student, social): "given",
                                   field_name(p.second_child, social): "given"})

    assert 'class="decides-self"' in page
    assert f'name="{field_name(p.student, social)}"' not in page
    assert f'name="{field_name(p.second_child, social)}"' in page
    assert response.status_code == 302
    assert not Decision.objects.filter(student=p.student).exists()
    assert Decision.objects.filter(student=p.second_child).count() == 1


def test_the_guardians_pages_are_sent_with_no_referrer_and_no_store(p):
    url = link_for(p.parent)
    responses = [Client().get(url), Client().post(url, {}),
                 Client().get("/toestemming/ouder/onbekend-token/")]
    for response in responses:
        assert response["Referrer-Policy"] == "no-referrer"
        assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize(("persona", "expected"), [
    ("teacher", 403), ("mentor", 403), ("student", 403), ("parent", 403),
    ("other_teacher", 404), ("communicatie", 200), ("schoolleider", 200)])
def test_only_schoolleiding_and_communicatie_open_the_parents_answers(client, p, persona,
                                                                       expected):
    sign_in(client, p.user(persona))
    pages = client.get(f"/toestemming/groepen/{p.group_1a.pk}/ouders/")
    send = client.post(f"/toestemming/groepen/{p.group_1a.pk}/ouders/sturen/")
    assert pages.status_code == expected
    assert send.status_code == (302 if expected == 200 else expected)


def test_a_teacher_cannot_make_a_letter_for_a_parent(client, p):
    sign_in(client, p.mentor.user)  # a mentor sees the guardians of their group
    response = client.post(f"/toestemming/ouders/{p.parent.pk}/brief/")
    assert response.status_code == 403
    assert not GuardianLink.objects.exists()


def test_the_parents_answers_show_the_response_rate_per_purpose(client, p):
    social = purpose(p, "sociale-media")
    do_record_decision(p.student, social, "refused", decided_by=p.parent, how="paper_form")
    rate = response_rate(p.group_1a)
    by_code = {r.purpose.code: (r.answered, r.total) for r in rate.purposes}
    assert by_code["sociale-media"] == (1, 3)
    assert by_code["schoolwebsite"] == (0, 3)
    assert (rate.answered_all, rate.total) == (0, 3)
    sign_in(client, p.communicatie.user)
    page = client.get(f"/toestemming/groepen/{p.group_1a.pk}/ouders/").content.decode()
    assert "1 / 3 (33%)" in page
    assert p.parent.full_name in page and p.parent_1b.full_name not in page


def test_reminders_go_out_only_to_parents_with_open_answers_with_working_links(client, p):
    for guardian in (p.parent, p.classmate_parent):
        guardian.email = f"{guardian.first_name.lower()}@thuis.example"
        guardian.save(update_fields=["email"])
    for each in Purpose.objects.filter(school=p.school):
        do_record_decision(p.classmate, each, "given", decided_by=p.classmate_parent,
                           how="paper_form")
    old_url = link_for(p.parent)
    sign_in(client, p.communicatie.user)

    response = client.post(f"/toestemming/groepen/{p.group_1a.pk}/ouders/sturen/")

    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["petra@thuis.example"]]
    link = re.search(r"https?://\S+/toestemming/ouder/\S+/", mail.outbox[0].body).group(0)
    assert link.startswith(settings.SITE_URL)
    opened = Client().get(link.removeprefix(settings.SITE_URL))
    assert opened.status_code == 200 and p.second_child.full_name in opened.content.decode()
    assert Client().get(old_url).status_code == 404


def test_a_parent_without_an_e_mail_address_is_counted_not_mailed(p):
    sent, without_address = do_send_guardian_links(p.group_1a, p.communicatie.user)
    assert (sent, without_address, len(mail.outbox)) == (0, 2, 0)


def test_the_letter_has_a_csp_safe_qr_code_of_a_fresh_link(client, p):
    old_url = link_for(p.parent)
    sign_in(client, p.schoolleider.user)
    assert client.get(f"/toestemming/ouders/{p.parent.pk}/brief/").status_code == 200

    response = client.post(f"/toestemming/ouders/{p.parent.pk}/brief/")

    body = response.content.decode()
    svg = body[body.index("<svg"):body.index("</svg>")]
    assert "style=" not in svg and "<script" not in svg
    assert response["Cache-Control"] == "no-store"
    url = re.search(r"<code>(\S+)</code>", body).group(1)
    assert Client().get(url.removeprefix(settings.SITE_URL)).status_code == 200
    assert Client().get(old_url).status_code == 404


def test_every_link_creation_use_and_decision_is_in_the_audit_log(p):
    url = link_for(p.parent)
    Client().get(url)
    Client().post(url, {field_name(p.student, purpose(p, "pers")): "refused"})
    actions = list(AuditEvent.objects.filter(school_id=p.school.pk)
                   .order_by("pk").values_list("action", flat=True))
    assert actions == ["guardian_link_made", "guardian_link_used", "consent_decided",
                       "guardian_page_submitted"]
    assert all(url.split("/")[-2] not in str(e.detail) for e in AuditEvent.objects.all())


def test_the_guardians_form_works_when_the_browser_hides_the_origin(p):
    # With "Referrer-Policy: no-referrer" browsers send "Origin: null" with the form.
    client = Client(enforce_csrf_checks=True)
    url = link_for(p.parent)
    client.get(url)
    response = client.post(url, {field_name(p.student, purpose(p, "pers")): "refused"},
                           HTTP_ORIGIN="null")
    assert response.status_code == 302
    assert Decision.objects.filter(student=p.student).count() == 1
