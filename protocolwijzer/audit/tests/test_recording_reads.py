"""Every read of another person's data leaves a trace (AVG art. 5(2): accountability)."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from protocolwijzer.audit.models import Action, AuditEvent
from protocolwijzer.schools.tests.personas import Personas, sign_in


def test_viewing_another_persons_page_is_recorded(client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("teacher"))

    client.get(reverse("schools:person", args=[personas.classmate.pk]))

    event = AuditEvent.objects.get(action=Action.PERSON_VIEWED)
    assert event.actor == personas.user("teacher")
    assert event.school == personas.school
    assert (event.object_type, event.object_id) == ("schools.person", str(personas.classmate.pk))
    assert event.ip == "127.0.0.1"


def test_viewing_your_own_page_is_not_recorded(client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("student"))

    client.get(reverse("schools:person", args=[personas.student.pk]))

    assert not AuditEvent.objects.filter(action=Action.PERSON_VIEWED).exists()


def test_a_refused_look_is_not_recorded_as_a_view(client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("student"))

    client.get(reverse("schools:person", args=[personas.classmate.pk]))

    assert not AuditEvent.objects.filter(action=Action.PERSON_VIEWED).exists()


def test_listing_a_group_is_recorded_with_how_many_people_were_shown(
        client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("mentor"))

    client.get(reverse("schools:group", args=[personas.group_1a.pk]))

    event = AuditEvent.objects.get(action=Action.PEOPLE_LISTED)
    assert event.object_id == str(personas.group_1a.pk)
    # Sem and Noor, and the staff who see 1A: the mentor and the teacher of 1A.
    assert event.detail == {"count": 4}
