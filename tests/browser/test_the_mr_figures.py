"""The MR member on a phone (issue 14): from sign-in to the figures, counts only, and the
page reads on a small screen without an accessibility violation."""

from __future__ import annotations

import pytest

from protocolwijzer.checks.models import CheckRecord
from protocolwijzer.consent.actions import do_set_up_consent
from protocolwijzer.protocols.actions import do_load_builtin_protocols
from protocolwijzer.schools.models import School
from protocolwijzer.schools.tests.personas import make_personas
from tests.browser.conftest import accessibility_violations, shot
from tests.browser.test_who_may_not_be_in_the_photo import sign_in

pytestmark = pytest.mark.slow


def test_the_mr_member_opens_the_figures_on_a_phone(phone, live_server, transactional_db):
    p = make_personas()
    versions = {v.protocol_id: v for v in do_load_builtin_protocols()}
    School.objects.filter(pk=p.school.pk).update(protocol=versions["willibrord-miland-2023"])
    p.school.refresh_from_db()
    do_set_up_consent(p.school)
    for verdict, articles, count in (("forbidden", ["A.5", "A.10"], 6),
                                     ("allowed", ["A.8"], 3)):
        for _ in range(count):
            CheckRecord.objects.create(school=p.school, protocol_version=p.school.protocol,
                                       situation={}, verdict=verdict, articles=articles)

    sign_in(phone, live_server.url, p.mr_lid.user.email)
    phone.get_by_role("link", name="Cijfers").first.click()

    shot(phone, "mr-figures")
    assert phone.get_by_role("heading", name="Cijfers voor de MR").is_visible()
    assert phone.get_by_text("minder dan 5").first.is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert accessibility_violations(phone) == []
