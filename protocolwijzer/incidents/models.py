"""Incidents and measures (issue 15): reports, the cases that handle them, the measures
people decide, the duties the protocol or the law sets, and the dossier entries a case
makes.

A ``Report`` is what someone told the school (possibly anonymously: then nothing
identifying is stored at all). A ``Case`` is the school's handling of one or more reports:
triage against the protocol version in force on the day it happened, severity, measures,
duties, closing. The software never decides a sanction: ``Measure`` records what a person
decided, from the options the protocol file gives. Every change goes through
``actions.py`` and leaves a ``CaseEvent`` (append-only) and an audit event.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any, NoReturn

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from protocolwijzer.schools.models import Person, School

DEFAULT_TRIAGE_DAYS = 5
DEFAULT_RETENTION_YEARS = 2
# Reference codes leave out letters and digits that read alike (0/O, 1/I/L).
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


class IncidentSettings(models.Model):
    """One school's choices: who the aanspreekpunt pesten is (Wet veiligheid op school),
    how many days triage may take, and how long dossier entries are kept."""

    school = models.OneToOneField(School, on_delete=models.CASCADE,
                                  related_name="incident_settings", verbose_name=_("school"))
    aanspreekpunt = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("aanspreekpunt pesten"),
        help_text=_("The staff member pupils can turn to about bullying, also "
                    "anonymously."))
    triage_days = models.PositiveSmallIntegerField(
        _("days for triage"), default=DEFAULT_TRIAGE_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("A new report that has not been triaged after this many days is "
                    "overdue; the handler gets a reminder."))
    retention_years = models.PositiveSmallIntegerField(
        _("years to keep dossier entries"), default=DEFAULT_RETENTION_YEARS,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Dossier entries are removed this many years after the person left "
                    "the school."))

    class Meta:
        verbose_name = _("incident settings")
        verbose_name_plural = _("incident settings")

    def __str__(self) -> str:
        return str(self.school)

    @classmethod
    def for_school(cls, school_id: int) -> IncidentSettings:
        """The school's settings; the defaults (unsaved) when it has chosen none yet."""
        found = cls.objects.select_related("aanspreekpunt").filter(school_id=school_id).first()
        return found or cls(school_id=school_id)


def new_reference() -> str:
    """A short code the reporter can read out and type: "M-4K7Q9"."""
    return "M-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(5))


class Report(models.Model):
    class Channel(models.TextChoices):
        ACCOUNT = "account", _("signed in")
        GUARDIAN_LINK = "guardian_link", _("parent's link")
        ANONYMOUS = "anonymous", _("anonymous")
        PUBLIC = "public", _("public form")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="reports",
                               verbose_name=_("school"))
    reference = models.CharField(_("reference"), max_length=16, unique=True,
                                 default=new_reference)
    created_at = models.DateTimeField(_("reported at"), default=timezone.now)
    channel = models.CharField(_("reported through"), max_length=20, choices=Channel.choices)
    # NULL for anonymous and public reports: nothing identifying is stored.
    reporter = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="reports_made", verbose_name=_("reported by"))
    # Anonymous and public reporters follow their report's status with a secret shown
    # once; only its hash is kept.
    status_secret_hash = models.CharField(_("status secret (hash)"), max_length=128,
                                          blank=True)
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)
    # The checker's channel codes (instagram, tiktok, whatsapp, ...).
    platform = models.CharField(_("where"), max_length=60, blank=True)
    happened_on = models.DateField(_("happened on"), null=True, blank=True)
    description = models.TextField(_("what happened"))
    link = models.URLField(_("link"), max_length=500, blank=True)
    involved = models.ManyToManyField(Person, blank=True, related_name="reported_in",
                                      verbose_name=_("people involved"))
    involved_described = models.TextField(_("people involved (described)"), blank=True)
    # Anonymous pupil reports go to the aanspreekpunt pesten.
    to_aanspreekpunt = models.BooleanField(_("for the aanspreekpunt pesten"), default=False)
    case = models.ForeignKey("Case", on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="reports", verbose_name=_("case"))

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_anonymous(self) -> bool:
        return self.channel in (self.Channel.ANONYMOUS, self.Channel.PUBLIC)

    @staticmethod
    def hash_secret(secret: str) -> str:
        """The stored form of a status secret (random, long: a plain SHA-256 suffices, as
        for invitation tokens)."""
        return hashlib.sha256(secret.strip().encode("utf-8")).hexdigest()

    @staticmethod
    def new_status_secret() -> tuple[str, str]:
        """A secret to show the reporter once, and its hash to store."""
        secret = secrets.token_urlsafe(18)
        return secret, Report.hash_secret(secret)

    def status_secret_matches(self, secret: str) -> bool:
        return bool(self.status_secret_hash) and secrets.compare_digest(
            self.hash_secret(secret), self.status_secret_hash)


