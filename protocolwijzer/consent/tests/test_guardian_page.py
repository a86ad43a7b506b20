"""The guardian's page (issue 5): a personal link, no account, only one's own children.
The link's token is exchanged for a session on first use (issue 10): the page itself is
at a token-less address."""

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


PAGE = "/toestemming/ouder/"


def link_for(guardian) -> str:
    _link, token = do_make_guardian_link(guardian, None)
    return f"/toestemming/ouder/{token}/"


def opened(url: str) -> Client:
    """A browser that opened the guardian's link: it now holds the guardian's session."""
    browser = Client()
    response = browser.get(url)
    assert (response.status_code, response["Location"]) == (302, PAGE)
    return browser


def main_of(response) -> str:
    body = response.content.decode()
    return body[body.index("<main"):body.index("</main>")]


def test_the_link_opens_without_an_account_and_shows_only_the_guardians_own_children(p):
    response = opened(link_for(p.parent)).get(PAGE)
    page = main_of(response)
    assert response.status_code == 200
    assert p.student.full_name in page and p.second_child.full_name in page
    assert p.classmate.first_name not in page and p.student_1b.first_name not in page
    assert page.count('type="radio"') == 2 * 2 * Purpose.objects.filter(
        school=p.school, is_active=True).count()
    assert p.school.consent_texts.first().body.split()[0] in page


def test_a_refusal_on_the_guardians_page_shows_on_the_class_list_at_once(client, p):
    social = purpose(p, "sociale-media")
    do_record_decision(p.student, social, "given", decided_by=p.parent, how="guardian_page")
    sign_in(client, p.teacher.user)
    before = client.get(f"/toestemming/groepen/{p.group_1a.pk}/").content.decode()

    browser = opened(link_for(p.parent))
    response = browser.post(PAGE, {field_name(p.student, social): "refused"})

    assert (response.status_code, response["Location"]) == (302, PAGE + "?opgeslagen=1")
    decision = Decision.objects.filter(student=p.student, purpose=social).first()
    assert (decision.choice, decision.how, decision.decided_by) == (
        "refused", "guardian_page", p.parent)
    after = client.get(f"/toestemming/groepen/{p.group_1a.pk}/").content.decode()
    assert before.count("consent--yes") == after.count("consent--yes") + 1
    confirmation = browser.get(response["Location"])
    assert 'id="opgeslagen"' in confirmation.content.decode()


def test_an_unchanged_answer_records_no_new_decision(p):
    website = purpose(p, "schoolwebsite")
    browser = opened(link_for(p.parent))
    browser.post(PAGE, {field_name(p.student, website): "given"})
    browser.post(PAGE, {field_name(p.student, website): "given"})
    assert Decision.objects.filter(student=p.student, purpose=website).count() == 1


def test_an_expired_revoked_or_unknown_link_gives_the_not_usable_page_with_the_school(p):
    # Issue 14: the page says how to reach the school for a new link; it names no person.
    p.school.phone, p.school.email = "0475-123456", "info@de-maas.example"
    p.school.save(update_fields=["phone", "email"])
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
    bodies = [main_of(r) for r in pages]
    assert len(set(bodies[:3])) == 1  # expired, revoked, replaced: the same school's page
    assert "Vraag De Maas om een nieuwe link" in bodies[0]
    assert 'href="tel:0475123456"' in bodies[0] and "info@de-maas.example" in bodies[0]
    # A token never issued names no school of its own: every school's public details.
    assert "Zo bereikt u de scholen" in bodies[3] and "De Wilgenhoek" in bodies[3]
    for body in bodies:
        for person in (p.classmate_parent, p.parent_1b, p.parent, p.student):
            assert person.last_name not in body
    posted = Client().post(expired_url, {field_name(p.classmate, purpose(p, "pers")): "given"})
    assert posted.status_code == 405  # the link only opens the page; the form posts there
    assert Client().get(PAGE).status_code == 404  # no session: the same page
    assert not Decision.objects.exists()


def test_a_session_stops_working_when_its_link_is_revoked_or_expires(p):
    browser = opened(link_for(p.parent))
    assert browser.get(PAGE).status_code == 200
    link_for(p.parent)  # the school makes a new link: the earlier one is revoked
    revoked = browser.post(PAGE, {field_name(p.student, purpose(p, "pers")): "given"})
    other = opened(link_for(p.classmate_parent))
    GuardianLink.objects.filter(guardian=p.classmate_parent).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1))
    expired = other.get(PAGE)

    assert revoked.status_code == expired.status_code == 404
    assert main_of(revoked) == main_of(expired)
    assert not Decision.objects.exists()


