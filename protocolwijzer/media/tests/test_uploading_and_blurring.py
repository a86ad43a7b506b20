"""Upload, find the faces, tag, blur, download: the jobs run the real imaging code (here
in the request, as the embedded default's tests do) and publish atomically; the result
is served only when done, rebuilt from its pixels with no metadata left."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy as np
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.media import storage
from protocolwijzer.media.actions import (
    do_request_blur,
    do_retry,
    do_set_blur,
    do_tag_face,
    do_upload_media,
)
from protocolwijzer.media.models import MediaFace, MediaItem
from protocolwijzer.media.tests.factories import group_photo_jpeg, group_video_mp4, wav
from protocolwijzer.schools.tests.personas import Personas, sign_in


def upload(p: Personas, data: bytes, name: str = "klas.jpg") -> MediaItem:
    return do_upload_media(p.mentor, p.school, SimpleUploadedFile(name, data),
                           group=p.group_1a, by=p.user("mentor"))


def served(client: Client, item: MediaItem, **params: str) -> Any:
    return client.get(reverse("media:file", args=[item.pk]), params)


def test_an_uploaded_class_photo_has_its_faces_boxed_and_numbered(personas: Personas) -> None:
    item = upload(personas, group_photo_jpeg(faces=3))

    item.refresh_from_db()
    assert (item.status, item.progress, item.kind, item.format) == ("ready", 100, "photo",
                                                                    "JPEG")
    assert (item.width, item.height) == (640, 360)
    boxes = [face.box for face in item.faces.order_by("number")]
    assert len(boxes) == 3
    # Numbered in reading order: left to right on a row, rows top to bottom.
    assert all(isinstance(v, int) for box in boxes for v in box)
    assert AuditEvent.objects.filter(action="media_uploaded", object_id=str(item.pk)).exists()
    assert item.original.name.endswith(".jpg") and "klas" not in item.original.name


def test_the_blurred_download_has_the_chosen_faces_covered_and_no_metadata(
        personas: Personas) -> None:
    item = upload(personas, group_photo_jpeg(faces=3))
    first, _second, third = item.faces.order_by("number")
    mentor = personas.user("mentor")
    do_tag_face(first, student=personas.student, by=mentor)
    do_set_blur(item, [2, 3], by=mentor)
    client = Client()
    sign_in(client, mentor)
    assert served(client, item, variant="result").status_code == 404  # not made yet

    do_request_blur(item, by=mentor)

    item.refresh_from_db()
    assert item.status == MediaItem.Status.DONE
    answer = served(client, item, variant="result", download="1")
    assert answer.status_code == 200
    data = b"".join(answer.streaming_content)
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG"
    assert not image.getexif() and "exif" not in image.info and "icc_profile" not in image.info
    original = np.asarray(Image.open(io.BytesIO(b"".join(
        served(client, item).streaming_content))).convert("L"), dtype=float)
    blurred = np.asarray(image.convert("L"), dtype=float)
    x1, y1, x2, y2 = third.box
    inner = (slice(y1 + 2, y2 - 2), slice(x1 + 2, x2 - 2))
    # A covered face lost its detail; the sharp one kept it.
    assert np.std(np.diff(blurred[inner], axis=1)) < np.std(np.diff(original[inner], axis=1))
    a1, b1, a2, b2 = first.box
    sharp = (slice(b1, b2), slice(a1, a2))
    assert np.abs(blurred[sharp] - original[sharp]).mean() < 8


def test_a_second_blur_request_for_an_unchanged_choice_starts_no_job(personas: Personas) -> None:
    item = upload(personas, group_photo_jpeg(faces=2))
    do_request_blur(item, by=personas.user("mentor"))

    assert do_request_blur(item, by=personas.user("mentor")) is None


def test_an_outdated_job_does_not_publish(personas: Personas) -> None:
    from protocolwijzer.media.tasks import blur_media

    item = upload(personas, group_photo_jpeg(faces=2))
    do_request_blur(item, by=personas.user("mentor"))
    item.refresh_from_db()
    published = item.result.name

    # A duplicate of the first job, run late: nothing changes.
    blur_media.call(item.pk, generation=item.generation - 1)
    blur_media.call(item.pk, generation=item.generation)

    item.refresh_from_db()
    assert (item.status, item.result.name) == ("done", published)


def test_a_sound_recording_is_ready_at_once_with_no_faces(personas: Personas) -> None:
    item = upload(personas, wav(), name="opname.wav")

    assert (item.kind, item.status, item.faces.count()) == ("sound", "ready", 0)


def test_a_video_is_tracked_blurred_and_written_without_sound(
        personas: Personas, tmp_path: Path) -> None:
    item = upload(personas, group_video_mp4(str(tmp_path / "in.mp4")), name="uitje.mp4")
    item.refresh_from_db()
    faces = list(item.faces.order_by("number"))
    assert item.kind == "video" and item.status == "ready" and len(faces) == 2
    assert all(face.track is not None and face.thumbnail.name for face in faces)
    client = Client()
    sign_in(client, personas.user("mentor"))
    thumbnail = served(client, item, variant="thumbnail", face="1")
    assert Image.open(io.BytesIO(b"".join(thumbnail.streaming_content))).format == "JPEG"

    do_set_blur(item, [1], by=personas.user("mentor"))
    do_request_blur(item, by=personas.user("mentor"))

    item.refresh_from_db()
    assert item.status == "done" and item.result.name.endswith(".mp4")
    answer = served(client, item, variant="result")
    assert answer["Content-Type"] == "video/mp4"
    assert b"ftyp" in b"".join(answer.streaming_content)[:64]


def test_a_failed_job_can_be_started_again_by_the_person(personas: Personas,
                                                        monkeypatch: Any) -> None:
    from protocolwijzer.imaging import faces as detector

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("the detector crashed")

    monkeypatch.setattr(detector, "detect_faces", broken)
    monkeypatch.setattr("protocolwijzer.imaging.detect_faces", broken)
    item = upload(personas, group_photo_jpeg(faces=2))
    item.refresh_from_db()
    assert item.status == "failed" and item.error
    assert item.can_retry
    monkeypatch.undo()

    do_retry(item, by=personas.user("mentor"))

    item.refresh_from_db()
    assert (item.status, item.faces.count()) == ("ready", 2)
    assert AuditEvent.objects.filter(action="media_retried").exists()


def test_tags_reach_the_status_of_the_person_who_may_see_them(personas: Personas) -> None:
    item = upload(personas, group_photo_jpeg(faces=2))
    do_tag_face(item.faces.get(number=1), student=personas.student,
                by=personas.user("mentor"))
    client = Client()
    sign_in(client, personas.user("mentor"))

    state = client.get(reverse("media:status", args=[item.pk])).json()

    assert state["status"] == "ready" and state["progress"] == 100
    assert [(f["number"], f["tag"], f["name"]) for f in state["faces"]] == [
        (1, MediaFace.Tag.STUDENT, "Sem Bakker"), (2, MediaFace.Tag.UNTAGGED, "")]
    assert state["result"] == ""


def test_deleting_an_item_removes_its_files(personas: Personas,
                                           django_capture_on_commit_callbacks: Any) -> None:
    from protocolwijzer.media.actions import do_delete_media

    item = upload(personas, group_photo_jpeg(faces=2))
    do_request_blur(item, by=personas.user("mentor"))

    with django_capture_on_commit_callbacks(execute=True):
        do_delete_media(item, by=personas.user("mentor"))

    assert storage.list_folder(item.storage_prefix) == []
    assert not MediaItem.objects.filter(pk=item.pk).exists()
