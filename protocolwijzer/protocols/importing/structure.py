"""A protocol document's lines split into sections and articles with ids, text verbatim.

The rules (docs/protocol-format.md, "Importing a document"):

- A paragraph ends at an empty line, before a numbered line (``1.``, ``1)``, ``2.3``), and
  before an indented line that follows the end of a sentence. A number alone on a line
  carries no text and is left out: text extractions lose list numbers and leave stray
  ones (the Willibrord seed's "10. 11. 12.").
- A heading is a short line without a full stop, a comma or a colon, on its own or
  followed by the text it heads. A lettered heading (``A Voor ...``, ``B. Voor ...``)
  is a section with the letter as its id; when the letter is taken (a second "A" under
  "Sancties en gevolgen"), the id is the group heading's word and the letter
  (``sancties.A``). A heading directly followed by a lettered heading titles both
  (``Sociale media in de school — A Voor alle gebruikers``). A numbered heading
  (``2. Foto's``) followed by ``2.1`` ... is the section ``art.2``.
- Headings before the first text are the document's title, except the last, which heads
  the first section (unless it names the protocol itself).
- In a section with numbered paragraphs, each is an article with the document's number
  (``A.1``; ``art.2.3`` for a number with several levels); a paragraph without a number
  after one continues it, one before the first is the section's intro. In a section of
  questions, a question and the answer after it are one article. Otherwise every
  paragraph is an article, numbered in reading order. A table row whose first cell is a
  number is that article; a header row is left out.
- Sections called Inleiding, Voorwoord or Tot slot hold an intro, not articles; lines at the
  end of the document that state who adopted it or when (instemming, vastgesteld, a place
  and a date) become a closing section without a title.
- Article text is the paragraph's lines joined with single spaces, nothing else changed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from protocolwijzer.protocols.importing.reading import clean


@dataclass
class ImportedArticle:
    id: str
    text: str
    number: str | None = None  # the document's own number, where it has one


@dataclass
class ImportedSection:
    id: str
    title: str | None
    intro: str | None = None
    articles: list[ImportedArticle] = field(default_factory=list)


@dataclass
class Outline:
    title_lines: list[str]
    sections: list[ImportedSection]

    def articles(self) -> list[ImportedArticle]:
        return [article for section in self.sections for article in section.articles]


_NUMBER_ONLY = re.compile(r"^\s*\d{1,3}[.)]?\s*$")
_NUMBERED = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})+\.?|\d{1,3}[.)])\s+(\S.*)$")
_LETTERED = re.compile(r"^\s*([A-Z])[.)]?\s+([A-Z(][^.;:!?]{0,100}[^.;:,!?\s])\s*$")
_ROW_NUMBER = re.compile(
    r"^(?:art(?:ikel)?\.?\s*)?(\d{1,3}(?:\.\d{1,3})*|[A-Z]\.?\d{1,3}(?:\.\d{1,3})*)\.?$",
    re.IGNORECASE)
_SENTENCE_END = (".", ";", ":", "!", "?")
_INTRO_SECTIONS = {"inleiding", "voorwoord", "slot", "ondertekening", "vaststelling"}
_CLOSING = re.compile(
    r"\b(instemming|vastgesteld|ondertekend|goedgekeurd)\b"
    r"|^[A-Z][\w'-]*(?: [A-Z][\w'-]*)*, (?:schooljaar )?\d{1,4}", re.IGNORECASE)
# Words that do not tell one section from another ("Afspraken voor medewerkers").
_STOP_WORDS = {"tot", "de", "het", "een", "en", "voor", "over", "van", "in", "op", "als",
               "wat", "bij", "met", "aan", "of", "hoe", "wie", "afspraken", "regels",
               "artikelen", "bepalingen"}


@dataclass
class _Paragraph:
    kind: str  # heading | lettered | item | row | header | text
    text: str
    number: str | None = None


def outline(lines: list[str]) -> Outline:
    """The document's title lines and sections (see the module's docstring)."""
    paragraphs = [_classify(block) for block in _paragraphs(lines)]
    paragraphs = [p for p in paragraphs if p.text or p.kind == "header"]
    closing = _closing(paragraphs)
    title_lines = _title_lines(paragraphs)
    sections = _sections(paragraphs)
    if closing:
        sections.append(ImportedSection(_unique("slot", {s.id for s in sections}), None,
                                        " ".join(p.text for p in closing)))
    return Outline(title_lines, [s for s in sections if s.intro or s.articles or s.title])


def _join(lines: list[str]) -> str:
    return " ".join(" ".join(line.split()) for line in lines if line.strip())


def _paragraphs(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = [[]]
    for raw in lines:
        line = clean(raw).rstrip()
        if not line.strip():
            blocks.append([])
        elif not _NUMBER_ONLY.match(line):
            blocks[-1].append(line)
    paragraphs: list[list[str]] = []
    for block in blocks:
        current: list[str] = []
        for index, line in enumerate(block):
            starts = bool(current) and (
                _NUMBERED.match(line) is not None
                or _row(line) is not None
                or "\t" in line
                or _LETTERED.match(line) is not None
                or _LETTERED.match(current[-1]) is not None
                or (line[:1].isspace() and current[-1].rstrip().endswith(_SENTENCE_END))
                or (index == 1 and _heads_block(current[0], line)))
            if starts:
                paragraphs.append(current)
                current = []
            current.append(line)
        if current:
            paragraphs.append(current)
    return paragraphs


def _heads_block(first: str, second: str) -> bool:
    """Whether a block's first line is a heading over the text below it."""
    follower = second.strip()
    return (_is_heading_text(first)
            and (_NUMBERED.match(second) is not None or _row(second) is not None
                 or (follower[:1].isupper() and len(first.strip()) < 0.7 * len(follower))))


