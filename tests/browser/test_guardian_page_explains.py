"""A parent on a phone (issue 14): the page explains each purpose with an example, who
decides from 16 and what a withdrawal does; it switches to English; a link that no longer
works says how to reach the school."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from protocolwijzer.consent.actions import do_set_up_consent
from protocolwijzer.consent.guardian import do_make_guardian_link
from protocolwijzer.consent.models import GuardianLink
from protocolwijzer.schools.tests.personas import make_personas
from tests.browser.conftest import accessibility_violations, shot

pytestmark = pytest.mark.slow


def test_a_parent_reads_what_each_purpose_means_and_switches_to_english(
        phone, live_server, transactional_db):
    p = make_personas()
    do_set_up_consent(p.school)
    _link, token = do_make_guardian_link(p.parent, None)

    phone.goto(f"{live_server.url}/toestemming/ouder/{token}/")

    shot(phone, "guardian-1-nl")
    pers = phone.get_by_role("group", name="Pers")
    assert pers.get_by_text("Bijvoorbeeld:").is_visible()
    assert phone.get_by_role("heading", name="Goed om te weten").is_visible()
    assert phone.get_by_text("haalt de school weg binnen 5 werkdagen").is_visible()
    assert accessibility_violations(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    phone.get_by_role("button", name="English").click()  # at the top, in its own language
    phone.wait_for_load_state()

    shot(phone, "guardian-2-en")
    assert phone.locator("html").get_attribute("lang") == "en"
    assert phone.get_by_role("group", name="Press").is_visible()
    assert phone.get_by_text("From 16, your child decides.").is_visible()
    assert accessibility_violations(phone) == []


def test_a_link_that_no_longer_works_says_how_to_reach_the_school(
        phone, live_server, transactional_db):
    p = make_personas()
    p.school.phone, p.school.email = "0475-123456", "info@de-maas.example"
    p.school.save(update_fields=["phone", "email"])
    _link, token = do_make_guardian_link(p.parent, None)
    GuardianLink.objects.update(expires_at=timezone.now() - datetime.timedelta(days=1))

    phone.goto(f"{live_server.url}/toestemming/ouder/{token}/")

    shot(phone, "guardian-3-expired")
    assert phone.get_by_role("heading", name="Vraag De Maas om een nieuwe link").is_visible()
    assert phone.get_by_role("link", name="0475-123456").get_attribute("href") == \
        "tel:0475123456"
    assert accessibility_violations(phone) == []
    phone.get_by_role("button", name="English").click()
    phone.wait_for_load_state()
    assert phone.get_by_role("heading", name="Ask De Maas for a new link").is_visible()
    assert phone.get_by_role("button", name="Nederlands").is_visible()
