"""Changes to the checker's photos and videos: each one atomic and in the audit log.

Pages and the API load an item through ``access.access_media_item`` (``to_change=True``
for anything here but reading) and call these. Detection and blurring run as jobs
(``tasks.py``); an action that starts one raises the item's ``generation``, commits, and
then enqueues, so a job never runs before its item is stored and an outdated job never
publishes (see ``MediaItem.generation``).
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.tasks import Task, TaskResult
from django.utils import timezone
from django.utils.translation import gettext as _

from protocolwijzer.audit.actions import do_record
from protocolwijzer.media import storage
from protocolwijzer.media.models import MediaFace, MediaItem
from protocolwijzer.media.register import FaceConsent, faces_against_consent, situation_media
from protocolwijzer.schools.access import Actor
from protocolwijzer.schools.models import Group, Person, School
from protocolwijzer.schools.policy import Membership, membership_for, people_visible_to

__all__ = [
    "FaceConsent", "do_delete_media", "do_draw_face", "do_mark_checked", "do_remove_face",
    "do_request_blur", "do_retry", "do_set_blur", "do_tag_face", "do_upload_media",
    "faces_against_consent", "situation_media",
]

# The extension a stored file gets, by what its content is (never the uploaded name).
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "HEIC": "heic", "MP4": "mp4",
              "MOV": "mov", "M4A": "m4a", "MP3": "mp3", "WAV": "wav"}


def _user_of(by: Actor | None) -> AbstractBaseUser | None:
    """The account to name in the audit log (an API token acts for its person's account)."""
    if by is None:
        return None
    if isinstance(by, Membership):
        person = by.person
        return person.user if person is not None else None
    return by if by.is_authenticated else None  # type: ignore[return-value]


def _membership_of(by: Actor | None) -> Membership | None:
    if by is None or isinstance(by, Membership):
        return by
    return membership_for(by)


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:.0f}" if value >= 1 else f"{value:.2f}"


def _refused(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]}, code="refused")


def do_upload_media(person: Person | None, school: School, file: UploadedFile,
                    group: Group | None = None, *, keep_audio: bool = False,
                    field: str = "file", by: Actor | None = None) -> MediaItem:
    """Stores an uploaded photo, video or sound recording and starts finding the faces.

    What the file is comes from its content (``imaging.inspect``), never from its name or
    the browser's Content-Type. A file that is not what we accept, too large, a
    decompression bomb, too long, a polyglot or truncated is refused with a
    ``ValidationError`` on ``field`` whose message names the file and the problem, and
    NOTHING is stored: no file, no row. A sound recording has no faces: it is ready at once.
    """
    from protocolwijzer.imaging import RefusedFile, inspect

    name = _shown_name(file.name)
    if group is not None and group.school_id != school.pk:
        raise _refused("group", _("This group belongs to another school."))
    limit = int(settings.PW_MEDIA_MAX_BYTES)
    photo_limit = int(settings.PW_UPLOAD_MAX_BYTES)
    if file.size is None or file.size > limit:
        raise _refused(field, _("“%(name)s” is too large: a video or sound recording may be "
                                "at most %(limit)s MB.") % {"name": name,
                                                            "limit": _megabytes(limit)})
    source = upload_source(file, limit)
    try:
        media = inspect(source, max_bytes=limit)
    except RefusedFile as refusal:
        raise _refused(field, _("“%(name)s” was not accepted: %(problem)s")
                       % {"name": name, "problem": refusal.message}) from None
    if media.kind == "photo" and file.size > photo_limit:
        raise _refused(field, _("“%(name)s” is too large: a photo may be at most %(limit)s "
                                "MB.") % {"name": name, "limit": _megabytes(photo_limit)})
    extension = EXTENSIONS.get(media.format.upper(), "bin")
    is_sound = media.kind == MediaItem.Kind.SOUND
    item = MediaItem(school=school, uploaded_by=person, group=group, kind=media.kind,
                     format=media.format.upper(), width=media.width, height=media.height,
                     frames=media.frames, duration=media.duration, keep_audio=keep_audio,
                     status=MediaItem.Status.READY if is_sound else MediaItem.Status.DETECTING,
                     progress=100 if is_sound else 0, generation=1,
                     detected_at=timezone.now() if is_sound else None)
    # The file first, outside the transaction (a large video must not hold the database's
    # write lock while it is copied); the row that points at it is made after.
    stored = storage.write(storage.new_name(item, "original", extension), source)
    try:
        with transaction.atomic():
            item.original.name = stored
            item.save()
            do_record("media_uploaded", actor=_user_of(by) or _person_user(person),
                      school=school, target=item,
                      detail={"kind": item.kind, "format": item.format})
    except BaseException:
        storage.delete(stored)  # nothing stays behind a failed upload
        raise
    if not is_sound:
        from protocolwijzer.media.tasks import detect_media

        _enqueue(detect_media, item)
    return item


