"""The teacher on a trip (issue 14): from sign-in, two taps to the list of who may not be
in the photo, on a phone, with every name in view and no accessibility violation; the list
still opens without internet; the full grid on a desktop keeps the names in view while it
scrolls."""

from __future__ import annotations

import pytest

from protocolwijzer.consent.actions import do_record_decision, do_set_up_consent
from protocolwijzer.consent.models import Purpose
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.tests.personas import PASSWORD, make_personas
from tests.browser.conftest import accessibility_violations, shot, sign_out

pytestmark = pytest.mark.slow

# Screenshots for a person to look at (PW_SCREENSHOTS=/some/dir); none by default.


def a_class(p) -> list[Person]:
    """1A with twenty pupils, three of whom may not be on social media."""
    social = Purpose.objects.get(school=p.school, code="sociale-media")
    pupils = [p.student, p.classmate]
    for number in range(18):
        pupils.append(Person.objects.create(
            school=p.school, first_name=f"Leerling{number:02d}",
            last_name="Met-Een-Lange-Achternaam", role=Person.Role.LEERLING,
            group=p.group_1a))
    for pupil in pupils[1:]:
        parent = Person.objects.create(school=p.school, first_name="Ouder",
                                       last_name=pupil.last_name, role=Person.Role.OUDER)
        parent.children.add(pupil)
        do_record_decision(pupil, social, "given", decided_by=parent, how="guardian_page")
    do_record_decision(p.student, social, "refused", decided_by=p.parent, how="guardian_page")
    return pupils


def sign_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/school/")


def in_view(page, locator) -> bool:
    box = locator.bounding_box()
    width = page.viewport_size["width"]
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width


def test_two_taps_from_sign_in_to_who_may_not_be_in_the_photo_on_a_phone(
        phone, live_server, transactional_db):
    p = make_personas()
    do_set_up_consent(p.school)
    a_class(p)
    without_answer = Person.objects.create(school=p.school, first_name="Zoë",
                                           last_name="Zonder-Antwoord",
                                           role=Person.Role.LEERLING, group=p.group_1a)
    base = live_server.url

    sign_in(phone, base, p.teacher.user.email)
    shot(phone, "phone-1-start")
    assert accessibility_violations(phone) == []
    phone.get_by_role("link", name="Niet op de foto").first.click()  # tap 1
    shot(phone, "phone-2-groups")
    assert accessibility_violations(phone) == []
    phone.get_by_role("link", name="1A", exact=True).click()  # tap 2

    phone.wait_for_url("**/niet-op-de-foto/groepen/**")
    shot(phone, "phone-3-list")
    names = phone.locator(".trip-name__name")
    assert names.all_inner_texts() == ["Sem Bakker", "Zoë Zonder-Antwoord"]
    for index in range(names.count()):
        assert names.nth(index).is_visible() and in_view(phone, names.nth(index))
    assert phone.get_by_text("19 leerlingen mogen op de foto.").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert accessibility_violations(phone) == []
    assert without_answer.full_name in phone.locator(".trip-names").inner_text()

    # Another channel is one more tap; the website is opt-in here too.
    phone.get_by_role("link", name="Schoolwebsite").click()
    phone.wait_for_url("**kanaal=schoolwebsite**")
    assert len(phone.locator(".trip-name__name").all_inner_texts()) == 21
    assert accessibility_violations(phone) == []


def test_an_opened_list_still_opens_without_internet(phone, live_server, transactional_db):
    p = make_personas()
    do_set_up_consent(p.school)
    a_class(p)
    base = live_server.url
    sign_in(phone, base, p.teacher.user.email)
    url = f"{base}/toestemming/niet-op-de-foto/groepen/{p.group_1a.pk}/?kanaal=sociale-media"
    phone.goto(url)
    phone.evaluate("navigator.serviceWorker.ready.then(() => true)")
    phone.reload()  # now through the worker, which keeps a copy
    phone.wait_for_function(
        "url => caches.open('pw-niet-op-de-foto-1').then(c => c.match(url)).then(Boolean)",
        arg=url)

    phone.context.set_offline(True)
    phone.reload()

    shot(phone, "phone-4-offline")
    assert phone.locator("#offline-notice").is_visible()
    assert phone.locator(".trip-name__name").all_inner_texts() == ["Sem Bakker"]
    assert phone.get_by_text("Opgehaald op").is_visible()
    assert accessibility_violations(phone) == []

    # A list never opened has no copy: the phone says so instead of an error.
    phone.goto(f"{base}/toestemming/niet-op-de-foto/groepen/{p.group_1b.pk}/")
    assert phone.get_by_role("heading", name="Geen internet").is_visible()

    # Signing out removes the copy.
    phone.context.set_offline(False)
    phone.goto(f"{base}/school/")
    sign_out(phone)
    assert not phone.evaluate("caches.keys().then(k => k.length)")


def test_the_full_grid_fits_a_desktop_and_keeps_the_names_in_view_on_a_phone(
        page, phone, live_server, transactional_db):
    p = make_personas()
    do_set_up_consent(p.school)
    a_class(p)
    base = live_server.url
    grid = f"{base}/toestemming/groepen/{p.group_1a.pk}/"

    # A 1280 px screen shows every purpose's column without scrolling.
    sign_in(page, base, p.teacher.user.email)
    page.goto(grid)
    shot(page, "desktop-1-grid")
    region = page.locator(".table-scroll")
    region_box = region.bounding_box()
    last = page.locator("thead th").last.bounding_box()
    assert last["x"] + last["width"] <= region_box["x"] + region_box["width"] + 1
    assert region.evaluate("r => r.scrollWidth <= r.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert accessibility_violations(page) == []

    # A phone scrolls the grid sideways, and the name column stays where it is.
    sign_in(phone, base, p.teacher.user.email)
    phone.goto(grid)
    region = phone.locator(".table-scroll")
    region.evaluate("r => { r.scrollLeft = r.scrollWidth; }")
    shot(phone, "phone-5-grid-scrolled")
    name = phone.locator("tbody th", has_text="Sem Bakker")
    assert region.evaluate("r => r.scrollLeft") > 0
    assert name.bounding_box()["x"] >= region.bounding_box()["x"] - 1
    assert in_view(phone, name)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert accessibility_violations(phone) == []
