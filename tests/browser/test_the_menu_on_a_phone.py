"""On a phone a long menu (staff have up to 16 items) folds behind "Menu", so a page starts
with its content; one tap opens it. A pupil's short menu stays open. On a desktop the
whole menu shows, without a "Menu" button."""

from __future__ import annotations

import pytest

from protocolwijzer.schools.models import Person
from tests.browser.conftest import serious_accessibility_violations, shot, sign_in_to_demo

pytestmark = pytest.mark.slow


def person(role: str) -> Person:
    return (Person.objects.filter(role=role, user__isnull=False, is_active=True)
            .select_related("user").order_by("pk").first())


def test_a_schoolleider_s_long_menu_folds_on_a_phone_and_opens_with_one_tap(
        phone, live_server, demo):
    sign_in_to_demo(phone, live_server.url, person(Person.Role.SCHOOLLEIDING))
    nav = phone.get_by_role("navigation", name="Hoofdmenu")
    versions = nav.get_by_role("link", name="Protocolversies", exact=True)

    assert not versions.is_visible()
    assert phone.get_by_role("heading", level=1).bounding_box()["y"] < 200
    shot(phone, "menu-phone-1-folded", full=False)

    nav.get_by_text("Menu", exact=True).click()
    assert versions.is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert serious_accessibility_violations(phone) == []
    shot(phone, "menu-phone-2-open", full=False)
    versions.click()
    phone.wait_for_url("**/protocol/versies/")


def test_a_pupil_s_short_menu_is_not_folded(phone, live_server, demo):
    sign_in_to_demo(phone, live_server.url, person(Person.Role.LEERLING))
    nav = phone.get_by_role("navigation", name="Hoofdmenu")

    assert nav.locator("summary").count() == 0
    assert nav.get_by_role("link", name="Protocol", exact=True).is_visible()


def test_on_a_desktop_the_whole_menu_shows_without_a_menu_button(page, live_server, demo):
    sign_in_to_demo(page, live_server.url, person(Person.Role.SCHOOLLEIDING))
    nav = page.get_by_role("navigation", name="Hoofdmenu")

    assert nav.get_by_role("link", name="Protocolversies", exact=True).is_visible()
    assert not nav.get_by_text("Menu", exact=True).is_visible()
