from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Stichting(models.Model):
    """The school board (bevoegd gezag) that establishes a protocol for its schools."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    # The board's beheerders manage every school of the stichting; they need no Person.
    beheerders = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True,
                                        related_name="beheerder_of",
                                        verbose_name=_("beheerders"))

    class Meta:
        verbose_name = _("stichting")
        verbose_name_plural = _("stichtingen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class School(models.Model):
    stichting = models.ForeignKey(Stichting, on_delete=models.PROTECT, related_name="schools",
                                  verbose_name=_("stichting"))
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    # Points at one exact version, so a school moves to a new text only when someone
    # decides so (the MR's instemming covers a text, not whatever is newest).
    # Note that school.protocol_id is this key's number, not ProtocolVersion.protocol_id.
    protocol = models.ForeignKey("protocols.ProtocolVersion", on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="schools",
                                 verbose_name=_("protocol"))
    # The school's own public contact details: in a post they are never personal data.
    phone = models.CharField(_("public phone number"), max_length=40, blank=True)
    email = models.EmailField(_("public e-mail address"), blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    address = models.CharField(_("visiting address"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def public_contacts(self) -> tuple[str, ...]:
        return tuple(c for c in (self.phone, self.email, self.website, self.address) if c)


class Group(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="groups",
                               verbose_name=_("school"))
    name = models.CharField(_("name"), max_length=100, help_text=_("Such as Klas 1A or Groep 7."))

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["school", "name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "name"], name="group_unique_in_school"),
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    class Role(models.TextChoices):
        SCHOOLLEIDING = "schoolleiding", _("school management")
        COMMUNICATIE = "communicatie", _("communications")
        MEDEWERKER = "medewerker", _("staff member")
        MENTOR = "mentor", _("mentor")
        MR_LID = "mr_lid", _("member of the participation council (MR)")
        LEERLING = "leerling", _("student")
        OUDER = "ouder", _("parent or guardian")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="people",
                               verbose_name=_("school"))
    first_name = models.CharField(_("first name"), max_length=100)
    tussenvoegsel = models.CharField(_("surname prefix"), max_length=20, blank=True,
                                     help_text=_("Such as van, de or van der."))
    last_name = models.CharField(_("surname"), max_length=100)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    # A student's class, or the group a mentor guides.
    group = models.ForeignKey(Group, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="people", verbose_name=_("group"))
    # The groups a staff member teaches besides the one they mentor (``group``): staff see
    # the students of their linked groups only (least privilege, schools.policy).
    teaches = models.ManyToManyField(Group, blank=True, related_name="teachers",
                                     verbose_name=_("teaches"),
                                     help_text=_("For staff: the groups this person teaches."))
    # Granted by schoolleiding or a beheerder, for a conciërge or a photographer on a
    # school-wide day: the students of every group, as if linked to each. Audited.
    sees_all_groups = models.BooleanField(
        _("sees all groups"), default=False,
        help_text=_("For staff: may see the students of every group of the school."))
    children = models.ManyToManyField("self", symmetrical=False, blank=True,
                                      related_name="guardians", verbose_name=_("children"),
                                      help_text=_("For a parent or guardian: their children "
                                                  "at this school."))
    # From the student administration (ParnasSys, Magister, Somtoday): the import's key,
    # the date of birth (from 16 a student decides on their own consent, AVG art. 8 with
    # UAVG art. 5) and whether the student still attends (leavers are kept, inactive,
    # until the school's retention period ends).
    student_number = models.CharField(_("student number"), max_length=40, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    is_active = models.BooleanField(_("still at school"), default=True)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    # A guardian's contact address as the student administration has it; the import
    # matches guardians on it. Not the sign-in address (that is the account's).
    email = models.EmailField(_("e-mail address"), blank=True)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                null=True, blank=True, related_name="person",
                                verbose_name=_("account"))

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        # Dutch alphabetical order ignores the tussenvoegsel: "Vries, Jan de" sorts under V.
        ordering = ["school", "last_name", "first_name", "tussenvoegsel"]
        constraints = [
            models.UniqueConstraint(fields=["school", "student_number"],
                                    condition=~models.Q(student_number=""),
                                    name="person_unique_student_number_in_school"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.tussenvoegsel, self.last_name)
                        if part)


class ImportMapping(models.Model):
    """Which column of a school's export holds which field, remembered per school and
    source, so the mapping is chosen once."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("school"))
    source = models.CharField(_("student administration"), max_length=20)
    mapping = models.JSONField(_("column mapping"), default=dict)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("import column mapping")
        verbose_name_plural = _("import column mappings")
        constraints = [
            models.UniqueConstraint(fields=["school", "source"],
                                    name="import_mapping_unique_per_source"),
        ]

    def __str__(self) -> str:
        return f"{self.school} ({self.source})"


PENDING_IMPORT_HOURS = 1


class PendingImport(models.Model):
    """An uploaded export between upload and confirmation: the parsed table, and after
    the column mapping the validated rows and errors. Never the file itself. Removed on
    confirm or cancel, and after PENDING_IMPORT_HOURS by ``do_store_pending_import``:
    it holds personal data of every student, so it must not linger."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("school"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                   related_name="+", verbose_name=_("uploaded by"))
    source = models.CharField(_("student administration"), max_length=20)
    table = models.JSONField(_("parsed file"), default=dict)
    mapping = models.JSONField(_("column mapping"), default=dict)
    rows = models.JSONField(_("validated rows"), default=list)
    errors = models.JSONField(_("errors"), default=list)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("pending import")
        verbose_name_plural = _("pending imports")

    def __str__(self) -> str:
        return f"{self.school} ({timezone.localtime(self.created_at):%Y-%m-%d %H:%M})"

    @property
    def is_checked(self) -> bool:
        return bool(self.mapping) and (bool(self.rows) or bool(self.errors))

    @property
    def can_confirm(self) -> bool:
        return self.is_checked and not self.errors
