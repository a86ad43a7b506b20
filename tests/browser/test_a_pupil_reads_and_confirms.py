"""A pupil on a phone (issue 14): reads the protocol with headings in plain words and the
sanction words explained, and confirms having read it, as staff do."""

from __future__ import annotations

import pytest

from protocolwijzer.protocols.actions import do_load_builtin_protocols
from protocolwijzer.protocols.models import Acknowledgement
from protocolwijzer.schools.actions import do_set_school_protocol
from protocolwijzer.schools.tests.personas import make_personas
from tests.browser.conftest import accessibility_violations, shot
from tests.browser.test_who_may_not_be_in_the_photo import sign_in

pytestmark = pytest.mark.slow


def test_a_pupil_reads_the_protocol_and_confirms_on_a_phone(phone, live_server,
                                                             transactional_db):
    p = make_personas()
    versions = {v.protocol_id: v for v in do_load_builtin_protocols()}
    do_set_school_protocol(p.school, versions["praktijkonderwijs-roermond-2015"])

    sign_in(phone, live_server.url, p.student.user.email)
    phone.get_by_role("link", name="Protocol", exact=True).first.click()

    heading = phone.get_by_role("heading", name="sancties.B.1 Leerlingendossier en maatregelen")
    heading.scroll_into_view_if_needed()
    assert heading.is_visible()
    article = phone.locator("#artikel-sancties\\.B\\.1")
    article.get_by_text("Uitleg:").click()
    assert article.get_by_text("De map van de school met alles over jou als leerling.").is_visible()
    shot(phone, "pupil-1-reader")
    assert accessibility_violations(phone) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    phone.get_by_role("button", name="Ik heb dit protocol gelezen").click()
    phone.wait_for_load_state()

    assert phone.get_by_text("Dank je wel", exact=False).first.is_visible() or \
        phone.locator(".acknowledge__done").is_visible()
    assert Acknowledgement.objects.filter(person=p.student).exists()
