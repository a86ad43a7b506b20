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
from django.views.decorators.http import require_http_methods, require_POST

from protocolwijzer.accounts.middleware import allow_unverified
from protocolwijzer.consent.guardian import (
    SESSION_KEY,
    GuardianLinkNotUsable,
    access_group_guardians,
    access_guardian,
    access_guardian_link,
    access_guardian_session,
    do_make_guardian_letter,
    do_open_guardian_page,
    do_record_guardian_choices,
    do_refuse_guardian_link,
    do_send_guardian_links,
    guardian_page,
    guardians_of,
    is_signed_in_as_staff,
    is_someone_else,
    link_url,
    response_rate,
    school_of_unusable_link,
    students_of,
)
from protocolwijzer.consent.models import GuardianLink
from protocolwijzer.publications.actions import takedowns_caused_by
from protocolwijzer.schools.models import School


def not_stored(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For a guardian's pages and the report forms: not kept in a shared browser's cache."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    return wrapper


def token_in_address(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """For the address that holds a guardian's token: it must not leak to another site
    through the Referer header (it only redirects, but a browser may still send it)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        return response

    return wrapper


def _not_usable(request: HttpRequest, school: School | None) -> HttpResponse:
    """The page for a link that does not work: how to reach the school for a new one. For
    a token that was never issued, every school's public contact details (the home page
    lists the schools anyway)."""
    return render(request, "consent/guardian_link_not_usable.html", {
        "school": school,
        "schools": [] if school is not None else School.objects.order_by("name"),
    }, status=404)


def _refuse_someone_else(request: HttpRequest, link: GuardianLink) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    do_refuse_guardian_link(link, request.user)  # type: ignore[arg-type]
    return render(request, "consent/guardian_link_signed_in.html", {
        "as_staff": is_signed_in_as_staff(request.user)}, status=403)


@allow_unverified  # a signed-in user reaches the refusal, not the two-factor page
@require_http_methods(["GET", "HEAD"])
@token_in_address
@not_stored
def guardian_link(request: HttpRequest, token: str) -> HttpResponse:
    """The address in the mail or letter: exchanges the token for a session and redirects
    to the token-less page, so the token reaches the access log only this once."""
    try:
        link = access_guardian_link(token)
    except GuardianLinkNotUsable:
        return _not_usable(request, school_of_unusable_link(raw_token=token))
    if is_someone_else(request.user, link):
        return _refuse_someone_else(request, link)
    request.session.cycle_key()  # a fresh session id for the guardian (no fixation)
    request.session[SESSION_KEY] = link.pk
    do_open_guardian_page(link)
    # The mail that asks a parent to read the protocol (protocols/tasks.py) lands there.
    if request.GET.get("naar") == "protocol":
        return redirect("protocols:guardian")
    return redirect("consent:guardian_page")


@allow_unverified
@require_http_methods(["GET", "POST"])
@not_stored
def guardian(request: HttpRequest) -> HttpResponse:
    """The guardian's page, at a token-less address; the session says whose it is. The
    form is protected by Django's CSRF check like every other form."""
    try:
        link = access_guardian_session(request.session.get(SESSION_KEY))
    except GuardianLinkNotUsable:
        return _not_usable(request, school_of_unusable_link(
            link_id=request.session.get(SESSION_KEY)))
    if is_someone_else(request.user, link):
        return _refuse_someone_else(request, link)
    if request.method == "POST":
        do_record_guardian_choices(link, request.POST)
        # Back to the page (not a re-post on reload), which then shows the confirmation.
        return redirect(reverse("consent:guardian_page") + "?opgeslagen=1")
    page = guardian_page(link.guardian, timezone.localdate())
    return render(request, "consent/guardian_page.html", {
        "page": page, "saved": request.GET.get("opgeslagen") == "1",
        "expires": link.expires_at,
        # What their own withdrawals made the school take down: how many, never what.
        "takedowns": takedowns_caused_by(link.guardian)})


@login_required
def group_guardians(request: HttpRequest, group_id: int) -> HttpResponse:
    group = access_group_guardians(request.user, group_id)
    guardians = guardians_of(group).prefetch_related("children")
    return render(request, "consent/group_guardians.html", {
        "group": group, "rate": response_rate(group), "guardians": guardians,
        "students": students_of(group).order_by("last_name", "first_name")})


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
    link, token = do_make_guardian_letter(guardian, request.user)
    url = link_url(token)
    return render(request, "consent/guardian_letter.html", {
        "guardian": guardian, "url": url, "expires": link.expires_at,
        "children": guardian.children.filter(is_active=True),
        "qr_code": qr_code_svg(url, _("QR code with the link to your page"))})
