"""The guardian's page (no account: the link is the key) and the staff pages that follow
up on it: response rate, reminders and printed letters."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from protocolwijzer.accounts.middleware import allow_unverified
from protocolwijzer.consent.guardian import (
    GuardianLinkNotUsable,
    access_group_guardians,
    access_guardian,
    access_guardian_link,
    do_make_guardian_link,
    do_open_guardian_page,
    do_record_guardian_choices,
    do_send_guardian_links,
    guardian_page,
    guardians_of,
    link_url,
    response_rate,
)


def not_stored(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For pages that hold a guardian's token: not kept in a shared browser's cache."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    return wrapper


def token_in_address(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For pages whose address holds a guardian's token: the address must not leak to
    another site through the Referer header."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        return response

    return wrapper


@allow_unverified  # a guardian has no account; a signed-in user is not asked for a code
# With "no-referrer" a browser sends "Origin: null" with the page's form, which Django's
# CSRF check refuses. The check is not needed here: the secret token in the address is
# what authorises the post, and a site that knew it could open the page itself. The
# page has its own layout without the site's other forms (language, sign-out), which
# would be refused for the same reason.
@csrf_exempt
@require_http_methods(["GET", "POST"])
@token_in_address
@not_stored
def guardian(request: HttpRequest, token: str) -> HttpResponse:
    try:
        link = access_guardian_link(token)
    except GuardianLinkNotUsable:
        return render(request, "consent/guardian_link_not_usable.html", status=404)
    if request.method == "POST":
        do_record_guardian_choices(link, request.POST)
        # Back to the page (not a re-post on reload), which then shows the confirmation.
        return redirect(reverse("consent:guardian_page", args=[token]) + "?opgeslagen=1")
    do_open_guardian_page(link)
    page = guardian_page(link.guardian, timezone.localdate())
    return render(request, "consent/guardian_page.html", {
        "page": page, "saved": request.GET.get("opgeslagen") == "1",
        "expires": link.expires_at})


@login_required
def group_guardians(request: HttpRequest, group_id: int) -> HttpResponse:
    group = access_group_guardians(request.user, group_id)
    guardians = guardians_of(group).prefetch_related("children")
    return render(request, "consent/group_guardians.html", {
        "group": group, "rate": response_rate(group), "guardians": guardians})


@login_required
@require_POST
def send_links(request: HttpRequest, group_id: int) -> HttpResponse:
    group = access_group_guardians(request.user, group_id)
    sent, without_address = do_send_guardian_links(group, request.user)
    messages.success(request, ngettext("%(count)s e-mail sent.", "%(count)s e-mails sent.",
                                       sent) % {"count": sent})
    if without_address:
        messages.warning(request, ngettext(
            "%(count)s parent has no e-mail address: print a letter for them.",
            "%(count)s parents have no e-mail address: print a letter for them.",
            without_address) % {"count": without_address})
    return redirect("consent:group_guardians", group_id=group.pk)


def qr_code_svg(url: str, label: str) -> SafeString:
    """``url`` as inline SVG with presentation attributes only (no style attribute, no
    script), so the strict Content-Security-Policy allows it."""
    svg = segno.make(url, error="m").svg_inline(
        scale=4, border=4, svgclass="qr-code", lineclass=None, dark="#000", light="#fff")
    # Safe: segno writes only numbers and fixed markup; the label is escaped.
    return mark_safe(  # nosec B308 B703 # segno's SVG: numbers, fixed markup
        svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))


@login_required
@require_http_methods(["GET", "POST"])
@not_stored
def letter(request: HttpRequest, guardian_id: int) -> HttpResponse:
    """GET asks to confirm; POST makes a fresh link (earlier links stop working) and shows
    the letter with it. The token exists only in this response, so it is not redirected."""
    guardian = access_guardian(request.user, guardian_id)
    if request.method == "GET":
        return render(request, "consent/guardian_letter_confirm.html", {"guardian": guardian})
    link, token = do_make_guardian_link(guardian, request.user)
    url = link_url(token)
    return render(request, "consent/guardian_letter.html", {
        "guardian": guardian, "url": url, "expires": link.expires_at,
        "children": guardian.children.filter(is_active=True),
        "qr_code": qr_code_svg(url, _("QR code with the link to your page"))})
