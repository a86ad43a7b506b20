"""The checker's background jobs: find the faces, make the blurred version.

They run through Django's task framework on the "media" backend (settings.py): by a task
worker from a queue in Redis with ``PW_REDIS_URL``, else in a thread of the web process
(tests: inside the request). The same code in every case.

Every job is safe to run twice, at the same time or after a crash:

- it gets the item's id and the ``generation`` it was enqueued for, and does nothing when
  the item has moved on (deleted, a newer request, already published);
- its output is written under a new name that nothing points at, and published by one
  transaction that locks the item, checks it is still the current job, and sets the file
  and the status together. A worker killed halfway leaves at most an orphan file, which
  no view can reach (``views.file`` serves a result only when the item is ``done``) and
  which retention removes;
- progress is saved as it goes (per frame for a video, at most a few times a second).

A job whose worker dies is run again by another worker (RQ: ``queues.RetryingQueue``
gives each job retries, ``worker.Worker`` notices the dead worker). A job that raises is
retried the same way; after the last try the item is ``failed`` with a message, and the
person (``actions.do_retry``) or an operator (``manage retry_media``, or ``rq requeue``)
can start it again. A file the software cannot read fails at once, without retries.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from protocolwijzer.media import storage, videotracks
from protocolwijzer.media.models import MediaFace, MediaItem

logger = logging.getLogger("protocolwijzer.media")

# Progress is saved at most this often (seconds): a video reports every frame.
PROGRESS_EVERY = 0.5


@task(backend="media", queue_name="media")
def detect_media(item_id: int, generation: int | None = None) -> str:
    """Finds the faces on the item and numbers them left to right, top to bottom."""
    item = _claim(item_id, generation, MediaItem.Status.DETECTING)
    if item is None:
        return "skipped"
    with _failing_as_the_item(item):
        if item.kind == MediaItem.Kind.VIDEO:
            return _detect_video(item)
        return _detect_photo(item)
    return "failed"


@task(backend="media", queue_name="media")
def blur_media(item_id: int, generation: int | None = None) -> str:
    """Makes the blurred version: the chosen faces blurred, everything rebuilt from its
    pixels so no metadata survives, and publishes it."""
    item = _claim(item_id, generation, MediaItem.Status.BLURRING)
    if item is None:
        return "skipped"
    with _failing_as_the_item(item):
        if item.kind == MediaItem.Kind.VIDEO:
            return _blur_video(item)
        return _blur_photo(item)
    return "failed"


# --- claiming and failing ---------------------------------------------------------------


def _claim(item_id: int, generation: int | None, status: str) -> MediaItem | None:
    """The item, if this job is its current one; None when there is nothing to do.

    A job whose item failed may be run again as it is (an operator's ``rq requeue``): it
    then takes the item back to ``status``.
    """
    with transaction.atomic():
        item = MediaItem.objects.select_for_update().filter(pk=item_id).first()
        if item is None or (generation is not None and item.generation != generation):
            return None
        if item.status == MediaItem.Status.FAILED:
            item.status, item.progress, item.error = status, 0, ""
            item.save(update_fields=["status", "progress", "error", "updated_at"])
        elif item.status != status:
            return None  # published already (a duplicate), or changed meanwhile
        else:
            item.save(update_fields=["updated_at"])  # alive
    return item


def _is_current(item: MediaItem, status: str) -> MediaItem | None:
    """Inside a transaction: the item locked, if it is still at this job's generation and
    status (so this job may publish)."""
    locked = MediaItem.objects.select_for_update().filter(pk=item.pk).first()
    if locked is None or locked.generation != item.generation or locked.status != status:
        return None
    return locked


def _will_be_retried() -> bool:
    """Whether the queue will run this job again after it raises (RQ with retries left)."""
    try:
        from rq import get_current_job
    except ImportError:  # pragma: no cover - rq is a dependency
        return False
    job = get_current_job()
    return bool(job is not None and job.retries_left and job.retries_left > 0)


def _fail(item: MediaItem, message: str) -> None:
    MediaItem.objects.filter(pk=item.pk, generation=item.generation).update(
        status=MediaItem.Status.FAILED, error=message, updated_at=timezone.now())


@contextlib.contextmanager
def _failing_as_the_item(item: MediaItem) -> Iterator[None]:
    """A file the software cannot read fails the item with the reason (no retry helps);
    anything else is raised for the queue to retry, and fails the item after the last try."""
    from protocolwijzer.imaging import RefusedFile

    try:
        yield
    except RefusedFile as refusal:
        _fail(item, refusal.message)
    except Exception:
        if not _will_be_retried():
            with translation.override(settings.LANGUAGE_CODE):
                _fail(item, _("Something went wrong while processing this file. Try again; "
                              "if it fails again, tell the administrator."))
        logger.exception("Media job for item %s failed", item.pk)
        raise


# --- progress ---------------------------------------------------------------------------


class Progress:
    """Saves the item's progress (``start``..``end`` percent of the whole) from a
    ``progress(done, total)`` callback, at most every PROGRESS_EVERY seconds, only while
    this job is the item's current one. Each save also tells that the job is alive."""

    def __init__(self, item: MediaItem, status: str, start: int = 0, end: int = 100) -> None:
        self.item, self.status, self.start, self.end = item, status, start, end
        self.saved_at = 0.0
        self.percent = -1

    def __call__(self, done: int, total: int) -> None:
        share = min(1.0, done / total) if total else 1.0
        percent = self.start + int((self.end - self.start) * share)
        now = time.monotonic()
        if percent == self.percent or (now - self.saved_at < PROGRESS_EVERY
                                       and percent < self.end):
            return
        self.percent, self.saved_at = percent, now
        MediaItem.objects.filter(pk=self.item.pk, generation=self.item.generation,
                                 status=self.status).update(progress=percent,
                                                            updated_at=timezone.now())


def _writing(item: MediaItem, progress: Progress) -> Callable[[int, int], None]:
    """The callback for writing an output to storage: progress, and the test hold."""
    held = False

    def on_chunk(written: int, total: int) -> None:
        nonlocal held
        progress(written, total)
        if not held and written < total:
            held = True
            hold("writing", item.pk)

    return on_chunk


def hold(checkpoint: str, item_id: int) -> None:
    """For the test of a killed worker only (``PW_MEDIA_TEST_HOLD_DIR``): announces that
    the job reached ``checkpoint`` (with its process ids) and waits until the test
    releases it. Without the setting it returns at once."""
    directory = settings.PW_MEDIA_TEST_HOLD_DIR
    if not directory:
        return
    base = Path(directory)
    marker = base / f"{checkpoint}-{item_id}-{os.getpid()}.waiting"
    # Written whole, then renamed: the test reads the marker as soon as it appears.
    partial = marker.with_suffix(".partial")
    partial.write_text(json.dumps({"pid": os.getpid(), "ppid": os.getppid()}))
    partial.replace(marker)
    release = base / f"{checkpoint}-{item_id}.release"
    deadline = time.monotonic() + 300
    while not release.exists() and time.monotonic() < deadline:
        time.sleep(0.05)


# --- photos -----------------------------------------------------------------------------


def _detect_photo(item: MediaItem) -> str:
    from protocolwijzer.imaging import detect_faces, load_photo

    image = load_photo(storage.read(item.original.name))
    Progress(item, MediaItem.Status.DETECTING)(1, 4)
    found = detect_faces(image)
    faces = [MediaFace(number=n, score=float(face.score), source=MediaFace.Source.DETECTED)
             for n, face in enumerate(found, start=1)]
    for face, detected in zip(faces, found, strict=True):
        face.box = detected.box
    return _publish_faces(item, faces, size=image.size)


def _blur_photo(item: MediaItem) -> str:
    from protocolwijzer.imaging import blur_photo, load_photo

    progress = Progress(item, MediaItem.Status.BLURRING)
    image = load_photo(storage.read(item.original.name))
    boxes = [face.box for face in item.faces.filter(blur=True, removed=False)]
    progress(1, 3)
    data = blur_photo(image, boxes)
    writing = Progress(item, MediaItem.Status.BLURRING, 70, 99)
    name = storage.write(storage.new_name(item, "result", "jpg"), data,
                         on_chunk=_writing(item, writing))
    return _publish_result(item, name)


# --- videos -----------------------------------------------------------------------------


def _suffix(item: MediaItem) -> str:
    return "." + item.original.name.rsplit(".", 1)[-1] if "." in item.original.name else ""


def _detect_video(item: MediaItem) -> str:
    from protocolwijzer.imaging import detect_video

    with storage.local_path(item.original.name, _suffix(item)) as path:
        found = detect_video(path, progress=Progress(item, MediaItem.Status.DETECTING, 0, 95))
    written: list[str] = []
    try:
        tracks_name = storage.write(storage.new_name(item, "tracks", "json"),
                                    videotracks.dumps(found))
        written.append(tracks_name)
        faces = []
        for number, track in enumerate(videotracks.ordered(found), start=1):
            face = MediaFace(number=number, score=videotracks.score_of(track),
                             source=MediaFace.Source.DETECTED, track=int(track.id))
            face.box = videotracks.first_box(track)
            if getattr(track, "thumbnail", None):
                face.thumbnail.name = storage.write(
                    storage.new_name(item, f"face{number}", "jpg"), track.thumbnail)
                written.append(face.thumbnail.name)
            faces.append(face)
        outcome = _publish_faces(item, faces, tracks=tracks_name)
    except BaseException:
        storage.delete(*written)
        raise
    if outcome != "published":
        storage.delete(*written)
    return outcome


def _blur_video(item: MediaItem) -> str:
    from protocolwijzer.imaging import blur_video

    faces = list(item.faces.filter(blur=True, removed=False))
    found = videotracks.loads(storage.read(item.tracks.name)) if item.tracks.name else None
    found, chosen = videotracks.with_drawn_boxes(
        found, [f.track for f in faces if f.track is not None],
        [f.box for f in faces if f.track is None], frames=item.frames or 0)
    with contextlib.ExitStack() as stack:
        source = stack.enter_context(storage.local_path(item.original.name, _suffix(item)))
        out = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="pw-blur-")))
        target = out / "result.mp4"
        blur_video(source, target, chosen, found, keep_audio=item.keep_audio,
                   progress=Progress(item, MediaItem.Status.BLURRING, 0, 90))
        writing = Progress(item, MediaItem.Status.BLURRING, 90, 99)
        name = storage.write(storage.new_name(item, "result", "mp4"), target,
                             on_chunk=_writing(item, writing))
    return _publish_result(item, name)


