"""The handler's pages: the list of cases, a case (reports, evidence, people, triage,
severity, measures, duties, closing, sharing, history), the triage form, a measure for one
person, an evidence file, and the school's incident settings.

Thin: each view loads through ``access.py``, calls one ``do_*`` of ``actions.py`` and
redirects back to the case with a message; a refusal of an action (an open duty when
closing) is shown on the case page as the action's own message.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from protocolwijzer.audit.actions import do_record, ip_of
from protocolwijzer.engine.errors import SituationError
from protocolwijzer.engine.explain import verdict_label
from protocolwijzer.incidents import access
from protocolwijzer.incidents.actions import (
    do_add_duty,
    do_assign_handler,
    do_close_case,
    do_link_person,
    do_record_duty,
    do_record_measure,
    do_set_incident_settings,
    do_set_severity,
    do_share_case,
    do_triage,
    do_waive_duty,
    engine_role_of,
    measure_options,
    protocol_judged_under,
)
from protocolwijzer.incidents.dossier import may_open_dossier
from protocolwijzer.incidents.forms import (
    AddDutyForm,
    CloseForm,
    DutyDoneForm,
    DutyWaiveForm,
    HandlerForm,
    IncidentSettingsForm,
    LinkPersonForm,
    MeasureForm,
    SeverityForm,
    TriageForm,
)
from protocolwijzer.incidents.history import history_lines
from protocolwijzer.incidents.models import (
    Case,
    CasePerson,
    Evidence,
    IncidentSettings,
    Report,
)
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.policy import STAFF_ROLES, membership_for


def _case_url(case: Case, anchor: str = "") -> str:
    return reverse("incidents:case", args=[case.pk]) + (f"#{anchor}" if anchor else "")


def _error_text(error: ValidationError) -> str:
    return " ".join(str(m) for m in error.messages)


def _staff_of(school_id: int) -> Any:
    return Person.objects.filter(school_id=school_id, role__in=STAFF_ROLES,
                                 is_active=True).select_related("group")


@login_required
@require_http_methods(["GET", "HEAD"])
def case_list(request: HttpRequest) -> HttpResponse:
    membership = membership_for(request.user)
    if membership is None or not access.may_see_case_list(membership):
        raise PermissionDenied(_("Only the people who handle reports see this list."))
    cases = list(access.cases_visible_to(request.user)
                 .prefetch_related("reports", "duties").order_by("-opened_at", "-pk"))
    today = timezone.localdate()
    do_record("cases_listed", actor=request.user,
              school=membership.person.school_id if membership.person else None,
              detail={"count": len(cases)}, ip=ip_of(request))
    open_cases = [c for c in cases if not c.is_closed]
    closed = [c for c in cases if c.is_closed]
    settings_school = None
    if membership.person is not None and access.is_schoolleiding_of(
            membership, membership.person.school_id):
        settings_school = membership.person.school
    return render(request, "incidents/case_list.html", {
        "open_cases": open_cases, "closed_cases": closed, "today": today,
        "settings_school": settings_school})


def _protocol_title(case: Case) -> str:
    """The protocol's own title for the verdict line; its id when it is no longer loaded."""
    protocol = protocol_judged_under(case) if case.protocol_id else None
    return protocol.title if protocol is not None else case.protocol_id


def _reports_of(case: Case) -> list[Report]:
    return list(case.reports.prefetch_related("involved", "evidence")
                .select_related("reporter").order_by("created_at", "pk"))


def _marks(case: Case) -> list[dict[str, Any]]:
    return list((case.verdict or {}).get("marks", []))