class Case(models.Model):
    class Status(models.TextChoices):
        NEW = "new", _("new")
        TRIAGE = "triage", _("being triaged")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")

    class Severity(models.TextChoices):
        LICHT = "licht", _("minor")
        ERNSTIG = "ernstig", _("serious")
        # A staff member crossing boundaries towards a pupil (Willibrord sancties.2).
        GRENSOVERSCHRIJDEND = "grensoverschrijdend", _("boundary-crossing")
        MOGELIJK_STRAFBAAR = "mogelijk_strafbaar", _("possibly a criminal offence")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="cases",
                               verbose_name=_("school"))
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    handler = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="cases_handled", verbose_name=_("handler"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.NEW)
    severity = models.CharField(_("severity"), max_length=20, choices=Severity.choices,
                                blank=True)
    # The protocol in force on the day it happened (not today's, if the school changed).
    protocol_id = models.CharField(_("protocol"), max_length=80, blank=True)
    protocol_version = models.CharField(_("protocol version"), max_length=40, blank=True)
    # The engine's input and output at triage.
    situation = models.JSONField(_("situation"), null=True, blank=True)
    verdict = models.JSONField(_("verdict"), null=True, blank=True)
    # The articles found broken (the handler may correct the engine's list).
    articles = models.JSONField(_("articles"), default=list, blank=True)
    happened_on = models.DateField(_("happened on"), null=True, blank=True)
    triage_due = models.DateField(_("triage due on"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    close_reason = models.TextField(_("why it was closed"), blank=True)
    # When the handler was reminded that triage is overdue (once per case).
    triage_reminded_at = models.DateTimeField(_("triage reminder sent at"), null=True,
                                              blank=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-opened_at", "-pk"]
        indexes = [models.Index(fields=["school", "status"])]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def is_triaged(self) -> bool:
        return self.verdict is not None

    def is_triage_overdue(self, today: Any) -> bool:
        return self.status in (self.Status.NEW, self.Status.TRIAGE) and today > self.triage_due

    @property
    def came_anonymously(self) -> bool:
        return self.reports.filter(channel__in=[Report.Channel.ANONYMOUS,
                                                Report.Channel.PUBLIC]).exists()


class CasePerson(models.Model):
    """Someone the handler linked to a case, in a part."""

    class Part(models.TextChoices):
        SUBJECT = "subject", _("whose behaviour is judged")
        TARGET = "target", _("at whom it was aimed")
        WITNESS = "witness", _("witness")
        OTHER = "other", _("otherwise involved")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="people",
                             verbose_name=_("case"))
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="case_links",
                               verbose_name=_("person"))
    part = models.CharField(_("part"), max_length=10, choices=Part.choices)
    # The handler shared the case's details with this person (never by default: people
    # involved do not see each other's details).
    shared = models.BooleanField(_("case shared with them"), default=False)

    class Meta:
        verbose_name = _("person in a case")
        verbose_name_plural = _("people in cases")
        ordering = ["case", "part", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "person"], name="case_person_once"),
        ]

    def __str__(self) -> str:
        return f"{self.case} · {self.person} ({self.part})"


class Evidence(models.Model):
    """A file sent with a report. The original is kept byte for byte (its hash, taken on
    arrival, shows later tampering); ``view_name`` is the viewing copy without metadata."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence",
                               verbose_name=_("report"))
    case = models.ForeignKey(Case, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="evidence", verbose_name=_("case"))
    name = models.CharField(_("stored file"), max_length=300)
    view_name = models.CharField(_("viewing copy"), max_length=300, blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20)  # image | video | pdf | text
    format = models.CharField(_("format"), max_length=20)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256 on arrival"), max_length=64)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name

    def verify(self) -> bool:
        """Whether the stored original still has the hash it had on arrival (False when
        it was changed or is gone)."""
        from protocolwijzer.media.models import private_storage

        digest = hashlib.sha256()
        try:
            with private_storage().open(self.name, "rb") as handle:
                for chunk in iter(lambda: handle.read(64 * 1024), b""):
                    digest.update(chunk)
        except (FileNotFoundError, OSError):
            return False
        return secrets.compare_digest(digest.hexdigest(), self.sha256)


class CaseEventIsAppendOnly(Exception):
    """Raised on any attempt to change or remove a case's history."""


