"""Every user-facing Dutch text Protocolwijzer ships, with who reads it, for the
readability report (``protocolwijzer readability --shipped``) and its test.

Students in praktijkonderwijs read at level B1 or below, so what they read must be B1 at
most. Students read the checker (its form, its verdicts), the protocol reader, and in
the protocol files the plain-words summaries and the messages and fixes of the rules that
concern them. The articles themselves are quoted verbatim, as the school established
them; they are reported, never rewritten, and their summary stands beside them.

A text's audience is where it is shown: a sentence of a student-facing template or
module is ``student``; every other sentence of the catalogue is ``staff`` (pages for
staff, beheer and parents: also checked and reported, with B1 as the aim, not the rule).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from protocolwijzer.engine.protocol import builtin_protocol, builtin_protocol_paths

PACKAGE = Path(__file__).resolve().parent
CATALOGUE = PACKAGE / "locale" / "nl" / "LC_MESSAGES" / "django.po"

# Where students read: these templates and modules put their sentences in front of them.
STUDENT_SOURCES = (
    "templates/checks/", "templates/base.html",
    # The protocol as members read it; the school management's pages beside them (versions,
    # editor, import, reminders) are for staff.
    "templates/protocols/reader.html", "templates/protocols/_for_me.html",
    "templates/protocols/_sections.html", "templates/protocols/_search.html",
    "templates/protocols/protocol_detail.html", "templates/protocols/protocol_list.html",
    "templates/protocols/guardian_protocol.html",
    "engine/explain.py", "checks/results.py", "checks/forms.py",
    # The guardian page's explanations (issue 14): written for parents at B1, and read by
    # pupils of 16 who decide for themselves, so B1 is the rule there too.
    "templates/consent/_guardian_about.html", "templates/consent/_purpose_explained.html",
    # Melden (issue 15): pupils report, also anonymously, and follow their report.
    "templates/incidents/report_form.html", "templates/incidents/report_fields.html",
    "templates/incidents/report_sent.html", "templates/incidents/report_status.html",
    "templates/incidents/report_status_list.html", "incidents/reporting_forms.py",
)

_TRANSLATE = re.compile(r'{%\s*translate\s+"([^"]+)"')
_BLOCK = re.compile(r"{%\s*blocktranslate\b([^%]*)%}(.*?){%\s*endblocktranslate\s*%}", re.S)
_VARIABLE = re.compile(r"{{\s*(\w+)\s*}}")
KEYWORDS = {"_": None, "gettext": None, "gettext_lazy": None, "ngettext": (1, 2),
             "ngettext_lazy": (1, 2), "pgettext": ((1, "c"), 2), "pgettext_lazy": ((1, "c"), 2)}


@dataclass(frozen=True)
class ShippedText:
    source: str       # "catalogue", "glossary", or "protocol <id>"
    where: str        # the msgid, or the article or rule and field
    audience: str     # "student" or "staff"
    text: str         # the Dutch text
    verbatim: bool = False   # an article as established: reported, never rewritten


def template_messages(path: Path) -> set[str]:
    """The msgids of one template's translate and blocktranslate tags."""
    text = path.read_text(encoding="utf-8")
    found = set(_TRANSLATE.findall(text))
    for options, body in _BLOCK.findall(text):
        if "trimmed" in options:
            body = " ".join(line.strip() for line in body.strip().splitlines())
        if "{% plural %}" in body:
            body = body.split("{% plural %}")[0]
        found.add(_VARIABLE.sub(r"%(\1)s", body.replace("%", "%%")))
    return found


def student_msgids() -> set[str]:
    """The msgids of the student-facing templates and modules."""
    from babel.messages.extract import extract_from_file

    found: set[str] = set()
    for source in STUDENT_SOURCES:
        path = PACKAGE / source
        files = sorted(path.rglob("*.html")) if path.is_dir() else [path]
        for file in files:
            if file.suffix == ".html":
                found |= template_messages(file)
            else:
                for _line, message, _comments, _context in extract_from_file(
                        "python", str(file), keywords=KEYWORDS):
                    found.add(message[0] if isinstance(message, tuple) else message)
    return found


def _dutch(message: str | tuple[str, ...] | None) -> str:
    text = message if isinstance(message, str) else (message[0] if message else "")
    # Placeholders are read as one word: "%(name)s" -> "naam".
    return re.sub(r"%\(\w+\)[sd]|%[sd]", "naam", str(text or ""))


def catalogue_texts() -> Iterator[ShippedText]:
    from babel.messages.pofile import read_po

    students = student_msgids()
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="nl")
    for message in catalogue:
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        dutch = _dutch(message.string)
        if msgid and dutch:
            yield ShippedText("catalogue", msgid,
                              "student" if msgid in students else "staff", dutch)


def _nl(value: str | dict[str, str] | None) -> str:
    if isinstance(value, dict):
        return value.get("nl", "")
    return value or ""


def protocol_texts() -> Iterator[ShippedText]:
    for protocol_id in sorted(builtin_protocol_paths()):
        protocol = builtin_protocol(protocol_id)
        source = f"protocol {protocol_id}"
        for article in protocol.iter_articles():
            yield ShippedText(source, f"{article.id} text", "student", article.text,
                              verbatim=True)
            if article.summary:
                yield ShippedText(source, f"{article.id} summary", "student",
                                  _nl(article.summary))
            if article.title:
                yield ShippedText(source, f"{article.id} title", "student", _nl(article.title))
        for rule in protocol.rules:
            audience = "student" if "student" in rule.roles else "staff"
            for name, value in (("message", rule.message), ("fix", rule.fix)):
                if value:
                    yield ShippedText(source, f"{rule.id} {name}", audience, _nl(value))


def glossary_texts() -> Iterator[ShippedText]:
    """The explanations of hard words on the checker's verdict (engine/glossary.json):
    written for students and parents, so B1 at most."""
    from protocolwijzer.engine.sanctions import glossary

    for term in glossary():
        yield ShippedText("glossary", term.id, "student", term.explanation["nl"])


def purpose_texts() -> Iterator[ShippedText]:
    """What each default purpose means, with an example (consent/data/purposes.json):
    for parents and pupils of 16, so B1 at most (issue 14)."""
    import json

    # Read as a file, not through consent/explained.py: this command runs without Django.
    data = json.loads((PACKAGE / "consent" / "data" / "purposes.json").read_text("utf-8"))
    for code, texts in data["purposes"].items():
        for field in ("meaning", "example"):
            yield ShippedText("purposes", f"{code} {field}", "student", texts[field]["nl"])


def shipped_texts() -> list[ShippedText]:
    return [*catalogue_texts(), *protocol_texts(), *glossary_texts(), *purpose_texts()]
