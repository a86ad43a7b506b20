"""The scan of a paper consent form (issue 14): accepted by what its bytes are, kept
privately, served only through ``paper_views.paper_form_scan``.

A scan shows a signature and a child's name: it is personal data, so it is received in
memory (``schools.uploads.MemoryUploadHandler``), stored with a random name in the private
files directory that backups take along (``models.PrivateStorage``), has no public
address, and every opening is recorded in the audit log. A PDF or a photo of the form
(JPEG, PNG) is accepted, decided by the file's first bytes and, for a photo, by Pillow
reading it; never by its name or the type the browser claims.
"""

from __future__ import annotations

import warnings
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from PIL import Image

from protocolwijzer.checks.uploads import MAX_PIXELS, shown_name

CONTENT_TYPES = "application/pdf,image/jpeg,image/png"  # a hint for the file picker only
_MAGIC = ((b"%PDF-", "application/pdf"), (b"\xff\xd8\xff", "image/jpeg"),
          (b"\x89PNG\r\n\x1a\n", "image/png"))


def max_bytes() -> int:
    return int(settings.PW_UPLOAD_MAX_BYTES)


def too_large_message() -> str:
    return _("The scan is too large: it may be at most %(limit)s MB.") % {
        "limit": max_bytes() // (1024 * 1024)}


def inspect_scan(upload: UploadedFile) -> str:
    """The content type of an acceptable scan, or a ValidationError saying why not."""
    name = shown_name(upload.name)
    if upload.size is None or upload.size > max_bytes():
        raise ValidationError(too_large_message(), code="too_large")
    upload.seek(0)
    data = upload.read(max_bytes() + 1)
    upload.seek(0)
    if len(data) > max_bytes():
        raise ValidationError(too_large_message(), code="too_large")
    kind = next((content_type for magic, content_type in _MAGIC if data.startswith(magic)),
                None)
    refused = ValidationError(
        _("“%(name)s” is not a scan we can keep: only PDF, JPEG and PNG files are "
          "accepted.") % {"name": name}, code="not_a_scan")
    if kind is None:
        raise refused
    if kind.startswith("image/"):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(BytesIO(data), formats=["JPEG", "PNG"]) as image:
                    width, height = image.size
                    if width * height > MAX_PIXELS:
                        raise refused
                    image.verify()
        except ValidationError:
            raise
        except Exception:
            # Whatever Pillow cannot read (or reads as a bomb) is refused alike.
            raise refused from None
    return kind
