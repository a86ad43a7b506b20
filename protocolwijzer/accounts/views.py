from __future__ import annotations

from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import LoginView, LogoutView
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login

from protocolwijzer.accounts.access import (
    InvitationNotUsable,
    ResetLinkNotUsable,
    access_invitation,
    access_invitation_by_hash,
    access_reset_link,
)
from protocolwijzer.accounts.actions import (
    TooManyResetRequests,
    do_accept_invitation,
    do_confirm_two_factor,
    do_request_password_reset,
    do_reset_password,
    do_start_two_factor,
    do_verify_two_factor,
)
from protocolwijzer.accounts.forms import (
    ChoosePasswordForm,
    ForgottenPasswordForm,
    SignInForm,
    TwoFactorCodeForm,
)
from protocolwijzer.accounts.middleware import allow_unverified
from protocolwijzer.accounts.models import Invitation
from protocolwijzer.accounts.two_factor import (
    confirmed_device,
    is_verified,
    needs_two_factor,
    next_step_url,
    qr_code_svg,
    secret_for_apps,
)
from protocolwijzer.audit.actions import ip_of
from protocolwijzer.schools.policy import membership_for


class SignInView(LoginView):
    template_name = "accounts/sign_in.html"
    authentication_form = SignInForm

    def get_default_redirect_url(self) -> str:
        # An account without a school (an operator) has no "Mijn school" to go to.
        if membership_for(self.request.user) is None:
            return resolve_url("schools:home")
        return super().get_default_redirect_url()

    def get_success_url(self) -> str:
        url = super().get_success_url()
        if needs_two_factor(self.request.user):
            return next_step_url(self.request.user, url)
        return url

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        device = getattr(user, "otp_device_passed", None)
        if device is None:
            return super().form_valid(form)
        # Password and code together, from the lockout page: signed in and verified at
        # once (the code has been used and cannot be entered a second time).
        login(self.request, user)
        _finish_two_factor(self.request, device)
        return redirect(LoginView.get_success_url(self))


sign_in = allow_unverified(SignInView.as_view())
def _forget_site_data(view: Any) -> Any:
    """Signing out also removes what this browser kept of the site: the copies of the
    "Wie mag niet op de foto?" lists kept for use without internet (children's names),
    the service worker that kept them, and the cache (issue 14)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response: HttpResponse = view(request, *args, **kwargs)
        if request.method == "POST":
            response["Clear-Site-Data"] = '"cache", "storage"'
        return response

    return wrapper


sign_out = allow_unverified(_forget_site_data(LogoutView.as_view()))


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _finish_two_factor(request: HttpRequest, device: Any) -> None:
    otp_login(request, device)
    # A new session key for the more trusted session: a key seen before the code was
    # entered (say, on a shared computer) is worth nothing afterwards.
    request.session.cycle_key()


@allow_unverified
@login_required
def two_factor(request: HttpRequest) -> HttpResponse:
    """Step two of signing in: the code from the app set up earlier."""
    user = request.user
    next_url = _next_url(request)
    if is_verified(user) or not needs_two_factor(user):
        return redirect(next_url)
    device = confirmed_device(user)
    if device is None:
        return redirect(next_step_url(user, next_url))
    form = TwoFactorCodeForm(request.POST or None)
    if form.is_valid():
        if do_verify_two_factor(user, device, form.cleaned_data["code"], ip=ip_of(request)):
            _finish_two_factor(request, device)
            return redirect(next_url)
        form.add_error("code", _("This code is not right. Wait for the next code in your app "
                                 "and try again."))
    return render(request, "accounts/two_factor.html", {"form": form, "next": next_url})


@allow_unverified
@login_required
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Setting up an authenticator app, once per account.

    Only possible while the account has no confirmed app yet: otherwise someone who knows
    just the password could add an app of their own and skip the second factor.
    """
    user = request.user
    next_url = _next_url(request)
    if not needs_two_factor(user):
        return redirect(next_url)
    if confirmed_device(user) is not None:
        return redirect(next_url if is_verified(user) else next_step_url(user, next_url))
    device = do_start_two_factor(user)
    form = TwoFactorCodeForm(request.POST or None)
    if form.is_valid():
        if do_confirm_two_factor(user, device, form.cleaned_data["code"], ip=ip_of(request)):
            device.refresh_from_db()
            _finish_two_factor(request, device)
            messages.success(request, _("Two-factor sign-in is set up. From now on you enter "
                                        "a code from your app after your password."))
            return redirect(next_url)
        form.add_error("code", _("This code is not right. Check that you scanned the code on "
                                 "this page, then enter the newest code from your app."))
    return render(request, "accounts/two_factor_setup.html", {
        "form": form, "next": next_url, "secret": secret_for_apps(device),
        "qr_code": qr_code_svg(device, _("QR code to scan with your authenticator app")),
    })


