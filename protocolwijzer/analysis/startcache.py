"""The user's cache directory, and what a one-off command keeps there so that the next
command (a new process) need not work it out again. Standard library only, like the rest
of this package (but for numpy in ``model_arrays``); the command line and the engine's
protocol cache use it too.

Every ``protocolwijzer check`` is a new process, and most of its time went to building
things that are the same each time: the validated protocol (``engine/protocol_cache.py``),
the text analysis's compiled patterns (``regexcache.py``) and its tables (the name lists,
the typo index: ``table``). A command turns the cache on with ``use_directory``; without
it (the web server, the tests) everything is built as before. A table is kept with the
version of what it was built from (``files_version``: the files' sizes and times of
change, as Python's own byte code cache trusts), so a changed word list or changed code
never meets an old table; an entry that cannot be read is built again and rewritten.

What is kept is data (JSON), never code, and every reader checks what it reads, so a
damaged or planted entry can at worst be ignored. Still, only a directory that is ours is
used: owned by this user and writable by nobody else (it is created with mode 0700,
entries with 0600), and an entry must be a regular file of ours too. Entries are written
to a temporary file and renamed into place, so a reader sees a whole entry or none.
Writing is best effort: a cache that cannot be written changes nothing but the time.

Where: ``$PW_CACHE_DIR``; else ``$XDG_CACHE_HOME/protocolwijzer``; else
``~/.cache/protocolwijzer``. ``PW_CACHE_DIR=`` (empty) turns the cache off.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

MAX_TABLE_BYTES = 16 * 1024 * 1024
_directory: Path | None = None


def use_directory(directory: Path | None) -> None:
    """Keep what is built in ``directory`` from now on (None: keep nothing)."""
    global _directory
    _directory = directory


def directory() -> Path | None:
    return _directory


def files_version(paths: Iterable[Path]) -> str:
    """A version of ``paths`` (files, or folders whose files count, tests and byte code
    excepted) that changes when any of them does: each file's name, size and time of last
    change, as Python's own byte code cache trusts; a missing file counts as missing."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(_path_version(path).encode("ascii"))
    return digest.hexdigest()


@cache
def _path_version(path: Path) -> str:
    # Once per process: a process's files do not change under it in a way that counts.
    digest = hashlib.sha256()
    for file in _files(str(path)):
        try:
            info = os.stat(file)
        except OSError:
            stamp = "missing"
        else:
            stamp = f"{info.st_size}:{info.st_mtime_ns}"
        digest.update(f"{file}\0{stamp}\0".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def _files(path: str) -> list[str]:
    if not os.path.isdir(path):
        return [path]
    found: list[str] = []
    for folder, folders, files in os.walk(path):
        folders[:] = sorted(f for f in folders if f not in ("__pycache__", "tests"))
        found.extend(os.path.join(folder, name) for name in sorted(files)
                     if not name.endswith((".pyc", ".pyo")))
    return found


def table[T](name: str, version_of: Callable[[], str], build: Callable[[], T],
             dump: Callable[[T], Any], load: Callable[[Any], T]) -> T:
    """``build()``, or what an earlier process built from the same ``version_of()``, kept
    as the JSON of ``dump(value)`` and given back as ``load(data)``; ``load`` raises
    TypeError or ValueError for data that is not what ``dump`` makes."""
    if _directory is None:
        return build()
    version = version_of()
    file_name = f"table-{name}.json"
    raw = read_entry(_directory, file_name, MAX_TABLE_BYTES)
    if raw is not None:
        try:
            entry = json.loads(raw)
            if isinstance(entry, dict) and entry.get("version") == version:
                return load(entry["data"])
        except (ValueError, TypeError, KeyError, RecursionError):
            pass  # damaged: built again below
    value = build()
    try:
        encoded = json.dumps({"version": version, "data": dump(value)},
                             ensure_ascii=False).encode("utf-8")
    except (TypeError, ValueError):
        return value
    write_entry(_directory, file_name, encoded)
    return value


# -- files in the cache directory ---------------------------------------------------------

def default_dir() -> Path | None:
    """The cache directory for this user, or None when the cache is off."""
    configured = os.environ.get("PW_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or ""
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no home directory to speak of
            return None
    return Path(base) / "protocolwijzer"


def read_entry(directory: Path, name: str, max_bytes: int) -> bytes | None:
    """The bytes of entry ``name``, or None when it is missing, larger than
    ``max_bytes``, or not a private file of ours in a private directory of ours."""
    if not _is_ours(directory):
        return None
    try:
        fd = os.open(directory / name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or not _owned_and_private(info):
                return None
            raw = handle.read(max_bytes + 1)
    except OSError:
        return None
    return raw if len(raw) <= max_bytes else None


def write_entry(directory: Path, name: str, data: bytes) -> bool:
    """Puts ``data`` in place as entry ``name``, whole or not at all; False when the
    directory is not ours or cannot be written."""
    import tempfile

    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _is_ours(directory):
            return False
        fd, temporary = tempfile.mkstemp(prefix=".new-", dir=directory)  # mode 0600
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temporary, directory / name)
        except OSError:
            Path(temporary).unlink(missing_ok=True)
            return False
    except OSError:
        return False
    return True


def _is_ours(directory: Path) -> bool:
    try:
        info = directory.lstat()
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and _owned_and_private(info)


def _owned_and_private(info: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else: no one else can plant an entry."""
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return owner_ok and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
