"""A student's consent history and the paper form (issue 10, point 2): a staff member
records what a guardian wrote on paper as *recorded by* themselves, *on behalf of* the
guardian, never through the guardian's link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from protocolwijzer.audit.actions import do_record
from protocolwijzer.consent.access import access_student_consent
from protocolwijzer.consent.actions import do_record_paper_form, paper_form_deciders
from protocolwijzer.consent.forms import PaperConsentForm
from protocolwijzer.consent.models import Decision, Purpose


@login_required
def student_consent(request: HttpRequest, student_id: int) -> HttpResponse:
    student = access_student_consent(request.user, student_id)
    decisions = (Decision.objects.filter(student=student)
                 .select_related("purpose", "decided_by", "recorded_by", "text")
                 .order_by("-decided_at", "-pk"))
    do_record("consent_history_viewed", actor=request.user, school=student.school_id,
              target=student)
    return render(request, "consent/student_consent.html", {
        "student": student, "decisions": decisions})


@login_required
@require_http_methods(["GET", "POST"])
def paper_form(request: HttpRequest, student_id: int) -> HttpResponse:
    student = access_student_consent(request.user, student_id)
    purposes = list(Purpose.objects.filter(school_id=student.school_id, is_active=True)
                    .order_by("order", "name"))
    deciders = paper_form_deciders(student, timezone.localdate())
    form = PaperConsentForm(request.POST or None, purposes=purposes, deciders=deciders)
    if request.method == "POST" and form.is_valid():
        try:
            recorded = do_record_paper_form(
                student, form.answers(), decided_by=form.cleaned_data["decided_by"],
                form_dated=form.cleaned_data["form_dated"], recorded_by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, ngettext(
                "%(count)s decision from the paper form is saved.",
                "%(count)s decisions from the paper form are saved.",
                len(recorded)) % {"count": len(recorded)})
            return redirect("consent:student", student_id=student.pk)
    return render(request, "consent/paper_form.html", {
        "student": student, "form": form, "has_deciders": bool(deciders),
        "no_deciders": _("This student has no parent or guardian in Protocolwijzer yet.")})