def _person_user(person: Person | None) -> AbstractBaseUser | None:
    return person.user if person is not None else None


def _shown_name(name: str | None) -> str:
    name = (name or "").strip() or _("(no name)")
    return name if len(name) <= 80 else name[:77] + "..."


def upload_source(file: UploadedFile, limit: int) -> bytes | Path:
    """The upload as a path (a large upload Django already wrote to a temporary file) or
    its bytes, read no further than ``limit`` + 1."""
    temporary = getattr(file, "temporary_file_path", None)
    if temporary is not None:
        return Path(temporary())
    file.seek(0)
    data: bytes = file.read(limit + 1)
    return data


def _enqueue(task: Task[..., Any], item: MediaItem) -> TaskResult[Any]:
    """Enqueues ``task`` for the item's current generation and remembers the job's id.
    Called after the transaction that set the item's status has committed (or within a
    test's transaction), so the job finds its item. The id is stored in the same
    transaction as the enqueueing, so a job run in a thread of this process (the default
    without Redis, which starts it when the transaction commits) never writes the item
    while the id is being stored."""
    with transaction.atomic():
        result = task.enqueue(item.pk, generation=item.generation)
        MediaItem.objects.filter(pk=item.pk, generation=item.generation).update(
            job_id=result.id)
    return result


def _locked(item: MediaItem) -> MediaItem:
    """The item as stored, locked for the rest of the transaction."""
    return MediaItem.objects.select_for_update().get(pk=item.pk)


def _require_editable(item: MediaItem) -> None:
    if item.status in MediaItem.RUNNING and not item.is_stalled:
        raise ValidationError(_("Wait until this photo or video has been processed."),
                              code="busy")
    if item.detected_at is None:
        raise ValidationError(_("The faces on this photo or video have not been found "
                                "yet; try again."), code="not_detected")


def _invalidate_result(item: MediaItem) -> str:
    """A change to what is blurred makes the blurred version outdated: back to ready, and
    the old file goes once the change commits. Returns the old file's name."""
    old = item.result.name or ""
    if item.status == MediaItem.Status.DONE or old:
        item.result.name = ""
        item.blurred_at = None
        item.status = MediaItem.Status.READY
        item.progress = 100
        item.save(update_fields=["result", "blurred_at", "status", "progress", "updated_at"])
        if old:
            transaction.on_commit(lambda: storage.delete(old))
    return old


def _valid_box(item: MediaItem, box: Sequence[int]) -> tuple[int, int, int, int]:
    try:
        x1, y1, x2, y2 = (int(v) for v in box)
    except (TypeError, ValueError):
        raise _refused("box", _("A box is four whole numbers: left, top, right, bottom."),
                       ) from None
    width, height = item.width or 0, item.height or 0
    x1, x2 = max(0, min(x1, x2)), min(width, max(x1, x2))
    y1, y2 = max(0, min(y1, y2)), min(height, max(y1, y2))
    if x2 - x1 < 4 or y2 - y1 < 4:
        raise _refused("box", _("Draw a box of at least 4 by 4 pixels inside the photo."))
    return x1, y1, x2, y2


