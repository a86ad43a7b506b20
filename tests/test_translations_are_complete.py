"""Dutch first: every sentence the product shows has a Dutch translation."""

from __future__ import annotations

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from protocolwijzer.texts import KEYWORDS
from protocolwijzer.texts import template_messages as shipped_template_messages

PACKAGE = Path(__file__).resolve().parents[1] / "protocolwijzer"
CATALOGUE = PACKAGE / "locale" / "nl" / "LC_MESSAGES" / "django.po"


def template_messages() -> set[str]:
    found: set[str] = set()
    for path in PACKAGE.rglob("templates/**/*.html"):
        found |= shipped_template_messages(path)
    return found


def python_messages() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(PACKAGE), method_map=[("**/tests/**.py", "ignore"), ("**.py", "python")],
            keywords=KEYWORDS):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_every_message_has_a_dutch_translation():
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="nl")
    translated = {m.id if isinstance(m.id, str) else m.id[0]
                  for m in catalogue if m.id and m.string and (
                      m.string if isinstance(m.string, str) else m.string[0])}
    missing = sorted((python_messages() | template_messages()) - translated - {""})
    assert missing == []


def test_each_message_is_translated_once_so_translators_tools_accept_the_catalogue():
    # Branches merged with a union of their catalogues can leave one msgid twice, or two
    # entries without the blank line between them; msgfmt -c refuses such a file.
    keys: list[tuple[str, str]] = []
    context = ""
    current: list[str] | None = None
    lines = CATALOGUE.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if line.startswith("msgctxt "):
            context = line
        elif line.startswith("msgid "):
            current = [line[6:]]
            previous = lines[number - 1] if number else ""
            glued = previous.startswith(('msgstr', '"')) and not previous.startswith("msgid")
            assert not glued, f"line {number + 1}: no blank line before this msgid"
        elif line.startswith('"') and current is not None:
            current.append(line)
        else:
            if current is not None:
                keys.append((context, "".join(current)))
                context = ""
            current = None
    duplicates = {key for key in keys if keys.count(key) > 1 and key[1] != '""'}
    assert duplicates == set()
