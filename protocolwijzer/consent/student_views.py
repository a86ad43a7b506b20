"""The student's own consent page (signed in, or with their own link) and the letter that
brings the link to a student without an account (issue 14; see student.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from protocolwijzer.accounts.middleware import allow_unverified
from protocolwijzer.consent.access import access_own_student, access_student_consent
from protocolwijzer.consent.guardian import GuardianLinkNotUsable
from protocolwijzer.consent.guardian_views import not_stored, qr_code_svg, token_in_address
from protocolwijzer.consent.models import StudentLink
from protocolwijzer.consent.student import (
    SESSION_KEY,
    access_student_link,
    access_student_session,
    do_make_student_letter,
    do_open_student_page,
    do_record_student_choices,
    do_refuse_student_link,
    may_have_a_link,
    student_link_url,
    student_page,
)
from protocolwijzer.publications.actions import takedowns_caused_by


def _not_usable(request: HttpRequest) -> HttpResponse:
    return render(request, "consent/guardian_link_not_usable.html", status=404)


def _is_someone_else(request: HttpRequest, link: StudentLink) -> bool:
    return request.user.is_authenticated and link.student.user_id != request.user.pk


def _refuse(request: HttpRequest, link: StudentLink) -> HttpResponse:
    request.session.pop(SESSION_KEY, None)
    do_refuse_student_link(link, request.user)  # type: ignore[arg-type]
    return render(request, "consent/student_link_signed_in.html", status=403)


@allow_unverified  # a signed-in user reaches the refusal, not the two-factor page
@require_http_methods(["GET", "HEAD"])
@token_in_address
@not_stored
def student_link(request: HttpRequest, token: str) -> HttpResponse:
    """The address on the student's letter: exchanges the token for a session and
    redirects to the token-less page, as the parent's link does."""
    try:
        link = access_student_link(token)
    except GuardianLinkNotUsable:
        return _not_usable(request)
    if _is_someone_else(request, link):
        return _refuse(request, link)
    request.session.cycle_key()
    request.session[SESSION_KEY] = link.pk
    do_open_student_page(link)
    return redirect("consent:my_consent")


@require_http_methods(["GET", "POST"])
@not_stored
def my_consent(request: HttpRequest) -> HttpResponse:
    """The student's own page: through their link's session, or signed in as a student."""
    link: StudentLink | None = None
    if SESSION_KEY in request.session:
        try:
            link = access_student_session(request.session.get(SESSION_KEY))
        except GuardianLinkNotUsable:
            request.session.pop(SESSION_KEY, None)
            return _not_usable(request)
        if _is_someone_else(request, link):
            return _refuse(request, link)
        student = link.student
    elif not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    else:
        student = access_own_student(request.user)
    user = request.user if request.user.is_authenticated else None
    if request.method == "POST":
        try:
            do_record_student_choices(student, request.POST, user=user,  # type: ignore[arg-type]
                                      link=link)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("consent:my_consent")
        return redirect(reverse("consent:my_consent") + "?opgeslagen=1")
    return render(request, "consent/student_page.html", {
        "page": student_page(student, timezone.localdate()),
        "saved": request.GET.get("opgeslagen") == "1",
        "base": "consent/guardian_base.html" if link is not None else "base.html",
        "expires": link.expires_at if link is not None else None,
        # What their own no made the school take down: how many, never what (issue 14).
        "takedowns": takedowns_caused_by(student)})


@login_required
@require_http_methods(["GET", "POST"])
@not_stored
def student_letter(request: HttpRequest, student_id: int) -> HttpResponse:
    """GET asks to confirm; POST makes a fresh link (earlier ones stop working) and shows
    the letter with it. The token exists only in this response."""
    student = access_student_consent(request.user, student_id)
    if not may_have_a_link(student, timezone.localdate()):
        messages.info(request, _("%(name)s is younger than 16: the parents decide, so the "
                                 "letter goes to them.") % {"name": student.full_name})
        return redirect("consent:student", student_id=student.pk)
    if request.method == "GET":
        return render(request, "consent/student_letter_confirm.html", {"student": student})
    link, token = do_make_student_letter(student, request.user)  # type: ignore[arg-type]
    url = student_link_url(token)
    return render(request, "consent/student_letter.html", {
        "student": student, "url": url, "expires": link.expires_at,
        "qr_code": qr_code_svg(url, _("QR code with the link to your own page"))})
