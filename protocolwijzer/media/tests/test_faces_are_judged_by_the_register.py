"""Each face on a photo gets its consent from the register for the purpose the channel
implies; a blurred or removed face is not shown and no longer counts; the ``media`` entry
that follows decides the post like any situation (here through ``protocolwijzer check``)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from protocolwijzer.api.tests.conftest import WILLIBRORD
from protocolwijzer.consent.actions import do_record_decision, do_set_up_consent
from protocolwijzer.consent.models import Purpose
from protocolwijzer.media.actions import (
    do_remove_face,
    do_set_blur,
    do_tag_face,
    faces_against_consent,
    situation_media,
)
from protocolwijzer.media.models import MediaFace, MediaItem
from protocolwijzer.media.tests.factories import make_item
from protocolwijzer.schools.tests.personas import Personas

BOXES = ((2, 2, 10, 10), (12, 2, 20, 10), (22, 2, 30, 10), (32, 2, 40, 10), (42, 2, 50, 10))


def decide(p: Personas, student: Any, guardian: Any, code: str, choice: str) -> None:
    purpose = Purpose.objects.get(school=p.school, code=code)
    do_record_decision(student, purpose, choice, decided_by=guardian, how="guardian_page")


@pytest.fixture
def class_photo(personas: Personas) -> MediaItem:
    """Five faces: Sem (consent for social media), Noor (refused), one untagged, one
    "not ours", one false detection removed."""
    do_set_up_consent(personas.school, opt_out=("schoolwebsite",))
    decide(personas, personas.student, personas.parent, "sociale-media", "given")
    decide(personas, personas.classmate, personas.classmate_parent, "sociale-media", "refused")
    item = make_item(personas.school, personas.mentor, faces=BOXES)
    mentor = personas.user("mentor")
    faces = {f.number: f for f in item.faces.all()}
    do_tag_face(faces[1], student=personas.student, by=mentor)
    do_tag_face(faces[2], student=personas.classmate, by=mentor)
    do_tag_face(faces[4], tag=MediaFace.Tag.NOT_OURS, by=mentor)
    do_remove_face(faces[5], by=mentor)
    return item


def post(media: dict[str, Any], channel: str = "instagram") -> dict[str, Any]:
    return {"protocol": WILLIBRORD, "actor": {"role": "staff"}, "context": "work",
            "school_related": True, "action": "publish", "channel": channel,
            "account": "school", "post": {"media": [media]}}


def test_each_face_gets_the_register_s_consent_for_the_channel_s_purpose(
        class_photo: MediaItem, personas: Personas) -> None:
    faces = faces_against_consent(class_photo, "instagram", timezone.localdate())

    assert [(f.face.number, f.role, f.consent, f.may_appear) for f in faces] == [
        (1, "student", "given", True), (2, "student", "refused", False),
        (3, "student", "unknown", None), (4, "other", "unknown", None)]
    assert [f.student for f in faces] == [personas.student, personas.classmate, None, None]
    assert [f.face.number for f in faces if f.needs_blur] == [2, 3, 4]


def test_the_website_reads_another_purpose(class_photo: MediaItem, personas: Personas) -> None:
    decide(personas, personas.classmate, personas.classmate_parent, "schoolwebsite", "given")

    faces = faces_against_consent(class_photo, "school_website", timezone.localdate())

    # Sem: nobody answered for the website, which is opt-out here: may appear.
    assert [(f.consent, f.may_appear) for f in faces[:2]] == [("unknown", True),
                                                              ("given", True)]


def test_the_media_entry_counts_people_without_naming_them(class_photo: MediaItem) -> None:
    media = situation_media(class_photo, "instagram", timezone.localdate())

    assert media == {"kind": "photo", "people": [
        {"role": "student", "consent": "given"}, {"role": "student", "consent": "refused"},
        {"role": "student", "consent": "unknown"}, {"role": "other", "consent": "unknown"}]}


def test_the_photo_is_forbidden_on_instagram_until_the_faces_without_consent_are_blurred(
        class_photo: MediaItem, personas: Personas, check: Callable[..., Any]) -> None:
    day = timezone.localdate()
    before = check(post(situation_media(class_photo, "instagram", day))).json

    do_set_blur(class_photo, [2, 3, 4], by=personas.user("mentor"))
    after = check(post(situation_media(class_photo, "instagram", day))).json

    assert before["verdict"] == "forbidden"
    assert "A.5" in [f["article"] for f in before["findings"] if f["effect"] == "forbidden"]
    assert after["verdict"] == "allowed"


def test_consent_is_read_on_the_day_of_the_check(class_photo: MediaItem,
                                                 personas: Personas) -> None:
    yesterday = timezone.localdate() - datetime.timedelta(days=1)

    faces = faces_against_consent(class_photo, "instagram", yesterday)

    assert [f.consent for f in faces[:2]] == ["unknown", "unknown"]


def test_a_sound_recording_states_no_people_so_the_checker_asks(personas: Personas) -> None:
    item = make_item(personas.school, personas.mentor, faces=())
    MediaItem.objects.filter(pk=item.pk).update(kind=MediaItem.Kind.SOUND)
    item.refresh_from_db()

    assert situation_media(item, "instagram", timezone.localdate()) == {"kind": "audio"}
