"""Issue 15, must show 5 (the refusals): evidence is judged by its content. An oversized,
malformed or disguised file is refused with a message that names the field, and nothing
is stored: no file in the private storage, no report, no case, no audit event. A good
screenshot is kept byte for byte under its hash, with a viewing copy without metadata."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.incidents.models import Case, Evidence, Report
from protocolwijzer.incidents.tests.reporting_fixtures import files_in, media, p, screenshot
from protocolwijzer.media.models import private_storage
from protocolwijzer.schools.tests.personas import Personas, sign_in

__all__ = ["media", "p"]

FIELD = "Schermafbeeldingen of video"


def post_report(p: Personas, *files: Any) -> tuple[str, Any]:
    browser = Client()
    sign_in(browser, p.user("mentor"))
    response = browser.post(reverse("incidents:report"), {
        "description": "Een filmpje van een leerling op TikTok.", "platform": "tiktok",
        "files": list(files)})
    return response.content.decode(), response


def assert_nothing_stored(media: Path) -> None:
    assert files_in(media) == []
    assert not Report.objects.exists() and not Case.objects.exists()
    assert not Evidence.objects.exists()
    assert not AuditEvent.objects.filter(action__in=["report_made", "case_opened"]).exists()


def truncated_jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (200, 150), (10, 200, 60)).save(out, "JPEG", quality=95)
    return out.getvalue()[: len(out.getvalue()) // 2]


# A Windows program starts with "MZ": whatever its name says, it is no picture.
DISGUISED_EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("virus.png", DISGUISED_EXE, "geen bestand dat we als bewijs aannemen"),
    ("kapot.jpg", truncated_jpeg(), "onvolledig"),
    ("leeg.png", b"", "leeg"),
])
def test_a_malformed_or_disguised_file_is_refused_naming_the_field(
        p: Personas, media: Path, name: str, content: bytes, problem: str) -> None:
    page, response = post_report(p, screenshot(),
                                 SimpleUploadedFile(name, content, content_type="image/png"))

    assert response.status_code == 200
    errors = response.context["form"].errors["files"]
    assert len(errors) == 1 and errors[0].startswith(FIELD)
    assert name in errors[0] and problem in errors[0].lower()
    assert FIELD in page
    assert_nothing_stored(media)


def test_a_disguised_file_is_told_exactly_the_formats_evidence_accepts(
        p: Personas, media: Path) -> None:
    _page, response = post_report(p, SimpleUploadedFile("virus.png", DISGUISED_EXE))

    [error] = response.context["form"].errors["files"]
    assert error == (f"{FIELD}: “virus.png” is geen bestand dat we als bewijs aannemen. "
                     "Stuur een schermafbeelding of foto (JPEG, PNG, WebP of HEIC) of een "
                     "video (MP4 of MOV).")
    # Not the media pipeline's list: evidence refuses sound recordings anyway.
    assert not any(sound in error for sound in ("M4A", "MP3", "WAV", "geluid"))
    assert_nothing_stored(media)


def test_an_oversized_file_is_refused_naming_the_field_and_the_limit(
        p: Personas, media: Path, settings: Any) -> None:
    settings.PW_UPLOAD_MAX_BYTES = 512 * 1024
    settings.PW_MEDIA_MAX_BYTES = 1024 * 1024
    out = io.BytesIO()
    Image.effect_noise((700, 700), 80).convert("RGB").save(out, "PNG")
    assert len(out.getvalue()) > 1024 * 1024  # a real PNG, larger than any limit

    _page, response = post_report(p, screenshot(), SimpleUploadedFile("groot.png",
                                                                      out.getvalue()))

    # The upload stopped reading it at the limit; the message names field, file, limit.
    errors = response.context["form"].errors["files"]
    assert len(errors) == 1 and errors[0].startswith(FIELD)
    assert "groot.png" in errors[0] and "hoogstens 1 MB" in errors[0]
    # A limit under 1 MB is said in KB, never as "0 MB" or "0,50 MB".
    assert "schermafbeelding hoogstens 512 KB" in errors[0]
    assert " 0 MB" not in errors[0] and "0,5" not in errors[0] and "0.5" not in errors[0]
    assert_nothing_stored(media)


def test_a_screenshot_too_large_for_a_photo_names_the_photo_limit(
        p: Personas, media: Path, settings: Any) -> None:
    noisy = Image.effect_noise((300, 300), 80).convert("RGB")
    out = io.BytesIO()
    noisy.save(out, "PNG")
    settings.PW_UPLOAD_MAX_BYTES = len(out.getvalue()) - 1
    settings.PW_MEDIA_MAX_BYTES = len(out.getvalue()) * 10

    _page, response = post_report(p, SimpleUploadedFile("ruis.png", out.getvalue()))

    errors = response.context["form"].errors["files"]
    assert errors[0].startswith(FIELD) and "ruis.png" in errors[0]
    limit_kb = round((len(out.getvalue()) - 1) / 1024)
    assert f"schermafbeelding mag hoogstens {limit_kb} KB zijn." in errors[0]
    assert_nothing_stored(media)


def test_a_good_screenshot_is_kept_byte_for_byte_and_viewed_without_metadata(
        p: Personas, media: Path) -> None:
    upload = screenshot("scherm.jpg", fmt="JPEG", exif=True)
    original = upload.read()
    upload.seek(0)
    assert b"Telefoonmerk" in original

    _page, response = post_report(p, upload)

    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.sha256 == hashlib.sha256(original).hexdigest()
    assert evidence.size == len(original) and evidence.format == "JPEG"
    assert evidence.original_name == "scherm.jpg"
    with private_storage().open(evidence.name, "rb") as stored:
        assert stored.read() == original
    assert evidence.verify()
    with private_storage().open(evidence.view_name, "rb") as view:
        copy = view.read()
    assert b"Telefoonmerk" not in copy
    assert not Image.open(io.BytesIO(copy)).getexif()
    assert evidence.case is not None and evidence.case == Report.objects.get().case
    assert "scherm" not in evidence.name  # the stored name is never the uploader's
    # One byte changed later (a file edited on the server) no longer matches the hash.
    stored_file = media / evidence.name
    stored_file.write_bytes(original[:-1] + bytes([original[-1] ^ 1]))
    assert not evidence.verify()


def test_a_video_is_kept_byte_for_byte_and_viewed_without_its_location(
        p: Personas, media: Path, tmp_path: Path) -> None:
    import imageio_ffmpeg
    import numpy as np

    path = str(tmp_path / "filmpje.mp4")
    writer = imageio_ffmpeg.write_frames(
        path, (64, 48), fps=10, codec="libx264", macro_block_size=1,
        output_params=["-preset", "ultrafast", "-metadata", "location=+51.1925+005.9861/",
                       "-metadata", "title=Telefoon van Sem"])
    writer.send(None)
    for _frame in range(5):
        writer.send(np.full((48, 64, 3), 90, np.uint8).tobytes())
    writer.close()
    original = Path(path).read_bytes()
    assert b"Telefoon van Sem" in original

    _page, response = post_report(p, SimpleUploadedFile("filmpje.mp4", original,
                                                        content_type="video/mp4"))

    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.kind == "video" and evidence.sha256 == hashlib.sha256(original).hexdigest()
    assert evidence.verify()
    with private_storage().open(evidence.view_name, "rb") as view:
        copy = view.read()
    assert b"Telefoon van Sem" not in copy and b"+51.1925" not in copy
    assert copy[4:8] == b"ftyp"
