"""Who sees a photo or video of the checker: its uploader, and the school's management
(looking, not acting). Colleagues, students, parents and the MR do not; another school's
item does not exist for anyone (404). Every read of a file is in the audit log."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client
from django.urls import reverse

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.media.access import access_media_item, media_items_of
from protocolwijzer.media.tests.factories import make_item
from protocolwijzer.schools.tests.personas import Personas, sign_in

# Reading the mentor's item, per persona.
READ = {"beheerder": 200, "schoolleider": 200, "communicatie": 403, "teacher": 403,
        "mentor": 200, "mr_lid": 403, "student": 403, "parent": 403, "unlinked": 403,
        "other_teacher": 404}


@pytest.mark.parametrize(("persona", "expected"), READ.items())
def test_the_original_is_served_only_to_the_uploader_and_management(
        personas: Personas, persona: str, expected: int) -> None:
    item = make_item(personas.school, personas.mentor)
    client = Client()
    sign_in(client, personas.user(persona))

    answer = client.get(reverse("media:file", args=[item.pk]))

    assert answer.status_code == expected
    if expected == 200:
        assert answer["Content-Type"] == "image/jpeg"
        assert "no-store" in answer["Cache-Control"]
        assert b"".join(answer.streaming_content)[:2] == b"\xff\xd8"


def test_another_schools_item_is_not_found_even_for_its_own_stichting_s_management(
        personas: Personas) -> None:
    elsewhere = make_item(personas.other_school, personas.other_teacher)
    for persona in ("beheerder", "schoolleider", "mentor"):
        with pytest.raises(Http404):
            access_media_item(personas.user(persona), elsewhere.pk)


@pytest.mark.parametrize("persona", ["beheerder", "schoolleider", "teacher", "communicatie"])
def test_nobody_acts_through_someone_elses_item(personas: Personas, persona: str) -> None:
    item = make_item(personas.school, personas.mentor)

    with pytest.raises(PermissionDenied):
        access_media_item(personas.user(persona), item.pk, to_change=True)
    assert access_media_item(personas.user("mentor"), item.pk, to_change=True) == item


def test_lists_hold_ones_own_items_or_the_schools_for_management(personas: Personas) -> None:
    mine = make_item(personas.school, personas.mentor)
    theirs = make_item(personas.school, personas.teacher)
    make_item(personas.other_school, personas.other_teacher)

    assert list(media_items_of(personas.user("mentor"))) == [mine]
    assert set(media_items_of(personas.user("schoolleider"))) == {mine, theirs}
    assert list(media_items_of(personas.user("parent"))) == []


def test_every_read_of_a_file_is_audited_without_its_content(personas: Personas) -> None:
    item = make_item(personas.school, personas.mentor, result=True)
    client = Client()
    sign_in(client, personas.user("mentor"))
    url = reverse("media:file", args=[item.pk])

    assert client.get(url).status_code == 200
    assert client.get(url, {"variant": "result", "download": "1"}).status_code == 200

    events = list(AuditEvent.objects.filter(object_id=str(item.pk)).order_by("pk"))
    assert [(e.action, e.detail["variant"]) for e in events] == [
        ("media_viewed", "original"), ("media_downloaded", "result")]
    assert all(e.actor == personas.user("mentor") for e in events)
    assert all(e.school_id == personas.school.pk for e in events)


def test_a_download_is_an_attachment_with_a_name_that_says_nothing_about_the_photo(
        personas: Personas) -> None:
    item = make_item(personas.school, personas.mentor, result=True)
    client = Client()
    sign_in(client, personas.user("mentor"))

    answer = client.get(reverse("media:file", args=[item.pk]),
                        {"variant": "result", "download": "1"})

    assert answer["Content-Disposition"] == (
        f'attachment; filename="protocolwijzer-{item.pk}-vervaagd.jpg"')
