"""The test protocols of issue 16 as a school would send them: DOCX and PDF made from the
plain-text sources in tests/data/protocol_documents/ (written for the tests, fictional
schools), and the seed texts. Run ``python -m tests.protocol_documents OUT_DIR`` to look
at them; the tests make them in a temporary directory.

The DOCX is built from its XML parts here (no python-docx): headings in Word's Heading
style, one paragraph per paragraph (a line break inside it where the source has one), and
rows with tab-separated cells as a Word table. The PDF is made with reportlab, a table as
a table.
"""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from tests.scenario import SEEDS

DOCUMENTS = Path(__file__).resolve().parent / "data" / "protocol_documents"
NUMBERED = DOCUMENTS / "vlinderboom-genummerd.txt"
TABLE = DOCUMENTS / "baken-tabel.txt"
QUESTIONS = DOCUMENTS / "sint-jozef-vragen.txt"
SEED_TEXTS = {"praktijkonderwijs-roermond-2015": SEEDS / "praktijkonderwijs-roermond-2015.txt",
              "willibrord-miland-2023": SEEDS / "willibrord-miland-2023.txt"}

_ITEM = re.compile(r"^\d+(\.\d+)*\.?\s")


def blocks(source: str) -> list[tuple[str, list[str]]]:
    """The source as (kind, lines): heading, paragraph (a numbered point on each line
    is its own paragraph) or table (one line per row, cells separated by tabs)."""
    result: list[tuple[str, list[str]]] = []
    chunks = []
    for chunk in re.split(r"\n\s*\n", source.strip("\n")):
        # A line that starts with a space began a new paragraph in the seeds' originals.
        chunks += re.split(r"(?<=[.;:?!])\n(?=\s)", chunk)
    for chunk in chunks:
        lines = chunk.splitlines()
        if all("\t" in line for line in lines):
            if result and result[-1][0] == "table":
                result[-1][1].extend(lines)
            else:
                result.append(("table", lines))
        elif len(lines) == 1 and not lines[0].rstrip().endswith((".", "?", ":", ";")) \
                and len(lines[0]) < 60:
            result.append(("heading", lines))
        elif all(_ITEM.match(line) for line in lines):
            result += [("paragraph", [line]) for line in lines]
        else:
            result.append(("paragraph", lines))
    return result


# -- what each test protocol holds -----------------------------------------------------

def _numbered_points(source: Path) -> list[tuple[str, str]]:
    # "2.3 Voor leerlingen ..." is article art.2.3 with the text after the number.
    return [(f"art.{m.group(1)}", m.group(2)) for m in
            re.finditer(r"^(\d+\.\d+) (.+)$", source.read_text(encoding="utf-8"), re.M)]


def _table_rows(source: Path) -> list[str]:
    return re.findall(r"^\d+\t(.+)$", source.read_text(encoding="utf-8"), re.M)


def _questions_and_answers(source: Path) -> list[str]:
    blocks = source.read_text(encoding="utf-8").split("\n\n")
    return [" ".join(b.strip().splitlines()) for b in blocks
            if b.strip().splitlines()[0].endswith("?")]


EXPECTED_IDS = {
    "vlinderboom-genummerd": ["art.1.1", "art.1.2", "art.1.3", "art.2.1", "art.2.2",
                              "art.2.3", "art.2.4", "art.2.5", "art.2.6", "art.3.1",
                              "art.3.2", "art.4.1", "art.4.2", "art.4.3"],
    "baken-tabel": ["iedereen.1", "iedereen.2", "iedereen.3", "medewerkers.4",
                    "medewerkers.5", "medewerkers.6", "ouders.7", "ouders.8"],
    "sint-jozef-vragen": ["leerlingen.1", "leerlingen.2", "leerlingen.3", "ouders.1",
                          "ouders.2", "medewerkers.1", "medewerkers.2", "medewerkers.3"],
}


def expected_articles(stem: str) -> list[tuple[str, str]]:
    """The (id, text) of every article of a test protocol, read from its source by its own
    pattern (the numbers, the table's rows, the questions with their answers)."""
    if stem == NUMBERED.stem:
        return _numbered_points(NUMBERED)
    texts = _table_rows(TABLE) if stem == TABLE.stem else _questions_and_answers(QUESTIONS)
    return list(zip(EXPECTED_IDS[stem], texts, strict=True))


# -- DOCX -----------------------------------------------------------------------------------

_OPC = "http://schemas.openxmlformats.org"
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Types xmlns="{_OPC}/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_MAIN}"/></Types>')
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<Relationships xmlns="{_OPC}/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_OPC}/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>')
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _paragraph(lines: list[str], style: str | None = None) -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    runs = "<w:r><w:br/></w:r>".join(_run(line) for line in lines)
    return f"<w:p>{props}{runs}</w:p>"


def _table(rows: list[str]) -> str:
    cells = "".join(
        "<w:tr>" + "".join(f"<w:tc>{_paragraph([cell])}</w:tc>" for cell in row.split("\t"))
        + "</w:tr>" for row in rows)
    return f"<w:tbl><w:tblPr><w:tblStyle w:val=\"TableGrid\"/></w:tblPr>{cells}</w:tbl>"


def docx_bytes(source: str) -> bytes:
    body = []
    for kind, lines in blocks(source):
        if kind == "heading":
            body.append(_paragraph(lines, "Heading1"))
        elif kind == "table":
            body.append(_table(lines))
        else:
            body.append(_paragraph(lines))
    document = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {_W}>'
                f"<w:body>{''.join(body)}</w:body></w:document>")
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


# -- PDF ------------------------------------------------------------------------------------

def pdf_bytes(source: str) -> bytes:
    import io

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    story: list = []
    for kind, lines in blocks(source):
        if kind == "heading":
            story.append(Paragraph(escape(lines[0]), styles["Heading2"]))
        elif kind == "table":
            rows = [[Paragraph(escape(cell), body) for cell in row.split("\t")]
                    for row in lines]
            table = Table(rows, colWidths=[50, 400])
            table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                       ("GRID", (0, 0), (-1, -1), 0.5, "grey")]))
            story += [table, Spacer(1, 8)]
        else:
            story.append(Paragraph("<br/>".join(escape(line) for line in lines), body))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title="Protocol").build(story)
    return buffer.getvalue()


def write_all(directory: Path) -> dict[str, Path]:
    """Every test document in every form, by file name."""
    directory.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for source in (NUMBERED, TABLE, QUESTIONS, *SEED_TEXTS.values()):
        text = source.read_text(encoding="utf-8")
        for suffix, data in ((".txt", text.encode("utf-8")), (".docx", docx_bytes(text)),
                             (".pdf", pdf_bytes(text))):
            path = directory / f"{source.stem}{suffix}"
            path.write_bytes(data)
            written[path.name] = path
    return written


if __name__ == "__main__":
    for name in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else "protocol-documents")):
        print(name)
