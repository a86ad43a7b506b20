"""Background work of accounts: mail that must not make a page wait or fail.

Run through Django's task framework (``TASKS`` in settings.py): inside the request without
Redis, by a task worker from a queue in Redis with ``PW_REDIS_URL``. A task gets only ids,
so nothing secret or personal waits in a queue: the reset link is made when the mail is
sent. A task that cannot do its work raises, so the queue records it as failed and an
operator can run it again; the immediate backend records and logs that too, and the page
that enqueued it never sees it.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from protocolwijzer.accounts.models import User
from protocolwijzer.accounts.tokens import reset_link_tokens

logger = logging.getLogger("protocolwijzer.accounts")


class MailNotSent(Exception):
    """A mail could not be sent. Its message names the account by id only: it ends up in
    logs and in the queue's record of failed jobs, where no address belongs."""


@task
def send_reset_link(user_id: int) -> bool:
    """Mails the account a link to choose a new password; returns False when there is no
    such account (any more). A mail that cannot be sent is logged (without the address)
    and raises ``MailNotSent``: the person who asked already has their answer, and the page
    looks the same whether or not an account exists."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.has_usable_password():
        return False
    subject, body = _reset_mail(user)
    try:
        send_mail(subject, body, None, [user.email])
    except Exception as exc:  # whatever the mail server does: log it and go on
        logger.error("The password-reset mail for account %s could not be sent: %s",
                     user.pk, type(exc).__name__)
        # from None: the mail server's own exception may quote the address.
        raise MailNotSent(f"The password-reset mail for account {user.pk} could not be "
                          f"sent: {type(exc).__name__}.") from None
    return True


def _reset_mail(user: User) -> tuple[str, str]:
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    token = reset_link_tokens.make_token(user)
    # The configured address, never the request's Host header (see _send_invitation).
    link = settings.SITE_URL + reverse("accounts:password_reset_confirm",
                                       args=[uidb64, token])
    hours = int(reset_link_tokens.VALID_FOR.total_seconds() // 3600)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Choose a new password for Protocolwijzer")
        body = _(
            "Hello %(name)s,\n\n"
            "Someone asked for a new password for your Protocolwijzer account. Open this "
            "link to choose one; it works once and for %(hours)s hours:\n\n"
            "%(link)s\n\n"
            "Did you not ask for this? Then you can ignore this e-mail; your password stays "
            "the same.\n"
        ) % {"name": user.name or user.email, "hours": hours, "link": link}
    return subject, body