@login_required
@require_http_methods(["GET", "HEAD"])
def case_detail(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access.case_for(request.user, case_id)
    acts = access.may_act_on(request.user, case)
    person = membership_for(request.user).person  # type: ignore[union-attr]
    today = timezone.localdate()
    links = list(case.people.select_related("person", "person__group"))
    if not acts:
        # Shared to read: the case, not the other people's details or the evidence.
        return render(request, "incidents/case_shared.html", {
            "case": case, "reports": _reports_of(case), "marks": _marks(case),
            "measures": case.measures.filter(person=person), "today": today,
            "verdict_label": _verdict_label(case)})
    subjects = [link for link in links if link.part == CasePerson.Part.SUBJECT]
    measure_blocks = [{"link": link, "options": measure_options(case, link.person),
                       "form": MeasureForm(options=measure_options(case, link.person),
                                           prefix=f"m{link.person.pk}")}
                      for link in subjects]
    evidence = [{"item": item, "intact": item.verify()}
                for item in Evidence.objects.filter(report__case=case)
                .order_by("uploaded_at", "pk")]
    duties = list(case.duties.select_related("recorded_by"))
    waive = access.may_waive_duties(request.user, case)
    return render(request, "incidents/case_detail.html", {
        "case": case, "today": today, "reports": _reports_of(case), "evidence": evidence,
        "protocol_title": _protocol_title(case),
        "links": links,
        # A person's dossier is linked only for whom the dossier's own door lets in.
        "dossier_ids": {link.person_id for link in links
                        if may_open_dossier(request.user, link.person)},
        "link_form": LinkPersonForm(
            people=access.people_to_link(request.user, case)),
        "marks": _marks(case), "verdict_label": _verdict_label(case),
        "consequences": (case.verdict or {}).get("consequences", []),
        "severity_form": SeverityForm(initial={"severity": case.severity}),
        "measure_blocks": measure_blocks,
        "measures": case.measures.select_related("person", "decided_by"),
        "duties": [{"duty": d, "done_form": DutyDoneForm(prefix=f"d{d.pk}",
                                                         initial={"done_on": today}),
                    "waive_form": DutyWaiveForm(prefix=f"w{d.pk}")} for d in duties],
        "may_waive": waive, "add_duty_form": AddDutyForm(),
        "close_form": CloseForm(), "history": history_lines(case),
        "handler_form": (HandlerForm(staff=_staff_of(case.school_id),
                                     initial={"handler": case.handler_id})
                         if access.may_assign_handler(request.user, case) else None),
    })


def _verdict_label(case: Case) -> str:
    if not case.verdict:
        return ""
    try:
        return verdict_label(str(case.verdict.get("verdict")))
    except KeyError:
        return str(case.verdict.get("verdict"))


def _redirect_with(request: HttpRequest, case: Case, error: ValidationError | None,
                   done: str, anchor: str) -> HttpResponse:
    if error is not None:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, done)
    return redirect(_case_url(case, anchor))


