from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST

from protocolwijzer.accounts.actions import do_invite_person
from protocolwijzer.accounts.forms import InvitationForm
from protocolwijzer.audit.actions import do_record, ip_of
from protocolwijzer.audit.models import Action
from protocolwijzer.schools import importing
from protocolwijzer.schools.access import (
    access_group,
    access_pending_import,
    access_person,
    access_person_to_manage,
    access_school_to_import,
    groups_visible_to,
    people_of,
    require_membership,
    schools_of,
    schools_to_import_into,
    stichtingen_visible_to,
)
from protocolwijzer.schools.actions import (
    ADD,
    MERGE,
    DuplicatesUnresolved,
    PossibleDuplicate,
    check_role_change,
    do_change_role,
    do_check_pending_import,
    do_confirm_pending_import,
    do_discard_pending_import,
    do_set_all_groups,
    do_set_teaching_groups,
    do_store_pending_import,
    plan_import,
    role_needs_second_factor,
    row_name,
)
from protocolwijzer.schools.forms import (
    AllGroupsForm,
    ImportMappingForm,
    ImportUploadForm,
    RoleChangeForm,
    RoleForm,
    TeachingGroupsForm,
)
from protocolwijzer.schools.models import Group, ImportMapping, PendingImport, Person, School
from protocolwijzer.schools.policy import GROUP_BOUND_ROLES, RIGHT_LABELS, ROLE_RIGHTS, Right
from protocolwijzer.schools.uploads import ImportUploadHandler, is_declared_too_large


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "schools/home.html",
                  {"stichtingen": stichtingen_visible_to(request.user)})


@login_required
def my_school(request: HttpRequest) -> HttpResponse:
    membership = require_membership(request.user)
    return render(request, "schools/my_school.html", {
        "membership": membership,
        "schools": schools_of(request.user),
        "groups": groups_visible_to(request.user),
        "can_view_groups": membership.has(Right.VIEW_GROUPS),
        "can_view_audit_log": membership.has(Right.VIEW_AUDIT_LOG),
        "can_import": membership.has(Right.MANAGE_PEOPLE),
    })


@login_required
def group_detail(request: HttpRequest, group_id: int) -> HttpResponse:
    group = access_group(request.user, group_id)
    visible = people_of(request.user)
    people = list(visible.filter(group=group).exclude(role__in=GROUP_BOUND_ROLES))
    # Who else sees this group's students: its mentor and teachers, and the staff granted
    # every group, so that a grant is never invisible.
    staff = visible.filter(role__in=GROUP_BOUND_ROLES, school=group.school)
    linked = list(staff.filter(Q(group=group) | Q(teaches=group)).distinct())
    all_groups = [person for person in staff.filter(sees_all_groups=True)
                  if person not in linked]
    do_record(Action.PEOPLE_LISTED, actor=request.user, school=group.school_id, target=group,
              detail={"count": len(people) + len(linked) + len(all_groups)},
              ip=ip_of(request))
    return render(request, "schools/group_detail.html", {
        "group": group, "people": people, "linked_staff": linked,
        "all_groups_staff": all_groups})


@login_required
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access_person(request.user, person_id)
    membership = require_membership(request.user)
    if person.user_id is None or person.user_id != request.user.pk:
        do_record(Action.PERSON_VIEWED, actor=request.user, school=person.school_id,
                  target=person, ip=ip_of(request))
    visible = people_of(request.user)
    can_manage = membership.has(Right.MANAGE_PEOPLE)
    group_bound = person.role in GROUP_BOUND_ROLES
    return render(request, "schools/person_detail.html", {
        "person": person,
        "group_bound": group_bound,
        "teaches": person.teaches.order_by("name") if group_bound else None,
        # Group names link to the group's page only where the reader may open it.
        "openable_group_ids": set(groups_visible_to(request.user).values_list("pk", flat=True)),
        "groups_form": (TeachingGroupsForm(school=person.school,
                                           initial={"teaches": person.teaches.all()})
                        if can_manage and group_bound else None),
        "all_groups_form": (AllGroupsForm(initial={"sees_all_groups": person.sees_all_groups})
                            if can_manage and group_bound else None),
        "is_self": person.user_id is not None and person.user_id == request.user.pk,
        # Relations only as far as the viewer may see those people themselves.
        "children": visible.filter(guardians=person),
        "guardians": visible.filter(children=person),
        "can_manage": can_manage,
        "role_form": RoleForm(initial={"role": person.role}) if can_manage else None,
        "open_invitation": (person.invitations.filter(used_at=None, expires_at__gt=timezone.now())
                            .order_by("-created_at").first() if can_manage else None),
    })


