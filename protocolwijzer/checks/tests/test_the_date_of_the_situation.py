"""The checker's "Datum van de situatie": the school's version in force on that day decides
(issue 16), and the stored check names that version."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from protocolwijzer.checks.models import CheckRecord
from protocolwijzer.checks.tests.helpers import URL, post_check
from protocolwijzer.protocols.lifecycle import (
    do_adopt,
    do_copy_protocol,
    do_put_in_force,
    do_record_instemming,
    do_submit,
    do_update_concept,
)
from protocolwijzer.protocols.models import Adoption, ProtocolVersion
from protocolwijzer.protocols.tests.conftest import WILLIBRORD
from protocolwijzer.schools.actions import do_set_school_protocol
from protocolwijzer.schools.tests.personas import Personas, sign_in

PARENT_PHOTO = {"action": "publish", "context": "off_duty", "school_related": "yes",
                "channel": "facebook", "account": "personal", "foto-0-students_unknown": "1"}


@pytest.fixture
def next_week(members: Personas, builtin_versions: dict[str, ProtocolVersion]) -> Adoption:
    """De Maas follows Willibrord, and binds parents by A.5 from next week."""
    do_set_school_protocol(members.school, builtin_versions[WILLIBRORD])
    by, today = members.schoolleider.user, timezone.localdate()
    adoption = do_copy_protocol(members.school, members.school.protocol, by=by)
    start = adoption.source_yaml.index("  - id: A.5-recordings")
    do_update_concept(adoption, adoption.source_yaml[:start] + adoption.source_yaml[start:]
                      .replace("roles: [staff, student]", "roles: [staff, student, parent]", 1),
                      by=by)
    do_submit(adoption, ["MR"], on=today, by=by)
    do_record_instemming(adoption, "MR", "given", decided_on=today, minutes_reference="MR 2",
                         by=by)
    do_adopt(adoption, adopted_by="het bestuur", adopted_on=today, by=by)
    return do_put_in_force(adoption, today + datetime.timedelta(days=7), by=by)


def _verdict(page: str) -> str:
    return page[page.index('id="uitslag"'):][:600]


def test_a_parents_photo_is_judged_by_the_version_in_force_on_its_date(
        client: Client, members: Personas, next_week: Adoption) -> None:
    sign_in(client, members.parent.user)
    in_force = next_week.in_force_from
    assert in_force is not None

    today = post_check(client, **PARENT_PHOTO).content.decode()
    later = post_check(client, **PARENT_PHOTO, date=in_force.isoformat()).content.decode()

    assert "Niet toegestaan" not in _verdict(today) and "Toegestaan" in _verdict(today)
    assert "Niet toegestaan" in _verdict(later)
    assert list(CheckRecord.objects.order_by("pk").values_list("protocol_version", flat=True)) \
        == [members.school.protocol_id, next_week.version_id]


def test_the_form_offers_today_as_the_date(client: Client, members: Personas) -> None:
    sign_in(client, members.parent.user)
    page = client.get(URL).content.decode()
    assert "Datum van de situatie" in page
    assert f'value="{timezone.localdate().isoformat()}"' in page
