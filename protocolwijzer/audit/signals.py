"""Sign-in events from django.contrib.auth and django-axes, written to the audit log.

Signals are the only place these events can be seen: Django's own login view, the admin's
login and ``authenticate()`` calls from elsewhere all send them.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.http import HttpRequest

from protocolwijzer.audit.actions import do_record, ip_of
from protocolwijzer.audit.models import Action


def _school_of_account(email: str) -> int | None:
    """The school of the account with this address, so the school's log shows attempts on
    its people's accounts. None for unknown addresses and accounts without a school."""
    from protocolwijzer.schools.models import Person

    if not email:
        return None
    return (Person.objects.filter(user__email=email.strip().lower())
            .values_list("school_id", flat=True).first())


def _signed_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    do_record(Action.SIGN_IN, actor=user, school=_school_of_account(user.email),
              ip=ip_of(request))


def _signed_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is None:  # the session had already ended
        return
    do_record(Action.SIGN_OUT, actor=user, school=_school_of_account(user.email),
              ip=ip_of(request))


def _sign_in_failed(sender: Any, credentials: dict[str, Any],
                    request: HttpRequest | None = None, **kwargs: Any) -> None:
    email = str(credentials.get("username") or credentials.get(
        get_user_model().USERNAME_FIELD) or "")
    # axes handles this signal first (its app comes first) and marks a locked-out request.
    locked_out = bool(getattr(request, "axes_locked_out", False))
    do_record(Action.SIGN_IN_FAILED, actor_email=email, school=_school_of_account(email),
              detail={"locked_out": locked_out}, ip=ip_of(request))


def _locked_out(sender: Any, request: HttpRequest | None = None, username: str | None = None,
                ip_address: str | None = None, **kwargs: Any) -> None:
    email = username or ""
    do_record(Action.LOCKED_OUT, actor_email=email, school=_school_of_account(email),
              ip=ip_address or ip_of(request))


def connect() -> None:
    from axes.signals import user_locked_out

    user_logged_in.connect(_signed_in, dispatch_uid="audit_sign_in")
    user_logged_out.connect(_signed_out, dispatch_uid="audit_sign_out")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="audit_sign_in_failed")
    user_locked_out.connect(_locked_out, dispatch_uid="audit_locked_out")
