"""Issue 15, must show 4 (the reporter's side): a reporter sees the status of their own
report, by account or by reference and secret, and nothing of the case (who handles it,
who is involved, what was decided); nobody sees another person's report this way."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client
from django.urls import reverse

from protocolwijzer.consent.guardian import do_make_guardian_link
from protocolwijzer.incidents.actions import do_close_case, do_link_person
from protocolwijzer.incidents.models import Report
from protocolwijzer.incidents.reporting import do_report
from protocolwijzer.incidents.tests.reporting_fixtures import media, p, screenshot
from protocolwijzer.schools.tests.personas import Personas, sign_in

__all__ = ["media", "p"]

SECRET_CODE = re.compile(r"<code>([^<]+)</code>")
STATUS = reverse("incidents:report_status")


def signed_in(p: Personas, name: str) -> Client:
    browser = Client()
    sign_in(browser, p.user(name))
    return browser


def test_a_parent_sees_their_report_by_account_and_nothing_of_the_case(p: Personas) -> None:
    parent = signed_in(p, "parent")
    response = parent.post(reverse("incidents:report"), {
        "description": "Iemand zette een filmpje van Sem op TikTok.", "platform": "tiktok",
        "involved": [str(p.student.pk)], "files": [screenshot()]})
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{STATUS}?melding={report.reference}"
    assert report.reporter == p.parent and list(report.involved.all()) == [p.student]
    case = report.case
    assert case is not None
    do_link_person(case, p.classmate, "subject", p.user("schoolleider"))
    do_close_case(case, reason="Gesprek met Noor en haar ouders gevoerd.",
                  by=p.user("schoolleider"))

    page = parent.get(STATUS).content.decode()

    assert report.reference in page and "Afgehandeld" in page
    for secret_of_the_case in ("Noor", "Visser", "Gesprek", "Cor", "Saskia"):
        assert secret_of_the_case not in page


def test_nobody_else_sees_the_report_on_their_status_page(p: Personas) -> None:
    report, _secret = do_report(p.school, by=p.parent, channel=Report.Channel.ACCOUNT,
                                description="Een nare groepsapp.")
    for name in ("student", "mentor", "schoolleider", "classmate_parent"):
        if p.user(name) is None:
            continue
        assert report.reference not in signed_in(p, name).get(STATUS).content.decode()


def test_the_secret_shows_one_report_and_a_wrong_secret_none(p: Personas) -> None:
    report, secret = do_report(p.school, by=None, channel=Report.Channel.PUBLIC,
                               description="Een nepaccount op Instagram.")
    other, other_secret = do_report(p.school, by=None, channel=Report.Channel.PUBLIC,
                                    description="Iets anders.")
    browser = Client()

    right = browser.post(STATUS, {"reference": report.reference, "secret": secret})
    swapped = browser.post(STATUS, {"reference": report.reference, "secret": other_secret})
    guessed = browser.post(STATUS, {"reference": other.reference, "secret": "raden"})

    assert right.context["found"].reference == report.reference
    assert "Ontvangen" in right.content.decode()
    assert swapped.context["found"] is None and guessed.context["found"] is None
    assert "Geen melding" in swapped.content.decode()


def test_a_parent_reports_from_their_link_and_follows_it_with_the_secret(
        p: Personas, django_capture_on_commit_callbacks: Any) -> None:
    _link, token = do_make_guardian_link(p.classmate_parent, None)
    browser = Client()
    browser.get(f"/toestemming/ouder/{token}/")
    form = browser.get(reverse("incidents:report_guardian"))
    assert form.status_code == 200
    offered = {person.pk for person in form.context["form"].fields["involved"].queryset}
    assert offered == {p.classmate_parent.pk, p.classmate.pk}  # themselves and their child

    sent = browser.post(reverse("incidents:report_guardian"), {
        "description": "Noor krijgt nare berichten in een groepsapp.",
        "platform": "whatsapp", "involved": [str(p.classmate.pk)]})
    # Someone else's child cannot be named from the link.
    refused = browser.post(reverse("incidents:report_guardian"), {
        "description": "Over iemand anders.", "involved": [str(p.student.pk)]})

    report = Report.objects.get()
    assert report.channel == Report.Channel.GUARDIAN_LINK
    assert report.reporter == p.classmate_parent
    secret = SECRET_CODE.search(sent.content.decode())
    assert secret is not None
    assert refused.status_code == 200 and "involved" in refused.context["form"].errors
    shown = Client().post(STATUS, {"reference": report.reference, "secret": secret.group(1)})
    assert shown.context["found"].reference == report.reference
    assert report.reference in browser.get(reverse("incidents:report_guardian")
                                           ).content.decode()


def test_without_a_guardian_session_there_is_no_parent_form(p: Personas) -> None:
    assert Client().get(reverse("incidents:report_guardian")).status_code == 404
