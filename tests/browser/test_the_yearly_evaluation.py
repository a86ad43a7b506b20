"""The yearly evaluation in a real browser (issue 16): an MR member of the demo school goes
from the figures to last school year's evaluation on a phone and on a desktop, sees the
charts and "<5" where counts are small, and the page reads without sideways scrolling or
an accessibility violation. PW_SCREENSHOTS=DIR keeps a picture of each."""

from __future__ import annotations

import pytest

from protocolwijzer.schools.demo import DEMO_PASSWORD
from protocolwijzer.schools.models import Person
from tests.browser.conftest import serious_accessibility_violations, shot

pytestmark = pytest.mark.slow

SCHOOL = "praktijkschool-de-maas"


def the_walk(page, base: str, name: str) -> None:
    member = Person.objects.select_related("user").filter(
        school__slug=SCHOOL, role=Person.Role.MR_LID).order_by("pk").first()
    page.goto(f"{base}/inloggen/")
    page.get_by_label("E-mailadres").fill(member.user.email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/school/")
    page.get_by_role("link", name="Cijfers").first.click()
    page.get_by_role("link", name="Jaarevaluatie van het protocol: grafieken, PDF en CSV").click()
    page.wait_for_url("**/evaluatie/")

    assert page.get_by_role("heading", level=1).inner_text().startswith("Jaarevaluatie 20")
    assert page.locator(".evaluation-chart svg").count() >= 5
    assert page.get_by_role("heading", name="Weghaaltaken na een intrekking").is_visible()
    assert page.get_by_text("<5").first.is_visible()
    assert page.get_by_role("link", name="Downloaden als pdf").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert serious_accessibility_violations(page) == []
    shot(page, name)


def test_an_mr_member_reads_last_years_evaluation_on_a_phone(phone, live_server, demo):
    the_walk(phone, live_server.url, "evaluation-phone")


def test_an_mr_member_reads_last_years_evaluation_on_a_desktop(page, live_server, demo):
    the_walk(page, live_server.url, "evaluation-desktop")
