"""The school's figures about incidents (issue 15): per article, kind, role and month, for
schoolleiding and the MR; counts only, and a count from 1 to 4 shows as "<5" on the page
and in the CSV, as on the MR's figures page."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from protocolwijzer.consent.register import school_year_start
from protocolwijzer.incidents.figures import figures_for
from protocolwijzer.incidents.models import Case, CasePerson
from protocolwijzer.incidents.tests.dossier_world import follow_roermond
from protocolwijzer.schools.tests.personas import make_personas, sign_in

YEAR = school_year_start(timezone.localdate()).year


@pytest.fixture
def p(db):
    personas = make_personas()
    follow_roermond(personas)
    september = datetime.date(YEAR, 9, 15)
    # Six pupils' cases under A.5 (serious), two staff cases under A.6 (boundary-crossing).
    for _ in range(6):
        case = Case.objects.create(school=personas.school, triage_due=september,
                                   happened_on=september, articles=["A.5"],
                                   severity=Case.Severity.ERNSTIG)
        CasePerson.objects.create(case=case, person=personas.student,
                                  part=CasePerson.Part.SUBJECT)
    for _ in range(2):
        case = Case.objects.create(school=personas.school, triage_due=september,
                                   happened_on=september.replace(month=10),
                                   articles=["A.6", "A.5"],
                                   severity=Case.Severity.GRENSOVERSCHRIJDEND)
        CasePerson.objects.create(case=case, person=personas.teacher,
                                  part=CasePerson.Part.SUBJECT)
    # Last school year's case and another school's case do not count.
    Case.objects.create(school=personas.school, triage_due=september,
                        happened_on=datetime.date(YEAR - 1, 9, 1), articles=["A.5"])
    Case.objects.create(school=personas.other_school, triage_due=september,
                        happened_on=september, articles=["A.5"])
    return personas


def test_counts_per_article_kind_role_and_month(p):
    figures = figures_for(p.school, YEAR)
    assert figures.total.value == 8
    assert {r.key: r.shown for r in figures.by_article} == {"A.5": "8", "A.6": "<5"}
    kinds = {r.key: r.shown for r in figures.by_kind}
    assert kinds["ernstig"] == "6" and kinds["grensoverschrijdend"] == "<5"
    assert kinds["licht"] == "0"  # zero names nobody
    assert {r.key: r.shown for r in figures.by_role} == {
        "student": "6", "parent": "0", "staff": "<5"}
    months = {r.key: r.shown for r in figures.by_month}
    assert len(months) == 12
    assert months[f"{YEAR}-09"] == "6" and months[f"{YEAR}-10"] == "<5"
    assert months[f"{YEAR}-08"] == "0"


def test_the_mr_sees_the_figures_without_names(client, p):
    sign_in(client, p.mr_lid.user)
    body = client.get("/meldingen/cijfers/").content.decode()
    assert "Cijfers over meldingen" in body
    assert "&lt;5" in body
    for person in (p.student, p.teacher):
        assert person.last_name not in body


def test_the_csv_has_the_same_counts(client, p):
    sign_in(client, p.schoolleider.user)
    response = client.get(f"/meldingen/cijfers.csv?schooljaar={YEAR}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = [line.split(";") for line in response.content.decode("utf-8-sig").splitlines()]
    school_year = f"{YEAR}-{YEAR + 1}"
    assert ["De Maas", school_year, "Artikel", "A.6 Netjes met elkaar omgaan", "<5"] in rows
    assert ["De Maas", school_year, "Rol", "leerling", "6"] in rows
    assert p.student.last_name not in response.content.decode("utf-8-sig")


@pytest.mark.parametrize("persona", ["teacher", "mentor", "communicatie", "student",
                                     "parent"])
def test_only_schoolleiding_and_the_mr_see_the_figures(client, p, persona):
    sign_in(client, p.user(persona))
    assert client.get("/meldingen/cijfers/").status_code == 403
    assert client.get("/meldingen/cijfers.csv").status_code == 403
