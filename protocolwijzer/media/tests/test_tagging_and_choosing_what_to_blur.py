"""People tag the faces, from the students they may see; every tag is audited; a change
to what is blurred makes the blurred version outdated, and its file goes."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.media import storage
from protocolwijzer.media.actions import (
    do_draw_face,
    do_remove_face,
    do_set_blur,
    do_tag_face,
)
from protocolwijzer.media.models import MediaFace, MediaItem
from protocolwijzer.media.tests.factories import make_item
from protocolwijzer.schools.tests.personas import Personas


def test_a_tag_names_the_student_in_the_audit_log_by_number(personas: Personas) -> None:
    item = make_item(personas.school, personas.mentor)
    face = item.faces.get(number=2)

    do_tag_face(face, student=personas.student, by=personas.user("mentor"))

    face.refresh_from_db()
    assert (face.tag, face.student) == (MediaFace.Tag.STUDENT, personas.student)
    event = AuditEvent.objects.get(action="media_face_tagged")
    assert event.detail == {"face": 2, "tag": "student", "student": personas.student.pk}
    assert event.actor == personas.user("mentor")


@pytest.mark.parametrize("who", ["student_1b", "sister_student", "other_student", "parent"])
def test_only_a_student_the_tagger_may_see_can_be_tagged(personas: Personas, who: str) -> None:
    item = make_item(personas.school, personas.mentor)

    with pytest.raises(ValidationError) as refused:
        do_tag_face(item.faces.get(number=1), student=getattr(personas, who),
                    by=personas.user("mentor"))

    assert refused.value.message_dict == {"student": ["Dit is geen leerling die je kunt "
                                                      "taggen."]}
    assert not AuditEvent.objects.filter(action="media_face_tagged").exists()


def test_not_ours_and_unknown_are_tags_too(personas: Personas) -> None:
    item = make_item(personas.school, personas.mentor)
    first, second = item.faces.order_by("number")

    do_tag_face(first, tag=MediaFace.Tag.NOT_OURS, by=personas.user("mentor"))
    do_tag_face(second, tag=MediaFace.Tag.UNKNOWN, by=personas.user("mentor"))

    assert list(item.faces.values_list("tag", "student")) == [("not_ours", None),
                                                              ("unknown", None)]


def test_a_drawn_face_gets_the_next_number_and_is_blurred(personas: Personas) -> None:
    item = make_item(personas.school, personas.mentor)
    do_remove_face(item.faces.get(number=2), by=personas.user("mentor"))

    drawn = do_draw_face(item, (50, 30, 40, 44), by=personas.user("mentor"))

    assert (drawn.number, drawn.box, drawn.source, drawn.score, drawn.blur) == (
        3, (40, 30, 50, 44), "drawn", None, True)
    assert list(item.faces.values_list("number", "removed")) == [(1, False), (2, True),
                                                                 (3, False)]


def test_a_box_outside_the_photo_or_too_small_is_refused_on_its_field(
        personas: Personas) -> None:
    item = make_item(personas.school, personas.mentor)

    for box in [(100, 100, 200, 200), (1, 1, 3, 3), ("a", 1, 2, 3)]:
        with pytest.raises(ValidationError) as refused:
            do_draw_face(item, box, by=personas.user("mentor"))
        assert list(refused.value.message_dict) == ["box"]


def test_changing_what_is_blurred_withdraws_the_blurred_version(
        personas: Personas, django_capture_on_commit_callbacks: Any) -> None:
    item = make_item(personas.school, personas.mentor, result=True)
    old = item.result.name

    with django_capture_on_commit_callbacks(execute=True):
        do_set_blur(item, [1], by=personas.user("mentor"))

    item.refresh_from_db()
    assert (item.status, item.result.name) == (MediaItem.Status.READY, "")
    assert old not in storage.list_folder(item.storage_prefix)
    assert list(item.faces.filter(blur=True).values_list("number", flat=True)) == [1]


def test_tagging_does_not_change_the_blurred_version(personas: Personas) -> None:
    item = make_item(personas.school, personas.mentor, result=True)

    do_tag_face(item.faces.get(number=1), tag=MediaFace.Tag.UNKNOWN,
                by=personas.user("mentor"))

    item.refresh_from_db()
    assert item.status == MediaItem.Status.DONE and item.result.name


def test_nothing_changes_while_the_faces_are_being_found(personas: Personas) -> None:
    item = make_item(personas.school, personas.mentor, status=MediaItem.Status.DETECTING)

    with pytest.raises(ValidationError):
        do_draw_face(item, (1, 1, 20, 20), by=personas.user("mentor"))
    with pytest.raises(ValidationError):
        do_set_blur(item, [], by=personas.user("mentor"))
