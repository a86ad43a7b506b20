"""Photos are checked by what they are, not by their name, and none is ever kept."""

import os
import tempfile
from pathlib import Path

import pytest
from django.core.files import temp as django_temp
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
from protocolwijzer.schools.tests.personas import Personas, sign_in

SITUATION = {"action": "publish", "context": "off_duty", "school_related": "yes",
             "channel": "instagram"}


@pytest.fixture
def disk(tmp_path: Path, settings: Settings,
         monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every place an upload could land on disk, each an empty directory to inspect.

    Django deletes its temporary upload files when the request ends, so an empty
    directory afterwards proves little: creating one at all is refused here."""
    places = [tmp_path / "media", tmp_path / "upload-tmp", tmp_path / "tmp"]
    for place in places:
        place.mkdir()
    settings.MEDIA_ROOT = str(places[0])
    settings.FILE_UPLOAD_TEMP_DIR = str(places[1])
    monkeypatch.setattr(tempfile, "tempdir", str(places[2]))

    def no_temporary_files(*args: object, **kwargs: object) -> None:
        raise AssertionError("an upload was about to be written to a temporary file")

    monkeypatch.setattr(django_temp, "NamedTemporaryFile", no_temporary_files)
    return places


def _nothing_on(places: list[Path]) -> bool:
    return all(not any(place.iterdir()) for place in places)


def _errors(response: object) -> str:
    """Every error message on the page's forms, as one text."""
    photos = response.context["photos"]  # type: ignore[attr-defined]
    messages = [str(error) for form in photos.forms for errors in form.errors.values()
                for error in errors]
    messages += [str(error) for error in photos.non_form_errors()]
    return "\n".join(messages)


def _refused(response: object, places: list[Path]) -> str:
    """Asserts that the check was refused and left nothing behind; returns the errors."""
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert response.context["result"] is None  # type: ignore[attr-defined]
    assert not CheckRecord.objects.exists()
    assert _nothing_on(places)
    return _errors(response)


@pytest.mark.parametrize("image_format", ["PNG", "JPEG", "WEBP"])
def test_a_real_photo_is_accepted(client: Client, members: Personas, disk: list[Path],
                                  image_format: str) -> None:
    sign_in(client, members.teacher.user)
    photo = image_file(f"klas.{image_format.lower()}", image_format)

    response = post_check(client, **SITUATION, **{"foto-0-photo": photo,
                                                 "foto-0-students_given": "3"})

    result = response.context["result"]
    assert result is not None, _errors(response)
    [checked] = result.photos
    assert (checked.name, checked.width, checked.height) == (photo.name, 40, 30)
    record = CheckRecord.objects.get()
    assert record.situation["post"]["media"] == [
        {"kind": "photo", "people": [{"role": "student", "consent": "given"}] * 3}]
    assert photo.name not in str(record.situation)
    assert _nothing_on(disk)


def test_a_png_and_a_jpeg_together_are_two_photos(client: Client, members: Personas,
                                                   disk: list[Path]) -> None:
    sign_in(client, members.teacher.user)

    response = post_check(client, **SITUATION, **{
        "foto-0-photo": image_file("een.png", "PNG"),
        "foto-1-photo": image_file("twee.jpg", "JPEG")})

    assert [photo.name for photo in response.context["result"].photos] == ["een.png",
                                                                            "twee.jpg"]
    assert len(CheckRecord.objects.get().situation["post"]["media"]) == 2


def test_a_large_photo_is_read_in_memory_and_never_written_to_disk(
        client: Client, members: Personas, disk: list[Path]) -> None:
    # Over Django's 2.5 MB, where its default handlers would stream to a temporary file.
    sign_in(client, members.teacher.user)
    photo = image_file("groot.png", "PNG", size=(1100, 1000), noise=True)
    assert photo.size > 3 * 1024 * 1024

    response = post_check(client, **SITUATION, **{"foto-0-photo": photo})

    assert response.context["result"] is not None, _errors(response)
    assert _nothing_on(disk)


def test_a_text_file_named_jpg_is_refused_naming_the_file_and_nothing_is_stored(
        client: Client, members: Personas, disk: list[Path]) -> None:
    sign_in(client, members.teacher.user)
    fake = SimpleUploadedFile("klassenfoto.jpg", b"Dit is geen foto, maar tekst.\n" * 20,
                              content_type="image/jpeg")

    response = post_check(client, **SITUATION, **{"foto-0-photo": fake})

    errors = _refused(response, disk)
    assert "klassenfoto.jpg" in errors
    assert "klassenfoto.jpg" in response.content.decode()


def test_a_gif_is_refused_whatever_its_name(client: Client, members: Personas,
                                            disk: list[Path]) -> None:
    sign_in(client, members.teacher.user)
    gif = image_file("bewegend.png", "GIF")
    gif.content_type = "image/png"

    errors = _refused(post_check(client, **SITUATION, **{"foto-0-photo": gif}), disk)

    assert "bewegend.png" in errors


@pytest.mark.parametrize("size", [(8000, 6000), (40000, 40000)],
                         ids=["48-megapixels", "decompression-bomb"])
def test_an_image_with_too_many_pixels_is_refused(client: Client, members: Personas,
                                                  disk: list[Path],
                                                  size: tuple[int, int]) -> None:
    sign_in(client, members.teacher.user)

    response = post_check(client, **SITUATION,
                          **{"foto-0-photo": png_claiming_size("poster.png", *size)})

    errors = _refused(response, disk)
    assert "poster.png" in errors
    assert "40" in errors  # the limit, in megapixels


def test_a_file_over_the_size_limit_is_refused_while_uploading(
        client: Client, members: Personas, disk: list[Path],
        settings: Settings) -> None:
    settings.PW_UPLOAD_MAX_BYTES = 20_000
    sign_in(client, members.teacher.user)
    photo = image_file("zwaar.png", "PNG", size=(200, 200), noise=True)
    assert photo.size > 20_000

    errors = _refused(post_check(client, **SITUATION, **{"foto-0-photo": photo}), disk)

    assert "zwaar.png" in errors


def test_more_than_ten_files_are_refused(client: Client, members: Personas,
                                         disk: list[Path]) -> None:
    sign_in(client, members.teacher.user)
    data = form_data(**SITUATION)
    for index in range(10):
        data[f"foto-{index}-photo"] = image_file(f"foto{index}.png", "PNG")
    data["extra"] = image_file("elfde.png", "PNG")

    errors = _refused(client.post(URL, data), disk)

    assert "elfde.png" in errors


def test_one_refused_file_refuses_the_whole_check(client: Client, members: Personas,
                                                  disk: list[Path]) -> None:
    sign_in(client, members.teacher.user)

    response = post_check(client, **SITUATION, **{
        "foto-0-photo": image_file("goed.png", "PNG"),
        "foto-1-photo": SimpleUploadedFile("kapot.webp", os.urandom(500))})

    errors = _refused(response, disk)
    assert "kapot.webp" in errors and "goed.png" not in errors