def do_draw_face(item: MediaItem, box: Sequence[int], by: Actor | None) -> MediaFace:
    """Adds a face the software missed, drawn by the person, with the next number. On a
    video the box covers that spot in every frame. It is blurred unless tagged otherwise
    later: a face someone took the trouble to draw is one that must not slip through."""
    with transaction.atomic():
        item = _locked(item)
        _require_editable(item)
        clean = _valid_box(item, box)
        number = (item.faces.aggregate(n=Max("number"))["n"] or 0) + 1
        face = MediaFace(item=item, number=number, score=None,
                         source=MediaFace.Source.DRAWN, blur=True)
        face.box = clean
        face.save()
        _invalidate_result(item)
        do_record("media_face_drawn", actor=_user_of(by), school=item.school_id,
                  target=item, detail={"face": number})
    return face


def do_remove_face(face: MediaFace, by: Actor | None) -> MediaFace:
    """Marks a box as no face (a false detection); its number stays taken."""
    with transaction.atomic():
        item = _locked(face.item)
        _require_editable(item)
        face = MediaFace.objects.select_for_update().get(pk=face.pk)
        face.removed = True
        face.save(update_fields=["removed"])
        _invalidate_result(item)
        do_record("media_face_removed", actor=_user_of(by), school=item.school_id,
                  target=item, detail={"face": face.number})
    return face


def do_tag_face(face: MediaFace, *, student: Person | None = None,
                tag: str = MediaFace.Tag.STUDENT, by: Actor | None) -> MediaFace:
    """Tags a face: as a student of the school (``student``), or as "not ours",
    "unknown" or back to untagged. Only a student the tagger may see can be chosen, so a
    tag never reveals someone else's consent. Audited: who tagged which face as whom."""
    if student is not None:
        tag = MediaFace.Tag.STUDENT
    if tag not in MediaFace.Tag.values:
        raise _refused("tag", _("Choose a student, “not a student of ours” or “unknown”."))
    if tag == MediaFace.Tag.STUDENT and student is None:
        raise _refused("student", _("Choose the student from the class list."))
    with transaction.atomic():
        item = _locked(face.item)
        _require_editable(item)
        if student is not None:
            membership = _membership_of(by)
            visible = (people_visible_to(membership) if membership is not None
                       else Person.objects.none())
            if (student.school_id != item.school_id or student.role != Person.Role.LEERLING
                    or not visible.filter(pk=student.pk).exists()):
                raise _refused("student", _("This is not a student you can tag."))
        face = MediaFace.objects.select_for_update().get(pk=face.pk)
        face.tag, face.student = tag, student
        face.save(update_fields=["tag", "student"])
        detail: dict[str, Any] = {"face": face.number, "tag": tag}
        if student is not None:
            detail["student"] = student.pk
        do_record("media_face_tagged", actor=_user_of(by), school=item.school_id,
                  target=item, detail=detail)
    return face


def do_set_blur(item: MediaItem, face_numbers: Iterable[int], by: Actor | None,
                ) -> MediaItem:
    """Chooses the faces to blur: exactly ``face_numbers`` (the rest stay sharp)."""
    wanted = {int(n) for n in face_numbers}
    with transaction.atomic():
        item = _locked(item)
        _require_editable(item)
        known = set(item.faces.values_list("number", flat=True))
        if wanted - known:
            raise _refused("faces", _("There is no face %(numbers)s on this photo or video.")
                           % {"numbers": ", ".join(str(n) for n in sorted(wanted - known))})
        before = set(item.faces.filter(blur=True).values_list("number", flat=True))
        if before != wanted:
            item.faces.update(blur=False)
            item.faces.filter(number__in=wanted).update(blur=True)
            _invalidate_result(item)
        do_record("media_blur_chosen", actor=_user_of(by), school=item.school_id,
                  target=item, detail={"faces": sorted(wanted)})
    return item