def test_a_guardian_cannot_decide_for_a_child_of_16_or_older(p):
    today = timezone.localdate()
    p.student.date_of_birth = today.replace(year=today.year - 17)
    p.student.save(update_fields=["date_of_birth"])
    browser = opened(link_for(p.parent))
    social = purpose(p, "sociale-media")

    page = main_of(browser.get(PAGE))
    response = browser.post(PAGE, {field_name(p.student, social): "given",
                                   field_name(p.second_child, social): "given"})

    assert 'class="decides-self"' in page
    assert f'name="{field_name(p.student, social)}"' not in page
    assert f'name="{field_name(p.second_child, social)}"' in page
    assert response.status_code == 302
    assert not Decision.objects.filter(student=p.student).exists()
    assert Decision.objects.filter(student=p.second_child).count() == 1


def test_the_guardians_pages_are_sent_with_no_referrer_and_no_store(p):
    browser = Client()
    with_token = [browser.get(link_for(p.parent)),
                  Client().get("/toestemming/ouder/onbekend-token/")]
    for response in with_token:
        assert response["Referrer-Policy"] == "no-referrer"
        assert "no-store" in response["Cache-Control"]
    for response in (browser.get(PAGE), browser.post(PAGE, {})):
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
    page = opened(link.removeprefix(settings.SITE_URL)).get(PAGE)
    assert page.status_code == 200 and p.second_child.full_name in page.content.decode()
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
    assert opened(url.removeprefix(settings.SITE_URL)).get(PAGE).status_code == 200
    assert Client().get(old_url).status_code == 404


def test_every_link_creation_use_and_decision_is_in_the_audit_log(p):
    url = link_for(p.parent)
    opened(url).post(PAGE, {field_name(p.student, purpose(p, "pers")): "refused"})
    actions = list(AuditEvent.objects.filter(school_id=p.school.pk)
                   .order_by("pk").values_list("action", flat=True))
    assert actions == ["guardian_link_made", "guardian_link_used", "consent_decided",
                       "guardian_page_submitted"]
    assert all(url.split("/")[-2] not in str(e.detail) for e in AuditEvent.objects.all())


def test_the_guardians_form_is_protected_against_cross_site_posts(p):
    # Without the token in the address, the session cookie authorises the form: Django's
    # CSRF check applies like on every other form.
    browser = Client(enforce_csrf_checks=True)
    browser.get(link_for(p.parent))
    page = browser.get(PAGE).content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    field = field_name(p.student, purpose(p, "pers"))

    forged = browser.post(PAGE, {field: "given"})
    response = browser.post(PAGE, {field: "refused", "csrfmiddlewaretoken": csrf})

    assert forged.status_code == 403
    assert response.status_code == 302
    assert list(Decision.objects.values_list("choice", flat=True)) == ["refused"]


def test_opening_the_link_exchanges_the_token_for_a_session_and_drops_it_from_the_address(p):
    url = link_for(p.parent)
    token = url.split("/")[-2]
    browser = Client()

    response = browser.get(url)

    assert response.status_code == 302
    assert response["Location"] == PAGE and token not in response["Location"]
    page = browser.get(PAGE)
    assert page.status_code == 200 and p.student.full_name in page.content.decode()
    assert token not in page.content.decode()
    saved = browser.post(PAGE, {field_name(p.student, purpose(p, "pers")): "given"})
    assert token not in saved["Location"]
    # The same link, opened again (a reload, a second device), still works while valid.
    assert opened(url).get(PAGE).status_code == 200


def test_a_guardian_who_has_not_chosen_reads_it_in_one_way_for_every_purpose(p):
    # A co-guardian's yes and the school's rule for silence both read as "you have not
    # chosen yet", followed by what the school does; never the old "Nu:" of the state.
    co_guardian = Person.objects.create(school=p.school, first_name="Sanne",
                                        last_name="Bakker", role=Person.Role.OUDER)
    co_guardian.children.add(p.student)
    do_record_decision(p.student, purpose(p, "pers"), "refused", decided_by=co_guardian,
                       how="guardian_page")

    page = opened(link_for(p.parent)).get(PAGE).content.decode()

    assert "Nu:" not in page
    assert "U heeft nog niet gekozen. Zonder antwoord mag de school foto&#x27;s gebruiken." in page
    assert ("U heeft nog niet gekozen. De school gebruikt de foto&#x27;s pas als iedereen die "
            "hierover beslist ja heeft gezegd.") in page
