"""A protocol document's bytes as lines of text: plain text, DOCX or PDF.

What a file is follows from its bytes, never its name. The result keeps what the
structure step needs and no more: one line per line of the document, an empty line
between paragraphs, and a tab between the cells of a table row. Every refusal is a
``DocumentError`` whose message names the problem (exit code 2 on the command line).
"""

from __future__ import annotations

import io
import itertools
import re
import statistics
import zipfile
from typing import Any

from protocolwijzer.i18n import gettext as _

# A protocol of a few pages is some 30 KB of text; these leave ample room for any real one.
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_TEXT_CHARS = 1024 * 1024
MAX_DOCX_XML_BYTES = 50 * 1024 * 1024
MAX_PDF_PAGES = 200

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class DocumentError(ValueError):
    """A document that cannot be imported; the message is a full, translated sentence."""


def read_lines(data: bytes) -> list[str]:
    """The document's text as lines; raises ``DocumentError`` for what cannot be read."""
    if len(data) > MAX_FILE_BYTES:
        raise DocumentError(too_large_message())
    if not data.strip():
        raise DocumentError(_("The file is empty."))
    if data.startswith(b"%PDF-"):
        text = _pdf_text(data)
    elif data.startswith(b"PK\x03\x04"):
        text = _docx_text(data)
    else:
        text = _plain_text(data)
    if len(text) > MAX_TEXT_CHARS:
        raise DocumentError(_("The document holds more than %(limit)s characters of text; a "
                              "protocol is a few pages.") % {"limit": MAX_TEXT_CHARS})
    if not text.strip():
        raise DocumentError(_("The document holds no text (a scanned PDF has only images of "
                              "its pages; export it as text from the original)."))
    return text.splitlines()


def too_large_message() -> str:
    """Why a file over ``MAX_FILE_BYTES`` is refused (the upload page says it before reading
    the rest of it)."""
    return _("The file is larger than %(limit)s MB; a protocol is a few pages.") % {
        "limit": MAX_FILE_BYTES // (1024 * 1024)}


def _plain_text(data: bytes) -> str:
    if b"\x00" in data or data.startswith(b"\xd0\xcf\x11\xe0"):
        # NUL bytes: a binary file (an old .doc, an image) or UTF-16 without a byte order mark.
        raise DocumentError(_("This is not a file type that can be imported: give a DOCX, a "
                              "PDF or a plain text file."))
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")  # Windows' own "plain text"
    except UnicodeDecodeError:
        raise DocumentError(_("This is not a file type that can be imported: give a DOCX, a "
                              "PDF or a plain text file.")) from None


# -- DOCX -----------------------------------------------------------------------------------

def _docx_text(data: bytes) -> str:
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        info = archive.getinfo("word/document.xml")
    except KeyError:
        raise DocumentError(_("This ZIP file is not a Word document (DOCX): it has no "
                              "word/document.xml. Give a DOCX, a PDF or a plain text "
                              "file.")) from None
    except (zipfile.BadZipFile, OSError, ValueError):
        raise DocumentError(_("The DOCX file is damaged: it cannot be opened as a Word "
                              "document.")) from None
    if info.file_size > MAX_DOCX_XML_BYTES:
        raise DocumentError(_("The DOCX file unpacks to more than %(limit)s MB; a protocol "
                              "is a few pages.") % {"limit": MAX_DOCX_XML_BYTES // 2**20})
    try:
        with archive.open(info) as member:
            xml = member.read(MAX_DOCX_XML_BYTES + 1)
        root = ElementTree.fromstring(xml)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, DefusedXmlException,
            ElementTree.ParseError):
        raise DocumentError(_("The DOCX file is damaged: its text cannot be read.")) from None
    body = root.find(f"{_W}body")
    if body is None:
        raise DocumentError(_("The DOCX file is damaged: its text cannot be read."))
    lines: list[str] = []
    for element in body:
        if element.tag == f"{_W}p":
            lines += [_paragraph_text(element), ""]
        elif element.tag == f"{_W}tbl":
            lines += _table_lines(element)
    return "\n".join(lines)


def _paragraph_text(paragraph: Any) -> str:
    parts: list[str] = []
    for node in paragraph.iter():
        if node.tag == f"{_W}t" and node.text:
            parts.append(node.text)
        elif node.tag == f"{_W}tab":
            parts.append(" ")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
    return "".join(parts)


def _table_lines(table: Any) -> list[str]:
    """One paragraph per row, its cells separated by a tab (the structure step reads a row
    whose first cell is a number as that article). A row's cell with several paragraphs
    keeps them as lines, which the structure step joins."""
    lines: list[str] = []
    for row in table.iter(f"{_W}tr"):
        cells = ["\n".join(_paragraph_text(p) for p in cell.iter(f"{_W}p")).strip()
                 for cell in row.iter(f"{_W}tc")]
        if any(cells):
            lines += ["\t".join(cells), ""]
    return lines


# -- PDF ------------------------------------------------------------------------------------

def _pdf_text(data: bytes) -> str:
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    # pypdf logs what it repairs in a damaged file; the import reports what matters itself.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise DocumentError(_("The PDF is protected with a password; save it without "
                                  "protection and try again."))
        pages = reader.pages
        if len(pages) > MAX_PDF_PAGES:
            raise DocumentError(_("The PDF has more than %(limit)s pages; a protocol is a few "
                                  "pages.") % {"limit": MAX_PDF_PAGES})
        return "\n\n".join(_page_text(page) for page in pages)
    except DocumentError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            OSError, RecursionError, ZeroDivisionError):
        raise DocumentError(_("The PDF file is damaged: its text cannot be read.")) from None