@login_required
@require_POST
def link_person(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access.case_to_act_on(request.user, case_id)
    form = LinkPersonForm(request.POST, people=access.people_to_link(request.user, case))
    if not form.is_valid():
        messages.error(request, _("Choose a person you may see and the part they played."))
        return redirect(_case_url(case, "mensen"))
    try:
        do_link_person(case, form.cleaned_data["person"], form.cleaned_data["part"],
                       request.user)
    except ValidationError as error:
        return _redirect_with(request, case, error, "", "mensen")
    return _redirect_with(request, case, None, _("The person was linked to the case."),
                          "mensen")


def _triage_initial(case: Case, reports: list[Report]) -> dict[str, Any]:
    links = list(case.people.select_related("person"))
    subject = next((link.person for link in links if link.part == CasePerson.Part.SUBJECT),
                   None)
    target = next((link.person for link in links if link.part == CasePerson.Part.TARGET),
                  None)
    target_roles = {"student": "student", "parent": "parent", "staff": "staff"}
    initial: dict[str, Any] = {
        "text": "\n\n".join(r.description for r in reports if r.description),
        "channel": next((r.platform for r in reports if r.platform), ""),
        "actor_role": engine_role_of(subject) if subject else "student",
        "target_role": target_roles.get(engine_role_of(target), "") if target else "",
        "severity": case.severity}
    if case.situation:
        saved = case.situation
        initial.update({
            "actor_role": saved["actor"]["role"], "context": saved["context"],
            "school_related": "yes" if saved["school_related"] else "no",
            "action": saved["action"], "channel": saved.get("channel", ""),
            "account": saved.get("account", ""),
            "target_role": (saved.get("target") or {}).get("role", ""),
            "text": (saved.get("post") or {}).get("text", "")})
    return initial


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def triage(request: HttpRequest, case_id: int) -> HttpResponse:
    """The triage form: builds the situation from the report and evidence, runs it
    through the engine with the protocol in force on the day it happened."""
    case = access.case_to_act_on(request.user, case_id)
    reports = _reports_of(case)
    problems: list[str] = []
    if request.method == "POST":
        form = TriageForm(request.POST)
        if form.is_valid():
            try:
                do_triage(case, situation=form.situation(), by=request.user)
                if form.cleaned_data.get("severity"):
                    do_set_severity(case, form.cleaned_data["severity"], request.user)
            except SituationError as error:
                problems = [str(p) for p in error.problems]
            except ValidationError as error:
                problems = [_error_text(error)]
            else:
                messages.success(request, _("The case was triaged against the protocol."))
                return redirect(_case_url(case, "triage"))
    else:
        form = TriageForm(initial=_triage_initial(case, reports))
    return render(request, "incidents/case_triage.html", {
        "case": case, "form": form, "reports": reports, "problems": problems})


@login_required
@require_POST
def set_severity(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access.case_to_act_on(request.user, case_id)
    form = SeverityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how serious it is."))
        return redirect(_case_url(case, "ernst"))
    try:
        do_set_severity(case, form.cleaned_data["severity"], request.user)
    except ValidationError as error:
        return _redirect_with(request, case, error, "", "ernst")
    return _redirect_with(request, case, None, _("The severity was recorded."), "ernst")


@login_required
@require_POST
def record_measure(request: HttpRequest, case_id: int) -> HttpResponse:
    """Records the measure a person decided for one person linked to the case (the
    person's id in ``person``)."""
    case = access.case_to_act_on(request.user, case_id)
    link = case.people.select_related("person").filter(
        person_id=_int(request.POST.get("person"))).first()
    if link is None:
        raise Http404(_("This person is not linked to the case."))
    options = measure_options(case, link.person)
    form = MeasureForm(request.POST, options=options, prefix=f"m{link.person.pk}")
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values()
                                         for e in errors))
        return redirect(_case_url(case, "maatregelen"))
    try:
        do_record_measure(case, link.person, form.cleaned_data["measure"],
                          reason=form.cleaned_data["reason"], by=request.user,
                          decided_on=form.cleaned_data["decided_on"])
    except ValidationError as error:
        return _redirect_with(request, case, error, "", "maatregelen")
    return _redirect_with(request, case, None, _("The measure was recorded, with an entry in "
                                                 "the dossier."), "maatregelen")


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
@require_POST
def duty(request: HttpRequest, case_id: int) -> HttpResponse:
    """Records a duty as done, waives it (schoolleiding), or adds one: ``action`` in
    done / waive / add, the duty's id in ``duty``."""
    case = access.case_to_act_on(request.user, case_id)
    action = request.POST.get("action")
    try:
        if action == "add":
            add_form = AddDutyForm(request.POST)
            if not add_form.is_valid():
                raise ValidationError(_("Choose a duty."))
            do_add_duty(case, add_form.cleaned_data["kind"], request.user)
            return _redirect_with(request, case, None, _("The duty was added."), "plichten")
        item = case.duties.filter(pk=_int(request.POST.get("duty"))).first()
        if item is None:
            raise Http404(_("This case has no such duty."))
        if action == "waive":
            if not access.may_waive_duties(request.user, case):
                raise PermissionDenied(_("Only the school's management can waive a duty."))
            waive_form = DutyWaiveForm(request.POST, prefix=f"w{item.pk}")
            if not waive_form.is_valid():
                raise ValidationError(_("Say why this duty does not apply."))
            do_waive_duty(item, reason=waive_form.cleaned_data["reason"], by=request.user)
            return _redirect_with(request, case, None, _("The duty was waived, with your "
                                                         "reason."), "plichten")
        done_form = DutyDoneForm(request.POST, prefix=f"d{item.pk}")
        if not done_form.is_valid():
            raise ValidationError(_("Give the date it was done."))
        do_record_duty(item, done_on=done_form.cleaned_data["done_on"],
                       reference=done_form.cleaned_data["reference"], by=request.user)
    except ValidationError as error:
        return _redirect_with(request, case, error, "", "plichten")
    return _redirect_with(request, case, None, _("The duty was recorded as done."),
                          "plichten")


