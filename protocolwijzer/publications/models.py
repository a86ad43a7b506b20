"""The publication log and its take-down tasks (issue 14).

When someone publishes a photo or video of pupils (after a check that said "allowed", or
any other time), the school logs what, where, when and which pupils are on it. When a
pupil's consent for a purpose of that publication is withdrawn (or a pupil of 16 or older
refuses), the publication becomes a take-down task for communicatie, due within the
school's term in working days, done when someone marks the pupil removed from it or the
item replaced by a version where the pupil cannot be recognised.

Pupils are linked, never copied: when the consent register's retention purge deletes a
pupil who left, their place on publications and their tasks go with them (``CASCADE``).
The log itself is kept under ``retention.py``.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from protocolwijzer.consent.models import Decision, Purpose
from protocolwijzer.schools.models import Person, School

DEFAULT_LOG_RETENTION_MONTHS = 24


class PublicationSettings(models.Model):
    """How long a school keeps its publication log. (The take-down term is the consent
    register's: ``ConsentSettings.takedown_working_days``, which parents read.)"""

    school = models.OneToOneField(School, on_delete=models.CASCADE,
                                  related_name="publication_settings",
                                  verbose_name=_("school"))
    retention_months = models.PositiveSmallIntegerField(
        _("months to keep the log of publications that are offline"),
        default=DEFAULT_LOG_RETENTION_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("A publication that is no longer online, and a finished take-down "
                    "task, leave the log after this many months."))

    class Meta:
        verbose_name = _("publication settings")
        verbose_name_plural = _("publication settings")

    def __str__(self) -> str:
        return str(self.school)


class Publication(models.Model):
    """Something the school published that shows pupils: what, where, when, who is on it.

    ``purposes`` are what the publication needs consent for: the purpose of its channel
    (``consent.register.purpose_code_for_channel``) and, for a video, the video purpose.
    """

    class Kind(models.TextChoices):
        PHOTO = "photo", _("photo or photos")
        VIDEO = "video", _("video")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="publications",
                               verbose_name=_("school"))
    description = models.CharField(_("what"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices,
                            default=Kind.PHOTO)
    channel = models.CharField(_("channel"), max_length=40, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    published_at = models.DateTimeField(_("published at"))
    purposes = models.ManyToManyField(Purpose, related_name="publications",
                                      verbose_name=_("purposes"))
    students = models.ManyToManyField(Person, related_name="publications",
                                      verbose_name=_("students on it"))
    logged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+",
                                  verbose_name=_("logged by"))
    logged_at = models.DateTimeField(_("logged at"), default=timezone.now)
    # The check that said "allowed" before it went out, when there was one.
    check_record = models.ForeignKey("checks.CheckRecord", on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="publications",
                                     verbose_name=_("check"))
    # Set when the whole publication is no longer online (deleted post, old newsletter
    # removed from the website); retention counts from here.
    offline_since = models.DateTimeField(_("offline since"), null=True, blank=True)
    offline_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("taken offline by"))

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["school", "-published_at"])]

    def __str__(self) -> str:
        return self.description

    @property
    def is_online(self) -> bool:
        return self.offline_since is None


class TakedownTask(models.Model):
    """One pupil to take off one publication."""

    class Reason(models.TextChoices):
        WITHDRAWN = "withdrawn", _("a parent or guardian withdrew consent")
        STUDENT_REFUSED = "student_refused", _("the student (16 or older) refused")
        NO_CONSENT = "no_consent", _("there was no consent when it was logged")

    class Status(models.TextChoices):
        OPEN = "open", _("to do")
        REMOVED = "removed", _("removed")
        REPLACED = "replaced", _("replaced by a version without the student")
        NOT_NEEDED = "not_needed", _("no longer needed: consent was given again")

    DONE = (Status.REMOVED, Status.REPLACED)

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE,
                                    related_name="takedown_tasks",
                                    verbose_name=_("publication"))
    student = models.ForeignKey(Person, on_delete=models.CASCADE,
                                related_name="takedown_tasks", verbose_name=_("student"))
    reason = models.CharField(_("why"), max_length=20, choices=Reason.choices)
    # The decision that made it (a withdrawal, a 16+ student's refusal); none when the
    # publication was logged without consent.
    decision = models.ForeignKey(Decision, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="takedown_tasks", verbose_name=_("decision"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.OPEN)
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                null=True, blank=True, related_name="+",
                                verbose_name=_("done by"))
    # Where the version without the student is (when replaced).
    replacement_link = models.URLField(_("link to the new version"), max_length=500,
                                       blank=True)
    # When communicatie was told that it is overdue (once per task).
    overdue_notified_at = models.DateTimeField(_("overdue reminder sent at"), null=True,
                                               blank=True)

    class Meta:
        verbose_name = _("take-down task")
        verbose_name_plural = _("take-down tasks")
        ordering = ["due_on", "pk"]
        constraints = [
            # One open task per pupil per publication: a second withdrawal (another purpose,
            # the other guardian) adds nothing to do.
            models.UniqueConstraint(fields=["publication", "student"],
                                    condition=models.Q(status="open"),
                                    name="takedown_one_open_task_per_student"),
        ]

    def __str__(self) -> str:
        return f"{self.publication} · {self.student}"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_done(self) -> bool:
        return self.status in self.DONE

    def is_overdue(self, today: datetime.date) -> bool:
        return self.is_open and today > self.due_on

    @property
    def done_in_time(self) -> bool | None:
        """Whether it was done by its due date (None while not done)."""
        if not self.is_done or self.done_at is None:
            return None
        return timezone.localdate(self.done_at) <= self.due_on
