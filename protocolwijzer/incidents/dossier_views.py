"""The dossier pages (issue 15): a person's dossier for schoolleiding and the handler of a
case about them, the person's own copy (AVG art. 15), and the school's figures. Thin: the
door and the reading live in dossier.py, the counting in figures.py."""

from __future__ import annotations

import csv

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from protocolwijzer.consent.register import school_year_start
from protocolwijzer.formulas import safe_cell
from protocolwijzer.incidents import figures as incident_figures
from protocolwijzer.incidents.dossier import (
    do_export_dossier,
    do_read_dossier,
    dossier_filename,
    dossier_person_for,
    dossier_title,
    own_dossier_people,
)
from protocolwijzer.schools.access import require_membership, require_right, schools_of
from protocolwijzer.schools.figures import SMALL
from protocolwijzer.schools.policy import Right

YEARS_BACK = 5  # school years one can choose, this one included


def _pdf(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A person's file: no copy in a shared cache or the browser's history.
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def dossier(request: HttpRequest, person_id: int) -> HttpResponse:
    person = dossier_person_for(request.user, person_id)
    lines = do_read_dossier(person, for_subject=False, by=request.user)
    response = render(request, "incidents/dossier_person.html", {
        "person": person, "lines": lines, "title": dossier_title(person, lines)})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def dossier_pdf(request: HttpRequest, person_id: int) -> HttpResponse:
    person = dossier_person_for(request.user, person_id)
    body = do_export_dossier(person, for_subject=False, by=request.user)
    return _pdf(body, dossier_filename(person, for_subject=False))


@login_required
@require_GET
def my_dossier(request: HttpRequest) -> HttpResponse:
    require_membership(request.user)
    people = own_dossier_people(request.user)
    me = people[0] if people else None
    files = [(person, lines, dossier_title(person, lines)) for person in people
             for lines in [do_read_dossier(person, for_subject=True, by=request.user)]]
    response = render(request, "incidents/dossier_mine.html", {"files": files, "me": me})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def my_dossier_pdf(request: HttpRequest, person_id: int) -> HttpResponse:
    person = dossier_person_for(request.user, person_id, own=True)
    body = do_export_dossier(person, for_subject=True, by=request.user)
    return _pdf(body, dossier_filename(person, for_subject=True))


def _chosen_year(request: HttpRequest) -> tuple[int, list[int]]:
    this_year = school_year_start(timezone.localdate()).year
    years = list(range(this_year, this_year - YEARS_BACK, -1))
    asked = request.GET.get("schooljaar", "")
    return (int(asked) if asked.isdigit() and int(asked) in years else this_year), years


@login_required
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    """Counts are not personal data, so reading them is not written to the audit log
    (as for the MR's figures page)."""
    require_right(request.user, Right.VIEW_FIGURES)
    year, years = _chosen_year(request)
    return render(request, "incidents/figures.html", {
        "schools": [incident_figures.figures_for(school, year)
                    for school in schools_of(request.user).order_by("name")],
        "years": [(y, f"{y}-{y + 1}") for y in years], "year": year, "small": SMALL,
    })


@login_required
@require_GET
def figures_csv(request: HttpRequest) -> HttpResponse:
    require_right(request.user, Right.VIEW_FIGURES)
    year, _years = _chosen_year(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="meldingen-cijfers-{year}-{year + 1}.csv"')
    response.write("\ufeff")  # Excel reads UTF-8 only with a byte order mark
    writer = csv.writer(response, delimiter=";")
    writer.writerow([_("School"), _("School year"), _("Counted per"), _("Value"), _("Incidents")])
    for school in schools_of(request.user).order_by("name"):
        result = incident_figures.figures_for(school, year)
        for row in result.csv_rows():
            writer.writerow([safe_cell(school.name), f"{year}-{year + 1}",
                             *[safe_cell(str(cell)) for cell in row]])
    return response
