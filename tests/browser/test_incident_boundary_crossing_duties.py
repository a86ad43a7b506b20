"""Must-show 2 of issue 15, clicked through at Willibrord-Miland: a staff member's
boundary-crossing messages to a pupil, triaged by the school's management, show the duty
to call the vertrouwensinspecteur (sancties.2, with the number from the protocol file)
and the meldplicht; closing the case is refused while either is open; once one is recorded
as done and the other waived with a reason, the case closes. On a desktop and a phone.

Set PW_SCREENSHOTS=/some/dir to keep a screenshot of every step."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from protocolwijzer.incidents.models import Case, Duty, Report
from protocolwijzer.incidents.reporting import do_report
from protocolwijzer.protocols.actions import do_load_builtin_protocols
from protocolwijzer.schools.models import School
from protocolwijzer.schools.tests.personas import (
    PASSWORD,
    current_code,
    make_personas,
    totp_device,
)
from tests.browser.conftest import fits_the_screen, serious_accessibility_violations, shot

pytestmark = pytest.mark.slow

WILLIBRORD = "willibrord-miland-2023"
MESSAGES = ("je zag er echt mooi uit vandaag. zullen we een keer afspreken, alleen wij "
            "tweeën? zeg maar niks tegen je ouders")


def sign_in_with_code(page: Any, base: str, user: Any) -> None:
    """Schoolleiding signs in with a password and the code of their authenticator."""
    device = totp_device(user)
    page.goto(f"{base}/inloggen/")
    page.get_by_label("E-mailadres").fill(user.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/inloggen/2fa/**")
    page.locator("input[name=code]").fill(current_code(device))
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url("**/school/")


def error_shown(page: Any) -> str:
    return " ".join(page.locator(".message--error").all_inner_texts())


@pytest.mark.parametrize("device", ["page", "phone"])
def test_open_duties_keep_a_boundary_crossing_case_open_until_done_or_waived(
        device, request, live_server, transactional_db):
    browser_page = request.getfixturevalue(device)
    name = f"incident2-{device}"
    p = make_personas()
    versions = {v.protocol_id: v for v in do_load_builtin_protocols()}
    School.objects.filter(pk=p.school.pk).update(protocol=versions[WILLIBRORD])
    p.school.refresh_from_db()
    # Sem's mother reports the messages her son got from a teacher.
    report, _secret = do_report(
        p.school, by=p.parent, channel=Report.Channel.ACCOUNT, platform="instagram",
        description=f"Meneer Docent stuurt Sem privéberichten op Instagram: “{MESSAGES}”",
        happened_on=timezone.localdate(), involved=[p.student])
    case = Case.objects.get(reports=report)
    base = live_server.url
    case_url = f"{base}/meldingen/{case.pk}/"
    today = timezone.localdate().isoformat()

    sign_in_with_code(browser_page, base, p.schoolleider.user)
    browser_page.goto(f"{base}/meldingen/overzicht/")
    browser_page.locator(f"a[href='/meldingen/{case.pk}/']").first.click()
    browser_page.wait_for_url(f"**/meldingen/{case.pk}/")
    for person, part in ((p.teacher, "subject"), (p.student, "target")):
        browser_page.locator("select[name=person]").select_option(str(person.pk))
        browser_page.locator(f"input[name=part][value={part}]").check()
        browser_page.locator(f"form[action='/meldingen/{case.pk}/koppelen/'] button").click()
        browser_page.wait_for_url(f"**/meldingen/{case.pk}/**")

    browser_page.goto(f"{case_url}triage/")
    browser_page.locator("input[name=actor_role][value=staff]").check()
    browser_page.locator("input[name=action][value=contact]").check()
    browser_page.locator("input[name=context][value=off_duty]").check()
    browser_page.locator("input[name=school_related][value=yes]").check()
    browser_page.locator("select[name=channel]").select_option("instagram")
    browser_page.locator("select[name=account]").select_option("personal")
    browser_page.locator("select[name=target_role]").select_option("student")
    browser_page.locator("textarea[name=text]").fill(MESSAGES)
    browser_page.locator("select[name=severity]").select_option("grensoverschrijdend")
    shot(browser_page, f"{name}-1-triage")
    browser_page.locator("form.triage-form button[type=submit]").click()
    browser_page.wait_for_url(f"**/meldingen/{case.pk}/**")

    # The two duties, with the article and the number from the protocol file.
    duties = {d.kind: d for d in Case.objects.get(pk=case.pk).duties.all()}
    inspecteur = duties[Duty.Kind.VERTROUWENSINSPECTEUR]
    meldplicht = duties[Duty.Kind.MELDPLICHT]
    cards = browser_page.locator("#plichten .case-duty")
    assert cards.count() == 2
    first = cards.filter(has_text="sancties.2")
    assert "vertrouwensinspecteur" in first.inner_text().lower()
    assert first.locator("a[href='tel:0900-1113111']").is_visible()
    assert "meldplicht" in cards.filter(has_text="sancties.6").inner_text().lower()
    browser_page.locator("#plichten").scroll_into_view_if_needed()
    shot(browser_page, f"{name}-2-duties")
    assert fits_the_screen(browser_page)
    assert serious_accessibility_violations(browser_page) == []

    def try_to_close() -> None:
        browser_page.locator(f"form[action='/meldingen/{case.pk}/sluiten/'] textarea").fill(
            "Afgehandeld met de medewerker en de ouders.")
        browser_page.locator(f"form[action='/meldingen/{case.pk}/sluiten/'] button").click()
        browser_page.wait_for_url(f"**/meldingen/{case.pk}/**")

    # Closing is refused while both are open, and names them.
    try_to_close()
    assert "sancties.2" in error_shown(browser_page)
    assert "sancties.6" in error_shown(browser_page)
    assert Case.objects.get(pk=case.pk).status != Case.Status.CLOSED
    shot(browser_page, f"{name}-3-refused")

    # The call is recorded as done, with its date and a reference.
    done = browser_page.locator(f"#plichten form:has(input[name=duty][value='{inspecteur.pk}'])"
                                ":has(input[name=action][value=done])")
    done.locator(f"input[name='d{inspecteur.pk}-done_on']").fill(today)
    done.locator(f"input[name='d{inspecteur.pk}-reference']").fill("Gesprek 10.15 uur, VI-118")
    done.locator("button").click()
    browser_page.wait_for_url(f"**/meldingen/{case.pk}/**")
    assert Duty.objects.get(pk=inspecteur.pk).status == Duty.Status.DONE

    # Still refused: the meldplicht is open.
    try_to_close()
    assert "sancties.6" in error_shown(browser_page)
    assert "sancties.2" not in error_shown(browser_page)
    assert Case.objects.get(pk=case.pk).status != Case.Status.CLOSED

    # Waiving needs a reason; with one, schoolleiding waives it.
    waive = browser_page.locator(f"#plichten form:has(input[name=duty][value='{meldplicht.pk}'])"
                                 ":has(input[name=action][value=waive])")
    waive.locator("button").click()
    browser_page.wait_for_url(f"**/meldingen/{case.pk}/**")
    assert Duty.objects.get(pk=meldplicht.pk).status == Duty.Status.OPEN
    waive = browser_page.locator(f"#plichten form:has(input[name=duty][value='{meldplicht.pk}'])"
                                 ":has(input[name=action][value=waive])")
    waive.locator(f"textarea[name='w{meldplicht.pk}-reason']").fill(
        "De vertrouwensinspecteur zag geen redelijk vermoeden van een zedendelict; het "
        "bestuur is ingelicht.")
    waive.locator("button").click()
    browser_page.wait_for_url(f"**/meldingen/{case.pk}/**")
    assert Duty.objects.get(pk=meldplicht.pk).status == Duty.Status.WAIVED
    shot(browser_page, f"{name}-4-duties-recorded")

    try_to_close()
    assert error_shown(browser_page) == ""
    closed = Case.objects.get(pk=case.pk)
    assert closed.status == Case.Status.CLOSED
    assert not browser_page.locator(f"form[action='/meldingen/{case.pk}/sluiten/']").count()
    shot(browser_page, f"{name}-5-closed")
