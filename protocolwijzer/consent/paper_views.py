"""A student's consent history and the paper form (issue 10, point 2): a staff member
records what a guardian wrote on paper as *recorded by* themselves, *on behalf of* the
guardian, never through the guardian's link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from protocolwijzer.audit.actions import do_record, ip_of
from protocolwijzer.consent import scans
from protocolwijzer.consent.access import access_paper_form, access_student_consent
from protocolwijzer.consent.actions import do_record_paper_form, paper_form_deciders
from protocolwijzer.consent.forms import PaperConsentForm
from protocolwijzer.consent.models import SCAN_EXTENSIONS, Decision, Purpose
from protocolwijzer.consent.register import decides_self
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.uploads import MemoryUploadHandler, is_declared_too_large


@login_required
def student_consent(request: HttpRequest, student_id: int) -> HttpResponse:
    student = access_student_consent(request.user, student_id)
    decisions = (Decision.objects.filter(student=student)
                 .select_related("purpose", "decided_by", "recorded_by", "text", "paper_form")
                 .order_by("-decided_at", "-pk"))
    do_record("consent_history_viewed", actor=request.user, school=student.school_id,
              target=student)
    return render(request, "consent/student_consent.html", {
        "student": student, "decisions": decisions,
        "decides_self": decides_self(student, timezone.localdate())})


# The scan must go through MemoryUploadHandler (memory only, size limit while reading),
# and handlers can only be changed before anything reads request.POST, which
# CsrfViewMiddleware would do first; so the outer view is exempt and the inner one
# protected, as in schools.views.import_upload.
@csrf_exempt
@login_required
@require_http_methods(["GET", "POST"])
def paper_form(request: HttpRequest, student_id: int) -> HttpResponse:
    student = access_student_consent(request.user, student_id)
    handler = None
    if request.method == "POST":
        if is_declared_too_large(request, scans.max_bytes()):
            # Refused before a byte of the body is read; nothing changes, so no CSRF risk.
            return _paper_form_page(request, student, refused=scans.too_large_message(),
                                    status=413)
        handler = MemoryUploadHandler(request, limit=scans.max_bytes())
        request.upload_handlers = [handler]
    return _paper_form(request, student, handler)


@csrf_protect
def _paper_form(request: HttpRequest, student: Person,
                handler: MemoryUploadHandler | None) -> HttpResponse:
    if request.method != "POST":
        return _paper_form_page(request, student)
    form = _form(student, request)
    if handler is not None and handler.too_large:
        form.add_error("scan", scans.too_large_message())
    elif form.is_valid():
        try:
            recorded = do_record_paper_form(
                student, form.answers(), decided_by=form.cleaned_data["decided_by"],
                form_dated=form.cleaned_data["form_dated"], recorded_by=request.user,
                scan=form.cleaned_data.get("scan") or None)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, ngettext(
                "%(count)s decision from the paper form is saved.",
                "%(count)s decisions from the paper form are saved.",
                len(recorded)) % {"count": len(recorded)})
            return redirect("consent:student", student_id=student.pk)
    return _paper_form_page(request, student, form)


def _form(student: Person, request: HttpRequest | None = None) -> PaperConsentForm:
    purposes = list(Purpose.objects.filter(school_id=student.school_id, is_active=True)
                    .order_by("order", "name"))
    deciders = paper_form_deciders(student, timezone.localdate())
    if request is not None:
        return PaperConsentForm(request.POST, request.FILES, purposes=purposes,
                                deciders=deciders)
    return PaperConsentForm(purposes=purposes, deciders=deciders)


def _paper_form_page(request: HttpRequest, student: Person,
                     form: PaperConsentForm | None = None, refused: str = "",
                     status: int = 200) -> HttpResponse:
    form = form or _form(student)
    return render(request, "consent/paper_form.html", {
        "student": student, "form": form, "refused": refused,
        "has_deciders": bool(form.fields["decided_by"].queryset.exists()),  # type: ignore[attr-defined]
        "no_deciders": _("This student has no parent or guardian in Protocolwijzer yet.")},
        status=status)


@login_required
@require_http_methods(["GET", "HEAD"])
def paper_form_scan(request: HttpRequest, form_id: int) -> FileResponse:
    """The scan of a paper form, for whoever may read the student's consent history; a
    download (never shown inline, so nothing in it can run on our pages), not stored in
    any cache, and recorded in the audit log like every read of personal data."""
    form = access_paper_form(request.user, form_id)
    if not form.scan:
        raise Http404(_("This paper form has no scan."))
    do_record("consent_paper_form_scan_viewed", actor=request.user,
              school=form.student.school_id, target=form.student,
              detail={"paper_form": form.pk}, ip=ip_of(request))
    extension = SCAN_EXTENSIONS.get(form.scan_type, "")
    response = FileResponse(form.scan.open("rb"), as_attachment=True,
                            content_type=form.scan_type or "application/octet-stream",
                            filename=f"formulier-{form.form_dated:%Y-%m-%d}{extension}")
    response["Cache-Control"] = "no-store"
    return response
