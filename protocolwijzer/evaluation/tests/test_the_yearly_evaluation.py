"""The yearly evaluation (issue 16): the demo year's PDF renders (its pages looked at as
images), small counts are hidden in every output, and only the schoolleiding and the MR
of the school open it."""

from __future__ import annotations

import csv
import datetime
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.checks.models import CheckRecord
from protocolwijzer.consent.register import school_year_start
from protocolwijzer.incidents.models import Case, CasePerson, Question
from protocolwijzer.incidents.tests.dossier_world import follow_roermond
from protocolwijzer.incidents.tests.test_dossiers_are_exported_per_person import (
    as_images_and_text,
    ink,
    needs_poppler,
)
from protocolwijzer.schools.models import Person, School
from protocolwijzer.schools.tests.personas import make_personas, sign_in

LAST_YEAR = school_year_start(timezone.localdate()).year - 1


def _at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _get(client: Client, name: str, school: School) -> object:
    return client.get(reverse(name, args=[school.pk]), {"schooljaar": LAST_YEAR})


@needs_poppler
@pytest.mark.django_db
def test_the_demo_years_evaluation_pdf_renders_with_its_charts_and_hides_small_counts(
        tmp_path: Path) -> None:
    call_command("load_demo", verbosity=0)
    school = School.objects.get(slug="praktijkschool-de-maas")
    leader = Person.objects.get(school=school, role=Person.Role.SCHOOLLEIDING)
    client = Client()
    sign_in(client, leader.user)

    response = _get(client, "evaluation:pdf", school)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pages, text = as_images_and_text(response.content, tmp_path)
    assert 2 <= len(pages) <= 8
    for page in pages:
        # More than the footer alone: a short last page still has a few lines of text.
        assert ink(page) > 0.004, page.name
    # The charts put ink on the page beyond the text: the first chart's page is darker
    # than a page of text alone would be.
    assert max(ink(page) for page in pages) > 0.04
    for heading in ("Jaarevaluatie van het protocol", "Praktijkschool De Maas",
                    "Checks per artikel en uitkomst", "Meldingen per geschonden artikel",
                    "Toestemming per doel", "Weghaaltaken na een intrekking",
                    "Vragen van medewerkers aan hun leidinggevende",
                    "Artikelen waar niemand tegenaan liep"):
        assert heading in text, heading
    assert "<5" in text  # the two late take-down tasks, among others
    assert AuditEvent.objects.filter(action="evaluation_exported", school=school,
                                     detail__format="pdf").count() == 1


@pytest.fixture
def three_of_each(db):
    """De Maas under Roermond with, last school year, three checks that forbid under A.5
    (and eight plain yeses under A.1), three incidents about a pupil under A.5 and three
    questions to the schoolleider: every number 3 must stay hidden."""
    p = make_personas()
    follow_roermond(p)
    day = datetime.date(LAST_YEAR, 11, 4)
    records = [CheckRecord(school=p.school, protocol_version=p.school.protocol,
                           created_at=_at(day), situation={}, verdict="forbidden",
                           articles=["A.5"]) for _ in range(3)]
    records += [CheckRecord(school=p.school, protocol_version=p.school.protocol,
                            created_at=_at(day), situation={}, verdict="allowed",
                            articles=["A.1"]) for _ in range(8)]
    CheckRecord.objects.bulk_create(records)
    for _ in range(3):
        case = Case.objects.create(school=p.school, status=Case.Status.CLOSED,
                                   articles=["A.5"], happened_on=day, triage_due=day)
        CasePerson.objects.create(case=case, person=p.student, part=CasePerson.Part.SUBJECT)
        Question.objects.create(school=p.school, asked_by=p.teacher, to=p.schoolleider,
                                kind=Question.Kind.DOUBT, article="B.3", asked_at=_at(day))
    return p


def _is_three(text: str) -> bool:
    return text.strip() in ("3", "3%")