def do_request_blur(item: MediaItem, by: Actor | None, *,
                    keep_audio: bool | None = None) -> TaskResult[Any] | None:
    """Starts making the blurred, metadata-free version (every output is rebuilt from its
    pixels, even with nothing to blur). Returns the job, or None when the current blurred
    version is already up to date."""
    if item.kind == MediaItem.Kind.SOUND:
        raise ValidationError(_("A sound recording has no faces to blur."), code="sound")
    with transaction.atomic():
        item = _locked(item)
        _require_editable(item)
        if not item.original.name:
            raise ValidationError(_("The original of this photo or video has been deleted "
                                    "after the retention period; upload it again."),
                                  code="gone")
        if keep_audio is not None and keep_audio != item.keep_audio:
            item.keep_audio = keep_audio
            _invalidate_result(item)
        if item.status == MediaItem.Status.DONE and item.result.name:
            return None
        item.status, item.progress, item.error = MediaItem.Status.BLURRING, 0, ""
        item.generation += 1
        item.save(update_fields=["status", "progress", "error", "generation", "keep_audio",
                                 "updated_at"])
        do_record("media_blur_requested", actor=_user_of(by), school=item.school_id,
                  target=item, detail={"faces": sorted(item.faces.filter(
                      blur=True, removed=False).values_list("number", flat=True))})
    from protocolwijzer.media.tasks import blur_media

    return _enqueue(blur_media, item)


def do_retry(item: MediaItem, by: Actor | None) -> TaskResult[Any]:
    """Starts a failed (or stalled) job again: detection if the faces were never found,
    else the blur. Used by the person on the page and by an operator
    (``manage retry_media``)."""
    from protocolwijzer.media.tasks import blur_media, detect_media

    with transaction.atomic():
        item = _locked(item)
        if not item.can_retry:
            raise ValidationError(_("This photo or video is not waiting for a new try."),
                                  code="not_failed")
        if not item.original.name:
            raise ValidationError(_("The original of this photo or video has been deleted "
                                    "after the retention period; upload it again."),
                                  code="gone")
        detect = item.detected_at is None
        item.status = MediaItem.Status.DETECTING if detect else MediaItem.Status.BLURRING
        item.progress, item.error = 0, ""
        item.generation += 1
        item.save(update_fields=["status", "progress", "error", "generation", "updated_at"])
        do_record("media_retried", actor=_user_of(by), school=item.school_id, target=item,
                  detail={"step": "detect" if detect else "blur"})
    return _enqueue(detect_media if detect else blur_media, item)


def do_mark_checked(item: MediaItem, *, channel: str | None, by: Actor | None,
                    day: datetime.date | None = None) -> list[FaceConsent]:
    """Records that the item was checked (retention counts from here) and returns the
    register's consent per face; reading the tagged students' consent is audited like
    opening a class list (how many, never who)."""
    day = day or timezone.localdate()
    faces = faces_against_consent(item, channel, day)
    with transaction.atomic():
        MediaItem.objects.filter(pk=item.pk).update(checked_at=timezone.now())
        students = sum(1 for face in faces if face.student is not None)
        do_record("media_checked", actor=_user_of(by), school=item.school_id, target=item,
                  detail={"students": students, "channel": channel or ""})
    item.refresh_from_db(fields=["checked_at"])
    return faces


def do_delete_media(item: MediaItem, by: Actor | None, *, reason: str = "user") -> None:
    """Removes the item, its faces and every file of it (the person no longer needs it,
    or retention). Files go once the rows are gone, so nothing points at a missing file."""
    names = [item.original.name, item.result.name, item.tracks.name,
             *item.faces.exclude(thumbnail="").values_list("thumbnail", flat=True)]
    folder = item.storage_prefix
    with transaction.atomic():
        do_record("media_deleted", actor=_user_of(by), school=item.school_id, target=item,
                  detail={"kind": item.kind, "reason": reason})
        MediaItem.objects.filter(pk=item.pk).delete()

        def remove_files() -> None:
            storage.delete(*names)
            # Anything a job left behind in the item's folder (an unpublished output).
            with contextlib.suppress(OSError, NotImplementedError):
                storage.delete(*storage.list_folder(folder))

        transaction.on_commit(remove_files)
