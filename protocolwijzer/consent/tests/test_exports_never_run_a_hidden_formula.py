"""A name that starts like a formula behind leading whitespace (a space, a non-breaking
space, a zero-width space) is still written as text in the CSV and XLSX class lists: a
spreadsheet skips that whitespace before it decides whether a cell is a formula."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from protocolwijzer.consent.actions import do_set_up_consent
from protocolwijzer.schools.tests.personas import Personas, make_personas, sign_in

HIDDEN = [" =HYPERLINK(1)", "\u00a0=HYPERLINK(1)", "\u200b=HYPERLINK(1)", "\u3000+HYPERLINK(1)"]


@pytest.fixture
def p(db: None) -> Personas:
    personas = make_personas()
    do_set_up_consent(personas.school, opt_out=("schoolwebsite",))
    return personas


@pytest.mark.parametrize("name", HIDDEN)
def test_the_csv_class_list_quotes_a_formula_behind_whitespace(client: Client, p: Personas,
                                                               name: str) -> None:
    p.classmate.first_name = name
    p.classmate.save(update_fields=["first_name"])
    sign_in(client, p.teacher.user)

    body = client.get(f"/toestemming/groepen/{p.group_1a.pk}/lijst.csv").content.decode(
        "utf-8-sig")

    line = next(line for line in body.splitlines() if "HYPERLINK" in line)
    assert line.startswith("'")


@pytest.mark.parametrize("name", HIDDEN)
def test_the_excel_class_list_marks_a_formula_behind_whitespace_as_text(
        client: Client, p: Personas, name: str) -> None:
    p.classmate.first_name = name
    p.classmate.save(update_fields=["first_name"])
    sign_in(client, p.teacher.user)

    response = client.get(f"/toestemming/groepen/{p.group_1a.pk}/lijst.xlsx")

    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    cell = next(cell for row in sheet.iter_rows() for cell in row
                if "HYPERLINK" in str(cell.value))
    assert cell.data_type == "s" and cell.quotePrefix
