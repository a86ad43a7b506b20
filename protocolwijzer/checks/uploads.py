"""Files uploaded to the checker: read with a size limit, then handed to the media app.

What a file is (photo, video, sound), whether it is acceptable (format, pixel count,
frames, duration, polyglots, truncation) and where it is kept are the media app's
decisions (``media.actions.do_upload_media``, by content, never by name; nothing is kept
of a refused file). This handler only makes sure that a request cannot make the server
read more than it would accept: it stops reading a file as soon as it passes
``settings.PW_MEDIA_MAX_BYTES`` and takes at most ``MAX_FILES`` files per check. A photo
(at most ``PW_UPLOAD_MAX_BYTES``) stays in memory; a larger file (a video) goes to a
temporary file that Django deletes when the request ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import (
    InMemoryUploadedFile,
    TemporaryUploadedFile,
    UploadedFile,
)
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest
from django.utils.translation import gettext as _

MAX_FILES = 10
MAX_PIXELS = 40_000_000
# A hint for the file picker only: what is accepted is decided by content.
CONTENT_TYPES = ("image/jpeg,image/png,image/webp,image/heic,image/heif,video/mp4,"
                 "video/quicktime,audio/mp4,audio/x-m4a,audio/mpeg,audio/wav,audio/x-wav")

__all__ = ["CONTENT_TYPES", "MAX_FILES", "MAX_PIXELS", "PhotoUploadHandler", "RefusedUpload",
           "max_bytes", "max_media_bytes", "shown_name"]


def shown_name(name: str | None) -> str:
    """A file name as it may appear in a message: Django has already cut off any path."""
    name = (name or "").strip() or _("(no name)")
    return name if len(name) <= 80 else name[:77] + "..."


@dataclass(frozen=True)
class RefusedUpload:
    """A file the upload handler did not keep, and why (a full sentence)."""

    field_name: str
    file_name: str
    message: str
    too_large: bool = False  # past the size limit (a caller may say it in its own words)


def max_bytes() -> int:
    """The largest photo."""
    return int(settings.PW_UPLOAD_MAX_BYTES)


def max_media_bytes() -> int:
    """The largest video or sound recording."""
    return max(int(getattr(settings, "PW_MEDIA_MAX_BYTES", 0)), max_bytes())


class PhotoUploadHandler(FileUploadHandler):
    """Receives a check's files and stops reading one as soon as it is too large, or when
    it is one file too many, so a 2 GB upload costs at most the largest accepted file.

    It replaces Django's default handlers for the checker only. A refused file is skipped
    (Django reads past its bytes without keeping them) and reported in ``refused``.
    """

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.refused: list[RefusedUpload] = []
        self.limit = max_media_bytes()
        self.in_memory = max_bytes()
        self.count = 0
        self.size = 0
        self.file: Any = BytesIO()

    def new_file(self, field_name: str, file_name: str, *args: Any, **kwargs: Any) -> None:
        super().new_file(field_name, file_name, *args, **kwargs)
        self.count += 1
        self.size = 0
        self.file = BytesIO()
        if self.count > MAX_FILES:
            self._refuse(_("You can check at most %(limit)s files at once; “%(name)s” was "
                           "not taken along.") % {"limit": MAX_FILES,
                                                  "name": shown_name(file_name)})

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.size += len(raw_data)
        if self.size > self.limit:
            self._refuse(_("“%(name)s” is too large: a file may be at most %(limit)s MB.")
                         % {"name": shown_name(self.file_name),
                            "limit": self.limit // (1024 * 1024)}, too_large=True)
        if self.size > self.in_memory and isinstance(self.file, BytesIO):
            # Larger than any photo: a video. Django removes the file after the request.
            spill = TemporaryUploadedFile(self.file_name or "", self.content_type or "", 0,
                                          self.charset, self.content_type_extra)
            spill.write(self.file.getvalue())
            self.file = spill
        self.file.write(raw_data)

    def file_complete(self, file_size: int) -> UploadedFile:
        self.file.seek(0)
        if isinstance(self.file, TemporaryUploadedFile):
            self.file.size = file_size
            return self.file
        return InMemoryUploadedFile(
            file=self.file, field_name=self.field_name, name=self.file_name,
            content_type=self.content_type, size=file_size, charset=self.charset,
            content_type_extra=self.content_type_extra)

    def _refuse(self, message: str, *, too_large: bool = False) -> None:
        self.refused.append(RefusedUpload(self.field_name, shown_name(self.file_name),
                                          message, too_large))
        # The parser closes self.file (freeing what was read) and skips the rest.
        raise SkipFile
