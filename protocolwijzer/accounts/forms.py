from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class SignInForm(AuthenticationForm):
    # The field stays named "username": Django's authenticate() and django-axes expect it.
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}))
    password = forms.CharField(
        label=_("Password"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    error_messages = {
        "invalid_login": _("This e-mail address and password do not match an account. "
                           "Check both and try again."),
        "inactive": _("This account has been switched off. Ask your school for help."),
    }

    def clean_username(self) -> str:
        # Accounts store addresses in lower case (UserManager.create_user).
        return str(self.cleaned_data["username"]).strip().lower()

    def clean(self) -> dict[str, Any]:
        # The lockout page adds a "code" field: with the password and a current code from
        # the account's authenticator app, signing in passes the wait (lockout.py). Not a
        # declared field, so the ordinary sign-in page does not show it.
        from protocolwijzer.accounts.lockout import pass_with_second_factor

        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        code = "".join(str(self.data.get("code", "")).split())[:12]
        if username and password and code:
            user = pass_with_second_factor(self.request, username, password, code)
            if user is not None:
                self.user_cache = user
                self.confirm_login_allowed(user)
                return self.cleaned_data
        return super().clean()


class TwoFactorCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from your authenticator app"), max_length=12,
        help_text=_("Six digits; the app shows a new code every 30 seconds."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code",
                                      "autofocus": True, "size": 8}))

    def clean_code(self) -> str:
        code = "".join(str(self.cleaned_data["code"]).split())
        if len(code) != 6 or not code.isdigit():
            raise forms.ValidationError(_("Enter the six digits that your authenticator app "
                                          "shows."))
        return code


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"),
                             help_text=_("The invitation link is sent to this address."),
                             widget=forms.EmailInput(attrs={"autocomplete": "off"}))

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()


class ForgottenPasswordForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The address you sign in with."),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "username"}))

    def clean_email(self) -> str:
        return str(self.cleaned_data["email"]).strip().lower()


class ChoosePasswordForm(forms.Form):
    password1 = forms.CharField(
        label=_("Choose a password"), strip=False,
        help_text=_("At least 10 characters; not a common password and not only digits."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(
        label=_("The same password again"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password2") != data["password1"]:
            self.add_error("password2", _("The two passwords are not the same."))
        return data
