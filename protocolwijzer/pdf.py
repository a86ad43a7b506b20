"""What every PDF export shares (the class list, the dossiers): a font that prints every
name, and a footer with "page x of y" on every page.

The exports themselves stay pure: their views load what may be shown through the access
functions and hand it over.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def fonts() -> tuple[str, str]:
    """DejaVu Sans when the system has it (every name of the student administration,
    such as Łukasz or Ağaoğlu, prints), else Helvetica (Latin-1 only)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular, bold = _DEJAVU / "DejaVuSans.ttf", _DEJAVU / "DejaVuSans-Bold.ttf"
    if not (regular.exists() and bold.exists()):
        return "Helvetica", "Helvetica-Bold"
    if "PwSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("PwSans", str(regular)))
        pdfmetrics.registerFont(TTFont("PwSans-Bold", str(bold)))
    return "PwSans", "PwSans-Bold"


def numbered_canvas(font: str, footer_left: str, margin: float) -> type:
    """A canvas that writes ``footer_left`` and "page x of y" on every page once the
    number of pages is known (the pages are buffered until save)."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # reportlab names it so
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for page in self._pages:
                self.__dict__.update(page)
                width, _height = self._pagesize
                self.setFont(font, 8)
                self.setFillGray(0.3)
                self.drawString(margin, margin * 0.6, footer_left)
                self.drawRightString(width - margin, margin * 0.6,
                                     _("Page %(page)s of %(pages)s")
                                     % {"page": self._pageNumber, "pages": total})
                super().showPage()
            super().save()

    return NumberedCanvas
