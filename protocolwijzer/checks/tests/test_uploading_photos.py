"""Files are judged by what they are, not by their name (the media app inspects them);
a refused one leaves nothing behind, an accepted one is kept privately to tag its faces."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django import Settings

from protocolwijzer.checks.models import CheckRecord
from protocolwijzer.checks.tests.helpers import (
    URL,
    form_data,
    image_file,
    png_claiming_size,
    post_check,
)
from protocolwijzer.media.models import MediaItem
from protocolwijzer.schools.tests.personas import Personas, sign_in

SITUATION = {"action": "publish", "context": "off_duty", "school_related": "yes",
             "channel": "instagram"}


def _stored_files() -> set[str]:
    root = Path(settings.PW_MEDIA_DIR)
    return {str(p) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


@pytest.fixture
def disk(tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """Django's own temporary upload files go to an empty directory we can inspect; the
    files the media app keeps are listed before the test (``_stored_files``)."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    return _stored_files()


def _errors(response: object) -> str:
    """Every error message on the page's forms, as one text."""
    photos = response.context["photos"]  # type: ignore[attr-defined]
    messages = [str(error) for form in photos.forms for errors in form.errors.values()
                for error in errors]
    messages += [str(error) for error in photos.non_form_errors()]
    return "\n".join(messages)


def _refused(response: object, before: set[str]) -> str:
    """Asserts that nothing was checked or kept (no item, no new file); returns the
    errors."""
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert response.context["result"] is None  # type: ignore[attr-defined]
    assert not CheckRecord.objects.exists()
    assert not MediaItem.objects.exists()
    assert _stored_files() == before
    return _errors(response)


@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "WEBP"])
def test_a_real_photo_is_kept_privately_to_tag_its_faces(
        client: Client, members: Personas, disk: set[str], image_format: str) -> None:
    sign_in(client, members.teacher.user)
    photo = image_file(f"klas.{image_format.lower()}", image_format, size=(64, 48))

    response = post_check(client, **SITUATION, **{"foto-0-photo": photo})

    assert not _errors(response)
    item = MediaItem.objects.get()
    assert (item.kind, item.format, item.width, item.height) == (
        "photo", image_format, 64, 48)
    assert item.uploaded_by == members.teacher
    # Stored under a name of its own, never the uploader's.
    assert "klas" not in item.original.name
    assert response.context["photos"].forms[0].media_item == item


def test_a_png_and_a_jpeg_together_are_two_photos(client: Client, members: Personas,
                                                   disk: set[str]) -> None:
    sign_in(client, members.teacher.user)

    post_check(client, **SITUATION, **{"foto-0-photo": image_file("een.png", "PNG"),
                                       "foto-1-photo": image_file("twee.jpg", "JPEG")})

    assert sorted(MediaItem.objects.values_list("format", flat=True)) == ["JPEG", "PNG"]


def test_a_large_photo_is_read_in_memory_not_into_a_temporary_file(
        client: Client, members: Personas, disk: set[str], tmp_path: Path) -> None:
    # Over Django's 2.5 MB, where its default handlers would stream to a temporary file.
    sign_in(client, members.teacher.user)
    photo = image_file("groot.png", "PNG", size=(1100, 1000), noise=True)
    assert photo.size > 3 * 1024 * 1024

    response = post_check(client, **SITUATION, **{"foto-0-photo": photo})

    assert not _errors(response)
    assert MediaItem.objects.count() == 1
    assert not any(tmp_path.iterdir())


def test_a_text_file_named_jpg_is_refused_naming_the_file_and_nothing_is_stored(
        client: Client, members: Personas, disk: set[str]) -> None:
    sign_in(client, members.teacher.user)
    fake = SimpleUploadedFile("klassenfoto.jpg", b"Dit is geen foto, maar tekst.\n" * 20,
                              content_type="image/jpeg")

    response = post_check(client, **SITUATION, **{"foto-0-photo": fake})

    errors = _refused(response, disk)
    assert "klassenfoto.jpg" in errors
    assert "klassenfoto.jpg" in response.content.decode()


def test_a_gif_is_refused_whatever_its_name(client: Client, members: Personas,
                                            disk: set[str]) -> None:
    sign_in(client, members.teacher.user)
    gif = image_file("bewegend.png", "GIF")
    gif.content_type = "image/png"

    errors = _refused(post_check(client, **SITUATION, **{"foto-0-photo": gif}), disk)

    assert "bewegend.png" in errors


@pytest.mark.parametrize("size", [(8000, 6000), (40000, 40000)],
                         ids=["48-megapixels", "decompression-bomb"])
def test_an_image_with_too_many_pixels_is_refused(client: Client, members: Personas,
                                                  disk: set[str],
                                                  size: tuple[int, int]) -> None:
    sign_in(client, members.teacher.user)

    response = post_check(client, **SITUATION,
                          **{"foto-0-photo": png_claiming_size("poster.png", *size)})

    errors = _refused(response, disk)
    assert "poster.png" in errors


def test_a_file_over_the_size_limit_is_refused_while_uploading(
        client: Client, members: Personas, disk: set[str], settings: Settings) -> None:
    settings.PW_UPLOAD_MAX_BYTES = settings.PW_MEDIA_MAX_BYTES = 20_000
    sign_in(client, members.teacher.user)
    photo = image_file("zwaar.png", "PNG", size=(200, 200), noise=True)
    assert photo.size > 20_000

    errors = _refused(post_check(client, **SITUATION, **{"foto-0-photo": photo}), disk)

    assert "zwaar.png" in errors


def test_more_than_ten_files_are_refused(client: Client, members: Personas,
                                         disk: set[str]) -> None:
    sign_in(client, members.teacher.user)
    data = form_data(**SITUATION)
    for index in range(10):
        data[f"foto-{index}-photo"] = image_file(f"foto{index}.png", "PNG")
    data["extra"] = image_file("elfde.png", "PNG")

    response = client.post(URL, data)

    assert "elfde.png" in _errors(response)
    assert not MediaItem.objects.exists()  # too many: none is taken


def test_a_refused_file_is_named_and_the_good_one_beside_it_is_kept(
        client: Client, members: Personas, disk: set[str]) -> None:
    sign_in(client, members.teacher.user)

    response = post_check(client, **SITUATION, **{
        "foto-0-photo": image_file("goed.png", "PNG"),
        "foto-1-photo": SimpleUploadedFile("kapot.webp", os.urandom(500))})

    errors = _errors(response)
    assert "kapot.webp" in errors and "goed.png" not in errors
    assert MediaItem.objects.count() == 1
    assert response.context["result"] is None
