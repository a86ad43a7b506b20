from __future__ import annotations

import re
from datetime import timedelta

from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from protocolwijzer.accounts.actions import do_invite_person
from protocolwijzer.accounts.models import Invitation, User
from protocolwijzer.audit.models import Action, AuditEvent
from protocolwijzer.schools.tests.personas import Personas, sign_in

NEW_PASSWORD = "Zeilboot-op-de-Maas-7"


def _link(token: str) -> str:
    return reverse("accounts:invitation", args=[token])


def _main(response: object) -> str:
    """The page's own content, without the layout around it (which holds the address)."""
    page = response.content.decode()  # type: ignore[attr-defined]
    return page[page.index("<main"):page.index("</main>")]


ACCEPT = reverse("accounts:invitation_accept")


def _accept(client: Client, token: str, password: str = NEW_PASSWORD) -> object:
    """Opens the mailed link (which puts the invitation in the session and sends the
    browser on without the token), then chooses the password there."""
    client.get(_link(token))
    return client.post(ACCEPT, {"password1": password, "password2": password})


def test_a_schoolleider_invites_a_parent_who_chooses_a_password_and_is_signed_in(
        client: Client, personas: Personas) -> None:
    parent = personas.classmate_parent
    sign_in(client, personas.user("schoolleider"))

    sent = client.post(reverse("schools:person_invite", args=[parent.pk]),
                       {"email": "Kees.Visser@thuis.example"})
    [message] = mail.outbox
    token = re.search(r"/uitnodiging/([\w-]+)/", message.body).group(1)  # type: ignore[union-attr]
    visitor = Client()
    page = visitor.get(_link(token), follow=True)
    accepted = _accept(visitor, token)

    assert sent["Location"] == reverse("schools:person", args=[parent.pk])
    assert message.to == ["kees.visser@thuis.example"]
    assert message.body.count("http://") == 1  # PW_SITE_URL, never the request's Host
    assert page.status_code == 200 and "Kees Visser" in page.content.decode()
    assert accepted["Location"] == reverse("schools:my_school")
    parent.refresh_from_db()
    assert parent.user.email == "kees.visser@thuis.example"
    assert parent.user.check_password(NEW_PASSWORD)
    assert visitor.get(reverse("schools:person", args=[parent.pk])).status_code == 200
    assert AuditEvent.objects.filter(action=Action.INVITATION_SENT, object_id=str(parent.pk),
                                     actor=personas.user("schoolleider")).exists()
    assert AuditEvent.objects.filter(action=Action.INVITATION_ACCEPTED,
                                     actor=parent.user).exists()


def test_only_a_hash_of_the_token_is_stored(personas: Personas) -> None:
    invitation, token = do_invite_person(personas.user("schoolleider"),
                                         personas.classmate_parent, "kees@thuis.example")

    stored = [str(value) for value in Invitation.objects.values().get().values()]
    assert token not in " ".join(stored)
    assert invitation.token_hash == Invitation.hash_token(token)
    assert len(token) >= 40
    assert token not in str(AuditEvent.objects.values().get())


def test_an_invitation_link_works_only_once(client: Client, personas: Personas) -> None:
    _invitation, token = do_invite_person(personas.user("schoolleider"),
                                          personas.classmate_parent, "kees@thuis.example")
    _accept(Client(), token)

    again = client.get(_link(token))
    second_account = _accept(client, token, "Ander-wachtwoord-99")

    assert again.status_code == second_account.status_code == 404
    assert "Kees" not in again.content.decode()
    assert User.objects.filter(email="kees@thuis.example").count() == 1


def test_an_invitation_link_expires_after_seven_days(client: Client, personas: Personas) -> None:
    invitation, token = do_invite_person(personas.user("schoolleider"),
                                         personas.classmate_parent, "kees@thuis.example")
    assert invitation.expires_at - invitation.created_at == timedelta(days=7)
    Invitation.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    assert client.get(_link(token)).status_code == 404
    assert _accept(client, token).status_code == 404
    assert not User.objects.filter(email="kees@thuis.example").exists()


def test_a_wrong_token_gives_the_same_page_as_a_used_one(
        client: Client, personas: Personas) -> None:
    _invitation, token = do_invite_person(personas.user("schoolleider"),
                                          personas.classmate_parent, "kees@thuis.example")
    _accept(Client(), token)

    used = client.get(_link(token))
    unknown = client.get(_link("dit-is-geen-uitnodiging"))

    assert used.status_code == unknown.status_code == 404
    assert _main(used) == _main(unknown)


def test_a_new_invitation_replaces_the_earlier_link(personas: Personas) -> None:
    leader = personas.user("schoolleider")
    _first, old_token = do_invite_person(leader, personas.classmate_parent, "kees@thuis.example")
    _second, new_token = do_invite_person(leader, personas.classmate_parent, "kees@werk.example")

    assert Client().get(_link(old_token)).status_code == 404
    assert Client().get(_link(new_token)).status_code == 302


def test_a_weak_password_is_refused_and_the_link_keeps_working(
        client: Client, personas: Personas) -> None:
    _invitation, token = do_invite_person(personas.user("schoolleider"),
                                          personas.classmate_parent, "kees@thuis.example")

    response = _accept(client, token, "12345678")

    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert client.get(ACCEPT).status_code == 200
    assert client.get(_link(token)).status_code == 302


def test_someone_with_an_account_cannot_be_invited_again(
        client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("schoolleider"))

    response = client.get(reverse("schools:person_invite", args=[personas.teacher.pk]))

    assert response["Location"] == reverse("schools:person", args=[personas.teacher.pk])
    assert not Invitation.objects.exists()


def test_an_address_that_already_has_an_account_is_refused(
        client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("schoolleider"))

    response = client.post(reverse("schools:person_invite", args=[personas.classmate_parent.pk]),
                           {"email": personas.user("teacher").email})

    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not mail.outbox


def test_a_teacher_cannot_invite(client: Client, personas: Personas) -> None:
    sign_in(client, personas.user("teacher"))

    response = client.post(reverse("schools:person_invite", args=[personas.classmate.pk]),
                           {"email": "noor@thuis.example"})

    assert response.status_code == 403
    assert not mail.outbox and not Invitation.objects.exists()


def test_the_token_leaves_the_address_at_once_and_the_pages_are_not_stored(
        client: Client, personas: Personas) -> None:
    _invitation, token = do_invite_person(personas.user("schoolleider"),
                                          personas.classmate_parent, "kees@thuis.example")

    opened = client.get(_link(token))
    page = client.get(opened["Location"])

    assert opened.status_code == 302
    assert opened["Location"] == ACCEPT
    assert token not in opened["Location"]
    assert page.status_code == 200 and "Kees Visser" in page.content.decode()
    assert token not in page.content.decode()
    for response in (opened, page):
        assert "no-store" in response["Cache-Control"]
    # The session holds only the token's hash, like the database.
    assert token not in str(dict(client.session))


def test_the_page_without_the_token_works_only_in_the_browser_that_opened_the_link(
        client: Client, personas: Personas) -> None:
    _invitation, token = do_invite_person(personas.user("schoolleider"),
                                          personas.classmate_parent, "kees@thuis.example")
    client.get(_link(token))

    elsewhere = Client().post(ACCEPT, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})

    assert elsewhere.status_code == 404
    assert not User.objects.filter(email="kees@thuis.example").exists()