def _is_heading_text(text: str) -> bool:
    text = text.strip()
    return (0 < len(text) <= 60 and text[0].isupper() and not text.endswith(_SENTENCE_END)
            and "," not in text and "\t" not in text and len(text.split()) <= 8)


def _row(line: str) -> tuple[str, str] | None:
    """A table row whose first cell is an article number: (number, text)."""
    if "\t" not in line:
        return None
    first, rest = line.strip().split("\t", 1)
    match = _ROW_NUMBER.match(first.strip())
    if match is None or not rest.strip():
        return None
    return match.group(1), rest


def _classify(block: list[str]) -> _Paragraph:
    first = block[0]
    row = _row(first)
    if row is not None:
        return _Paragraph("row", _join([row[1], *block[1:]]), row[0].rstrip("."))
    if "\t" in first:  # a table row without a number: the column labels
        return _Paragraph("header", "")
    numbered = _NUMBERED.match(first)
    if numbered:
        number = numbered.group(1).rstrip(".)")
        return _Paragraph("item", _join([numbered.group(2), *block[1:]]), number)
    text = _join(block)
    if len(block) == 1 and _LETTERED.match(first):
        return _Paragraph("lettered", text, first.strip()[0])
    if len(block) == 1 and _is_heading_text(first):
        return _Paragraph("heading", text)
    return _Paragraph("text", text)


def _closing(paragraphs: list[_Paragraph]) -> list[_Paragraph]:
    """The adoption lines at the end of the document, taken out of ``paragraphs``; lines
    under a heading of their own (Tot slot) stay that section's intro."""
    closing: list[_Paragraph] = []
    while (paragraphs and paragraphs[-1].kind in ("text", "heading")
           and _CLOSING.search(paragraphs[-1].text)):
        closing.insert(0, paragraphs.pop())
    above = next((p for p in reversed(paragraphs) if p.kind != "text"), None)
    if closing and above is not None and above.kind == "heading" \
            and _is_intro_heading(above.text):
        paragraphs.extend(closing)
        return []
    return closing


def _title_lines(paragraphs: list[_Paragraph]) -> list[str]:
    """The headings before the first text, except the one heading the first section;
    taken out of ``paragraphs``."""
    leading = 0
    while leading < len(paragraphs) and paragraphs[leading].kind == "heading":
        leading += 1
    if leading == 0:
        return []
    keep_last = "protocol" not in paragraphs[leading - 1].text.lower() \
        or leading == len(paragraphs)
    count = leading - 1 if keep_last else leading
    titles = [p.text for p in paragraphs[:count]]
    del paragraphs[:count]
    return titles


def _slug(title: str) -> str:
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    words = [re.sub(r"[^a-z0-9]", "", w) for w in re.split(r"[\s/]+", folded)]
    words = [w for w in words if w and not w.isdigit()]
    significant = [w for w in words if w not in _STOP_WORDS]
    word = (significant or words or ["deel"])[0][:30]
    return word if word[0].isalpha() else f"s{word}"


