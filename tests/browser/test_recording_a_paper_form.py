"""The schoolleider records a parent's paper form (issue 10, point 2) by clicking, never by
typing an address: from the school to the class, its consent list, the student's page and
the form; the history then says who recorded it on whose behalf, and the class list
follows. On a phone and on a desktop, with an accessibility scan of every page."""

from __future__ import annotations

import re

import pytest
from django.utils import formats, timezone

from protocolwijzer.consent.models import Decision
from protocolwijzer.schools.models import Person
from tests.browser.conftest import fits_the_screen, serious_accessibility_violations
from tests.browser.test_readme_walkthrough import schoolleider_email, sign_in

pytestmark = pytest.mark.slow

SCHOOL = "praktijkschool-de-maas"
GROUP = "Klas 1A"


def walk_to_a_paper_form(page, base_url: str) -> None:
    student = (Person.objects.filter(school__slug=SCHOOL, group__name=GROUP,
                                     role=Person.Role.LEERLING)
               .order_by("last_name", "first_name").first())
    guardian = student.guardians.order_by("last_name", "first_name").first()
    leader = Person.objects.get(school__slug=SCHOOL, role=Person.Role.SCHOOLLEIDING)
    sign_in(page, base_url, schoolleider_email(SCHOOL))

    page.goto(f"{base_url}/school/")
    page.get_by_role("link", name=GROUP, exact=True).click()
    page.get_by_role("link", name="Wie mag op de foto (toestemmingslijst)").click()
    page.wait_for_url("**/toestemming/groepen/*/")
    assert page.get_by_role("heading", level=1).inner_text() == f"Wie mag op de foto: {GROUP}"
    assert serious_accessibility_violations(page) == []
    assert fits_the_screen(page)  # the table scrolls inside its own region

    page.get_by_role("link", name=student.full_name).click()
    page.wait_for_url(f"**/toestemming/leerlingen/{student.pk}/")
    assert page.get_by_text("Er zijn nog geen keuzes voor deze leerling.").is_visible()
    assert serious_accessibility_violations(page) == []

    page.get_by_role("link", name="Papieren formulier vastleggen").click()
    page.wait_for_url("**/papieren-formulier/")
    assert serious_accessibility_violations(page) == []
    # Saving without the form's date names the field and the problem.
    page.get_by_role("button", name="Papieren formulier opslaan").click()
    assert page.get_by_text("Vul de datum op het formulier in.").is_visible()
    assert not Decision.objects.filter(student=student).exists()

    page.get_by_label("Ondertekend door").select_option(label=guardian.full_name)
    today = timezone.localdate()
    page.get_by_label("Datum op het formulier").fill(today.isoformat())
    social = page.get_by_role("group", name="Sociale media van de school")
    social.get_by_label("nee", exact=True).check()
    website = page.get_by_role("group", name="Schoolwebsite")
    website.get_by_label("ja", exact=True).check()
    # Big enough to tap: the whole answer is the target, not only the small circle.
    assert social.locator("label.choice").first.bounding_box()["height"] >= 44
    assert serious_accessibility_violations(page) == []
    assert fits_the_screen(page)
    page.get_by_role("button", name="Papieren formulier opslaan").click()

    page.wait_for_url(f"**/toestemming/leerlingen/{student.pk}/")
    assert page.get_by_text("2 keuzes van het papieren formulier zijn opgeslagen.").is_visible()
    history = page.locator(".consent-history")
    form_date = formats.date_format(today, "j F Y")
    line = (f"vastgelegd door {leader.full_name} namens {guardian.full_name}, "
            f"formulier van {form_date}")
    assert history.locator("li").count() == 2
    for item in history.locator("li").all():
        assert line in item.inner_text()
        assert item.is_visible()
    assert re.search(r"Sociale media van de school: nee", history.inner_text())
    assert serious_accessibility_violations(page) == []
    assert fits_the_screen(page)
    assert set(Decision.objects.filter(student=student).values_list(
        "purpose__code", "choice", "how", "decided_by", "recorded_by", "form_dated")) == {
        ("sociale-media", "refused", "paper_form", guardian.pk, leader.user_id, today),
        ("schoolwebsite", "given", "paper_form", guardian.pk, leader.user_id, today)}

    # Back to the class list by the link above the name: the answer counts at once.
    page.get_by_role("link", name=GROUP, exact=True).click()
    page.wait_for_url("**/toestemming/groepen/*/")
    row = page.locator("tbody tr").filter(has=page.locator("th", has_text=student.full_name))
    headers = [h.inner_text() for h in page.locator("thead th").all()]
    social_cell = row.locator("td").nth(headers.index("Sociale media van de school") - 1)
    assert "consent--no" in social_cell.get_attribute("class")
    assert "geen antwoord" not in social_cell.inner_text()


def test_a_schoolleider_records_a_paper_form_on_a_desktop(page, live_server, demo):
    walk_to_a_paper_form(page, live_server.url)


def test_a_schoolleider_records_a_paper_form_on_a_phone(phone, live_server, demo):
    walk_to_a_paper_form(phone, live_server.url)
