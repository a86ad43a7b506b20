"""The yearly evaluation's pages (issue 16): the report of one school and school year, its
PDF and its CSV. Thin: the door is access.py, the counting report.py."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from protocolwijzer.consent.register import school_year_start
from protocolwijzer.evaluation.access import access_school_evaluation
from protocolwijzer.evaluation.actions import do_export_evaluation
from protocolwijzer.evaluation.charts import bar_chart, chart_title, svg
from protocolwijzer.evaluation.report import SMALL, report_for

YEARS_BACK = 5  # school years one can choose, this one included


def _chosen_year(request: HttpRequest) -> tuple[int, list[int]]:
    """The school year asked for; by default the last one that is over, which is the one
    a school evaluates."""
    this_year = school_year_start(timezone.localdate()).year
    years = list(range(this_year, this_year - YEARS_BACK, -1))
    asked = request.GET.get("schooljaar", "")
    return (int(asked) if asked.isdigit() and int(asked) in years else this_year - 1), years


@login_required
@require_GET
def evaluation(request: HttpRequest, school_id: int) -> HttpResponse:
    """Counts are not personal data, so reading them is not written to the audit log (as
    for the MR's figures page); the downloads are."""
    school = access_school_evaluation(request.user, school_id)
    year, years = _chosen_year(request)
    report = report_for(school, year)
    charts = {}
    for table in report.tables:
        drawing = bar_chart(table)
        if drawing is not None:
            title = chart_title(table)
            charts[table.key] = (svg(drawing, table.key, title), title)
    return render(request, "evaluation/evaluation.html", {
        "report": report, "school": school, "small": SMALL, "year": year,
        "years": [(y, f"{y}-{y + 1}") for y in years],
        "sections": [(table, charts.get(table.key)) for table in report.tables],
    })


def _download(request: HttpRequest, school_id: int, file_format: str) -> HttpResponse:
    school = access_school_evaluation(request.user, school_id)
    year, _years = _chosen_year(request)
    report = report_for(school, year)
    body = do_export_evaluation(report, file_format, by=request.user)
    content_type = "application/pdf" if file_format == "pdf" else "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="evaluatie-{school.slug}-{report.label}.{file_format}"')
    return response


@login_required
@require_GET
def evaluation_pdf(request: HttpRequest, school_id: int) -> HttpResponse:
    return _download(request, school_id, "pdf")


@login_required
@require_GET
def evaluation_csv(request: HttpRequest, school_id: int) -> HttpResponse:
    return _download(request, school_id, "csv")