# What the session keeps once a link has been opened, so the token leaves the address bar
# (and with it the browser history, the Referer header and the server's access log of
# every later request): the invitation's token hash, and the reset link's parts (as
# Django's own PasswordResetConfirmView keeps them).
INVITATION_SESSION_KEY = "_invitation_token_hash"
RESET_SESSION_KEY = "_password_reset_link"


@allow_unverified
@never_cache
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The link in an invitation mail: exchanged for the session, then on to the page
    without the token."""
    try:
        access_invitation(token)
    except InvitationNotUsable:
        return render(request, "accounts/invitation_not_usable.html", status=404)
    request.session[INVITATION_SESSION_KEY] = Invitation.hash_token(token)
    return redirect("accounts:invitation_accept")


@allow_unverified
@never_cache
def accept_invitation(request: HttpRequest) -> HttpResponse:
    """Accepting an invitation: the person chooses a password and is signed in."""
    token_hash = str(request.session.get(INVITATION_SESSION_KEY, ""))
    try:
        invitation = access_invitation_by_hash(token_hash)
    except InvitationNotUsable:
        return render(request, "accounts/invitation_not_usable.html", status=404)
    form = ChoosePasswordForm(request.POST or None)
    if form.is_valid():
        try:
            user = do_accept_invitation(token_hash, form.cleaned_data["password1"],
                                        ip=ip_of(request))
        except InvitationNotUsable:
            return render(request, "accounts/invitation_not_usable.html", status=404)
        except ValidationError as error:
            form.add_error("password1", error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! Your account is ready."))
            return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/invitation.html", {
        "form": form, "person": invitation.person, "email": invitation.email})


@allow_unverified
@never_cache
def forgotten_password(request: HttpRequest) -> HttpResponse:
    """Asking for a link to choose a new password. The answer is the same whether or not
    the address has an account, and whether or not the mail could be sent."""
    form = ForgottenPasswordForm(request.POST or None)
    if form.is_valid():
        try:
            do_request_password_reset(form.cleaned_data["email"], ip=ip_of(request))
        except TooManyResetRequests as refused:
            minutes = max(1, -(-refused.retry_after // 60))
            response = render(request, "accounts/password_reset_too_often.html",
                              {"minutes": minutes}, status=429)
            response["Retry-After"] = str(refused.retry_after)
            return response
        return render(request, "accounts/password_reset_sent.html")
    return render(request, "accounts/password_reset.html", {"form": form})


@allow_unverified
@never_cache
def reset_password(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link in a forgotten-password mail: exchanged for the session, then on to the
    page without the token."""
    try:
        access_reset_link(uidb64, token)
    except ResetLinkNotUsable:
        return render(request, "accounts/password_reset_not_usable.html", status=404)
    request.session[RESET_SESSION_KEY] = [uidb64, token]
    return redirect("accounts:password_reset_choose")


@allow_unverified
@never_cache
def choose_new_password(request: HttpRequest) -> HttpResponse:
    """Choosing a new password after following a mailed link. The person is not signed in
    afterwards: they sign in with the new password, and two-factor sign-in still applies."""
    uidb64, token = [*(request.session.get(RESET_SESSION_KEY) or ()), "", ""][:2]
    try:
        user = access_reset_link(str(uidb64), str(token))
    except ResetLinkNotUsable:
        return render(request, "accounts/password_reset_not_usable.html", status=404)
    form = ChoosePasswordForm(request.POST or None)
    if form.is_valid():
        try:
            do_reset_password(user, form.cleaned_data["password1"], ip=ip_of(request))
        except ValidationError as error:
            form.add_error("password1", error)
        else:
            del request.session[RESET_SESSION_KEY]
            messages.success(request, _("Your new password is set. Sign in with it."))
            return redirect("accounts:login")
    return render(request, "accounts/password_reset_confirm.html",
                  {"form": form, "email": user.email})
