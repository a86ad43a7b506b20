"""Sending notification mails through the task queue (``TASKS`` in settings.py), like
``accounts/tasks.py``: a task gets an account's id only, and reads what to say when it
runs, so nothing personal waits in a queue and a retried job sends what is still unsent.
"""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.tasks import task
from django.utils import timezone

from protocolwijzer.accounts.models import User
from protocolwijzer.notifications.mails import compose
from protocolwijzer.notifications.models import Notice

logger = logging.getLogger("protocolwijzer.notifications")


class NoticeNotSent(Exception):
    """A notification mail could not be sent; the message names the account by id only
    (it ends up in logs and the queue's record of failed jobs)."""


def _send(user_id: int, waiting: QuerySet[Notice], *, digest: bool) -> int:
    """Mails the waiting notices in one mail and marks them sent; returns how many. The
    rows are locked, so two workers never send the same notice twice."""
    with transaction.atomic():
        notices = list(waiting.select_for_update().order_by("created_at", "pk"))
        user = User.objects.filter(pk=user_id, is_active=True).first()
        if not notices:
            return 0
        if user is None or not user.email:
            # Nobody to tell any more: the notices are done with.
            waiting.filter(pk__in=[n.pk for n in notices]).update(sent_at=timezone.now())
            return 0
        subject, body = compose(user, notices, digest=digest)
        try:
            send_mail(subject, body, None, [user.email])
        except Exception as exc:  # whatever the mail server does: log it, keep them unsent
            logger.error("A notification mail for account %s could not be sent: %s",
                         user_id, type(exc).__name__)
            raise NoticeNotSent(f"A notification mail for account {user_id} could not be "
                                f"sent: {type(exc).__name__}.") from None
        Notice.objects.filter(pk__in=[n.pk for n in notices]).update(sent_at=timezone.now())
        return len(notices)


@task
def send_notices(user_id: int) -> int:
    """Mails every single (not digest) notice still waiting for the account, in one mail."""
    return _send(user_id, Notice.objects.filter(recipient_id=user_id, in_digest=False,
                                                sent_at=None), digest=False)


@task
def send_digest(user_id: int) -> int:
    """Mails the account's weekly summary: every digest notice still waiting."""
    return _send(user_id, Notice.objects.filter(recipient_id=user_id, in_digest=True,
                                                sent_at=None), digest=True)
