"""A file is judged by its content, not its name: what is not a photo, video or sound file
we accept, is too large, a decompression bomb, too long, truncated or a polyglot is
refused with a message that names the file and the problem, on the form's field, and
nothing is stored: no file, no row."""

from __future__ import annotations

import io
import wave
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.media.actions import do_upload_media
from protocolwijzer.media.models import MediaItem
from protocolwijzer.media.tests.factories import group_photo_jpeg, jpeg
from protocolwijzer.schools.tests.personas import Personas


def bomb() -> bytes:
    out = io.BytesIO()
    Image.new("1", (9000, 9000)).save(out, "PNG")  # 81 megapixels in a few kilobytes
    return out.getvalue()


def long_recording() -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as sound:
        sound.setnchannels(1)
        sound.setsampwidth(1)
        sound.setframerate(4000)
        sound.writeframes(b"\x80" * 4000 * 11 * 60)  # eleven minutes
    return out.getvalue()


BAD = {
    "text named as a photo": ("klas.jpg", lambda: b"Dit is geen foto maar tekst.\n" * 20),
    "empty": ("leeg.jpg", lambda: b""),
    "truncated": ("afgebroken.jpg", lambda: jpeg(320, 240)[:-600]),
    "polyglot": ("dubbel.jpg", lambda: jpeg() + b"<html><script>alert(1)</script></html>"),
    "zip behind a photo": ("zip.jpg", lambda: jpeg() + b"PK\x03\x04" + b"\x00" * 200),
    "decompression bomb": ("bom.png", bomb),
    "too long": ("lang.wav", long_recording),
}


def refusal(personas: Personas, name: str, data: bytes) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        do_upload_media(personas.mentor, personas.school, SimpleUploadedFile(name, data),
                        field="photo", by=personas.user("mentor"))
    return refused.value


@pytest.mark.parametrize("kind", BAD)
def test_a_bad_file_is_refused_on_its_field_and_leaves_nothing(
        personas: Personas, private_media: Path, kind: str) -> None:
    name, make = BAD[kind]

    refused = refusal(personas, name, make())

    [message] = refused.message_dict["photo"]
    assert message.startswith(f"“{name}”")
    assert len(message) > len(name) + 20  # says what is wrong, not only that it is
    assert not MediaItem.objects.exists()
    assert not AuditEvent.objects.filter(action="media_uploaded").exists()
    assert not private_media.exists() or not any(p.is_file()
                                                 for p in private_media.rglob("*"))


def test_a_photo_over_the_photo_limit_is_refused_naming_the_limit(
        personas: Personas, private_media: Path, settings: Any) -> None:
    settings.PW_UPLOAD_MAX_BYTES = 10_000

    refused = refusal(personas, "groot.jpg", group_photo_jpeg())

    assert refused.message_dict["photo"] == [
        "“groot.jpg” is te groot. Een foto mag hoogstens 0.01 MB zijn."]
    assert not MediaItem.objects.exists()


def test_any_file_over_the_video_limit_is_refused_before_it_is_read(
        personas: Personas, settings: Any) -> None:
    settings.PW_MEDIA_MAX_BYTES = 1000

    refused = refusal(personas, "film.mp4", b"\x00" * 2000)

    assert "film.mp4" in refused.message_dict["photo"][0]
    assert not MediaItem.objects.exists()


def test_the_name_does_not_decide_what_a_file_is(personas: Personas) -> None:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 200, 10)).save(out, "PNG")

    item = do_upload_media(personas.mentor, personas.school,
                           SimpleUploadedFile("foto.jpg", out.getvalue()),
                           by=personas.user("mentor"))

    assert (item.kind, item.format) == ("photo", "PNG")
    assert item.original.name.endswith(".png")


def test_a_group_of_another_school_is_refused(personas: Personas) -> None:
    with pytest.raises(ValidationError) as refused:
        do_upload_media(personas.mentor, personas.school,
                        SimpleUploadedFile("klas.jpg", jpeg()), group=personas.other_group)

    assert list(refused.value.message_dict) == ["group"]
    assert not MediaItem.objects.exists()
