"""The report pages: signed in (``/melden/``, anonymously for a pupil), through a parent's
guardian link (``/melden/ouder/``), the public form (``/melden/publiek/<school>/``) and
the reporter's status page (``/melden/status/``). Thin: the form, then ``do_report``.

Uploads go through the checker's ``PhotoUploadHandler`` (it stops reading a file past the
limit), so these views are CSRF-exempt outside and protected inside, in the order
Django's documentation prescribes for per-view upload handlers (see checks/views.py).

A page that shows a status secret is the answer to the POST itself and is not stored by
the browser: the secret is never in a session, an address or a log.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from protocolwijzer.accounts.middleware import allow_unverified
from protocolwijzer.audit.actions import ip_of
from protocolwijzer.checks.uploads import PhotoUploadHandler
from protocolwijzer.consent.guardian import (
    SESSION_KEY,
    GuardianLinkNotUsable,
    access_guardian_session,
)
from protocolwijzer.consent.guardian_views import not_stored
from protocolwijzer.incidents.access import report_status_for, reports_of
from protocolwijzer.incidents.models import IncidentSettings, Report
from protocolwijzer.incidents.reporting import (
    MIN_FILL_SECONDS,
    POW_BITS,
    do_report,
    is_over_rate_limit,
    make_challenge,
    status_of,
    verify_proof_of_work,
)
from protocolwijzer.incidents.reporting_forms import (
    AccountReportForm,
    PublicReportForm,
    ReportForm,
    StatusForm,
)
from protocolwijzer.schools.models import Person, School
from protocolwijzer.schools.policy import membership_for, people_visible_to

View = Callable[..., HttpResponse]


def with_upload_handler(view: View) -> View:
    """Installs the size-limiting upload handler before anything reads the body, then
    runs ``view`` with the CSRF check (``handler`` is passed on)."""
    protected = csrf_protect(view)

    @wraps(view)
    @csrf_exempt
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        handler = None
        if request.method == "POST":
            handler = PhotoUploadHandler(request)
            request.upload_handlers = [handler]
        return protected(request, *args, handler=handler, **kwargs)

    return wrapper


def _report_fields(form: ReportForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {"description": data["description"], "platform": data.get("platform") or "",
            "happened_on": data.get("happened_on"), "link": data.get("link") or "",
            "involved": list(data.get("involved") or []),
            "involved_described": data.get("involved_described") or "",
            "files": data.get("files") or []}


def _close(files: list[Any]) -> None:
    for file in files:
        file.close()  # stored or refused: let the bytes go now


def _sent(request: HttpRequest, report: Report, secret: str, *,
          base: str = "base.html") -> HttpResponse:
    """The answer to a report with a secret: the reference and the secret, shown once."""
    return render(request, "incidents/report_sent.html", {
        "report": report, "secret": secret, "base": base,
        "anonymous": report.channel == Report.Channel.ANONYMOUS,
        "aanspreekpunt": IncidentSettings.for_school(report.school_id).aanspreekpunt})


# -- signed in ------------------------------------------------------------------------------

def _reporter(request: HttpRequest) -> tuple[Person, QuerySet[Person]]:
    """The person reporting and whom they may name; 403 for an account without a school
    person (a beheerder, an operator)."""
    membership = membership_for(request.user)
    if membership is None or membership.person is None or membership.role == "beheerder":
        raise PermissionDenied(_("Only people of a school can report here."))
    person = membership.person
    return person, people_visible_to(membership).filter(school_id=person.school_id,
                                                        is_active=True)


@login_required
@require_http_methods(["GET", "POST"])
@not_stored
@with_upload_handler
def report(request: HttpRequest, handler: PhotoUploadHandler | None,
           anonymous: bool = False) -> HttpResponse:
    person, people = _reporter(request)
    can_be_anonymous = person.role == Person.Role.LEERLING
    if anonymous and not can_be_anonymous:
        raise PermissionDenied(_("Only pupils report anonymously; your report goes with "
                                 "your name."))
    if request.method == "POST":
        form = AccountReportForm(request.POST, request.FILES, people=people,
                                 can_be_anonymous=can_be_anonymous,
                                 refused=handler.refused if handler else [])
        if form.is_valid():
            fields = _report_fields(form)
            is_anonymous = bool(form.cleaned_data.get("anonymous"))
            try:
                made, secret = do_report(person.school, by=person,
                                         channel=Report.Channel.ACCOUNT,
                                         anonymous=is_anonymous, ip=ip_of(request), **fields)
            except ValidationError as error:
                form.add_action_errors(error)
            else:
                if secret:
                    return _sent(request, made, secret)
                return redirect(reverse("incidents:report_status") + f"?melding={made.reference}")
            finally:
                _close(fields["files"])
    else:
        form = AccountReportForm(people=people, can_be_anonymous=can_be_anonymous,
                                 initial={"anonymous": anonymous})
    return render(request, "incidents/report_form.html", {
        "form": form, "school": person.school, "anonymous": anonymous,
        "can_be_anonymous": can_be_anonymous,
        "aanspreekpunt": IncidentSettings.for_school(person.school_id).aanspreekpunt})


@csrf_exempt  # report() installs the upload handler, then checks the token
def report_anonymous(request: HttpRequest) -> HttpResponse:
    """A pupil's report to the aanspreekpunt pesten, without their name."""
    return report(request, anonymous=True)