@login_required
@require_POST
def close(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access.case_to_act_on(request.user, case_id)
    form = CloseForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Say why the case can be closed."))
        do_close_case(case, reason=form.cleaned_data["reason"], by=request.user)
    except ValidationError as error:
        return _redirect_with(request, case, error, "", "sluiten")
    return _redirect_with(request, case, None, _("The case was closed."), "sluiten")


@login_required
@require_POST
def share(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access.case_to_act_on(request.user, case_id)
    link = case.people.select_related("person").filter(
        person_id=_int(request.POST.get("person"))).first()
    if link is None:
        raise Http404(_("This person is not linked to the case."))
    try:
        do_share_case(case, link.person, request.user)
    except ValidationError as error:
        return _redirect_with(request, case, error, "", "mensen")
    return _redirect_with(request, case, None, _("The case was shared with this person."),
                          "mensen")


@login_required
@require_POST
def assign_handler(request: HttpRequest, case_id: int) -> HttpResponse:
    case = access.case_to_act_on(request.user, case_id)
    if not access.may_assign_handler(request.user, case):
        raise PermissionDenied(_("Only the school's management chooses the handler."))
    form = HandlerForm(request.POST, staff=_staff_of(case.school_id))
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose a staff member."))
        do_assign_handler(case, form.cleaned_data["handler"], request.user)
    except ValidationError as error:
        return _redirect_with(request, case, error, "", "behandelaar")
    return _redirect_with(request, case, None, _("The handler was changed."), "behandelaar")


@login_required
@require_http_methods(["GET", "HEAD"])
def evidence_file(request: HttpRequest, evidence_id: int) -> FileResponse:
    """The viewing copy (metadata stripped) of an evidence file; the original only with
    ``?origineel=1``, as a download. Never cached; the read is audited."""
    from protocolwijzer.media import storage

    item = access.evidence_for(request.user, evidence_id)
    original = request.GET.get("origineel") == "1" or not item.view_name
    name = item.name if original else item.view_name
    try:
        handle = storage.open_for_streaming(name)
    except FileNotFoundError:
        raise Http404(_("There is no such file.")) from None
    case_id = item.case_id or item.report.case_id
    do_record("evidence_viewed", actor=request.user, school=item.report.school_id,
              target=item, detail={"case": case_id, "original": original},
              ip=ip_of(request))
    response = FileResponse(handle, as_attachment=original, filename=item.original_name)
    response["Cache-Control"] = "no-store, private"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def incident_settings(request: HttpRequest) -> HttpResponse:
    school = access.access_incident_settings(request.user)
    current = IncidentSettings.for_school(school.pk)
    staff = _staff_of(school.pk)
    if request.method == "POST":
        form = IncidentSettingsForm(request.POST, staff=staff)
        if form.is_valid():
            try:
                do_set_incident_settings(school, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The settings were saved."))
                return redirect("incidents:settings")
    else:
        form = IncidentSettingsForm(staff=staff, initial={
            "aanspreekpunt": current.aanspreekpunt_id, "triage_days": current.triage_days,
            "retention_years": current.retention_years})
    return render(request, "incidents/settings.html", {"form": form, "school": school})
