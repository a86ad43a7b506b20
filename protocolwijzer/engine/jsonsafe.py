"""Loading untrusted JSON (situations from the command line and the API): bounded before
it is parsed.

Python's ``json`` recurses once per level of nesting, so 100,000 ``[`` end in a
RecursionError, and every value becomes an object. ``check_json`` therefore scans the
text first, in one pass that stops at the first limit exceeded (``limits.py``): the
nesting and the number of values are counted outside strings, so the scan costs no more
than reading the text, and a refusal costs even less.
"""

from __future__ import annotations

import json
import re
from typing import Any

from protocolwijzer.engine import limits
from protocolwijzer.engine.errors import Problem, ProblemsError
from protocolwijzer.i18n import gettext as _

# A string (to its closing quote, or to the end of an unclosed one: never a second try,
# so the scan stays linear), or a character that opens, closes or separates values.
_TOKEN = re.compile(r'"(?:[^"\\]++|\\.)*+"?|[\[\]{},]', re.DOTALL)


def looks_like_json(source: str) -> bool:
    return source.lstrip()[:1] in ("{", "[")


def check_json(source: str, error_class: type[ProblemsError],
               filename: str | None = None) -> None:
    """``error_class`` naming the limit when ``source`` is nested more than MAX_DEPTH
    levels or holds more than MAX_NODES values; nothing otherwise (not even for JSON
    that is not valid: the parser says what is wrong with it)."""
    depth = values = 0
    for match in _TOKEN.finditer(source):
        char = match.group()[0]
        if char in "[{":
            depth += 1
            values += 1
            if depth > limits.MAX_DEPTH:
                raise limits.refuse(error_class, limits.too_deep(), filename)
        elif char in "]}":
            depth -= 1
        elif char == ",":
            values += 1
        if values > limits.MAX_NODES:
            raise limits.refuse(error_class, limits.too_many_nodes(), filename)


def load_json(text: str | bytes, error_class: type[ProblemsError] = ProblemsError,
              filename: str | None = None) -> Any:
    """Plain data from untrusted JSON, or ``error_class`` with a message that names the
    limit exceeded or, for JSON that is not valid, the line and the problem."""
    source = limits.decode(text, error_class, filename)
    check_json(source, error_class, filename)
    try:
        return json.loads(source)
    except json.JSONDecodeError as exc:
        raise error_class([Problem("", _("This is not valid JSON: %(detail)s.")
                                   % {"detail": exc.msg}, exc.lineno)], filename) from None
    except ValueError:
        # A number with more digits than Python converts (4,300).
        raise error_class([Problem("", _("The input holds a number that is too long."))],
                          filename) from None
