"""State changes for accounts: invitations, forgotten passwords and two-factor devices."""

from __future__ import annotations

import secrets
from datetime import timedelta

from axes.utils import reset as reset_lockout
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django_otp import verify_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from protocolwijzer.accounts.access import InvitationNotUsable
from protocolwijzer.accounts.models import Invitation, User
from protocolwijzer.accounts.ratelimit import Limit, count_and_check
from protocolwijzer.accounts.tasks import send_reset_link
from protocolwijzer.audit.actions import do_record
from protocolwijzer.audit.models import Action
from protocolwijzer.schools.models import Person

# 32 random bytes: as strong as the session cookie, short enough for a mail link.
TOKEN_BYTES = 32


def do_invite_person(by_user: User, person: Person, email: str,
                     ip: str | None = None) -> tuple[Invitation, str]:
    """Creates a one-time link for ``person`` and mails it to ``email``.

    Returns the invitation and the raw token; the token is not stored (only its hash), so
    this return value and the mail are the only places it exists. A new invitation
    replaces any earlier open one for the same person. The caller checks the right to
    invite (``access_person_to_manage``).
    """
    email = email.strip().lower()
    if person.user_id is not None:
        raise ValidationError(_("%(name)s already has an account.") % {
            "name": person.full_name})
    if User.objects.filter(email=email).exists():
        raise ValidationError(_("There is already an account with this e-mail address."))
    token = secrets.token_urlsafe(TOKEN_BYTES)
    now = timezone.now()
    with transaction.atomic():
        Invitation.objects.filter(person=person, used_at=None, expires_at__gt=now).update(
            expires_at=now)
        invitation = Invitation.objects.create(
            person=person, email=email, token_hash=Invitation.hash_token(token),
            created_by=by_user, created_at=now, expires_at=now + Invitation.VALID_FOR)
        do_record(Action.INVITATION_SENT, actor=by_user, school=person.school_id,
                  target=person, detail={"email": email}, ip=ip)
        # Inside the transaction: when the mail cannot be sent, no invitation is left
        # behind that nobody received.
        _send_invitation(invitation, token, by_user)
    return invitation, token


def _send_invitation(invitation: Invitation, token: str, by_user: User) -> None:
    # The link uses the configured address, never the request's Host header, so a forged
    # Host cannot make the mail point elsewhere.
    link = settings.SITE_URL + reverse("accounts:invitation", args=[token])
    # Dutch: the person invited has not chosen a language, and their school is Dutch.
    with translation.override(settings.LANGUAGE_CODE):
        expires = formats.date_format(timezone.localtime(invitation.expires_at),
                                      "DATETIME_FORMAT")
        subject = _("Your invitation for Protocolwijzer")
        body = _(
            "Hello %(name)s,\n\n"
            "%(inviter)s has invited you to Protocolwijzer at %(school)s. Open this link "
            "to choose a password; it works once, until %(expires)s:\n\n"
            "%(link)s\n\n"
            "Did you not expect this invitation? Then you can ignore this e-mail.\n"
        ) % {"name": invitation.person.full_name, "inviter": by_user.name or by_user.email,
             "school": invitation.person.school.name, "expires": expires, "link": link}
    send_mail(subject, body, None, [invitation.email])


def do_accept_invitation(token_hash: str, password: str, ip: str | None = None) -> User:
    """Creates the account of an invitation's person with ``password`` and uses up the
    invitation (found by the SHA-256 of its token, ``Invitation.hash_token``). Raises
    ``InvitationNotUsable`` for an unknown, used or expired token and ``ValidationError``
    for a password the validators refuse."""
    now = timezone.now()
    with transaction.atomic():
        # select_for_update: two simultaneous clicks on one link make one account.
        invitation = (Invitation.objects.select_for_update()
                      .select_related("person", "person__school")
                      .filter(token_hash=token_hash).first())
        if invitation is None or not invitation.is_usable(now):
            raise InvitationNotUsable
        person = invitation.person
        if person.user_id is not None or User.objects.filter(email=invitation.email).exists():
            raise InvitationNotUsable
        user = User(email=invitation.email, name=person.full_name)
        validate_password(password, user)
        user.set_password(password)
        user.save()
        person.user = user
        person.save(update_fields=["user"])
        invitation.used_at = now
        invitation.save(update_fields=["used_at"])
        do_record(Action.INVITATION_ACCEPTED, actor=user, school=person.school_id,
                  target=person, ip=ip)
    return user


