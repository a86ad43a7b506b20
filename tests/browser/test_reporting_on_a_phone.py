"""Melden on a phone (issue 15): an outsider's browser computes the public form's proof of
work and sends the report; a pupil reports anonymously and gets the codes to follow it.
Both pages fit a phone's width and have no accessibility violations."""

from __future__ import annotations

import pytest

from protocolwijzer.incidents.models import Report
from protocolwijzer.schools.tests.personas import PASSWORD, make_personas
from tests.browser.conftest import accessibility_violations, shot

pytestmark = pytest.mark.slow


def test_an_outsider_reports_through_the_public_form(phone, live_server, transactional_db):
    p = make_personas()

    phone.goto(f"{live_server.url}/melden/publiek/{p.school.slug}/")

    send = phone.get_by_role("button", name="Stuur de melding")
    assert send.is_disabled()  # until the script has done its work and the minimum time
    assert accessibility_violations(phone) == []
    phone.get_by_label("Wat is er gebeurd?").fill(
        "Op Instagram staat een nepaccount met foto's van een leerling.")
    phone.get_by_label("Waar gebeurde het?").select_option("instagram")
    phone.get_by_text("Het formulier is klaar om te sturen.").wait_for(timeout=20_000)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "report-public-1")
    send.click()

    phone.get_by_role("heading", name="Dank je. Je melding is verstuurd.").wait_for()
    report = Report.objects.get()
    assert report.channel == Report.Channel.PUBLIC and report.reporter is None
    assert phone.get_by_text(report.reference).is_visible()
    shot(phone, "report-public-2")


def test_a_pupil_reports_anonymously_on_a_phone(phone, live_server, transactional_db):
    p = make_personas()
    phone.goto(f"{live_server.url}/inloggen/")
    phone.get_by_label("E-mailadres").fill(p.user("student").email)
    phone.get_by_label("Wachtwoord").fill(PASSWORD)
    phone.get_by_role("button", name="Inloggen").click()
    phone.wait_for_load_state()

    phone.goto(f"{live_server.url}/melden/anoniem/")
    assert phone.get_by_label("Anoniem melden").is_checked()
    assert accessibility_violations(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.get_by_label("Wat is er gebeurd?").fill("Ik word elke dag uitgescholden in de app.")
    phone.get_by_role("button", name="Stuur de melding").click()

    phone.get_by_role("heading", name="Bewaar deze twee codes").wait_for()
    report = Report.objects.get()
    assert report.reporter is None and report.to_aanspreekpunt
    assert phone.get_by_text(report.reference).is_visible()
    shot(phone, "report-anonymous")


def test_a_mentor_in_doubt_asks_from_the_verdict_in_one_click(page, live_server,
                                                               transactional_db):
    from protocolwijzer.incidents.models import Question
    from protocolwijzer.protocols.actions import do_load_builtin_protocols
    from protocolwijzer.schools.models import School

    p = make_personas()
    versions = {v.protocol_id: v for v in do_load_builtin_protocols()}
    School.objects.filter(pk=p.school.pk).update(protocol=versions["willibrord-miland-2023"])
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("E-mailadres").fill(p.user("mentor").email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()

    page.goto(f"{live_server.url}/check/")
    page.locator('input[name="action"][value="use_social_media"]').check()
    page.locator('input[name="context"][value="lesson"]').check()
    page.locator('input[name="school_related"][value="yes"]').check()
    page.locator('textarea[name="text"]').fill("Kijk eens wat 1A vandaag deed!")
    page.locator('button[name="do"][value="check"]:not(.visually-hidden)').click()
    page.get_by_role("button", name="Ik twijfel — vraag het mijn leidinggevende").click()

    page.get_by_role("heading", name="Twijfel: een vraag om advies").wait_for()
    question = Question.objects.get()
    assert question.to == p.schoolleider and question.article == "B.4"
    assert page.get_by_text("Kijk eens wat 1A vandaag deed!").is_visible()
