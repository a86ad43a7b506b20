"""The evaluation as a PDF the MR can discuss: A4, a heading with the school, the school
year and the protocol, the summary, then per subject its chart and its table, and the
articles no one ran into. The same cells as the page and the CSV (report.py), so a hidden
count is hidden here too."""

from __future__ import annotations

import io
from typing import Any
from xml.sax.saxutils import escape

from django.utils import formats
from django.utils.translation import gettext as _

from protocolwijzer.evaluation.charts import bar_chart, chart_title
from protocolwijzer.evaluation.report import SMALL, Table, YearReport
from protocolwijzer.pdf import fonts, numbered_canvas

FONT_SIZE = 9


def title_of(report: YearReport) -> str:
    return _("Yearly evaluation of the protocol %(year)s") % {"year": report.label}


def evaluation_pdf(report: YearReport) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        KeepTogether,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        TableStyle,
    )
    from reportlab.platypus import (
        Table as PdfTable,
    )
    from reportlab.platypus.flowables import Flowable

    font, bold = fonts()
    margin = 18 * mm
    width = A4[0] - 2 * margin
    text = ParagraphStyle("pw-text", fontName=font, fontSize=FONT_SIZE, leading=12)
    label = ParagraphStyle("pw-label", parent=text, fontName=bold)
    number = ParagraphStyle("pw-number", parent=text, alignment=2)  # right
    column_head = ParagraphStyle("pw-column", parent=label, fontSize=7.5, leading=9.5,
                                 alignment=2)
    title = ParagraphStyle("pw-title", parent=text, fontName=bold, fontSize=16, leading=20)
    heading = ParagraphStyle("pw-heading", parent=text, fontName=bold, fontSize=12,
                             leading=15, spaceBefore=6, spaceAfter=3)
    muted = ParagraphStyle("pw-muted", parent=text, textColor=colors.HexColor("#475569"))

    def p(value: str, style: ParagraphStyle = text) -> Paragraph:
        return Paragraph(escape(value), style)

    def grid(rows: list[list[Any]], col_widths: list[float]) -> PdfTable:
        table = PdfTable(rows, colWidths=col_widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.HexColor("#334155")),
            ("LINEBELOW", (0, 1), (-1, -1), 0.3, colors.HexColor("#cbd5e1")),
            ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 3)]))
        return table

    def section(table: Table) -> list[Flowable]:
        parts: list[Flowable] = [p(table.title, heading)]
        if not table.rows:
            return [*parts, p(table.empty, muted)]
        chart = bar_chart(table, width=width, font=font, size=8, label_chars=40)
        if chart is not None:
            parts += [p(chart_title(table), muted), chart, Spacer(1, 3 * mm)]
        # Numbers get a column each, wide enough for a heading word such as
        # "toegestaan"; the row's label gets the rest.
        rest = min(26 * mm, width * 0.66 / len(table.columns))
        first = width - rest * len(table.columns)
        rows = [[p(table.head, label), *[p(c, column_head) for c in table.columns]]]
        rows += [[p(row.label), *[p(cell.text, number) for cell in row.cells]]
                 for row in table.rows]
        # The heading stays with its chart; a long table may run onto the next page.
        return [KeepTogether(parts), grid(rows, [first] + [rest] * len(table.columns))]

    heading_title = title_of(report)
    day = formats.date_format(report.today, "j F Y")
    facts = [[p(_("School"), label), p(report.school.name)],
             [p(_("School year"), label),
              p(_("1 August %(start)s to 31 July %(end)s") % {
                  "start": report.start.year, "end": report.end.year})],
             [p(_("Protocol"), label), p(report.protocol_name or _("none"))],
             [p(_("Printed on"), label), p(day)]]
    fact_table = PdfTable(facts, colWidths=[32 * mm, None], hAlign="LEFT")
    fact_table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    story: list[Flowable] = [p(heading_title, title), Spacer(1, 2 * mm), fact_table,
                             Spacer(1, 3 * mm)]
    story.append(p(_("Counts only: no names. A count below %(small)s (but above zero) is "
                     "shown as “<%(small)s”; a percentage or a total that would give such "
                     "a count away is hidden.") % {"small": SMALL}, muted))
    if not report.is_complete:
        story.append(p(_("This school year is not over: the figures are those up to "
                         "%(day)s.") % {"day": day}, muted))
    story.append(p(_("Summary"), heading))
    story.append(grid([[p(_("What"), label), p(_("Number"), column_head)]]
        + [[p(name), p(cell.text, number)] for name, cell in report.summary],
        [width * 0.5, 30 * mm]))
    for table in report.tables:
        story += [Spacer(1, 2 * mm), *section(table)]
    story.append(p(_("Articles no one ran into"), heading))
    if report.never_used:
        story.append(p(_("No check, incident, measure or question cited these articles in "
                         "this school year. Are they still needed, or does no one know "
                         "them?"), muted))
        story += [p(f"• {article}") for article in report.never_used]
    else:
        story.append(p(_("Every article was cited at least once."), muted))

    footer = _("%(school)s · %(title)s") % {"school": report.school.name,
                                             "title": heading_title}
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=margin, rightMargin=margin,
                            topMargin=margin, bottomMargin=margin + 4 * mm,
                            title=heading_title, author=report.school.name)
    doc.build(story, canvasmaker=numbered_canvas(font, footer, margin))
    return buffer.getvalue()
