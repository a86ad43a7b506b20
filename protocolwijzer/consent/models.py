"""The consent register (beeldtoestemming): per student, per purpose, with history.

A decision is never changed or deleted: withdrawing is a new decision (AVG art. 7(3):
as easy as giving), so the history always shows who decided what, when, how and under
which consent text. What counts today is worked out in ``register.py``.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import uuid
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from protocolwijzer.schools.models import Person, School


class ConsentSettings(models.Model):
    class Disagreement(models.TextChoices):
        REFUSAL_WINS = "refusal_wins", _("A refusal by either guardian wins")
        LATEST_WINS = "latest_wins", _("The latest decision of a guardian counts")

    school = models.OneToOneField(School, on_delete=models.CASCADE,
                                  related_name="consent_settings", verbose_name=_("school"))
    disagreement = models.CharField(_("when guardians disagree"), max_length=20,
                                    choices=Disagreement.choices,
                                    default=Disagreement.REFUSAL_WINS)
    retention_months = models.PositiveIntegerField(
        _("months to keep the decisions of students who left"), default=12)
    # What a withdrawal does to what was already published: the school takes it down
    # within this many working days (issue 14). The guardian's page says so; take-down
    # tasks get their due date from it.
    takedown_working_days = models.PositiveSmallIntegerField(
        _("working days to take down what was published after a withdrawal"), default=5,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("Parents read this number on their page. Monday to Friday count."))

    class Meta:
        verbose_name = _("consent settings")
        verbose_name_plural = _("consent settings")

    def __str__(self) -> str:
        return str(self.school)


class RegisterHistoryIsFinal(Exception):
    """What a recorded decision was given on (a consent text, a purpose's wording) is
    history: make a new version or a new purpose instead."""


class Purpose(models.Model):
    """What a photo or video may be used for. Consent is given per purpose, never bundled.

    Once a decision was given for a purpose, its code, name and description are what that
    decision means: ``save()`` refuses to change them (and the admin shows them read-only).
    A purpose that changes meaning is a new purpose; the old one is set out of use. Its
    order, whether it is in use and the school's rules (silence, ask every year) stay
    editable: they decide what counts today, not what a past decision said.
    """

    MEANING_FIELDS = ("code", "name", "description")

    class Silence(models.TextChoices):
        # Opt-in: no answer is no (Roermond A.5, Willibrord A.5 for social media).
        MEANS_NO = "no", _("No answer means no (opt-in)")
        # Opt-out: no answer is yes (Willibrord A.8 for the school website).
        MEANS_YES = "yes", _("No answer means yes (opt-out)")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="purposes",
                               verbose_name=_("school"))
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("what it means"), blank=True)
    silence = models.CharField(_("without an answer"), max_length=3, choices=Silence.choices,
                               default=Silence.MEANS_NO)
    ask_each_year = models.BooleanField(
        _("ask again every school year"), default=False,
        help_text=_("Decisions from an earlier school year then no longer count."))
    order = models.PositiveIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        verbose_name = _("purpose")
        verbose_name_plural = _("purposes")
        ordering = ["school", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["school", "code"],
                                               name="purpose_unique_code_in_school")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.has_decisions:
            stored = Purpose.objects.filter(pk=self.pk).values(*self.MEANING_FIELDS).first()
            if stored and any(stored[f] != getattr(self, f) for f in self.MEANING_FIELDS):
                raise RegisterHistoryIsFinal(
                    "This purpose has decisions: its code, name and description are "
                    "history. Make a new purpose and set this one out of use.")
        super().save(*args, **kwargs)

    @property
    def has_decisions(self) -> bool:
        return self.pk is not None and Decision.objects.filter(purpose_id=self.pk).exists()


class ConsentText(models.Model):
    """The text a guardian or student reads before deciding; every change is a new version.

    A text that a decision was given on is immutable: ``save()`` refuses to change it and
    the admin shows it read-only, so the history always shows the words that were read.
    """

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="consent_texts",
                               verbose_name=_("school"))
    version = models.PositiveIntegerField(_("version"))
    body = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        ordering = ["school", "-version"]
        constraints = [models.UniqueConstraint(fields=["school", "version"],
                                               name="consent_text_unique_version")]

    def __str__(self) -> str:
        return f"{self.school} v{self.version}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.is_used:
            raise RegisterHistoryIsFinal(
                "This consent text was used for decisions and cannot change; add a new "
                "version instead.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self.is_used:
            raise RegisterHistoryIsFinal("This consent text was used for decisions.")
        return super().delete(*args, **kwargs)

    @property
    def is_used(self) -> bool:
        return self.pk is not None and Decision.objects.filter(text_id=self.pk).exists()


class DecisionIsFinal(Exception):
    """A recorded decision is history: record a new one instead."""


class Decision(models.Model):
    class Choice(models.TextChoices):
        GIVEN = "given", _("yes")
        REFUSED = "refused", _("no")

    class How(models.TextChoices):
        GUARDIAN_PAGE = "guardian_page", _("on the guardian's page")
        PAPER_FORM = "paper_form", _("on a paper form, registered by staff")
        STUDENT = "student", _("by the student")

    # PROTECT: a person with decisions is never deleted by accident, taking the history
    # with them; only the retention purge (retention.py) removes both, decisions first.
    student = models.ForeignKey(Person, on_delete=models.PROTECT,
                                related_name="consent_decisions", verbose_name=_("student"))
    purpose = models.ForeignKey(Purpose, on_delete=models.PROTECT, related_name="decisions",
                                verbose_name=_("purpose"))
    choice = models.CharField(_("decision"), max_length=10, choices=Choice.choices)
    # Who decided: a guardian of the student, or the student (from 16).
    decided_by = models.ForeignKey(Person, on_delete=models.PROTECT, null=True,
                                   related_name="consent_decisions_made",
                                   verbose_name=_("decided by"))
    how = models.CharField(_("how"), max_length=20, choices=How.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("registered by"))
    text = models.ForeignKey(ConsentText, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="decisions", verbose_name=_("consent text shown"))
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)
    # A paper form (how=paper_form): the date the guardian or student signed it. The
    # decision counts from when it is recorded (decided_at); the form's date is evidence.
    form_dated = models.DateField(_("date on the form"), null=True, blank=True)
    # The paper form this decision was copied from (how=paper_form, issue 14): who signed
    # it, its date, who recorded it and its scan, if one was kept.
    paper_form = models.ForeignKey("PaperForm", on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="decisions",
                                   verbose_name=_("paper form"))

    class Meta:
        verbose_name = _("consent decision")
        verbose_name_plural = _("consent decisions")
        ordering = ["-decided_at", "-pk"]
        indexes = [models.Index(fields=["student", "purpose", "decided_at"])]

    def __str__(self) -> str:
        return f"{self.student} · {self.purpose}: {self.choice}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise DecisionIsFinal("A consent decision is never changed; record a new one.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise DecisionIsFinal("A consent decision is never deleted, only purged by the "
                              "retention job.")


def _guardian_link_expiry() -> Any:
    # The default of every personal link (guardian or student): 30 days from now.
    return timezone.now() + PersonalLink.VALID_FOR


class PersonalLink(models.Model):
    """A personal link with which someone decides on consent without an account: a
    guardian for their children (issue 5), a student of 16 or older for themselves
    (issue 14).

    Only the SHA-256 of the link's token is stored, as for invitations: someone who reads
    the database or a backup cannot open the page. A new link for a person revokes their
    earlier ones, so a lost letter or mail stops working once a new one is made.
    """

    VALID_FOR = datetime.timedelta(days=30)

    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("made by"))
    created_at = models.DateTimeField(_("made at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), default=_guardian_link_expiry)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode("utf-8")).hexdigest()

    def is_usable(self, now: datetime.datetime) -> bool:
        return self.revoked_at is None and now < self.expires_at


class GuardianLink(PersonalLink):
    """A guardian's personal link (issue 5): it opens the page of their own children."""

    guardian = models.ForeignKey(Person, on_delete=models.CASCADE,
                                 related_name="guardian_links", verbose_name=_("guardian"))

    class Meta(PersonalLink.Meta):
        verbose_name = _("guardian link")
        verbose_name_plural = _("guardian links")

    def __str__(self) -> str:
        return f"{self.guardian} ({timezone.localtime(self.created_at):%Y-%m-%d})"


class StudentLink(PersonalLink):
    """A student's own link (issue 14): from 16 a student decides on their own consent,
    and not every student has an account."""

    student = models.ForeignKey(Person, on_delete=models.CASCADE,
                                related_name="student_links", verbose_name=_("student"))

    class Meta(PersonalLink.Meta):
        verbose_name = _("student link")
        verbose_name_plural = _("student links")

    def __str__(self) -> str:
        return f"{self.student} ({timezone.localtime(self.created_at):%Y-%m-%d})"


class PrivateStorage(FileSystemStorage):
    """Files that are personal data (a scanned consent form): in the private files
    directory that backups take along (``audit.backup.files_root``: ``MEDIA_ROOT``, by
    default ``<PW_DATA_DIR>/media``), which nothing serves, and with no address of their
    own. They reach a browser only through a view that checks who asks and records it."""

    def __init__(self, subdirectory: str) -> None:
        self.subdirectory = subdirectory
        super().__init__()

    @property  # type: ignore[override]
    def base_location(self) -> str:
        # Read at every use, so that a test (or an operator) can point it elsewhere.
        from protocolwijzer.audit.backup import files_root

        return str(files_root() / self.subdirectory)

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    def url(self, name: str | None) -> str:
        raise ValueError("A private file has no public address; serve it through a view "
                         "that checks access.")


def paper_form_storage() -> PrivateStorage:
    return PrivateStorage("paper-forms")


def _scan_name(instance: PaperForm, filename: str) -> str:
    # A random name: never the student's name, never the name the file was uploaded with.
    extension = SCAN_EXTENSIONS.get(instance.scan_type, "")
    return f"{instance.student.school_id}/{uuid.uuid4().hex}{extension}"


SCAN_EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


class PaperForm(models.Model):
    """A paper consent form as a staff member recorded it (issue 10, point 2 and issue 14):
    who signed it (a guardian, or the student from 16), the date on it, who recorded it
    and when, and optionally its scan. The choices on it are Decisions that point here.

    Like a decision, it is history: never changed, only removed with the student by the
    retention job (which removes the scan too)."""

    student = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="paper_forms",
                                verbose_name=_("student"))
    signed_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("signed by"))
    form_dated = models.DateField(_("date on the form"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    scan = models.FileField(_("scan"), storage=paper_form_storage, upload_to=_scan_name,
                            blank=True, max_length=200)
    scan_type = models.CharField(_("kind of scan"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("paper form")
        verbose_name_plural = _("paper forms")
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.student} ({self.form_dated:%Y-%m-%d})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise DecisionIsFinal("A recorded paper form is never changed.")
        super().save(*args, **kwargs)
