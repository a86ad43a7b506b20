"""Throttling sign-in attempts, on top of django-axes (see the AXES_* settings).

django-axes records every failed attempt (one ``AccessAttempt`` row per address typed,
client address and browser) and refuses a request while it is locked; this module
decides *when* it is locked:

- **Per account**, from any client address: after ``ACCOUNT_FREE_FAILURES`` failures
  signing in waits ``FIRST_DELAY`` after the last failure, and every further failure
  doubles the wait, up to ``LONGEST_DELAY``. A colleague on the same school network is not
  affected, and guessing from many addresses is capped all the same.
- **Per client address**, over every account: after ``settings.PW_SIGN_IN_IP_LIMIT``
  failures the same growing wait applies to every sign-in from that address. A school's
  network is one address for everybody, so this limit is high.

Failures are remembered for ``settings.AXES_COOLOFF_TIME`` (a day) after the last one,
and forgotten at once for an account that signs in, or whose owner chooses a new
password through a mailed link. Attempts while signing in waits are refused without
being counted, so trying again early does not make the wait longer.

A real user always has a way in (``pass_with_second_factor``, the lockout page says so):

- with an authenticator app: the password *and* a current code together pass the wait.
  Either one alone is refused exactly like a wrong password, so guessing the password
  still needs a code each time and learns nothing;
- without one: a new password through the forgotten-password mail, which always works
  and lifts the wait of the account.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

ACCOUNT_FREE_FAILURES = 5
FIRST_DELAY = timedelta(minutes=1)
LONGEST_DELAY = timedelta(hours=1)


def delay_after(failures: int, free: int) -> timedelta:
    """The wait after ``failures`` remembered failures when the first ``free`` cost
    nothing: one minute at the limit, doubling with each failure beyond it, at most an
    hour."""
    if failures < free:
        return timedelta(0)
    return min(FIRST_DELAY * 2 ** min(failures - free, 16), LONGEST_DELAY)


@dataclass(frozen=True)
class Throttle:
    until: datetime
    per_account: bool  # False: the client address is throttled

    def seconds_left(self, now: datetime | None = None) -> int:
        left = (self.until - (now or timezone.now())).total_seconds()
        return max(1, int(left + 0.999))


def throttle_for(username: str | None, ip: str | None,
                 now: datetime | None = None) -> Throttle | None:
    """The wait that applies now to signing in as ``username`` from ``ip``, if any."""
    now = now or timezone.now()
    recent = AccessAttempt.objects.filter(attempt_time__gte=now - settings.AXES_COOLOFF_TIME)
    found = []
    checks = [(True, {"username": username}, ACCOUNT_FREE_FAILURES)]
    if settings.PW_SIGN_IN_IP_LIMIT:
        checks.append((False, {"ip_address": ip}, settings.PW_SIGN_IN_IP_LIMIT))
    for per_account, lookup, free in checks:
        if not next(iter(lookup.values())):
            continue
        seen = recent.filter(**lookup).aggregate(failures=Sum("failures_since_start"),
                                                 last=Max("attempt_time"))
        if seen["failures"] and seen["failures"] >= free:
            until = seen["last"] + delay_after(seen["failures"], free)
            if until > now:
                found.append(Throttle(until, per_account))
    return max(found, key=lambda throttle: throttle.until, default=None)


class GrowingDelayHandler(AxesDatabaseHandler):
    """django-axes's database handler, locked by ``throttle_for`` instead of by a fixed
    number of failures within a fixed time."""

    def is_locked(self, request: HttpRequest, credentials: dict[str, Any] | None = None,
                  ) -> bool:
        if not settings.AXES_LOCK_OUT_AT_FAILURE:
            return False
        username = get_client_username(request, credentials)
        return throttle_for(username, getattr(request, "axes_ip_address", None)) is not None

    def user_login_failed(self, sender: Any, credentials: dict[str, Any],
                          request: HttpRequest | None = None, **kwargs: Any) -> None:
        super().user_login_failed(sender, credentials, request, **kwargs)
        # axes itself locks when the account reaches its limit; the client address's
        # limit is this module's, so that lock is announced here.
        if request is None or getattr(request, "axes_locked_out", False):
            return
        if self.is_locked(request, credentials):
            request.axes_locked_out = True  # type: ignore[attr-defined]
            request.axes_credentials = credentials  # type: ignore[attr-defined]
            user_locked_out.send("axes", request=request,
                                 username=get_client_username(request, credentials),
                                 ip_address=request.axes_ip_address)  # type: ignore[attr-defined]


def pass_with_second_factor(request: HttpRequest, username: str, password: str,
                            code: str) -> Any | None:
    """The account, when signing in waits for it and ``password`` and ``code`` (from its
    confirmed authenticator app) are both right; None otherwise, and then the caller goes
    on as if nothing was tried here, so the answer does not show which part was wrong.

    The code is only checked when the password is right, so a stranger cannot use up the
    app's own throttle (django-otp's) by guessing codes.
    """
    from protocolwijzer.accounts.actions import do_verify_two_factor
    from protocolwijzer.accounts.two_factor import confirmed_device
    from protocolwijzer.audit.actions import ip_of

    if throttle_for(username, ip_of(request)) is None:
        return None
    # ModelBackend directly: it checks only the password (and that the account is
    # active), past the lock that django-axes's backend would apply.
    user = ModelBackend().authenticate(request, username=username, password=password)
    if user is None:
        return None
    device = confirmed_device(user)
    if device is None or not do_verify_two_factor(user, device, code, ip=ip_of(request)):
        return None
    user.backend = "django.contrib.auth.backends.ModelBackend"
    user.otp_device_passed = device
    return user


def username_of(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str | None:
    """The e-mail address an attempt was for, as accounts store it (lower case), so that
    ``Jan@school.nl`` and ``jan@school.nl`` count towards the same lockout."""
    source = credentials if credentials else request.POST
    value = source.get(settings.AXES_USERNAME_FORM_FIELD)
    return str(value).strip().lower() if value else None


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, for the lockout and the audit log.

    Without ``PW_BEHIND_PROXY`` it is the connection's own address; a client's
    X-Forwarded-For header is ignored, since anyone can send one. Behind a proxy it is
    the entry that the nearest of ``PW_PROXY_COUNT`` proxies added to X-Forwarded-For,
    counted from the right: the entries further left are what the client sent and may
    be made up.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    if not settings.PW_BEHIND_PROXY:
        return remote
    forwarded = [part.strip() for part in
                 str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if part.strip()]
    if len(forwarded) < settings.PW_PROXY_COUNT:
        return remote
    candidate = forwarded[-settings.PW_PROXY_COUNT]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def locked_out_response(request: HttpRequest, original_response: HttpResponse | None = None,
                        credentials: dict[str, Any] | None = None) -> HttpResponse:
    from protocolwijzer.accounts.forms import SignInForm, TwoFactorCodeForm

    username = get_client_username(request, credentials)
    throttle = throttle_for(username, getattr(request, "axes_ip_address", None))
    seconds = throttle.seconds_left() if throttle else int(FIRST_DELAY.total_seconds())
    code_form = TwoFactorCodeForm()
    code_form.fields["code"].widget.attrs.pop("autofocus", None)  # one autofocus per page
    response = TemplateResponse(request, "accounts/locked_out.html", {
        "minutes": max(1, -(-seconds // 60)),
        "per_account": throttle.per_account if throttle else True,
        "form": SignInForm(request, initial={"username": username or ""}),
        "code_form": code_form,
        "next": request.POST.get("next", "") if request.method == "POST" else "",
    }, status=429)
    response["Retry-After"] = str(seconds)
    return response.render()
