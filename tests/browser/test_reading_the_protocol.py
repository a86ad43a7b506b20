"""A visitor reads a school's protocol in the browser, on a desktop and on a phone."""

from __future__ import annotations

import pytest

from tests.browser.conftest import serious_accessibility_violations

pytestmark = pytest.mark.slow


def test_the_protocol_page_shows_every_article_and_finds_by_search(page, live_server, demo):
    page.goto(f"{live_server.url}/protocollen/willibrord-miland-2023/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("#artikel-A\\.12").is_visible()
    page.get_by_label("Zoeken in dit protocol").fill("vrienden")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_url("**?q=vrienden*")
    assert page.locator("#artikel-A\\.6").is_visible()
    assert page.locator("#artikel-A\\.1").count() == 0


def test_the_protocol_pages_have_no_serious_accessibility_violations(page, live_server, demo):
    for path in ("/", "/protocollen/", "/protocollen/praktijkonderwijs-roermond-2015/"):
        page.goto(live_server.url + path)
        assert serious_accessibility_violations(page) == [], path


def test_the_protocol_page_fits_a_phone_without_sideways_scrolling(phone, live_server, demo):
    phone.goto(f"{live_server.url}/protocollen/praktijkonderwijs-roermond-2015/")
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    assert serious_accessibility_violations(phone) == []


def test_the_accessibility_scan_does_catch_a_serious_violation(page):
    # Guards the guard: an unlabelled field and an image without alt text must be reported.
    page.set_content('<html lang="nl"><body><main><img src="x.png">'
                     '<input type="text"></main></body></html>')
    found = serious_accessibility_violations(page)
    assert any(item.startswith("image-alt") for item in found)
    assert any(item.startswith("label") for item in found)
