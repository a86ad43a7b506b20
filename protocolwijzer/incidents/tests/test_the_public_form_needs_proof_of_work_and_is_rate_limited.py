"""The public report form (an outsider, no account): without the page script's proof of
work, with a wrong one, a reused one or one sent too fast, nothing is stored; a burst from
one address is refused; a proper report is stored without anything about the sender but
the e-mail address they chose to give."""

from __future__ import annotations

import hashlib
import re
import time
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from protocolwijzer.incidents.models import Case, Report
from protocolwijzer.incidents.reporting import POW_BITS, leading_zero_bits, make_challenge, solve
from protocolwijzer.incidents.tests.reporting_fixtures import media, p
from protocolwijzer.schools.tests.personas import Personas

__all__ = ["media", "p"]

CHALLENGE = re.compile(r'name="challenge" value="([^"]+)"')


def url(p: Personas) -> str:
    return reverse("incidents:report_public", args=[p.school.slug])


def fields(**extra: Any) -> dict[str, Any]:
    return {"description": "Op Instagram staat een nepaccount van een leraar.",
            "platform": "instagram", "contact_email": "buurvrouw@example.org", **extra}


def a_minute_old_challenge(p: Personas) -> str:
    """What the page handed out a minute ago (a person filling in the form)."""
    return make_challenge(p.school, issued_at=time.time() - 60)


def test_the_page_hands_out_a_challenge_and_says_javascript_is_needed(p: Personas) -> None:
    page = Client().get(url(p)).content.decode()

    assert CHALLENGE.search(page)
    assert "<noscript>" in page and "JavaScript" in page
    assert 'src="/static/protocolwijzer/report-pow.js"' in page


@pytest.mark.parametrize("proof", ["missing", "wrong", "other school", "too fast"])
def test_a_report_without_a_proper_proof_of_work_is_refused(p: Personas, proof: str) -> None:
    challenge = a_minute_old_challenge(p)
    solution = solve(challenge)
    if proof == "missing":
        challenge, solution = "", ""
    elif proof == "wrong":
        solution = next(str(n) for n in range(1000) if leading_zero_bits(
            hashlib.sha256(f"{challenge}:{n}".encode()).digest()) < POW_BITS)
    elif proof == "other school":
        challenge = make_challenge(p.other_school, issued_at=time.time() - 60)
        solution = solve(challenge)
    elif proof == "too fast":
        challenge = make_challenge(p.school)  # issued just now
        solution = solve(challenge)

    response = Client().post(url(p), fields(challenge=challenge, solution=solution))

    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert not Report.objects.exists() and not Case.objects.exists()


def test_a_proper_report_is_stored_and_its_proof_cannot_be_used_twice(p: Personas) -> None:
    challenge = a_minute_old_challenge(p)
    proof = fields(challenge=challenge, solution=solve(challenge))
    browser = Client(REMOTE_ADDR="198.51.100.9")

    first = browser.post(url(p), proof)
    again = browser.post(url(p), proof)

    assert first.status_code == 200
    report = Report.objects.get()
    assert report.channel == Report.Channel.PUBLIC and report.reporter is None
    assert report.contact_email == "buurvrouw@example.org"
    assert report.reference in first.content.decode()
    assert again.status_code == 400 and Report.objects.count() == 1


def test_a_burst_from_one_address_is_refused(p: Personas, settings: Any) -> None:
    settings.PW_PUBLIC_REPORTS_PER_HOUR = 3
    browser = Client(REMOTE_ADDR="198.51.100.10")

    statuses = []
    for _attempt in range(5):
        challenge = a_minute_old_challenge(p)
        statuses.append(browser.post(url(p), fields(challenge=challenge,
                                                    solution=solve(challenge))).status_code)

    assert statuses == [200, 200, 200, 429, 429]
    assert Report.objects.count() == 3
    # Another address is not held up by this one.
    challenge = a_minute_old_challenge(p)
    other = Client(REMOTE_ADDR="198.51.100.11").post(
        url(p), fields(challenge=challenge, solution=solve(challenge)))
    assert other.status_code == 200


def test_a_burst_from_many_addresses_is_refused_per_school(p: Personas,
                                                          settings: Any) -> None:
    settings.PW_PUBLIC_REPORTS_PER_SCHOOL_PER_HOUR = 2

    statuses = []
    for number in range(3):
        challenge = a_minute_old_challenge(p)
        statuses.append(Client(REMOTE_ADDR=f"198.51.100.{20 + number}").post(
            url(p), fields(challenge=challenge, solution=solve(challenge))).status_code)

    assert statuses == [200, 200, 429]
