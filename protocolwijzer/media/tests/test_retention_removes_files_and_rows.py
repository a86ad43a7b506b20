"""Originals go 24 hours after the check, blurred versions 30 days after they were made,
by default; each school may set its own periods; an item without files goes altogether;
files no row points at are removed; one content-free audit event per school."""

from __future__ import annotations

import datetime
import io
import os
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from protocolwijzer.audit.models import AuditEvent
from protocolwijzer.media import storage
from protocolwijzer.media.models import MediaFace, MediaItem, MediaSettings
from protocolwijzer.media.tests.factories import jpeg, make_item
from protocolwijzer.schools.tests.personas import Personas

NOW = timezone.now()
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def purge(capture: Any, *extra: str) -> str:
    out = io.StringIO()
    with capture(execute=True):
        call_command("purge_media", "--now", NOW.isoformat(), *extra, stdout=out)
    return out.getvalue()


def files_of(item: MediaItem) -> list[str]:
    return sorted(name.rsplit("/", 1)[1].split("-")[0]
                  for name in storage.list_folder(item.storage_prefix))


def test_the_original_goes_a_day_after_the_check_and_the_blurred_version_stays(
        personas: Personas, django_capture_on_commit_callbacks: Any) -> None:
    item = make_item(personas.school, personas.mentor, result=True,
                     created_at=NOW - 2 * DAY, checked_at=NOW - 25 * HOUR)
    fresh = make_item(personas.school, personas.mentor, checked_at=NOW - 23 * HOUR)

    purge(django_capture_on_commit_callbacks)

    item.refresh_from_db()
    assert (item.original.name, item.status) == ("", MediaItem.Status.DONE)
    assert files_of(item) == ["result"]
    assert item.faces.count() == 2  # the verdict on the blurred version still needs them
    assert files_of(fresh) == ["original"]


def test_after_thirty_days_the_blurred_version_goes_and_with_it_the_item(
        personas: Personas, django_capture_on_commit_callbacks: Any) -> None:
    item = make_item(personas.school, personas.mentor, result=True,
                     checked_at=NOW - 31 * DAY)
    MediaItem.objects.filter(pk=item.pk).update(blurred_at=NOW - 31 * DAY)

    purge(django_capture_on_commit_callbacks)

    assert not MediaItem.objects.filter(pk=item.pk).exists()
    assert not MediaFace.objects.filter(item_id=item.pk).exists()
    assert files_of(item) == []


def test_an_item_never_checked_counts_from_its_upload(
        personas: Personas, django_capture_on_commit_callbacks: Any) -> None:
    old = make_item(personas.school, personas.mentor, created_at=NOW - 25 * HOUR)
    recent = make_item(personas.school, personas.mentor, created_at=NOW - 23 * HOUR)

    purge(django_capture_on_commit_callbacks)

    assert not MediaItem.objects.filter(pk=old.pk).exists()  # nothing left to keep
    assert files_of(old) == []
    assert MediaItem.objects.filter(pk=recent.pk).exists()


def test_a_school_sets_its_own_periods(personas: Personas,
                                       django_capture_on_commit_callbacks: Any) -> None:
    MediaSettings.objects.create(school=personas.school, original_hours=1, result_days=2)
    ours = make_item(personas.school, personas.mentor, result=True,
                     checked_at=NOW - 2 * HOUR)
    theirs = make_item(personas.other_school, personas.other_teacher, result=True,
                       checked_at=NOW - 2 * HOUR)
    MediaItem.objects.filter(pk__in=[ours.pk, theirs.pk]).update(blurred_at=NOW - 3 * DAY)

    output = purge(django_capture_on_commit_callbacks)

    assert not MediaItem.objects.filter(pk=ours.pk).exists()
    assert files_of(theirs) == ["original", "result"]
    assert "De Maas: 1 originelen verwijderd" in output


def test_the_purge_is_audited_with_counts_only(personas: Personas,
                                               django_capture_on_commit_callbacks: Any) -> None:
    make_item(personas.school, personas.mentor, checked_at=NOW - 25 * HOUR)

    purge(django_capture_on_commit_callbacks)

    [event] = AuditEvent.objects.filter(action="media_purged")
    assert event.school == personas.school
    assert event.detail == {"originals": 1, "results": 0, "items": 1}


def test_a_running_job_keeps_its_original(personas: Personas,
                                          django_capture_on_commit_callbacks: Any) -> None:
    item = make_item(personas.school, personas.mentor, status=MediaItem.Status.DETECTING,
                     created_at=NOW - 2 * DAY)

    purge(django_capture_on_commit_callbacks)

    assert files_of(item) == ["original"]


def test_a_dry_run_removes_nothing(personas: Personas,
                                   django_capture_on_commit_callbacks: Any) -> None:
    item = make_item(personas.school, personas.mentor, checked_at=NOW - 25 * HOUR)

    output = purge(django_capture_on_commit_callbacks, "--dry-run")

    assert files_of(item) == ["original"]
    assert "De Maas: zou 1 originelen" in output


@pytest.mark.parametrize(("age", "kept"), [(2 * HOUR, False), (HOUR / 2, True)])
def test_a_file_no_item_points_at_goes_once_it_is_an_hour_old(
        personas: Personas, private_media: Path, django_capture_on_commit_callbacks: Any,
        age: datetime.timedelta, kept: bool) -> None:
    item = make_item(personas.school, personas.mentor)
    # What a worker killed while writing leaves behind: half a file under a new name.
    left = storage.write(storage.new_name(item, "result", "jpg"), jpeg()[:100])
    stamp = (NOW - age).timestamp()
    os.utime(private_media / left, (stamp, stamp))

    purge(django_capture_on_commit_callbacks)

    assert ("result" in files_of(item)) is kept
    assert "original" in files_of(item)