class CaseEventQuerySet(models.QuerySet["CaseEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise CaseEventIsAppendOnly("A case's history cannot be changed.")

    def delete(self) -> NoReturn:
        raise CaseEventIsAppendOnly("A case's history cannot be removed.")


class CaseEvent(models.Model):
    """One step in a case's history. Append-only: written once by ``actions.py`` (which
    also writes the same step to the tamper-evident audit log), never changed."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="history",
                             verbose_name=_("case"))
    at = models.DateTimeField(_("at"), default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                              null=True, blank=True, related_name="+",
                              verbose_name=_("by"))
    kind = models.CharField(_("what"), max_length=40)
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    objects = CaseEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("case event")
        verbose_name_plural = _("case history")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.case} · {self.kind}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise CaseEventIsAppendOnly("A case's history cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise CaseEventIsAppendOnly("A case's history cannot be removed.")


class Measure(models.Model):
    """A measure a person decided, one of those the protocol's consequence names."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="measures",
                             verbose_name=_("case"))
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="measures",
                               verbose_name=_("for"))
    article = models.CharField(_("article"), max_length=40)  # e.g. sancties.B.1
    measure = models.CharField(_("measure"), max_length=100)  # verbatim from the file
    decided_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("decided by"))
    decided_on = models.DateField(_("decided on"))
    reason = models.TextField(_("why"))
    articles = models.JSONField(_("articles broken"), default=list, blank=True)
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["decided_on", "pk"]

    def __str__(self) -> str:
        return f"{self.measure} ({self.article})"


class Duty(models.Model):
    class Kind(models.TextChoices):
        VERTROUWENSINSPECTEUR = "vertrouwensinspecteur", _(
            "call the vertrouwensinspecteur")
        MELDPLICHT = "meldplicht", _("meldplicht and aangifteplicht (sexual offences)")
        AANGIFTE = "aangifte", _("report to the police (aangifte)")
        INFORM_PARENTS = "inform_parents", _("inform the parents")

    class Status(models.TextChoices):
        OPEN = "open", _("to do")
        DONE = "done", _("done")
        WAIVED = "waived", _("waived, with a reason")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="duties",
                             verbose_name=_("case"))
    kind = models.CharField(_("duty"), max_length=30, choices=Kind.choices)
    article = models.CharField(_("article"), max_length=40, blank=True)
    contact = models.CharField(_("contact"), max_length=60, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.OPEN)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    reference = models.CharField(_("reference"), max_length=100, blank=True)
    waived_reason = models.TextField(_("why it was waived"), blank=True)
    recorded_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # When the handler was reminded that it is still open (once per duty).
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("duty")
        verbose_name_plural = _("duties")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.article})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class DossierEntry(models.Model):
    class File(models.TextChoices):
        PERSONEELSDOSSIER = "personeelsdossier", _("personeelsdossier")
        LEERLINGENDOSSIER = "leerlingendossier", _("leerlingendossier")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("school"))
    person = models.ForeignKey(Person, on_delete=models.CASCADE,
                               related_name="dossier_entries", verbose_name=_("person"))
    file = models.CharField(_("file"), max_length=20, choices=File.choices)
    case = models.ForeignKey(Case, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="dossier_entries", verbose_name=_("case"))
    measure = models.ForeignKey(Measure, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="dossier_entries", verbose_name=_("measure"))
    article = models.CharField(_("article"), max_length=40, blank=True)
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))

    class Meta:
        verbose_name = _("dossier entry")
        verbose_name_plural = _("dossier entries")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.person} · {self.file} · {timezone.localtime(self.created_at):%Y-%m-%d}"


class Question(models.Model):
    """A staff member's "ik twijfel" (Roermond B.3, Willibrord B.4) or "dreigt te
    ontsporen" (Roermond B.2, Willibrord B.3) to their leidinggevende."""

    class Kind(models.TextChoices):
        DOUBT = "doubt", _("in doubt")
        DERAILING = "derailing", _("threatens to get out of hand")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("school"))
    asked_by = models.ForeignKey(Person, on_delete=models.CASCADE,
                                 related_name="questions_asked", verbose_name=_("asked by"))
    to = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="questions_received",
                           verbose_name=_("to"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    article = models.CharField(_("article"), max_length=40, blank=True)
    situation = models.JSONField(_("situation"), default=dict, blank=True)
    verdict = models.JSONField(_("verdict"), default=dict, blank=True)
    text = models.TextField(_("question"), blank=True)
    asked_at = models.DateTimeField(_("asked at"), default=timezone.now)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(Person, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("answered by"))

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["-asked_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {timezone.localtime(self.asked_at):%Y-%m-%d}"
