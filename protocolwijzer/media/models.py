"""Photos, videos and sound recordings uploaded to the checker, and the faces on them.

A photo of a class is personal data of every child on it, and a face is close to
biometric data: everything here is private. Files live in the private storage
(``STORAGES["media_private"]``, never under a public URL) and are served only through
``views.file`` after ``access.access_media_item``; they are deleted after the school's
retention period (``retention.py``). Faces are found by software and tagged by people:
there is no face template, no recognition, no comparison between faces (AVG art. 9,
UAVG art. 29).

State changes go through ``actions.py``; the jobs that detect and blur are in
``tasks.py`` and publish their output atomically (see ``MediaItem.Status``).
"""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from protocolwijzer.schools.models import Group, Person, School


def private_storage() -> Storage:
    """The storage of originals, results and thumbnails (settings: ``media_private``)."""
    return storages["media_private"]


class MediaSettings(models.Model):
    """A school's retention of the checker's files, beside its consent settings.

    AVG art. 5(1)(e): a photo is kept only as long as the check needs it. The original
    goes soon after the check (the blurred version is what is posted); the blurred
    result stays a while so the person can download it again.
    """

    DEFAULT_ORIGINAL_HOURS = 24
    DEFAULT_RESULT_DAYS = 30

    school = models.OneToOneField(School, on_delete=models.CASCADE,
                                  related_name="media_settings", verbose_name=_("school"))
    original_hours = models.PositiveIntegerField(
        _("hours to keep an uploaded original after the check"),
        default=DEFAULT_ORIGINAL_HOURS)
    result_days = models.PositiveIntegerField(
        _("days to keep a blurred version"), default=DEFAULT_RESULT_DAYS)

    class Meta:
        verbose_name = _("photo and video settings")
        verbose_name_plural = _("photo and video settings")

    def __str__(self) -> str:
        return str(self.school)

    @classmethod
    def for_school(cls, school_id: int) -> MediaSettings:
        """The school's settings, or the defaults when it has none stored."""
        found = cls.objects.filter(school_id=school_id).first()
        return found or cls(school_id=school_id)


