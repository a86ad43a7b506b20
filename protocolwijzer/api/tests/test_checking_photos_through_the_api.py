"""Real photos through the API (issue 13): upload with POST /media, tag the faces in
POST /checks instead of counting people, blur what the answer says, and check the blurred
version; the same steps, doors and verdicts as the checker page."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import pytest
from PIL import Image

from protocolwijzer.api.tests.conftest import ApiClient
from protocolwijzer.checks.tests.photos import class_with_consent, make_group_photo
from protocolwijzer.media.models import MediaItem
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.tests.personas import Personas

# Willibrord A.5: "Het is medewerkers en leerlingen niet toegestaan om foto-, film- en
# geluidsopnamen van schoolgerelateerde situaties op de sociale media te zetten, tenzij
# betrokkenen hier uitdrukkelijk toestemming voor plaatsing hebben gegeven."
POST = {"protocol": "willibrord-miland-2023", "actor": {"role": "staff"}, "context": "work",
        "school_related": True, "action": "publish", "channel": "instagram",
        "account": "school"}


def upload(api: ApiClient, jpeg: bytes, **fields: Any) -> Any:
    photo = io.BytesIO(jpeg)
    photo.name = "klassenfoto.jpg"
    return api.client.post("/api/v1/media", {"file": photo, **fields})


def check(api: ApiClient, *media: dict[str, Any]) -> Any:
    return api.post("/checks", {**POST, "post": {"text": "", "media": list(media)}})


@pytest.fixture
def tagged(personas: Personas) -> tuple[list[Person], list[Person]]:
    return class_with_consent(personas.group_1a, refused=2, given=4)


def test_a_teacher_uploads_tags_blurs_and_may_then_post_the_blurred_version(
        api_as: Callable[..., ApiClient], personas: Personas, tagged: Any) -> None:
    no, yes = tagged
    api = api_as(personas.teacher)

    uploaded = upload(api, make_group_photo(seed=1, faces=6).jpeg,
                      group=str(personas.group_1a.pk))
    assert uploaded.status_code == 201, uploaded.content
    item = uploaded.json()
    assert (item["status"], len(item["faces"]), item["group"]) == (
        "ready", 6, personas.group_1a.pk)

    faces = [{"number": 1, "student": no[0].pk}, {"number": 2, "student": no[1].pk},
             *({"number": n, "student": p.pk} for n, p in zip(range(3, 7), yes, strict=True))]
    first = check(api, {"item": item["id"], "faces": faces})
    assert first.status_code == 200, first.content
    verdict = first.json()
    assert verdict["verdict"] == "forbidden"
    assert "A.5" in {f["article"] for f in verdict["findings"] if f["effect"] == "forbidden"}
    [media] = verdict["media"]
    assert (media["version"], media["blur"]) == ("original", [1, 2])
    refused = [f for f in media["faces"] if not f["may_appear"]]
    assert [(f["number"], f["name"], f["consent"]) for f in refused] == [
        (1, no[0].full_name, "refused"), (2, no[1].full_name, "refused")]
    assert all("A.5" in f["articles"] for f in refused)

    blurred = api.post(f"/media/{item['id']}/blur", {"faces": media["blur"]})
    assert blurred.status_code == 202, blurred.content
    assert blurred.json()["status"] == "done"

    second = check(api, {"item": item["id"]})
    assert second.json()["verdict"] == "allowed"
    assert second.json()["media"][0]["version"] == "blurred"

    download = api.client.get(f"/api/v1/media/{item['id']}/file")
    assert download.status_code == 200
    data = b"".join(download.streaming_content)
    assert not Image.open(io.BytesIO(data)).getexif()
    assert b"xmpmeta" not in data


def test_counts_still_describe_a_recording_without_a_file(
        api_as: Callable[..., ApiClient], personas: Personas) -> None:
    response = check(api_as(personas.teacher),
                     {"kind": "audio", "people": [{"role": "student", "consent": "refused"}]})

    assert response.json()["verdict"] == "forbidden"
    assert "media" not in response.json()


def test_a_pupil_the_teacher_does_not_see_cannot_be_tagged(
        api_as: Callable[..., ApiClient], personas: Personas) -> None:
    api = api_as(personas.teacher)  # teaches 1A, not 1B
    item = upload(api, make_group_photo(seed=1, faces=6).jpeg).json()

    response = check(api, {"item": item["id"],
                           "faces": [{"number": 1, "student": personas.student_1b.pk}]})

    assert response.status_code == 422
    assert [p["field"] for p in response.json()["detail"]] == [
        "post.media[0].faces[0].student"]
    assert MediaItem.objects.get().faces.get(number=1).tag == "untagged"


def test_another_persons_item_is_not_checked_and_another_schools_is_not_found(
        api_as: Callable[..., ApiClient], personas: Personas) -> None:
    item = upload(api_as(personas.teacher), make_group_photo(seed=1, faces=3).jpeg).json()

    colleague = check(api_as(personas.mentor), {"item": item["id"], "faces": [
        {"number": 1, "tag": "unknown"}]})
    elsewhere = api_as(personas.other_teacher).get(f"/media/{item['id']}")

    assert colleague.status_code == 422
    assert colleague.json()["detail"][0]["field"] == "post.media[0].item"
    assert elsewhere.status_code == 404


@pytest.mark.parametrize("who", ["student", "parent", "mr_lid"])
def test_only_staff_upload(api_as: Callable[..., ApiClient], personas: Personas,
                           who: str) -> None:
    response = upload(api_as(getattr(personas, who)), make_group_photo(seed=1, faces=2).jpeg)

    assert response.status_code == 403
    assert not MediaItem.objects.exists()


def test_a_file_that_is_no_photo_is_refused_naming_the_field(
        api_as: Callable[..., ApiClient], personas: Personas) -> None:
    response = upload(api_as(personas.teacher), b"Dit is geen foto." * 10)

    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "file"
    assert not MediaItem.objects.exists()