# -- a parent's guardian link ---------------------------------------------------------------------

@allow_unverified
@require_http_methods(["GET", "POST"])
@not_stored
@with_upload_handler
def report_guardian(request: HttpRequest, handler: PhotoUploadHandler | None) -> HttpResponse:
    """A parent without an account reports from their link's session (opened at
    /toestemming/ouder/<token>/); they may name themselves and their own children."""
    try:
        link = access_guardian_session(request.session.get(SESSION_KEY))
    except GuardianLinkNotUsable:
        raise Http404(_("Open the link from the school's letter or e-mail first.")) from None
    guardian = link.guardian
    people = Person.objects.filter(school_id=guardian.school_id, is_active=True).filter(
        pk__in=[guardian.pk, *guardian.children.values_list("pk", flat=True)])
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES, people=people,
                          refused=handler.refused if handler else [])
        if form.is_valid():
            fields = _report_fields(form)
            try:
                made, secret = do_report(guardian.school, by=guardian,
                                         channel=Report.Channel.GUARDIAN_LINK,
                                         ip=ip_of(request), **fields)
            except ValidationError as error:
                form.add_action_errors(error)
            else:
                return _sent(request, made, secret, base="consent/guardian_base.html")
            finally:
                _close(fields["files"])
    else:
        form = ReportForm(people=people)
    return render(request, "incidents/report_guardian.html", {
        "form": form, "school": guardian.school, "guardian": guardian,
        "reports": [status_of(r) for r in reports_of(guardian)[:20]]})


# -- the public form ----------------------------------------------------------------------------

def _school_by_slug(slug: str) -> School:
    return get_object_or_404(School, slug=slug)


@allow_unverified
@require_http_methods(["GET", "POST"])
@not_stored
@with_upload_handler
def report_public(request: HttpRequest, school_slug: str,
                  handler: PhotoUploadHandler | None) -> HttpResponse:
    """Anyone, also without an account, reports about the school. A script proves a small
    amount of work and the form may not come back too fast; a burst is refused."""
    school = _school_by_slug(school_slug)
    status, refusal = 200, ""
    # Counted before the body is read: a burst costs no parsing of its uploads.
    wait = is_over_rate_limit(school, ip_of(request)) if request.method == "POST" else 0
    if wait:
        form = PublicReportForm(initial={"challenge": make_challenge(school)})
        refusal = _("Many reports were sent from here in a short time. Try again in "
                    "%(minutes)s minutes, or phone the school.") % {
                        "minutes": max(1, wait // 60)}
        status = 429
    elif request.method == "POST":
        form = PublicReportForm(request.POST, request.FILES,
                                refused=handler.refused if handler else [])
        if form.is_valid():
            problem = verify_proof_of_work(school, form.cleaned_data.get("challenge", ""),
                                           form.cleaned_data.get("solution", ""))
            fields = _report_fields(form)
            try:
                if problem:
                    raise ValidationError(problem)
                made, secret = do_report(
                    school, by=None, channel=Report.Channel.PUBLIC,
                    contact_email=form.cleaned_data.get("contact_email") or "",
                    ip=ip_of(request), **fields)
            except ValidationError as error:
                form.add_action_errors(error)
                status = 400
            else:
                return _sent(request, made, secret)
            finally:
                _close(fields["files"])
        else:
            status = 400
        # A fresh challenge for the next attempt (a challenge counts once).
        data = form.data.copy()
        data["challenge"], data["solution"] = make_challenge(school), ""
        form.data = data
    else:
        form = PublicReportForm(initial={"challenge": make_challenge(school)})
    return render(request, "incidents/report_public.html", {
        "form": form, "school": school, "pow_bits": POW_BITS, "refusal": refusal,
        "min_seconds": MIN_FILL_SECONDS}, status=status)


# -- the reporter's status ----------------------------------------------------------------------

@allow_unverified
@require_http_methods(["GET", "POST"])
@not_stored
def report_status(request: HttpRequest) -> HttpResponse:
    """The status of one's own report: by account (the list of one's reports), or by
    reference and secret (POST, so the secret stays out of addresses and logs). Never
    anything about the case: who handles it, who is involved, what was decided."""
    found = None
    form = StatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            found = status_of(report_status_for(form.cleaned_data["secret"],
                                                form.cleaned_data["reference"]))
        except Http404:
            form.add_error(None, _("No report has this reference and secret code. Check "
                                   "both and try again."))
    mine = []
    membership = membership_for(request.user)
    if membership is not None and membership.role != "beheerder":
        mine = [status_of(r) for r in reports_of(membership.person)[:50]]
    return render(request, "incidents/report_status.html", {
        "form": form, "found": found, "mine": mine,
        "just_sent": request.GET.get("melding", "")}, status=200)