class MediaItem(models.Model):
    class Kind(models.TextChoices):
        PHOTO = "photo", _("photo")
        VIDEO = "video", _("video")
        SOUND = "sound", _("sound recording")

    class Status(models.TextChoices):
        # A job runs: faces are being found. The item has no faces yet.
        DETECTING = "detecting", _("finding faces")
        # Faces found (or drawn); tagging and choosing what to blur.
        READY = "ready", _("ready for tagging")
        # A job runs: the blurred version is being made.
        BLURRING = "blurring", _("blurring")
        # The blurred version is published in ``result``; only now is it served.
        DONE = "done", _("blurred version ready")
        FAILED = "failed", _("failed")

    RUNNING = (Status.DETECTING, Status.BLURRING)

    # Part of the storage path, so that a file name reveals no database id.
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="media_items",
                               verbose_name=_("school"))
    uploaded_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="media_items",
                                    verbose_name=_("uploaded by"))
    # The class whose list is shown beside the photo for tagging.
    group = models.ForeignKey(Group, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="media_items", verbose_name=_("group"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    format = models.CharField(_("format"), max_length=10)
    width = models.PositiveIntegerField(_("width"), null=True, blank=True)
    height = models.PositiveIntegerField(_("height"), null=True, blank=True)
    frames = models.PositiveIntegerField(_("frames"), null=True, blank=True)
    duration = models.FloatField(_("duration in seconds"), null=True, blank=True)
    # Empty once retention removed the file.
    original = models.FileField(_("original"), storage=private_storage, max_length=255,
                                blank=True)
    result = models.FileField(_("blurred version"), storage=private_storage, max_length=255,
                              blank=True)
    # Video: the face tracks found by detection (boxes per frame), which blurring needs.
    tracks = models.FileField(_("face tracks"), storage=private_storage, max_length=255,
                              blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DETECTING)
    progress = models.PositiveSmallIntegerField(_("progress in percent"), default=0)
    error = models.TextField(_("what went wrong"), blank=True)
    keep_audio = models.BooleanField(_("keep the sound of a video"), default=False)
    # Raised by every request for a job (upload, blur, retry). A job publishes only when
    # the item is still at the generation it was started for, so a late duplicate or an
    # outdated job never overwrites newer work.
    generation = models.PositiveIntegerField(default=0, editable=False)
    job_id = models.CharField(_("job"), max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now, db_index=True)
    # Every save of progress touches this: a running item that has not moved for a long
    # time lost its job (see ``is_stalled``).
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    detected_at = models.DateTimeField(_("faces found at"), null=True, blank=True)
    blurred_at = models.DateTimeField(_("blurred at"), null=True, blank=True)
    checked_at = models.DateTimeField(_("checked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("photo or video")
        verbose_name_plural = _("photos and videos")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk} ({self.school})"

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING

    @property
    def is_stalled(self) -> bool:
        """A job should be running but nothing has moved for ``PW_MEDIA_STALLED_MINUTES``:
        its worker died and the queue gave up on it, or the queue lost it (a restart of
        Redis). The person may then start it again (``do_retry``)."""
        if not self.is_running or self.updated_at is None:
            return False
        limit = datetime.timedelta(minutes=settings.PW_MEDIA_STALLED_MINUTES)
        return timezone.now() - self.updated_at > limit

    @property
    def can_retry(self) -> bool:
        return self.status == self.Status.FAILED or self.is_stalled

    @property
    def storage_prefix(self) -> str:
        return f"{self.school_id}/{self.key}"

    @property
    def retention_start(self) -> datetime.datetime:
        """Retention counts from the check, or from the upload if it was never checked."""
        return self.checked_at or self.created_at


class MediaFace(models.Model):
    class Source(models.TextChoices):
        DETECTED = "detected", _("found by the software")
        DRAWN = "drawn", _("drawn by hand")

    class Tag(models.TextChoices):
        STUDENT = "student", _("a student of ours")
        NOT_OURS = "not_ours", _("not a student of ours")
        UNKNOWN = "unknown", _("unknown")
        UNTAGGED = "untagged", _("not tagged yet")

    item = models.ForeignKey(MediaItem, on_delete=models.CASCADE, related_name="faces",
                             verbose_name=_("photo or video"))
    # As shown over the photo, from 1; a removed face keeps its number, a drawn one gets
    # the next, so numbers never shift under the person tagging.
    number = models.PositiveSmallIntegerField(_("number"))
    x1 = models.IntegerField()
    y1 = models.IntegerField()
    x2 = models.IntegerField()
    y2 = models.IntegerField()
    score = models.FloatField(_("detection score"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices,
                              default=Source.DETECTED)
    removed = models.BooleanField(_("removed as not a face"), default=False)
    track = models.PositiveIntegerField(_("video track"), null=True, blank=True)
    thumbnail = models.FileField(_("thumbnail"), storage=private_storage, max_length=255,
                                 blank=True)
    tag = models.CharField(_("tag"), max_length=10, choices=Tag.choices,
                           default=Tag.UNTAGGED)
    # SET_NULL: the consent retention may delete a student who left; the face then
    # counts as an unknown person.
    student = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="media_faces", verbose_name=_("student"))
    blur = models.BooleanField(_("blur"), default=False)

    class Meta:
        verbose_name = _("face")
        verbose_name_plural = _("faces")
        ordering = ["item", "number"]
        constraints = [
            models.UniqueConstraint(fields=["item", "number"], name="media_face_number"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id} #{self.number}"

    @property
    def box(self) -> tuple[int, int, int, int]:
        return (self.x1, self.y1, self.x2, self.y2)

    @box.setter
    def box(self, value: Any) -> None:
        self.x1, self.y1, self.x2, self.y2 = (int(v) for v in value)

    @property
    def is_shown(self) -> bool:
        """Whether the face can be seen in what is posted: not removed, not blurred."""
        return not self.removed and not self.blur
