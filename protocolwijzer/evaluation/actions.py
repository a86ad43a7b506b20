"""Downloads of the evaluation: counts only, but an export all the same, so each is
written to the audit log (who, which school and year, which format)."""

from __future__ import annotations

import csv
import io

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils.translation import gettext as _

from protocolwijzer.audit.actions import do_record
from protocolwijzer.evaluation.document import evaluation_pdf
from protocolwijzer.evaluation.report import YearReport
from protocolwijzer.formulas import safe_cell

EXPORTED = "evaluation_exported"


def evaluation_csv(report: YearReport) -> str:
    """The report's cells as CSV for Excel (semicolons, a byte order mark)."""
    out = io.StringIO()
    out.write("\ufeff")  # Excel reads UTF-8 only with a byte order mark
    writer = csv.writer(out, delimiter=";")
    writer.writerow([_("School"), _("School year"), _("Part"), _("Row"), _("Column"),
                     _("Value")])
    for row in report.csv_rows():
        writer.writerow([safe_cell(report.school.name), report.label,
                         *[safe_cell(str(cell)) for cell in row]])
    return out.getvalue()


def do_export_evaluation(report: YearReport, file_format: str, *,
                         by: AbstractBaseUser | AnonymousUser) -> bytes:
    """The PDF or the CSV of ``report``, recorded in the audit log."""
    do_record(EXPORTED, actor=by, school=report.school, target=report.school,
              detail={"year": report.label, "format": file_format})
    if file_format == "pdf":
        return evaluation_pdf(report)
    return evaluation_csv(report).encode("utf-8")