def _page_text(page: Any) -> str:
    """The page's lines from top to bottom, an empty line where the gap between two lines
    is clearly wider than the page's usual line spacing (a new paragraph), and a tab where
    two pieces of one line stand far apart (the cells of a table row)."""
    pieces: list[tuple[float, float, float, str]] = []

    def visit(text: str, cm: Any, tm: Any, _font: Any, size: float) -> None:
        if text.strip():
            # The text matrix placed by the current transformation matrix.
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            pieces.append((round(y, 1), x, float(size or 10) * abs(cm[3] or 1), text))

    page.extract_text(visitor_text=visit)
    rows: dict[float, list[tuple[float, float, str]]] = {}
    for y, x, size, text in pieces:
        key = next((k for k in rows if abs(k - y) < 2), y)
        rows.setdefault(key, []).append((x, size, text))
    ordered = sorted(rows.items(), key=lambda item: -item[0])
    gaps = sorted(a[0] - b[0] for a, b in itertools.pairwise(ordered))
    # The line spacing inside a paragraph: the narrow gaps (a page of one-line paragraphs
    # has none, so never more than the usual 1.25 times the font size).
    narrow = statistics.quantiles(gaps, n=10)[0] if len(gaps) > 1 else (gaps or [0])[0]
    lines: list[str] = []
    previous: tuple[float, float] | None = None
    for y, parts in ordered:
        size = max(part[1] for part in parts)
        if previous is not None:
            gap, usual = previous[0] - y, min(narrow, previous[1] * 1.25) or previous[1]
            # A wider gap or another font size (a heading) starts a new paragraph.
            if gap > usual * 1.3 or abs(size - previous[1]) > 1:
                lines.append("")
        previous = (y, size)
        parts.sort()
        line = ""
        end = None
        for x, size, text in parts:
            if end is not None and x - end > size * 2:
                line = line.rstrip() + "\t"
            elif end is not None and x - end > size * 0.3 and not line.endswith(" "):
                line += " "  # words placed one by one
            line += text.replace("\n", " ")
            end = x + _width(text, size)
        lines.append(line.rstrip())
    return "\n".join(lines)


def _width(text: str, size: float) -> float:
    # An estimate (half an em a character) is enough to tell a word gap from a column gap.
    return len(text) * size * 0.5


_ARTIFACTS = re.compile(r"\[bookmark: [^\]]*\]")


def clean(line: str) -> str:
    """A line without what converting a document to text leaves behind and no text has
    (``[bookmark: _GoBack]``, the cursor position Word stores)."""
    return _ARTIFACTS.sub("", line)
