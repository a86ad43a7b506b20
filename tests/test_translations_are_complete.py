"""Dutch first: every sentence the product shows has a Dutch translation."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

PACKAGE = Path(__file__).resolve().parents[1] / "protocolwijzer"
CATALOGUE = PACKAGE / "locale" / "nl" / "LC_MESSAGES" / "django.po"
KEYWORDS = {"_": None, "gettext": None, "gettext_lazy": None, "ngettext": (1, 2),
            "ngettext_lazy": (1, 2), "pgettext": ((1, "c"), 2),
            "pgettext_lazy": ((1, "c"), 2)}
TRANSLATE = re.compile(r'{%\s*translate\s+"([^"]+)"')
BLOCK = re.compile(r"{%\s*blocktranslate\b([^%]*)%}(.*?){%\s*endblocktranslate\s*%}", re.S)
VARIABLE = re.compile(r"{{\s*(\w+)\s*}}")


def template_messages() -> set[str]:
    found = set()
    for path in PACKAGE.rglob("templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        found.update(TRANSLATE.findall(text))
        for options, body in BLOCK.findall(text):
            if "trimmed" in options:
                body = " ".join(line.strip() for line in body.strip().splitlines())
            if "{% plural %}" in body:
                body = body.split("{% plural %}")[0]
            # Django escapes a literal % in a blocktranslate as %% in the msgid.
            found.add(VARIABLE.sub(r"%(\1)s", body.replace("%", "%%")))
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
