"""Staff and pupils confirm they have read the protocol in force; the school management sees who has
not. A new version in force must be confirmed again."""

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.engine.protocol import builtin_protocol_paths
from protocolwijzer.protocols.actions import ACKNOWLEDGED, do_acknowledge, do_import_protocol
from protocolwijzer.protocols.models import Acknowledgement, ProtocolVersion
from protocolwijzer.protocols.tests.conftest import ROERMOND
from protocolwijzer.schools.actions import do_set_school_protocol
from protocolwijzer.schools.tests.personas import Personas, sign_in

READER = reverse("protocols:mine")
ACKNOWLEDGE = reverse("protocols:acknowledge")
OVERVIEW = reverse("protocols:acknowledgements")


def _acknowledge(client: Client, version: ProtocolVersion) -> None:
    response = client.post(ACKNOWLEDGE, {"version": version.pk})
    assert response.status_code == 302


def _has_button(page: str) -> bool:
    return f'action="{ACKNOWLEDGE}"' in page


def _list_of(page: str, css_class: str) -> str:
    start = page.index(css_class)
    return page[start:page.index("</ul>", start)]


def _new_roermond_version() -> ProtocolVersion:
    # A changed text is a new version: here only a comment differs, as after a typo fix.
    text = Path(builtin_protocol_paths()[ROERMOND]).read_text(encoding="utf-8")
    return do_import_protocol(text + "\n# Tekst opnieuw vastgesteld.\n")


def test_a_teacher_sees_the_button_until_they_acknowledge_and_then_the_date(
        client: Client, members: Personas) -> None:
    sign_in(client, members.teacher.user)
    version = members.school.protocol
    assert version is not None

    before = client.get(READER).content.decode()
    _acknowledge(client, version)
    after = client.get(READER).content.decode()

    assert _has_button(before)
    assert not _has_button(after)
    acknowledgement = Acknowledgement.objects.get(person=members.teacher)
    assert acknowledgement.protocol_version == version
    assert str(timezone.localtime(acknowledgement.acknowledged_at).year) in after


def test_acknowledging_twice_keeps_the_first_acknowledgement(
        client: Client, members: Personas) -> None:
    sign_in(client, members.teacher.user)
    version = members.school.protocol
    assert version is not None

    _acknowledge(client, version)
    first = Acknowledgement.objects.get(person=members.teacher)
    _acknowledge(client, version)

    assert Acknowledgement.objects.filter(person=members.teacher).count() == 1
    assert Acknowledgement.objects.get(person=members.teacher).acknowledged_at == \
        first.acknowledged_at
    [event] = AuditEvent.objects.filter(action=ACKNOWLEDGED)
    assert (event.actor, event.school) == (members.teacher.user, members.school)


def test_parents_have_nothing_to_acknowledge(
        client: Client, members: Personas) -> None:
    sign_in(client, members.parent.user)
    assert not _has_button(client.get(READER).content.decode())
    assert client.post(ACKNOWLEDGE, {"version": members.school.protocol_id}
                       ).status_code == 403
    assert not Acknowledgement.objects.exists()


def test_a_pupil_confirms_reading_the_protocol_like_staff(
        client: Client, members: Personas) -> None:
    # Issue 14: pupils confirm they have read it, in words they read easily.
    sign_in(client, members.student.user)
    version = members.school.protocol
    assert version is not None

    before = client.get(READER).content.decode()
    _acknowledge(client, version)
    after = client.get(READER).content.decode()

    assert _has_button(before)
    assert "Lees eerst de regels. Druk dan op de knop." in before
    assert "Als medewerker" not in before
    assert not _has_button(after)
    assert Acknowledgement.objects.get(person=members.student).protocol_version == version


def test_the_schoolleider_sees_who_has_and_has_not_acknowledged(
        client: Client, members: Personas) -> None:
    version = members.school.protocol
    assert version is not None
    do_acknowledge(members.teacher, version)
    sign_in(client, members.schoolleider.user)

    response = client.get(OVERVIEW)

    assert response.status_code == 200
    page = response.content.decode()
    missing = _list_of(page, "people-list--missing")
    confirmed = _list_of(page, 'class="people-list"')
    assert members.teacher.full_name in confirmed
    assert members.teacher.full_name not in missing
    for persona in (members.schoolleider, members.communicatie, members.mentor,
                    members.colleague):
        assert persona.full_name in missing
    # Parents and the MR do not acknowledge; another school's staff are not shown.
    for persona in (members.parent, members.mr_lid, members.other_teacher):
        assert persona.full_name not in page
    [school] = response.context["schools"]
    assert (len(school.acknowledged), school.staff_count) == (1, 5)
    # Pupils are counted per group, with the names of those who have not confirmed.
    assert [(g.group.name, len(g.acknowledged), g.count) for g in school.groups] == [
        ("1A", 0, 2), ("1B", 0, 1)]
    assert "1A: 0 van 2 leerlingen hebben bevestigd" in page
    assert members.student.full_name in _list_of(page, "people-list--pupils")


def test_the_communications_lead_may_see_the_overview(
        client: Client, members: Personas) -> None:
    sign_in(client, members.communicatie.user)

    assert client.get(OVERVIEW).status_code == 200


@pytest.mark.parametrize("persona", ["student", "parent", "teacher", "mentor", "mr_lid"])
def test_others_cannot_see_the_acknowledgement_overview(
        client: Client, members: Personas, persona: str) -> None:
    sign_in(client, members.user(persona))

    assert client.get(OVERVIEW).status_code == 403


def test_a_new_version_in_force_must_be_acknowledged_again(
        client: Client, members: Personas) -> None:
    old = members.school.protocol
    assert old is not None
    do_acknowledge(members.teacher, old)
    new = _new_roermond_version()

    do_set_school_protocol(members.school, new)

    sign_in(client, members.teacher.user)
    assert _has_button(client.get(READER).content.decode())
    sign_in(client, members.schoolleider.user)
    page = client.get(OVERVIEW).content.decode()
    assert members.teacher.full_name in _list_of(page, "people-list--missing")


def test_a_page_opened_before_the_switch_cannot_acknowledge_the_old_version(
        client: Client, members: Personas) -> None:
    old = members.school.protocol
    assert old is not None
    do_set_school_protocol(members.school, _new_roermond_version())
    sign_in(client, members.teacher.user)

    _acknowledge(client, old)

    assert not Acknowledgement.objects.exists()
