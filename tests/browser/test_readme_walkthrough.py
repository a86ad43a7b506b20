"""The README's walkthrough in a real browser: sign in as the demo schoolleider (with the
demo authenticator code), read the protocol, check a post with a photo, see the verdict —
on a desktop and on a phone, with an accessibility scan of every page on the way."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from django_otp.oath import totp

from protocolwijzer.schools.demo import DEMO_PASSWORD, DEMO_TOTP_KEY_HEX
from protocolwijzer.schools.models import Person
from tests.browser.conftest import serious_accessibility_violations

pytestmark = pytest.mark.slow


def schoolleider_email(school_slug: str) -> str:
    person = Person.objects.select_related("user").get(
        school__slug=school_slug, role=Person.Role.SCHOOLLEIDING)
    return person.user.email


def sign_in(page, base_url: str, email: str) -> None:
    page.goto(f"{base_url}/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    # The schoolleiding must confirm a second step: the demo authenticator's code.
    page.wait_for_url("**/inloggen/2fa/**")
    assert serious_accessibility_violations(page) == []
    page.locator("input[name=code]").fill(f"{totp(bytes.fromhex(DEMO_TOTP_KEY_HEX)):06d}")
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_load_state()
    assert "/inloggen" not in page.url


def photo_file(tmp_path: Path) -> Path:
    """A group photo without real children (the core's synthetic face set)."""
    from protocolwijzer.checks.tests.photos import make_group_photo

    path = tmp_path / "musical.jpg"
    path.write_bytes(make_group_photo(seed=3, faces=3).jpeg)
    return path


def walk_through(page, base_url: str, tmp_path: Path) -> None:
    sign_in(page, base_url, schoolleider_email("basisschool-de-wilgenhoek"))

    page.goto(f"{base_url}/protocol/")
    assert page.get_by_text("Wat betekent dit protocol voor mij?").first.is_visible()
    assert page.get_by_text("A.12").first.is_visible()
    assert serious_accessibility_violations(page) == []

    page.goto(f"{base_url}/check/")
    assert serious_accessibility_violations(page) == []
    page.get_by_label("Iets plaatsen of posten").check()
    page.get_by_label("Op het werk, buiten de lessen").check()
    page.locator("input[name=school_related][value=yes]").check()
    page.get_by_label("Waar?").select_option("instagram")
    page.get_by_label("Het account van de school").check()
    page.get_by_label("Je tekst").fill("Wat een mooie musical van groep 8!")
    page.locator("input[name=foto-0-photo]").set_input_files(str(photo_file(tmp_path)))
    page.get_by_role("button", name="Check", exact=True).click()
    page.wait_for_load_state()
    # The faces are boxed; say who one of them is, leave the others open.
    assert page.locator("[data-faces] [data-face]").count() == 3
    page.locator("select[name=foto-0-face_1]").select_option(label="Niet van onze school")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("button", name="Check", exact=True).click()
    page.wait_for_load_state()

    verdict = page.locator("#uitslag")
    assert "Niet toegestaan" in verdict.locator("h2").inner_text()
    assert "A.5" in verdict.inner_text()
    assert "Vraag eerst toestemming" in verdict.inner_text()
    assert serious_accessibility_violations(page) == []
    if os.environ.get("PW_SCREENSHOT_DIR"):  # for a person to look at the result
        width = page.viewport_size["width"]
        verdict.screenshot(path=f"{os.environ['PW_SCREENSHOT_DIR']}/verdict-{width}.png")


def test_a_schoolleider_follows_the_readme_on_a_desktop(page, live_server, demo, tmp_path):
    walk_through(page, live_server.url, tmp_path)


def test_a_schoolleider_follows_the_readme_on_a_phone(phone, live_server, demo, tmp_path):
    walk_through(phone, live_server.url, tmp_path)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