@pytest.mark.django_db
def test_a_count_of_three_shows_on_the_page_as_fewer_than_five(three_of_each) -> None:
    p = three_of_each
    client = Client()
    sign_in(client, p.mr_lid.user)

    page = _get(client, "evaluation:evaluation", p.school).content.decode()

    cells = re.findall(r"<(?:td|dd)[^>]*>(.*?)</(?:td|dd)>", page, re.S)
    assert cells and not [cell for cell in cells if _is_three(cell)]
    assert "&lt;5" in page
    assert "<svg" in page and "style=" not in page.split("<svg", 1)[1].split("</svg>")[0]
    # The plain yeses under A.1 are eight: shown, as is the total of checks (a check may
    # cite several articles, so the total gives no hidden count away).
    assert re.search(r"A\.1 .*?<td[^>]*>8</td>", page, re.S)


@pytest.mark.django_db
def test_a_count_of_three_is_hidden_in_the_csv(three_of_each) -> None:
    p = three_of_each
    client = Client()
    sign_in(client, p.schoolleider.user)

    response = _get(client, "evaluation:csv", p.school)

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    values = [row[-1] for row in rows[1:]]
    assert values and not [value for value in values if _is_three(value)]
    assert "A.5 Foto's, filmpjes en geluid van school" in [
        row[3] for row in rows if row[-1] == "<5"]
    assert AuditEvent.objects.filter(action="evaluation_exported",
                                     detail__format="csv").count() == 1


@needs_poppler
@pytest.mark.django_db
def test_a_count_of_three_is_hidden_in_the_pdf(three_of_each, tmp_path: Path) -> None:
    p = three_of_each
    client = Client()
    sign_in(client, p.schoolleider.user)

    _pages, text = as_images_and_text(_get(client, "evaluation:pdf", p.school).content,
                                      tmp_path)

    # Page numbers ("Pagina 1 van 3") and dates are no counts.
    counts = re.sub(r"Pagina \d+ van \d+|\d+ \w+ \d{4}|\d{4}-\d{4}", " ", text)
    assert not re.search(r"(?<![\w.])3(?![\w.])", counts), text
    assert "<5" in text


@pytest.mark.django_db
def test_only_the_schools_own_leiding_and_mr_open_its_evaluation(three_of_each) -> None:
    p = three_of_each
    client = Client()
    sign_in(client, p.teacher.user)
    for name in ("evaluation:evaluation", "evaluation:pdf", "evaluation:csv"):
        assert _get(client, name, p.school).status_code == 403, name

    sign_in(client, p.schoolleider.user)
    for name in ("evaluation:evaluation", "evaluation:pdf", "evaluation:csv"):
        assert _get(client, name, p.other_school).status_code == 404, name
    assert not AuditEvent.objects.filter(action="evaluation_exported").exists()


@pytest.mark.django_db
def test_a_total_is_shown_when_several_hidden_counts_under_it_cannot_be_told_apart() -> None:
    """Three incidents under A.5 and four under A.6 are both hidden; their total, 7, is
    shown (it could be 3 + 4 or 4 + 3), while A.5's row total, which would be its one
    hidden count, stays hidden."""
    p = make_personas()
    follow_roermond(p)
    day = datetime.date(LAST_YEAR, 11, 4)
    for article, times in (("A.5", 3), ("A.6", 4)):
        for _ in range(times):
            case = Case.objects.create(school=p.school, status=Case.Status.CLOSED,
                                       articles=[article], happened_on=day, triage_due=day)
            CasePerson.objects.create(case=case, person=p.student,
                                      part=CasePerson.Part.SUBJECT)
    client = Client()
    sign_in(client, p.schoolleider.user)

    rows = list(csv.reader(io.StringIO(_get(client, "evaluation:csv", p.school)
                                       .content.decode("utf-8-sig")), delimiter=";"))

    summary = {row[3]: row[-1] for row in rows if row[2] == "Samenvatting"}
    assert summary["Meldingen"] == "7"
    by_role = [row for row in rows if row[2] == "Meldingen per geschonden artikel en rol"]
    assert {row[-1] for row in by_role if row[3].startswith("A.5")} == {"<5", "0", "verborgen"}
    assert not [row for row in rows if row[-1] in ("3", "4")]
