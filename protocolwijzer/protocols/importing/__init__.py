"""Importing a school's own protocol document (issue 16): pure, no Django, no database.

``import_document(data, filename)`` reads a DOCX, PDF or plain text file, splits it into
sections and articles with ids (text verbatim, ``structure.py``) and proposes rules for the
articles that resemble the built-in protocols' articles (``proposals.py``). The result is
a protocol file that ``protocols validate`` accepts, every proposal marked as such; it
never holds an article the document does not have. A document that cannot be read raises
``DocumentError`` with a sentence naming the problem.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from protocolwijzer.i18n import gettext as _
from protocolwijzer.protocols.importing.proposals import KnownArticle, Match, best_matches, propose
from protocolwijzer.protocols.importing.reading import DocumentError, read_lines
from protocolwijzer.protocols.importing.structure import Outline, outline

__all__ = ["DocumentError", "ImportResult", "import_document", "protocol_text"]


@dataclass(frozen=True)
class ImportResult:
    protocol: dict[str, Any]  # the protocol file as plain data
    text: str  # the same as YAML, validated
    outline: Outline
    matches: tuple[Match | None, ...]  # per article, in reading order
    lines: tuple[str, ...] = ()  # the document's text as read (what a reviewer compares)

    @property
    def proposed_rules(self) -> int:
        return len(self.protocol["rules"])


def import_document(data: bytes, filename: str, *, protocol_id: str | None = None,
                    organisation: str | None = None) -> ImportResult:
    from protocolwijzer.engine.protocol import builtin_protocol, builtin_protocol_paths

    lines = read_lines(data)
    document = outline(lines)
    articles = document.articles()
    if not articles:
        raise DocumentError(_("No articles were found in the document: it needs headings "
                              "with paragraphs or numbered points below them."))
    known_data: dict[str, Mapping[str, Any]] = {}
    names: dict[str, tuple[str, ...]] = {}
    known: list[KnownArticle] = []
    for pid in builtin_protocol_paths():
        protocol = builtin_protocol(pid)
        known_data[pid] = protocol.data
        names[pid] = (*protocol.names, protocol.organisation)
        known += [KnownArticle(pid, article) for section in protocol.data["sections"]
                  for article in section["articles"]]
    matches = best_matches(articles, known, names)
    proposals = propose(articles, matches, known_data)

    stem = PurePath(filename).stem
    full_text = " ".join(document.title_lines + [s.intro or "" for s in document.sections]
                         + [a.text for a in articles])
    title = next((line for line in document.title_lines if "protocol" in line.lower()),
                 document.title_lines[0] if document.title_lines else stem)
    organisation = organisation or next(
        (line for line in document.title_lines if line != title), stem)
    schooljaar = re.search(r"schooljaar (\d{4}\s*[-/]\s*\d{4})", full_text, re.IGNORECASE)
    protocol_data: dict[str, Any] = {
        "format": "protocolwijzer/1",
        "id": protocol_id or _slug(stem),
        "title": title,
        "organisation": organisation,
        "names": [organisation],
        "version": "concept",
        **({"schooljaar": schooljaar.group(1).replace(" ", "")} if schooljaar else {}),
        "established": {"by": organisation},
        "evaluation": proposals["evaluation"],
        "source": {"document": title, "file": PurePath(filename).name},
        "sections": [_section(section, proposals["kinds"]) for section in document.sections],
        "scope": proposals["scope"],
        "rules": proposals["rules"],
        "consequences": proposals["consequences"],
    }
    text = protocol_text(protocol_data, filename)
    return ImportResult(protocol_data, text, document, tuple(matches), tuple(lines))


def _section(section: Any, kinds: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {"id": section.id}
    if section.title:
        data["title"] = section.title
    if section.intro:
        data["intro"] = section.intro
    data["articles"] = []
    for article in section.articles:
        kind = kinds[article.id]
        entry: dict[str, Any] = {"id": article.id, "kind": kind["kind"]}
        if kind.get("roles"):
            entry["roles"] = list(kind["roles"])
        entry["text"] = article.text
        entry["proposed"] = kind["proposed"]
        data["articles"].append(entry)
    return data


def _slug(stem: str) -> str:
    folded = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:80]
    return slug if len(slug) >= 2 and slug[0].isalnum() else f"protocol-{slug}".strip("-")


def _yaml(data: Mapping[str, Any], filename: str) -> str:
    import yaml

    header = _("# Imported by 'protocolwijzer protocols import' from %(file)s. The article "
               "texts are the document's own;\n# everything marked 'proposed' is a proposal "
               "from a known protocol's article with a similar text:\n# check it, change "
               "it where your protocol says otherwise, and delete 'proposed' to confirm "
               "it.\n") % {"file": filename}
    body = yaml.dump(dict(data), Dumper=_no_aliases_dumper(), allow_unicode=True, sort_keys=False,
                     width=100)
    return header + body


def _no_aliases_dumper() -> Any:
    import yaml

    class NoAliases(yaml.SafeDumper):
        # The loader refuses anchors and aliases; a copied message is written out again.
        def ignore_aliases(self, data: Any) -> bool:
            return True

    return NoAliases


def protocol_text(data: Mapping[str, Any], filename: str) -> str:
    """``data`` as the protocol file the import writes, checked by the loader: a file it
    refuses raises ``ProtocolError`` (for the import itself that is a bug here; for a
    reviewed import, an article id a person chose that the format does not allow)."""
    from protocolwijzer.engine.protocol import load_protocol_text

    text = _yaml(data, PurePath(filename).name)
    load_protocol_text(text, filename=filename)
    return text
