"""Validated protocol files kept in the user's cache directory (``analysis/
startcache.py``), so that a new process (each ``protocolwijzer check``) compiles a protocol
without parsing YAML or building pydantic's models.

An entry is the plain data a validated file dumps to (``Protocol.data``), as JSON. It is
named after the SHA-256 of the protocol text and of the code that defines the format and
compiles it (``code_version``), so an edited file or another version of Protocolwijzer
never meets an old entry; inside, the entry repeats both, and an entry that does not
match, does not parse or does not compile (``protocol.compiled_protocol``) is ignored
and written again from the file.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from protocolwijzer.analysis import startcache

ENTRY_FORMAT = "protocolwijzer-compiled/1"
# An entry is a little larger than its file, and a file is at most limits.MAX_BYTES.
MAX_ENTRY_BYTES = 8 * 1024 * 1024
# The modules whose code decides what a validated file means.
_FORMAT_MODULES = ("schema.py", "protocol.py", "conditions.py", "vocabulary.py",
                   "protocol_cache.py")
_DATE = "$date"


@cache
def code_version() -> str:
    """The SHA-256 of the code that defines and compiles the format ('' if unreadable)."""
    digest = hashlib.sha256(ENTRY_FORMAT.encode())
    here = Path(__file__).resolve().parent
    try:
        for name in _FORMAT_MODULES:
            digest.update((here / name).read_bytes())
    except OSError:
        return ""
    return digest.hexdigest()


def read(directory: Path, key: str) -> dict[str, Any] | None:
    """The data kept for the protocol text with SHA-256 ``key``, or None."""
    code = code_version()
    if not code:
        return None
    raw = startcache.read_entry(directory, _name(key, code), MAX_ENTRY_BYTES)
    if raw is None:
        return None
    try:
        entry = json.loads(raw, object_hook=_decode_date)
    except (ValueError, RecursionError):
        return None
    if (not isinstance(entry, dict) or entry.get("format") != ENTRY_FORMAT
            or entry.get("code") != code or entry.get("sha256") != key
            or not isinstance(entry.get("data"), dict)):
        return None
    data: dict[str, Any] = entry["data"]
    return data


def write(directory: Path, key: str, data: Any) -> None:
    """Keeps ``data`` for the protocol text with SHA-256 ``key``, when JSON holds it
    exactly; silently nothing otherwise, or when the directory cannot be written."""
    code = code_version()
    if not code:
        return
    try:
        encoded = json.dumps({"format": ENTRY_FORMAT, "code": code, "sha256": key,
                              "data": data}, ensure_ascii=False, allow_nan=False,
                             default=_encode_date).encode("utf-8")
        if json.loads(encoded, object_hook=_decode_date)["data"] != data:
            return  # a value JSON cannot hold exactly: better no entry than a wrong one
    except (TypeError, ValueError, RecursionError):
        return
    startcache.write_entry(directory, _name(key, code), encoded)


def _name(key: str, code: str) -> str:
    return f"protocol-{key}-{code[:16]}.json"


def _encode_date(value: Any) -> Any:
    # Only a plain date (a YAML date such as `on: 2023-06-01`); anything else is refused.
    if type(value) is datetime.date:
        return {_DATE: value.isoformat()}
    raise TypeError(type(value).__name__)


def _decode_date(mapping: dict[str, Any]) -> Any:
    if len(mapping) == 1 and isinstance(mapping.get(_DATE), str):
        try:
            return datetime.date.fromisoformat(mapping[_DATE])
        except ValueError:
            return mapping
    return mapping
