"""A teacher checks a real class photo on the page (issue 13): upload, faces boxed and
numbered, tags from the class list, a verdict per child citing A.5 with the fix "blur 2
faces", the blur, the blurred version allowed, and a download without metadata in which
the two faces are coarse blocks while the others stay sharp."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from protocolwijzer.checks.tests.helpers import form_data
from protocolwijzer.checks.tests.photos import (
    class_with_consent,
    deviation_from_blocks,
    make_group_photo,
)
from protocolwijzer.media.models import MediaFace, MediaItem
from protocolwijzer.schools.tests.personas import Personas, sign_in

URL = reverse("checks:check")
# Roermond A.5: "Het is voor betrokkenen niet toegestaan om foto-, film- en geluidsopnamen
# van schoolgerelateerde situaties op de sociale media te zetten tenzij betrokkenen hier
# uitdrukkelijk toestemming voor plaatsing hebben gegeven."
INSTAGRAM = {"action": "publish", "context": "work", "school_related": "yes",
             "channel": "instagram", "account": "school"}


def _post(client: Client, **fields: Any) -> Any:
    return client.post(URL, form_data(**INSTAGRAM, **fields))


def _item_fields(item: MediaItem, tags: dict[int, str]) -> dict[str, str]:
    fields = {"foto-0-item": str(item.pk)}
    fields.update({f"foto-0-face_{number}": value for number, value in tags.items()})
    return fields


def _errors(response: Any) -> str:
    photos = response.context["photos"]
    return "\n".join(str(e) for form in photos.forms for errors in form.errors.values()
                     for e in errors)


@pytest.fixture
def photo_and_class(members: Personas) -> tuple[Any, list[Any], list[Any]]:
    photo = make_group_photo(seed=1, faces=6)
    no, yes = class_with_consent(members.group_1a, refused=2, given=4)
    return photo, no, yes


def test_a_teacher_tags_two_pupils_without_consent_blurs_them_and_may_post_the_result(
        client: Client, members: Personas, photo_and_class: Any) -> None:
    photo, no, yes = photo_and_class
    sign_in(client, members.teacher.user)

    # 1. Upload: the faces are found and numbered.
    response = _post(client, **{"foto-0-photo": photo.upload(), "do": "check"})
    assert response.status_code == 200, _errors(response)
    item = MediaItem.objects.get()
    assert item.status == MediaItem.Status.READY
    faces = list(item.faces.order_by("number"))
    assert len(faces) == 6
    html = response.content.decode()
    assert html.count('class="face face--untagged"') == 6
    assert response.context["result"] is None  # first say who is on it, then check

    # Checked without tags: every face counts as a pupil without known consent.
    response = _post(client, **_item_fields(item, {}), do="check")
    assert response.context["result"].verdict == "forbidden"
    assert response.context["result"].media[0].outcome.to_blur == [1, 2, 3, 4, 5, 6]

    # 2. Tags from the class list: faces 1 and 2 said no, the rest yes.
    tags = {1: f"s{no[0].pk}", 2: f"s{no[1].pk}"}
    tags.update({n: f"s{p.pk}" for n, p in zip(range(3, 7), yes, strict=True)})
    response = _post(client, **_item_fields(item, tags), do="check")
    result = response.context["result"]
    assert result.verdict == "forbidden", _errors(response)
    forbidden = {s.finding.article for g in result.groups for s in g.findings
                 if s.finding.effect == "forbidden"}
    assert forbidden == {"A.5"}
    outcome = result.media[0].outcome
    assert outcome.to_blur == [1, 2]
    said_no = [f for f in outcome.faces if f.number in (1, 2)]
    assert [f.label for f in said_no] == [no[0].full_name, no[1].full_name]
    assert all(f.consent == "refused" and f.articles == ("A.5",) for f in said_no)
    html = response.content.decode()
    assert "Vervaag 2 gezichten" in html
    assert 'value="blur:0:1,2"' in html
    assert "Vraag eerst toestemming" in html  # A.5's fix, from the protocol file

    # 3. The fix: the blurred version is made, and it may be posted.
    response = _post(client, **_item_fields(item, tags), do="blur:0:1,2")
    item.refresh_from_db()
    assert item.status == MediaItem.Status.DONE
    assert set(item.faces.filter(blur=True).values_list("number", flat=True)) == {1, 2}
    result = response.context["result"]
    assert result.verdict == "allowed", _errors(response)
    assert result.media[0].outcome.version == "blurred"
    html = response.content.decode()
    assert 'value="blur:0:' not in html  # nothing left to blur
    assert "Vervaagde versie downloaden" in html

    # 4. The download: pixels only, the two faces coarse blocks, the others sharp.
    download = client.get(reverse("media:file", args=[item.pk]),
                          {"variant": "result", "download": "1"})
    assert download.status_code == 200
    data = b"".join(download.streaming_content)
    picture = Image.open(io.BytesIO(data))
    assert picture.format == "JPEG"
    assert not picture.getexif()
    assert b"xmpmeta" not in data and b"Telefoonmerk" not in data
    original = Image.open(io.BytesIO(photo.jpeg))
    for face in MediaFace.objects.filter(item=item).order_by("number"):
        if face.number in (1, 2):
            assert deviation_from_blocks(picture, face.box) < 3
            assert deviation_from_blocks(original, face.box) > 8
        else:
            assert deviation_from_blocks(picture, face.box) > 0.6 * deviation_from_blocks(
                original, face.box)


def test_the_page_draws_a_box_around_a_missed_face_and_removes_a_false_one(
        client: Client, members: Personas, photo_and_class: Any) -> None:
    photo, _no, _yes = photo_and_class
    sign_in(client, members.teacher.user)
    _post(client, **{"foto-0-photo": photo.upload(), "do": "check"})
    item = MediaItem.objects.get()

    response = _post(client, **_item_fields(item, {}), **{"foto-0-draw": "10,10,60,70",
                                                          "foto-0-face_3_removed": "on",
                                                          "do": "draw:0"})

    assert response.context["result"] is None  # drawing is no check
    drawn = item.faces.get(number=7)
    assert (drawn.box, drawn.source) == ((10, 10, 60, 70), "drawn")
    assert item.faces.get(number=3).removed
    html = response.content.decode()
    assert 'data-face="7"' in html and 'data-face="3"' not in html


def test_a_pupil_of_another_class_cannot_be_tagged(
        client: Client, members: Personas, photo_and_class: Any) -> None:
    photo, _no, _yes = photo_and_class
    sign_in(client, members.teacher.user)  # teaches 1A, not 1B
    _post(client, **{"foto-0-photo": photo.upload(), "do": "check"})
    item = MediaItem.objects.get()

    response = _post(client, **_item_fields(item, {1: f"s{members.student_1b.pk}"}),
                     do="check")

    assert response.context["result"] is None
    assert "foto-0-face_1" in response.context["photos"].forms[0].errors.as_json() or \
        "face_1" in response.context["photos"].forms[0].errors
    assert item.faces.get(number=1).tag == "untagged"


def test_a_student_describes_a_photo_and_cannot_upload_one(
        client: Client, members: Personas) -> None:
    sign_in(client, members.student.user)

    page = client.get(URL).content.decode()

    assert 'type="file"' not in page
    assert "Hoeveel leerlingen staan erop?" in page


def test_another_teachers_photo_cannot_be_used_in_a_check(
        client: Client, members: Personas, photo_and_class: Any) -> None:
    photo, _no, _yes = photo_and_class
    sign_in(client, members.teacher.user)
    _post(client, **{"foto-0-photo": photo.upload(), "do": "check"})
    item = MediaItem.objects.get()
    client.logout()
    sign_in(client, members.mentor.user)

    response = _post(client, **_item_fields(item, {}), do="check")

    assert response.status_code == 403


def test_a_video_shows_each_face_once_to_tag_and_is_blurred_throughout(
        client: Client, members: Personas, tmp_path: Any) -> None:
    from protocolwijzer.media.tests.factories import group_video_mp4

    no, _yes = class_with_consent(members.group_1a, refused=1, given=0)
    path = tmp_path / "schoolreis.mp4"
    group_video_mp4(str(path), faces=2, frames=10)
    sign_in(client, members.teacher.user)
    video = SimpleUploadedFile("schoolreis.mp4", path.read_bytes(), content_type="video/mp4")

    uploaded = _post(client, **{"foto-0-photo": video, "do": "check"})
    item = MediaItem.objects.get()
    assert (item.kind, item.status) == ("video", MediaItem.Status.READY), _errors(uploaded)
    numbers = list(item.faces.values_list("number", flat=True))
    html = uploaded.content.decode()
    assert html.count('class="thumb face--untagged"') == len(numbers) >= 1
    tags = {n: "not_ours" for n in numbers}
    tags[numbers[0]] = f"s{no[0].pk}"

    checked = _post(client, **_item_fields(item, tags), do="check")
    outcome = checked.context["result"].media[0].outcome
    assert checked.context["result"].verdict == "forbidden"

    value = checked.context["result"].media[0].blur_value
    blurred = _post(client, **_item_fields(item, tags), do=value)

    item.refresh_from_db()
    assert item.status == MediaItem.Status.DONE, _errors(blurred)
    assert blurred.context["result"].verdict == "allowed"
    assert outcome.to_blur == numbers
