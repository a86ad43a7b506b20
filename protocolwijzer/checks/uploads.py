"""Photos uploaded to the checker: kept in memory, checked by content, then let go.

Privacy by design: a photo of a class is personal data of every child on it. The checker
needs the photo only while it decides, so an upload never touches the disk (no temporary
file, no media directory, no database row) and is dropped when the request ends. Blurring
and metadata stripping, which would need to keep a copy, belong to the media analysis.

What is accepted is decided by what the bytes are, never by the file name or the
Content-Type a browser sends: Pillow must recognise a JPEG, PNG or WebP image, the file
may be at most ``settings.PW_UPLOAD_MAX_BYTES``, the image at most ``MAX_PIXELS`` pixels,
and one check takes at most ``MAX_FILES`` files.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import InMemoryUploadedFile, UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest
from django.utils.translation import gettext as _
from PIL import Image

MAX_FILES = 10
MAX_PIXELS = 40_000_000
# Pillow's own names for the formats we accept, and how people know them.
ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
CONTENT_TYPES = "image/jpeg,image/png,image/webp"  # a hint for the file picker only

# Pillow warns above MAX_IMAGE_PIXELS and refuses at twice that; a decompression bomb is a
# small file that unpacks into gigabytes. Set once for the process: no part of
# Protocolwijzer has a reason to open a larger image. inspect_photo also treats the
# warning as a refusal and checks the pixel count itself, in case anything raises it.
Image.MAX_IMAGE_PIXELS = MAX_PIXELS


def max_bytes() -> int:
    return int(settings.PW_UPLOAD_MAX_BYTES)


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


class PhotoUploadHandler(FileUploadHandler):
    """Receives a check's files into memory and stops reading one as soon as it is too
    large, or when it is one file too many, so a 2 GB upload costs 10 MB at most.

    It replaces Django's default handlers for the checker only: they would stream any file
    over 2.5 MB to a temporary file on disk. A refused file is skipped (Django reads past
    its bytes without keeping them) and reported in ``refused``.
    """

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.refused: list[RefusedUpload] = []
        self.limit = max_bytes()
        self.count = 0
        self.size = 0
        self.file = BytesIO()

    def new_file(self, field_name: str, file_name: str, *args: Any, **kwargs: Any) -> None:
        super().new_file(field_name, file_name, *args, **kwargs)
        self.count += 1
        self.size = 0
        self.file = BytesIO()
        if self.count > MAX_FILES:
            self._refuse(_("You can check at most %(limit)s photos at once; “%(name)s” was "
                           "not taken along.") % {"limit": MAX_FILES,
                                                  "name": shown_name(file_name)})

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.size += len(raw_data)
        if self.size > self.limit:
            self._refuse(too_large_message(self.file_name))
        self.file.write(raw_data)

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self.file.seek(0)
        return InMemoryUploadedFile(
            file=self.file, field_name=self.field_name, name=self.file_name,
            content_type=self.content_type, size=file_size, charset=self.charset,
            content_type_extra=self.content_type_extra)

    def _refuse(self, message: str) -> None:
        self.refused.append(RefusedUpload(self.field_name, shown_name(self.file_name),
                                          message))
        # The parser closes self.file (freeing what was read) and skips the rest.
        raise SkipFile


def too_large_message(file_name: str | None) -> str:
    return _("“%(name)s” is too large: a photo may be at most %(limit)s MB.") % {
        "name": shown_name(file_name), "limit": _megabytes(max_bytes())}


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.0f}" if value >= 1 else f"{value:.2f}"


@dataclass(frozen=True)
class CheckedPhoto:
    name: str
    format: str
    width: int
    height: int


def inspect_photo(upload: UploadedFile) -> CheckedPhoto:
    """What the uploaded photo is, or a ValidationError naming the file and the problem.

    Reads at most ``PW_UPLOAD_MAX_BYTES``; does not keep the bytes.
    """
    name = shown_name(upload.name)
    if upload.size is None or upload.size > max_bytes():
        raise ValidationError(too_large_message(upload.name), code="too_large")
    upload.seek(0)
    data = upload.read(max_bytes() + 1)
    if len(data) > max_bytes():
        raise ValidationError(too_large_message(upload.name), code="too_large")
    not_a_photo = ValidationError(
        _("“%(name)s” is not a photo we can check: only JPEG, PNG and WebP photos are "
          "accepted.") % {"name": name}, code="not_a_photo")
    too_many_pixels = ValidationError(
        _("“%(name)s” has too many pixels: a photo may have at most %(limit)s megapixels.")
        % {"name": name, "limit": MAX_PIXELS // 1_000_000}, code="too_many_pixels")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # formats=...: only these decoders ever look at the bytes.
            with Image.open(BytesIO(data), formats=list(ACCEPTED_FORMATS)) as image:
                width, height = image.size
                image_format = image.format or ""
                if image_format not in ACCEPTED_FORMATS:
                    raise not_a_photo
                if width * height > MAX_PIXELS:
                    raise too_many_pixels
                image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise too_many_pixels from None
    except Image.UnidentifiedImageError:
        raise not_a_photo from None
    except Exception:
        # Pillow's decoders raise many kinds of errors on broken or hostile input
        # (OSError, SyntaxError, struct.error, ...): whatever it cannot read is refused.
        raise ValidationError(_("“%(name)s” is damaged and cannot be read.") % {"name": name},
                              code="damaged") from None
    return CheckedPhoto(name, ACCEPTED_FORMATS[image_format], width, height)