# --- publishing -------------------------------------------------------------------------


def _publish_faces(item: MediaItem, faces: list[MediaFace], *,
                   size: tuple[int, int] | None = None, tracks: str = "") -> str:
    """Stores the faces and sets the item ready, in one transaction, if this job is still
    the item's current one."""
    with transaction.atomic():
        locked = _is_current(item, MediaItem.Status.DETECTING)
        if locked is None:
            return "outdated"
        old = [n for n in locked.faces.exclude(thumbnail="").values_list("thumbnail",
                                                                          flat=True)]
        locked.faces.all().delete()
        for face in faces:
            face.item = locked
        MediaFace.objects.bulk_create(faces)
        if size is not None:
            locked.width, locked.height = size
        previous_tracks = locked.tracks.name
        locked.tracks.name = tracks or previous_tracks
        locked.status, locked.progress, locked.error = MediaItem.Status.READY, 100, ""
        locked.detected_at = timezone.now()
        locked.save()
        stale = [*old, previous_tracks if tracks and previous_tracks != tracks else ""]
        transaction.on_commit(lambda: storage.delete(*stale))
    return "published"


def _publish_result(item: MediaItem, name: str) -> str:
    """Points the item at its blurred version and sets it done, in one transaction, if
    this job is still its current one; else the file is dropped."""
    with transaction.atomic():
        locked = _is_current(item, MediaItem.Status.BLURRING)
        if locked is None:
            transaction.on_commit(lambda: storage.delete(name))
            return "outdated"
        old = locked.result.name
        locked.result.name = name
        locked.status, locked.progress, locked.error = MediaItem.Status.DONE, 100, ""
        locked.blurred_at = timezone.now()
        locked.save(update_fields=["result", "status", "progress", "error", "blurred_at",
                                   "updated_at"])
        if old and old != name:
            transaction.on_commit(lambda: storage.delete(old))
    return "published"


def item_state(item: MediaItem) -> dict[str, Any]:
    """What the status view reports about a job (no names)."""
    return {"id": item.pk, "kind": item.kind, "status": item.status,
            "progress": item.progress, "error": item.error, "stalled": item.is_stalled,
            "can_retry": item.can_retry, "width": item.width, "height": item.height,
            "has_result": item.status == MediaItem.Status.DONE and bool(item.result.name)}
