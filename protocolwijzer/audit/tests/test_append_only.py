from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from protocolwijzer.accounts.models import User
from protocolwijzer.audit.actions import do_record
from protocolwijzer.audit.models import Action, AuditEvent, AuditLogIsAppendOnly
from protocolwijzer.schools.tests.personas import PASSWORD, Personas, sign_in


@pytest.fixture
def event(personas: Personas) -> AuditEvent:
    return do_record(Action.PERSON_VIEWED, actor=personas.user("schoolleider"),
                     school=personas.school, target=personas.classmate, ip="192.0.2.1")


def test_a_stored_event_cannot_be_changed(event: AuditEvent) -> None:
    event.action = Action.SIGN_IN

    with pytest.raises(AuditLogIsAppendOnly):
        event.save()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.filter(pk=event.pk).update(action=Action.SIGN_IN)
    event.refresh_from_db()
    assert event.action == Action.PERSON_VIEWED


def test_a_stored_event_cannot_be_deleted(event: AuditEvent) -> None:
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_saving_a_copy_under_an_existing_id_does_not_overwrite_it(event: AuditEvent) -> None:
    forged = AuditEvent(pk=event.pk, action=Action.SIGN_IN)

    with pytest.raises(IntegrityError), transaction.atomic():
        forged.save()


def test_the_event_keeps_who_did_it_when_the_account_is_removed(
        event: AuditEvent, personas: Personas) -> None:
    email = personas.user("schoolleider").email
    personas.schoolleider.user.delete()

    event.refresh_from_db()
    assert (event.actor, event.actor_email) == (None, email)


@pytest.fixture
def operator_client(client: Client, db: None) -> Client:
    sign_in(client, User.objects.create_superuser("operator@example.org", PASSWORD))
    return client


def test_operators_can_read_the_log_in_the_admin(operator_client: Client,
                                                  event: AuditEvent) -> None:
    listing = operator_client.get(reverse("admin:audit_auditevent_changelist"))
    detail = operator_client.get(reverse("admin:audit_auditevent_change", args=[event.pk]))

    assert listing.status_code == detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()


def test_the_admin_cannot_add_change_or_delete_events(operator_client: Client,
                                                      event: AuditEvent) -> None:
    add = operator_client.get(reverse("admin:audit_auditevent_add"))
    change = operator_client.post(reverse("admin:audit_auditevent_change", args=[event.pk]),
                                  {"action": Action.SIGN_IN})
    delete = operator_client.post(reverse("admin:audit_auditevent_delete", args=[event.pk]),
                                  {"post": "yes"})

    assert (add.status_code, change.status_code, delete.status_code) == (403, 403, 403)
    event.refresh_from_db()
    assert event.action == Action.PERSON_VIEWED
