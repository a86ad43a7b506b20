"""Downloads of the register: the class list as PDF and XLSX, and a parent's or
student's own data as JSON (AVG art. 15 and 20)."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from protocolwijzer.audit.actions import do_record
from protocolwijzer.consent.exports import (
    class_list_pdf,
    class_list_xlsx,
    export_filename,
    own_register_subjects,
    register_data,
)
from protocolwijzer.consent.lists import class_list
from protocolwijzer.schools.access import access_group, people_of, require_membership
from protocolwijzer.schools.models import Person

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(body: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A list of children's names: no copy in a shared cache or the browser's history.
    response["Cache-Control"] = "no-store"
    return response


def _group_list_export(request: HttpRequest, group_id: int, file_format: str) -> HttpResponse:
    # The same door and the same students as the class list page (views.group_list).
    group = access_group(request.user, group_id)
    students = people_of(request.user).filter(group=group, role=Person.Role.LEERLING,
                                              is_active=True)
    today = timezone.localdate()
    result = class_list(students, today)
    do_record("consent_list_exported", actor=request.user, school=group.school_id,
              target=group, detail={"students": len(result.rows), "format": file_format})
    if file_format == "pdf":
        return _download(class_list_pdf(group, result, today), "application/pdf",
                         export_filename(group, "pdf"))
    return _download(class_list_xlsx(group, result, today), XLSX,
                     export_filename(group, "xlsx"))


@login_required
def group_list_pdf(request: HttpRequest, group_id: int) -> HttpResponse:
    return _group_list_export(request, group_id, "pdf")


@login_required
def group_list_xlsx(request: HttpRequest, group_id: int) -> HttpResponse:
    return _group_list_export(request, group_id, "xlsx")


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    students = list(own_register_subjects(request.user).order_by("last_name", "first_name"))
    person = require_membership(request.user).person
    assert person is not None  # own_register_subjects refuses accounts without a person
    data = register_data(students, timezone.localdate(), requested_by=person)
    # Counts only: the log must not become a second copy of the register.
    do_record("consent_data_exported", actor=request.user, school=person.school_id,
              target=person, detail={"students": len(students)})
    body = json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")
    filename = f"toestemming-gegevens-{timezone.localdate().isoformat()}.json"
    return _download(body, "application/json", filename)