@require_POST
@login_required
def person_role(request: HttpRequest, person_id: int) -> HttpResponse:
    """The role chosen on the person's page is confirmed on a page of its own that says
    what changes; a role that needs two-factor sign-in also asks for the code of the
    person giving it (issue 14). Only the confirmed form changes the role."""
    person = access_person_to_manage(request.user, person_id)
    form = RoleChangeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles in the list."))
        return redirect("schools:person", person_id=person.pk)
    role = form.cleaned_data["role"]
    if role == person.role:
        messages.info(request, _("%(name)s already has this role.") % {
            "name": person.full_name})
        return redirect("schools:person", person_id=person.pk)
    try:
        check_role_change(request.user, person, role)
        if form.cleaned_data["confirmed"]:
            do_change_role(request.user, person, role, ip=ip_of(request),
                           code=form.cleaned_data["code"])
        else:
            return _confirm_role_change(request, person, role, form)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            form.add_error(None, error)
            return _confirm_role_change(request, person, role, form)
        messages.error(request, " ".join(error.messages))
        return redirect("schools:person", person_id=person.pk)
    person.refresh_from_db(fields=["role"])
    messages.success(request, _("%(name)s is now: %(role)s.") % {
        "name": person.full_name, "role": person.get_role_display()})
    return redirect("schools:person", person_id=person.pk)


def _confirm_role_change(request: HttpRequest, person: Person, role: str,
                         form: RoleChangeForm) -> HttpResponse:
    old, new = ROLE_RIGHTS[person.role], ROLE_RIGHTS[role]
    return render(request, "schools/person_role_confirm.html", {
        "person": person, "role": role, "role_label": Person.Role(role).label,
        "form": form, "needs_code": role_needs_second_factor(role),
        "gains": [RIGHT_LABELS[r] for r in Right if r in new - old],
        "loses": [RIGHT_LABELS[r] for r in Right if r in old - new],
        "not_staff_yet": person.role in (Person.Role.LEERLING, Person.Role.OUDER)
        and role not in (Person.Role.LEERLING, Person.Role.OUDER)})


