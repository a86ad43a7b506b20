from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from protocolwijzer.audit.actions import do_record
from protocolwijzer.audit.models import Action, AuditEvent
from protocolwijzer.audit.views import EVENTS_PER_PAGE
from protocolwijzer.schools.tests.personas import Personas, sign_in

LOG = reverse("audit:log")


def test_the_log_shows_the_events_of_the_own_school_newest_first(
        client: Client, personas: Personas) -> None:
    now = timezone.now()
    teacher = personas.user("teacher")
    for minutes, email in ((30, "oud@de-maas.example"), (10, "nieuw@de-maas.example")):
        AuditEvent.objects.create(action=Action.SIGN_IN, actor_email=email, school=personas.school,
                                  created_at=now - timedelta(minutes=minutes))
    do_record(Action.SIGN_IN, actor=personas.user("other_teacher"),
              school=personas.other_school)
    sign_in(client, personas.user("schoolleider"))

    page = client.get(LOG).content.decode()

    assert page.index("nieuw@de-maas.example") < page.index("oud@de-maas.example")
    assert personas.user("other_teacher").email not in page
    assert teacher.email not in page


def test_the_log_is_shown_fifty_events_per_page(client: Client, personas: Personas) -> None:
    AuditEvent.objects.bulk_create(
        AuditEvent(action=Action.PERSON_VIEWED, actor_email=f"n{i}@de-maas.example",
                   school=personas.school) for i in range(EVENTS_PER_PAGE + 5))
    sign_in(client, personas.user("schoolleider"))

    first = client.get(LOG)
    second = client.get(LOG, {"pagina": 2})

    assert len(first.context["events"]) == EVENTS_PER_PAGE
    # the rest, plus the sign-in and the first page view, which were recorded too
    assert len(second.context["events"]) == 5 + 2
    assert 'rel="next"' in first.content.decode()


def test_a_beheerder_sees_the_events_of_every_school_of_the_stichting(
        client: Client, personas: Personas) -> None:
    do_record(Action.SIGN_IN, actor_email="a@de-maas.example", school=personas.school)
    do_record(Action.SIGN_IN, actor_email="b@de-beek.example", school=personas.sister_school)
    sign_in(client, personas.user("beheerder"))

    page = client.get(LOG).content.decode()

    assert "a@de-maas.example" in page and "b@de-beek.example" in page


def test_reading_the_log_is_recorded_too(client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("schoolleider"))

    client.get(LOG)

    event = AuditEvent.objects.get(action=Action.AUDIT_LOG_VIEWED)
    assert (event.actor, event.school) == (personas.user("schoolleider"), personas.school)
