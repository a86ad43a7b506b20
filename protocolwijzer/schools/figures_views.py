"""The MR's figures page (issue 14): counts only, for the schools the member acts for."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from protocolwijzer.consent.register import school_year_start
from protocolwijzer.schools.access import require_right, schools_of
from protocolwijzer.schools.figures import SMALL, VERDICTS, figures_for
from protocolwijzer.schools.policy import Right

YEARS_BACK = 5  # school years one can choose, this one included


@login_required
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    """Counts are not personal data, so reading them is not written to the audit log."""
    require_right(request.user, Right.VIEW_FIGURES)
    today = timezone.localdate()
    this_year = school_year_start(today).year
    years = list(range(this_year, this_year - YEARS_BACK, -1))
    asked = request.GET.get("schooljaar", "")
    year = int(asked) if asked.isdigit() and int(asked) in years else this_year
    return render(request, "schools/figures.html", {
        "schools": [figures_for(school, year, today)
                    for school in schools_of(request.user).order_by("name")],
        "years": [(y, f"{y}-{y + 1}") for y in years], "year": year,
        "verdicts": [v.label for v in VERDICTS], "small": SMALL, "today": today,
    })