@require_POST
@login_required
def person_groups(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access_person_to_manage(request.user, person_id)
    form = TeachingGroupsForm(request.POST, school=person.school)
    if not form.is_valid():
        messages.error(request, _("Choose groups of this school from the list."))
        return redirect("schools:person", person_id=person.pk)
    try:
        changed = do_set_teaching_groups(request.user, person, form.cleaned_data["teaches"],
                                         ip=ip_of(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if changed:
            messages.success(request, _("The groups of %(name)s have been saved.") % {
                "name": person.full_name})
    return redirect("schools:person", person_id=person.pk)


@require_POST
@login_required
def person_all_groups(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access_person_to_manage(request.user, person_id)
    form = AllGroupsForm(request.POST)
    form.is_valid()  # a checkbox: absent means no
    granted = bool(form.cleaned_data.get("sees_all_groups"))
    try:
        changed = do_set_all_groups(request.user, person, granted, ip=ip_of(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if changed and granted:
            messages.success(request, _("%(name)s now sees the students of every group.")
                             % {"name": person.full_name})
        elif changed:
            messages.success(request, _("%(name)s now sees only the students of their own "
                                        "groups.") % {"name": person.full_name})
    return redirect("schools:person", person_id=person.pk)


@login_required
def person_invite(request: HttpRequest, person_id: int) -> HttpResponse:
    person = access_person_to_manage(request.user, person_id)
    if person.user_id is not None:
        messages.info(request, _("%(name)s already has an account.") % {
            "name": person.full_name})
        return redirect("schools:person", person_id=person.pk)
    form = InvitationForm(request.POST or None)
    if form.is_valid():
        try:
            invitation, _token = do_invite_person(request.user, person,
                                                  form.cleaned_data["email"], ip=ip_of(request))
        except ValidationError as error:
            form.add_error("email", error)
        except OSError:  # smtplib's errors included: the mail server did not take it
            form.add_error(None, _("The invitation could not be sent: the mail server did not "
                                   "answer. Nothing was saved; please try again later."))
        else:
            messages.success(request, _("The invitation has been sent to %(email)s. The link "
                                        "works once, for seven days.") % {
                "email": invitation.email})
            return redirect("schools:person", person_id=person.pk)
    return render(request, "schools/person_invite.html", {"person": person, "form": form})


# --- Import from the student administration -------------------------------------------

PENDING_SESSION_KEY = "pw_pending_import"
SHOWN_ERRORS = 200


# The upload must go through ImportUploadHandler (memory only, size limit while reading),
# and handlers can only be changed before anything reads request.POST, which
# CsrfViewMiddleware would do first; so the outer view is exempt and the inner one
# protected, as in checks.views.check.
@csrf_exempt
@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    schools = schools_to_import_into(request.user)
    if request.method == "POST" and is_declared_too_large(request):
        # Refused before a byte of the body is read; nothing is changed, so no CSRF risk.
        return render(request, "schools/import_upload.html", {
            "form": ImportUploadForm(schools=schools),
            "refused": importing.too_large_message()}, status=413)
    handler = None
    if request.method == "POST":
        handler = ImportUploadHandler(request)
        request.upload_handlers = [handler]
    return _import_upload(request, schools, handler)


@csrf_protect
def _import_upload(request: HttpRequest, schools: QuerySet[School],
                   handler: ImportUploadHandler | None) -> HttpResponse:
    form = ImportUploadForm(request.POST or None, request.FILES or None, schools=schools)
    refused = ""
    if request.method == "POST":
        if handler is not None and handler.too_large:
            form = ImportUploadForm(schools=schools)
            refused = importing.too_large_message()
        elif form.is_valid():
            school = access_school_to_import(request.user, form.cleaned_data["school"].pk)
            try:
                table, sha256 = importing.read_upload(form.cleaned_data["file"])
            except importing.FileRefused as error:
                # Not "as refused": Python unbinds the name after the block, and
                # ``refused`` is rendered below.
                form.add_error("file", error.message)
            else:
                pending = do_store_pending_import(school, request.user,
                                                  form.cleaned_data["source"], table, sha256)
                request.session[PENDING_SESSION_KEY] = pending.pk
                return redirect("schools:import_columns")
    return render(request, "schools/import_upload.html", {"form": form, "refused": refused})


def _pending_or_restart(request: HttpRequest) -> PendingImport | HttpResponse:
    pending = access_pending_import(request.user, request.session.get(PENDING_SESSION_KEY))
    if pending is None:
        messages.info(request, _("There is no uploaded file waiting (any more). Upload the "
                                 "export again."))
        return redirect("schools:import_upload")
    return pending


@login_required
def import_columns(request: HttpRequest) -> HttpResponse:
    pending = _pending_or_restart(request)
    if isinstance(pending, HttpResponse):
        return pending
    table = importing.Table.from_json(pending.table)
    remembered = ImportMapping.objects.filter(school=pending.school,
                                              source=pending.source).first()
    initial = pending.mapping or importing.guess_mapping(
        table.headers, pending.source, remembered.mapping if remembered else None)
    form = ImportMappingForm(request.POST or None, headers=table.headers, initial=initial)
    if form.is_valid():
        validated = importing.validate(table, form.cleaned_data["mapping"],
                                       timezone.localdate())
        do_check_pending_import(pending, form.cleaned_data["mapping"], validated)
        return redirect("schools:import_preview")
    return render(request, "schools/import_columns.html", {
        "form": form, "pending": pending, "rows": len(table.rows),
        "sample": [(row + [""] * len(table.headers))[:len(table.headers)]
                   for row in table.rows[:3]],
        "headers": table.headers})


DUPLICATE_PREFIX = "dubbel-"
SHOWN_NAMES = 500  # per list in the preview; the counts above are always complete


def _resolutions(request: HttpRequest) -> dict[int, str]:
    """The choice per possibly duplicate row: ``dubbel-<row>`` = ``add`` or ``merge:<id>``."""
    return {int(key.removeprefix(DUPLICATE_PREFIX)): value
            for key, value in request.POST.items()
            if key.startswith(DUPLICATE_PREFIX) and key.removeprefix(DUPLICATE_PREFIX).isdigit()}


@dataclass(frozen=True)
class StudentChange:
    person: Person
    changes: list[tuple[str, str, str]]  # (what, was, becomes)


def _changes(plan: Any, school: School) -> list[StudentChange]:
    """The changes of existing students in words, for the preview."""
    labels = {**{name: str(label) for name, label in importing.STUDENT_FIELDS.items()},
              "is_active": _("back at school")}
    group_names = dict(Group.objects.filter(school=school).values_list("pk", "name"))
    shown = []
    for person, change in plan.student_updates[:SHOWN_NAMES]:
        rows = []
        for name, value in change.items():
            if name in ("left_on", "group_id"):
                continue
            if name == "group":
                old = group_names.get(person.group_id, "")
            elif name == "is_active":
                old, value = _("left"), _("yes")
            else:
                old = getattr(person, name)
            rows.append((labels.get(name, name), _shown(old), _shown(value)))
        shown.append(StudentChange(person, rows))
    return shown


def _shown(value: Any) -> str:
    if value in (None, ""):
        return "–"
    if isinstance(value, datetime.date):
        return formats.date_format(value, "j F Y")
    if isinstance(value, str) and len(value) == 10 and value[4] == "-":
        try:
            return formats.date_format(datetime.date.fromisoformat(value), "j F Y")
        except ValueError:
            return value
    return str(value)


def _duplicate_choices(duplicate: PossibleDuplicate,
                       resolutions: dict[int, str]) -> dict[str, Any]:
    """A possible duplicate with its radio buttons: one "merge" per candidate, one "add"."""
    chosen = resolutions.get(duplicate.row_number, "")
    merges = [(f"{MERGE}:{p.pk}", p) for p in duplicate.candidates]
    return {"d": duplicate, "field": f"{DUPLICATE_PREFIX}{duplicate.row_number}",
            "merges": [(value, person, value == chosen) for value, person in merges],
            "add": ADD, "add_checked": chosen == ADD}


@login_required
def import_preview(request: HttpRequest) -> HttpResponse:
    """What the import will do, by name (issue 14): new, changed and leaving students, and
    the rows whose student may already be here (same name and date of birth, without the
    same student number), each to be resolved as the same student (merge) or a new one
    (add) before the import can be confirmed."""
    pending = _pending_or_restart(request)
    if isinstance(pending, HttpResponse):
        return pending
    if not pending.is_checked:
        return redirect("schools:import_columns")
    if request.method == "POST" and request.POST.get("action") == "cancel":
        do_discard_pending_import(pending)
        request.session.pop(PENDING_SESSION_KEY, None)
        messages.info(request, _("The import has been cancelled. Nothing was changed."))
        return redirect("schools:import_upload")
    resolutions = _resolutions(request) if request.method == "POST" else {}
    refused = ""
    if request.method == "POST" and pending.can_confirm:
        try:
            summary = do_confirm_pending_import(pending, request.user, ip=ip_of(request),
                                                resolutions=resolutions)
        except DuplicatesUnresolved as error:
            refused = " ".join(error.messages)
        else:
            request.session.pop(PENDING_SESSION_KEY, None)
            messages.success(request, _(
                "The import is done: %(new)s new students, %(changed)s changed, %(leavers)s "
                "left the school.") % {"new": summary.new_students,
                                       "changed": summary.changed_students,
                                       "leavers": summary.leavers})
            if summary.merged_students:
                messages.info(request, ngettext(
                    "%(count)s student was already here and was merged, not added twice.",
                    "%(count)s students were already here and were merged, not added twice.",
                    summary.merged_students) % {"count": summary.merged_students})
            return redirect("schools:my_school")
    plan = plan_import(pending.school, pending.rows, resolutions=resolutions) \
        if pending.can_confirm else None
    return render(request, "schools/import_preview.html", {
        "pending": pending,
        "summary": plan.summary if plan is not None else None,
        "new_students": [{**row, "name": row_name(row)} for row in
                         plan.new_students[:SHOWN_NAMES]] if plan else [],
        "changed": _changes(plan, pending.school) if plan else [],
        "leavers": (Person.objects.filter(pk__in=plan.leaver_ids[:SHOWN_NAMES])
                    .select_related("group") if plan else []),
        "duplicates": [_duplicate_choices(d, resolutions) for d in plan.duplicates]
        if plan else [],
        "refused": refused,
        "errors": pending.errors[:SHOWN_ERRORS],
        "hidden_errors": max(0, len(pending.errors) - SHOWN_ERRORS)})
