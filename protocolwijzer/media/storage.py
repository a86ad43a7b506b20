"""Private files of the checker through Django's storage API (a private directory, or an
S3-compatible bucket): never a public URL, never a name chosen by the uploader.

Every file is written under a new, unique name that no row points at yet, and only then
published by a database transaction that points the item at it (``tasks.py``): a
half-written file is never reachable, whatever happens to the process writing it. A file
left behind by a writer that died is an orphan, removed by the retention run
(``retention.remove_orphans``).
"""

from __future__ import annotations

import contextlib
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from django.core.files import File

from protocolwijzer.media.models import MediaItem, private_storage

CHUNK = 64 * 1024


class ReportingFile(File):  # type: ignore[type-arg]
    """A file whose ``chunks()`` call ``on_chunk(written, total)`` after each chunk a
    storage has taken: the progress of writing a large video to an object store."""

    def __init__(self, file: IO[bytes], size: int,
                 on_chunk: Callable[[int, int], None] | None = None) -> None:
        super().__init__(file)
        self._total = size
        self.on_chunk = on_chunk

    @property
    def size(self) -> int:  # type: ignore[override]
        return self._total

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]:
        written = 0
        for chunk in super().chunks(chunk_size or CHUNK):
            yield chunk
            written += len(chunk)
            if self.on_chunk is not None:
                self.on_chunk(written, self._total)

    def multiple_chunks(self, chunk_size: int | None = None) -> bool:
        return True


def new_name(item: MediaItem, what: str, extension: str) -> str:
    """A fresh name in the item's folder, unique per call (``original-3f9a….jpg``)."""
    return f"{item.storage_prefix}/{what}-{secrets.token_hex(8)}.{extension.lower()}"


def write(name: str, source: bytes | Path,
          on_chunk: Callable[[int, int], None] | None = None) -> str:
    """Writes ``source`` under ``name`` (which must be new) and returns the stored name."""
    storage = private_storage()
    with contextlib.ExitStack() as stack:
        if isinstance(source, Path):
            handle: IO[bytes] = stack.enter_context(source.open("rb"))
            size = source.stat().st_size
        else:
            import io

            handle = io.BytesIO(source)
            size = len(source)
        stored: str = storage.save(name, ReportingFile(handle, size, on_chunk))
    return stored


def read(name: str) -> bytes:
    with private_storage().open(name, "rb") as handle:
        data: bytes = handle.read()
    return data


@contextlib.contextmanager
def local_path(name: str, suffix: str = "") -> Iterator[Path]:
    """A path on this machine with the file's content, for tools that need one (ffmpeg):
    the file itself on a local storage, else a private temporary copy, removed after."""
    storage = private_storage()
    try:
        yield Path(storage.path(name))
        return
    except NotImplementedError:
        pass  # an object store: copy it down
    with tempfile.TemporaryDirectory(prefix="pw-media-") as directory:
        copy = Path(directory) / f"copy{suffix}"
        with storage.open(name, "rb") as source, copy.open("wb") as target:
            shutil.copyfileobj(source, target, CHUNK)
        yield copy


def delete(*names: str) -> None:
    """Removes the named files; a missing one is no error (retention, a retry)."""
    storage = private_storage()
    for name in names:
        if name:
            with contextlib.suppress(FileNotFoundError):
                storage.delete(name)


def list_folder(prefix: str) -> list[str]:
    """The names of the files in an item's folder."""
    storage = private_storage()
    try:
        _directories, files = storage.listdir(prefix)
    except FileNotFoundError:
        return []
    return [f"{prefix}/{name}" for name in files]


def open_for_streaming(name: str) -> Any:
    return private_storage().open(name, "rb")
