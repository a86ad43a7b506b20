"""Issue 16 on a phone: the schoolleider sees who has not read the protocol in force,
sees how many people a reminder reaches, sends it, and is told the next one waits until
tomorrow; the pages fit the screen and have no serious accessibility violation.

Set PW_SCREENSHOTS=/some/dir to keep a screenshot of every step."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from protocolwijzer.protocols.acknowledging import do_ask_to_acknowledge
from protocolwijzer.protocols.actions import do_acknowledge, do_load_builtin_protocols
from protocolwijzer.protocols.models import AcknowledgementRequest
from protocolwijzer.schools.actions import do_set_school_protocol
from protocolwijzer.schools.tests.personas import make_personas
from tests.browser.conftest import serious_accessibility_violations, shot
from tests.browser.test_incident_boundary_crossing_duties import (
    fits_the_screen,
    sign_in_with_code,
)

pytestmark = pytest.mark.slow

ROERMOND = "praktijkonderwijs-roermond-2015"


def test_a_schoolleider_reminds_who_has_not_read_the_protocol_on_a_phone(
        phone: Any, live_server: Any, transactional_db: None) -> None:
    p = make_personas()
    version = {v.protocol_id: v for v in do_load_builtin_protocols()}[ROERMOND]
    do_set_school_protocol(p.school, version)
    p.school.refresh_from_db()
    do_ask_to_acknowledge(p.school, version, by=None)
    AcknowledgementRequest.objects.update(asked_at=timezone.now() - datetime.timedelta(days=2))
    do_acknowledge(p.teacher, version)
    mail.outbox.clear()

    sign_in_with_code(phone, live_server.url, p.schoolleider.user)
    phone.goto(f"{live_server.url}/protocol/bevestigingen/")
    shot(phone, "ack-1-overview")
    assert fits_the_screen(phone)
    assert serious_accessibility_violations(phone) == []
    assert phone.get_by_text("gevraagd op").first.is_visible()

    phone.get_by_role("link", name="Herinnering sturen").click()
    phone.get_by_role("button", name="Laat zien wie hem krijgt").click()
    shot(phone, "ack-2-confirm")
    assert fits_the_screen(phone)
    assert serious_accessibility_violations(phone) == []
    assert phone.get_by_role("heading", name="Deze herinnering gaat naar 4 mensen.").is_visible()

    phone.get_by_role("button", name="Stuur de herinnering aan 4 mensen").click()
    phone.wait_for_url("**/protocol/bevestigingen/")
    shot(phone, "ack-3-sent")
    assert phone.get_by_text("Er is een herinnering gestuurd aan 4 mensen.").is_visible()
    assert len(mail.outbox) == 4
    assert p.teacher.user.email not in {m.to[0] for m in mail.outbox}

    phone.get_by_role("link", name="Herinnering sturen").click()
    phone.get_by_role("button", name="Laat zien wie hem krijgt").click()
    shot(phone, "ack-4-again")
    assert phone.get_by_text("vandaag al een bericht gehad").is_visible()
    assert phone.get_by_role("button", name="Stuur de herinnering").count() == 0
