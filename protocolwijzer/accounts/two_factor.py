"""Who must sign in with a second factor, and the pieces the two-factor pages share."""

from __future__ import annotations

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django_otp.plugins.otp_totp.models import TOTPDevice

from protocolwijzer.schools.policy import membership_for


def needs_two_factor(user: AbstractBaseUser | AnonymousUser) -> bool:
    """True for the roles in ``TWO_FACTOR_ROLES`` (they see data about many children) and
    for operators, whose admin pages show every school."""
    if not user.is_authenticated:
        return False
    if getattr(user, "is_staff", False):
        return True
    membership = membership_for(user)
    return membership is not None and membership.needs_two_factor


def is_verified(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Whether this session entered a correct code (django-otp's middleware tells)."""
    check = getattr(user, "is_verified", None)
    return bool(check()) if callable(check) else False


def confirmed_device(user: AbstractBaseUser) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def next_step_url(user: AbstractBaseUser, next_url: str) -> str:
    """Where a signed-in user who still has to enter a code goes: enter it, or first set up
    an app when they have none yet. ``next_url`` is kept for afterwards."""
    name = "accounts:two_factor" if confirmed_device(user) else "accounts:two_factor_setup"
    return f"{reverse(name)}?{urlencode({'next': next_url})}"


def secret_for_apps(device: TOTPDevice) -> str:
    """The key in base32, as authenticator apps ask for it, in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device: TOTPDevice, label: str) -> SafeString:
    """The device's otpauth:// address as inline SVG. It uses presentation attributes only
    (no style attribute, no script), so the strict Content-Security-Policy allows it."""
    svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=4, svgclass="qr-code", lineclass=None, dark="#000", light="#fff")
    # Safe: segno writes only numbers and fixed markup; the label is escaped.
    return mark_safe(  # nosec B308 B703 # segno's SVG: numbers, fixed markup
        svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))
