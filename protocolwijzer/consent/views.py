from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from protocolwijzer.audit.actions import do_record
from protocolwijzer.consent.lists import class_list
from protocolwijzer.formulas import safe_cell
from protocolwijzer.schools.access import access_group, people_of
from protocolwijzer.schools.models import Person


def _students_of_group(request: HttpRequest, group_id: int):  # type: ignore[no-untyped-def]
    group = access_group(request.user, group_id)
    students = people_of(request.user).filter(group=group, role=Person.Role.LEERLING,
                                              is_active=True)
    return group, students


@login_required
def group_list(request: HttpRequest, group_id: int) -> HttpResponse:
    group, students = _students_of_group(request, group_id)
    result = class_list(students, timezone.localdate())
    do_record("consent_list_viewed", actor=request.user, school=group.school_id,
              target=group, detail={"students": len(result.rows)})
    return render(request, "consent/class_list.html", {"group": group, "list": result,
                                                      "today": timezone.localdate()})


@login_required
def group_list_csv(request: HttpRequest, group_id: int) -> HttpResponse:
    group, students = _students_of_group(request, group_id)
    result = class_list(students, timezone.localdate())
    do_record("consent_list_exported", actor=request.user, school=group.school_id,
              target=group, detail={"students": len(result.rows), "format": "csv"})
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"toestemming-{group.name}.csv".replace(" ", "-").replace('"', "")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A list of children's names: no copy in a shared cache or the browser's history.
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")  # Excel reads UTF-8 only with a byte order mark
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("Student"), *[safe_cell(p.name) for p in result.purposes]])
    labels = {True: _("may appear"), False: _("may not appear")}
    for row in result.rows:
        writer.writerow([safe_cell(row.student.full_name),
                         *[labels[s.may_appear] for s in row.statuses]])
    return response
