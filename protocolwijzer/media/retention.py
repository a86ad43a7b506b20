"""Retention of the checker's files (AVG art. 5(1)(e), storage limitation): run hourly by
``manage purge_media`` (cron or a systemd timer; docs/operations.md).

Per school (``MediaSettings``; defaults 24 hours and 30 days):

- an original goes ``original_hours`` after the check (or after the upload, when it was
  never checked), with what was made from it: the thumbnails of faces and the video's
  face tracks. The blurred version is what a school posts; the original is not kept;
- a blurred version goes ``result_days`` after it was made;
- an item with no file left goes altogether, with its faces and tags (who is on it).

A running job is left alone (its original is in use) unless it stalled. Each school where
something went gets one content-free audit event (counts only). Files are removed after
the rows that point at them, so no row ever points at a missing file.

Independently, files in an item's folder that no row points at and that are older than an
hour (the output of a job whose worker was killed before it published; an item whose
files could not be removed) are orphans and go too.
"""

from __future__ import annotations

import contextlib
import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from protocolwijzer.audit.actions import do_record
from protocolwijzer.media import storage
from protocolwijzer.media.models import MediaFace, MediaItem, MediaSettings, private_storage
from protocolwijzer.schools.models import School

ORPHANS_AFTER = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class MediaPurgeCount:
    school: School
    original_hours: int
    result_days: int
    originals: int
    results: int
    items: int


def _not_busy(items: QuerySet[MediaItem], now: datetime.datetime) -> QuerySet[MediaItem]:
    """Leaves out items whose job is running (their files are in use), unless stalled."""
    from django.conf import settings

    stalled = now - datetime.timedelta(minutes=settings.PW_MEDIA_STALLED_MINUTES)
    return items.exclude(Q(status__in=MediaItem.RUNNING) & Q(updated_at__gte=stalled))


def _due(school: School, now: datetime.datetime,
         ) -> tuple[MediaSettings, QuerySet[MediaItem], QuerySet[MediaItem]]:
    rules = MediaSettings.for_school(school.pk)
    items = _not_busy(MediaItem.objects.filter(school=school), now)
    original_cutoff = now - datetime.timedelta(hours=rules.original_hours)
    result_cutoff = now - datetime.timedelta(days=rules.result_days)
    originals = items.exclude(original="").filter(
        Q(checked_at__lt=original_cutoff)
        | Q(checked_at__isnull=True, created_at__lt=original_cutoff))
    results = items.exclude(result="").filter(blurred_at__lt=result_cutoff)
    return rules, originals, results


def _empty(school: School) -> QuerySet[MediaItem]:
    return MediaItem.objects.filter(school=school, original="", result="")


def purge_counts(now: datetime.datetime | None = None) -> list[MediaPurgeCount]:
    """What a purge at ``now`` would remove, per school (nothing is changed)."""
    now = now or timezone.now()
    counts = []
    for school in School.objects.order_by("name"):
        rules, originals, results = _due(school, now)
        due_originals = set(originals.values_list("pk", flat=True))
        due_results = set(results.values_list("pk", flat=True))
        items = sum(1 for item in MediaItem.objects.filter(school=school)
                    if (not item.original.name or item.pk in due_originals)
                    and (not item.result.name or item.pk in due_results))
        counts.append(MediaPurgeCount(school, rules.original_hours, rules.result_days,
                                      len(due_originals), len(due_results), items))
    return counts


def do_purge_media(now: datetime.datetime | None = None) -> list[MediaPurgeCount]:
    """Removes what is past the school's retention (see the module's docstring), one
    transaction per school, then the orphans; returns the counts per school."""
    now = now or timezone.now()
    counts = []
    for school in School.objects.order_by("name"):
        with transaction.atomic():
            rules, originals_due, results_due = _due(school, now)
            originals = list(originals_due.select_for_update())
            results = list(results_due.select_for_update())
            names: list[str] = []
            for item in originals:
                names += [item.original.name, item.tracks.name]
                thumbnails = item.faces.exclude(thumbnail="")
                names += list(thumbnails.values_list("thumbnail", flat=True))
                MediaFace.objects.filter(item=item).update(thumbnail="")
                MediaItem.objects.filter(pk=item.pk).update(original="", tracks="")
            for item in results:
                names.append(item.result.name)
                MediaItem.objects.filter(pk=item.pk).update(
                    result="", blurred_at=None,
                    status=(MediaItem.Status.READY if item.status == MediaItem.Status.DONE
                            else item.status))
            empty = _empty(school)
            for item in empty:
                names += list(item.faces.exclude(thumbnail="").values_list("thumbnail",
                                                                           flat=True))
                names.append(item.tracks.name)
            items = empty.count()
            empty.delete()
            count = MediaPurgeCount(school, rules.original_hours, rules.result_days,
                                    len(originals), len(results), items)
            if originals or results or items:
                do_record("media_purged", school=school, detail={
                    "originals": count.originals, "results": count.results,
                    "items": count.items})
            transaction.on_commit(lambda names=names: storage.delete(*names))  # type: ignore[misc]
        counts.append(count)
    remove_orphans(now)
    return counts


def remove_orphans(now: datetime.datetime | None = None) -> int:
    """Removes files older than an hour that no row points at; returns how many."""
    now = now or timezone.now()
    store = private_storage()
    try:
        schools, _files = store.listdir("")
    except (FileNotFoundError, NotImplementedError):
        return 0
    referenced: set[str] = set()
    for item in MediaItem.objects.values("original", "result", "tracks"):
        referenced |= {name for name in item.values() if name}
    referenced |= set(MediaFace.objects.exclude(thumbnail="").values_list("thumbnail",
                                                                           flat=True))
    removed = 0
    for school in schools:
        with contextlib.suppress(FileNotFoundError):
            keys, _files = store.listdir(school)
            for key in keys:
                for name in storage.list_folder(f"{school}/{key}"):
                    if name in referenced:
                        continue
                    with contextlib.suppress(FileNotFoundError, NotImplementedError):
                        if now - store.get_modified_time(name) < ORPHANS_AFTER:
                            continue  # perhaps a job writing it right now
                    storage.delete(name)
                    removed += 1
                if not store.listdir(f"{school}/{key}")[1]:
                    _remove_empty_folder(store, f"{school}/{key}")
    return removed


def _remove_empty_folder(store: object, name: str) -> None:
    """A local storage leaves empty folders behind; an object store has none."""
    path = getattr(store, "path", None)
    if path is None:
        return
    with contextlib.suppress(OSError, NotImplementedError):
        import os

        os.rmdir(path(name))