def _unique(candidate: str, taken: set[str]) -> str:
    # A digit, not a dash: a section's id is the first part of its articles' ids.
    number = 2
    unique = candidate
    while unique in taken:
        unique = f"{candidate}{number}"
        number += 1
    return unique


def _is_intro_heading(title: str) -> bool:
    return _slug(title) in _INTRO_SECTIONS


def _sections(paragraphs: list[_Paragraph]) -> list[ImportedSection]:
    sections: list[tuple[ImportedSection, list[_Paragraph]]] = []
    taken: set[str] = set()
    group: tuple[str, str] | None = None  # (id word, title) of a heading over lettered ones
    pending_title: str | None = None  # a group heading not yet joined to its first letter

    def start(section_id: str, title: str | None) -> None:
        section = ImportedSection(_unique(section_id, taken), title)
        taken.add(section.id)
        sections.append((section, []))

    for index, paragraph in enumerate(paragraphs):
        following = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if paragraph.kind == "heading":
            if following is not None and following.kind == "lettered":
                group = (_slug(paragraph.text), paragraph.text)
                pending_title = paragraph.text
                continue
            group = None
            start(_slug(paragraph.text), paragraph.text)
        elif paragraph.kind == "lettered":
            letter = paragraph.number or "X"
            title = (f"{pending_title} — {paragraph.text}" if pending_title
                     else paragraph.text)
            pending_title = None
            section_id = letter if letter not in taken or group is None \
                else f"{group[0]}.{letter}"
            start(section_id, title)
        elif paragraph.kind == "item" and _is_section_number(paragraph,
                                                             paragraphs[index + 1:]):
            group = None
            start(f"art.{paragraph.number}", f"{paragraph.number}. {paragraph.text}")
        else:
            if not sections:
                # Text before the first heading: the document's own introduction, unless
                # it has numbered points (a document without headings, see _fill).
                start("inleiding", None)
            sections[-1][1].append(paragraph)
    return [_fill(section, body) for section, body in sections]


def _is_section_number(paragraph: _Paragraph, rest: list[_Paragraph]) -> bool:
    """``2. Foto's`` heads a section when points ``2.1`` ... follow (after its intro)."""
    return (paragraph.number is not None and "." not in paragraph.number
            and _is_heading_text(paragraph.text)
            and any(p.kind in ("item", "row") and p.number is not None
                    and p.number.startswith(f"{paragraph.number}.") for p in rest))


def _fill(section: ImportedSection, body: list[_Paragraph]) -> ImportedSection:
    intro: list[str] = []
    articles: list[ImportedArticle] = []
    numbered = any(p.kind in ("item", "row") for p in body)
    questions = not numbered and any(p.text.endswith("?") for p in body)
    if section.title is None and section.id == "inleiding" and numbered:
        section.id = "algemeen"  # a document without headings: its points are articles
    is_intro = (_is_intro_heading(section.title if section.title is not None else section.id)
                and not numbered)
    taken: set[str] = set()

    def add(number: str | None, text: str) -> None:
        if number is not None and "." in number:
            candidate = number if number[0].isalpha() else f"art.{number}"
        else:
            candidate = f"{section.id}.{number or len(articles) + 1}"
        article_id = _unique_article(candidate, taken)
        taken.add(article_id)
        articles.append(ImportedArticle(article_id, text, number))

    for paragraph in body:
        if paragraph.kind == "header":
            continue
        if is_intro:
            intro.append(paragraph.text)
        elif numbered:
            if paragraph.kind in ("item", "row"):
                add(paragraph.number, paragraph.text)
            elif articles:
                articles[-1].text += " " + paragraph.text
            else:
                intro.append(paragraph.text)
        elif questions:
            if paragraph.text.endswith("?") or not articles:
                if not paragraph.text.endswith("?"):
                    intro.append(paragraph.text)
                    continue
                add(None, paragraph.text)
            else:
                articles[-1].text += " " + paragraph.text
        else:
            add(None, paragraph.text)
    section.intro = " ".join(intro) or None
    section.articles = articles
    return section


def _unique_article(candidate: str, taken: set[str]) -> str:
    unique = candidate
    suffix = ord("b")
    while unique in taken:
        unique = f"{candidate}{chr(suffix)}"
        suffix += 1
    return unique
