"""The evaluation's bar charts, drawn with reportlab.graphics: one drawing goes into the
PDF as it is and onto the page as SVG (rendered on the server, no script in the browser).

A hidden count has no bar (its length would tell the number): the row shows "<5" where the
number would stand. The tables beside the charts carry the same numbers for screen readers.
"""

from __future__ import annotations

import re
from typing import Any
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from protocolwijzer.evaluation.report import Table

BAR = "#1d4ed8"  # the site's link blue
TEXT = "#0f172a"
HIDDEN_TEXT = "#475569"
AXIS = "#94a3b8"
LABEL_CHARS = 34


def _shorten(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def bar_chart(table: Table, *, width: float = 360, font: str = "Helvetica",
              size: float = 11, label_chars: int = 26) -> Any:
    """A horizontal bar per row of ``table``, of its ``chart_column``; None when the table
    has no chart or no rows. The page's default is narrow with large letters: the SVG is
    scaled to the screen, and on a phone 360 points are about the screen's width."""
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib.colors import HexColor
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if table.chart_column is None or not table.rows:
        return None
    column = table.chart_column
    # Counts and percentages do not share an axis: a table of counts with a share below
    # (the take-downs done in time) draws its counts only.
    is_percent = all(row.cells[column].is_share for row in table.rows)
    rows = [row for row in table.rows if row.cells[column].is_share == is_percent]
    cells = [row.cells[column] for row in rows]
    top = 100.0 if is_percent else max([cell.value or 0 for cell in cells] + [1])
    row_height = size * 2

    def shorten(text: str) -> str:
        return _shorten(text, label_chars)

    label_width = min(max(stringWidth(shorten(row.label), font, size)
                          for row in rows) + 8, width * 0.5)
    value_room = stringWidth(_("hidden"), font, size) + 8
    bar_room = width - label_width - value_room
    height = row_height * len(rows) + 8
    drawing = Drawing(width, height)
    drawing.add(Line(label_width, 2, label_width, height - 2, strokeColor=HexColor(AXIS),
                     strokeWidth=0.6))
    for index, (row, cell) in enumerate(zip(rows, cells, strict=True)):
        y = height - (index + 1) * row_height
        drawing.add(String(label_width - 6, y + row_height * 0.3, shorten(row.label),
                           fontName=font, fontSize=size, textAnchor="end",
                           fillColor=HexColor(TEXT)))
        length = 0.0
        if cell.value is not None and top:
            length = bar_room * float(cell.value) / float(top)
            if length > 0:
                drawing.add(Rect(label_width, y + 2, length, row_height - 5,
                                 fillColor=HexColor(BAR), strokeColor=None))
        drawing.add(String(label_width + length + 4, y + row_height * 0.3, cell.text,
                           fontName=font, fontSize=size,
                           fillColor=HexColor(HIDDEN_TEXT if cell.hidden else TEXT)))
    return drawing


def chart_title(table: Table) -> str:
    """What the chart shows, for its caption and the image's name."""
    column = table.columns[table.chart_column or 0]
    return _("%(table)s: %(column)s") % {"table": table.title, "column": column.lower()}


_STYLE = re.compile(r'style="([^"]*)"')


def _attributes(match: re.Match[str]) -> str:
    pairs = (part.split(":", 1) for part in match.group(1).split(";") if ":" in part)
    return " ".join(f'{name.strip()}="{value.strip()}"' for name, value in pairs)


def svg(drawing: Any, name: str, title: str) -> str:
    """The drawing as an inline <svg> element, without the XML prolog. The site's policy
    allows no inline style, so reportlab's style attributes become SVG's own presentation
    attributes (fill="...", font-size="..."); ``name`` keeps the clip path's id unique on
    a page with several charts. The page hides the chart from screen readers: the table
    beside it has the same numbers."""
    from reportlab.graphics import renderSVG

    text = renderSVG.drawToString(drawing)
    text = text[text.index("<svg"):]
    text = _STYLE.sub(_attributes, text)
    text = text.replace('id="clip"', f'id="clip-{name}"').replace(
        "url(#clip)", f"url(#clip-{name})").replace('id="group"', f'id="chart-{name}"')
    text = text.replace("<title>...</title>", f"<title>{escape(title)}</title>", 1)
    return text.replace("<desc>...</desc>", "", 1)