# Asking for a reset link: per typed address (whether or not it has an account, so the
# limit tells nothing) and per client address. Three mails an hour are plenty for a
# person who forgot their password, and each link stays valid for two hours, so someone
# who uses up an address's limit to keep its owner out has just sent them working links.
# Twenty per client address an hour: a school's network is one address for everyone.
RESET_LIMIT_PER_EMAIL = Limit("reset-email", 3, timedelta(hours=1))
RESET_LIMIT_PER_IP = Limit("reset-ip", 20, timedelta(hours=1))


class TooManyResetRequests(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after


def do_request_password_reset(email: str, *, ip: str | None = None) -> None:
    """Queues a mail with a one-time link to choose a new password when ``email`` belongs
    to an active account with a password; does nothing otherwise.

    The caller answers the same either way, so the page does not tell who has an account;
    the mail goes through a task (``tasks.send_reset_link``), so a mail server that is
    down or slow changes nothing about the answer either. Raises ``TooManyResetRequests``
    beyond the limits above, for any address alike.

    For an unknown address nothing is recorded: it may be anyone's address (or a typo), and
    the audit log is for what happened to accounts, not for addresses people typed.
    """
    email = email.strip().lower()
    wait = count_and_check(RESET_LIMIT_PER_IP, ip or "") if ip else 0
    wait = wait or count_and_check(RESET_LIMIT_PER_EMAIL, email)
    if wait:
        raise TooManyResetRequests(wait)
    with transaction.atomic():
        user = User.objects.filter(email=email, is_active=True).first()
        if user is None or not user.has_usable_password():
            return
        # Not the actor: whoever asked has not proven to be this person.
        do_record(Action.PASSWORD_RESET_REQUESTED, actor_email=user.email,
                  school=_school_id(user), target=user, ip=ip)
    # After the commit: a worker may pick the task up at once.
    send_reset_link.enqueue(user.pk)


def do_reset_password(user: User, password: str, *, ip: str | None = None) -> None:
    """Sets ``password`` for ``user`` after they followed a valid link (checked by the
    caller through ``access_reset_link``). Raises ``ValidationError`` for a password the
    validators refuse.

    The new password changes the session hash, so every session signed in with the old
    password ends; the token becomes invalid for the same reason. Any lockout of the
    address is lifted: the person has just proven they own its mailbox.
    """
    validate_password(password, user)
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        reset_lockout(username=user.email)
        do_record(Action.PASSWORD_RESET, actor=user, school=_school_id(user), target=user,
                  ip=ip)


def do_start_two_factor(user: User) -> TOTPDevice:
    """The not yet confirmed device ``user`` is setting up; made once, so reloading the
    page shows the same secret instead of invalidating what the app scanned."""
    with transaction.atomic():
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="Authenticator app",
                                               confirmed=False)
    return device


def do_confirm_two_factor(user: User, device: TOTPDevice, code: str,
                          ip: str | None = None) -> bool:
    """Confirms the device being set up when ``code`` is right; False otherwise."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, user=user)
        if not device.verify_token(code):
            do_record(Action.TWO_FACTOR_FAILED, actor=user, school=_school_id(user),
                      detail={"during": "setup"}, ip=ip)
            return False
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        do_record(Action.TWO_FACTOR_ENROLLED, actor=user, school=_school_id(user), ip=ip)
    return True


def do_verify_two_factor(user: User, device: TOTPDevice, code: str,
                         ip: str | None = None, during: str | None = None) -> bool:
    """Checks a code against the user's confirmed device (django-otp throttles repeated
    failures and refuses a code that was used before). ``during`` says what the code
    confirms, when it is not signing in (``"role_change"``)."""
    verified = verify_token(user, device.persistent_id, code) is not None
    do_record(Action.TWO_FACTOR_VERIFIED if verified else Action.TWO_FACTOR_FAILED,
              actor=user, school=_school_id(user), ip=ip,
              detail={"during": during} if during else None)
    return verified


def _school_id(user: User) -> int | None:
    return Person.objects.filter(user=user).values_list("school_id", flat=True).first()
