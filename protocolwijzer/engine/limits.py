"""The limits on untrusted structured input: protocol files (YAML) and situations (JSON
or YAML), wherever they come from (the command line, the API, the pages, an import).

Every limit is checked before the text is parsed into Python objects, so that no input
can make a loader recurse without end (200 KB of ``[`` used to crash the process), run for
minutes or fill memory; a refusal names the limit. The built-in protocols are about 33 KB,
six levels deep and 1,500 values, so the limits leave ample room for any real file.
"""

from __future__ import annotations

from protocolwijzer.engine.errors import Problem, ProblemsError
from protocolwijzer.i18n import gettext as _

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 40
# Lists, mappings and single values (texts, numbers, true/false) together.
MAX_NODES = 50_000


def refuse(error_class: type[ProblemsError], message: str, filename: str | None = None,
           line: int | None = None) -> ProblemsError:
    """The error for input refused before its content was read (exit code 2)."""
    return error_class([Problem("", message, line)], filename, unreadable=True)


def too_large() -> str:
    return _("The input is larger than %(limit)s MB (%(bytes)s bytes).") % {
        "limit": MAX_BYTES // (1024 * 1024), "bytes": MAX_BYTES}


def too_deep() -> str:
    return _("The input is nested more than %(limit)s levels deep.") % {"limit": MAX_DEPTH}


def too_many_nodes() -> str:
    return _("The input holds more than %(limit)s values (lists, mappings and single values "
             "together).") % {"limit": MAX_NODES}


def decode(text: str | bytes, error_class: type[ProblemsError],
           filename: str | None = None) -> str:
    """The text of untrusted input: at most MAX_BYTES, UTF-8, without a byte order mark."""
    if isinstance(text, str):
        # Each character is at least one byte, so a long text need not be encoded.
        if len(text) > MAX_BYTES or len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
            raise refuse(error_class, too_large(), filename)
        return text.removeprefix("\ufeff")
    if len(text) > MAX_BYTES:
        raise refuse(error_class, too_large(), filename)
    try:
        return text.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        raise refuse(error_class, _("The file is not valid UTF-8 text (byte %(pos)s).")
                     % {"pos": exc.start}, filename) from None
