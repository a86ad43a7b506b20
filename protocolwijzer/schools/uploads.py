"""Receiving an export of the student administration (or a scanned paper form): in memory
only, and never more than the limit of it (``importing.MAX_BYTES`` for an export).

Django's default handlers would stream a file over 2.5 MB to a temporary file on disk; an
export holds personal data of every student, so it stays in memory and is dropped when
the request ends (only the parsed rows are kept, in PendingImport, until confirmed).
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest

from protocolwijzer.schools.importing import MAX_BYTES

# Room for the form's other fields and the multipart boundaries.
_FORM_OVERHEAD = 64 * 1024


def is_declared_too_large(request: HttpRequest, limit: int = MAX_BYTES) -> bool:
    """True when the request says up front that its body exceeds the limit, so it can be
    refused before a byte of it is read."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > limit + _FORM_OVERHEAD


class MemoryUploadHandler(FileUploadHandler):
    """Keeps one file in memory and stops at ``limit`` bytes (``too_large`` tells)."""

    def __init__(self, request: HttpRequest | None = None, limit: int = MAX_BYTES) -> None:
        super().__init__(request)
        self.limit = limit
        self.too_large = False
        self.size = 0
        self.file = BytesIO()

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.size = 0
        self.file = BytesIO()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.size += len(raw_data)
        if self.size > self.limit:
            self.too_large = True
            raise SkipFile
        self.file.write(raw_data)

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self.file.seek(0)
        return InMemoryUploadedFile(
            file=self.file, field_name=self.field_name, name=self.file_name,
            content_type=self.content_type, size=file_size, charset=self.charset,
            content_type_extra=self.content_type_extra)


class ImportUploadHandler(MemoryUploadHandler):
    """An export of the student administration: at most ``importing.MAX_BYTES``."""
