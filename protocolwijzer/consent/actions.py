"""Changes to the consent register; each is atomic and written to the audit log."""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from protocolwijzer.audit.actions import do_record
from protocolwijzer.consent.defaults import DEFAULT_PURPOSES
from protocolwijzer.consent.models import (
    ConsentSettings,
    ConsentText,
    Decision,
    PaperForm,
    Purpose,
)
from protocolwijzer.consent.register import decides_self, status_of
from protocolwijzer.consent.scans import inspect_scan
from protocolwijzer.notifications.actions import do_notify_mentors_of_decision
from protocolwijzer.publications.actions import do_take_down_after_decision
from protocolwijzer.schools.models import Person, School

DEFAULT_TEXT = gettext_lazy(
    "The school would like to use photos and videos of your child, for example of a "
    "school trip or a musical. For each use you choose yes or no. You can change your "
    "choice at any time; a no counts at once.")


@transaction.atomic
def do_set_up_consent(school: School, *, opt_out: tuple[str, ...] = ()) -> list[Purpose]:
    """Gives a school its settings, first consent text and the default purposes; safe to
    repeat. ``opt_out`` names purposes where no answer means yes (Willibrord A.8)."""
    ConsentSettings.objects.get_or_create(school=school)
    # Names and text become the school's own data, in the school's language (Dutch),
    # whatever language the request or command that sets them up happens to run in.
    with translation.override(settings.LANGUAGE_CODE):
        if not school.consent_texts.exists():
            ConsentText.objects.create(school=school, version=1, body=str(DEFAULT_TEXT))
        purposes = []
        for order, (code, name, silence) in enumerate(DEFAULT_PURPOSES):
            purpose, _created = Purpose.objects.get_or_create(
                school=school, code=code,
                defaults={"name": str(name), "order": order,
                          "silence": (Purpose.Silence.MEANS_YES if code in opt_out
                                      else silence)})
            purposes.append(purpose)
    return purposes


def _check_who_decides(student: Person, decided_by: Person, day: datetime.date) -> None:
    if student.role != Person.Role.LEERLING:
        raise ValidationError(_("Consent is recorded for students only."))
    if decides_self(student, day):
        if decided_by.pk != student.pk:
            raise ValidationError(_("This student is 16 or older and decides for "
                                    "themselves (AVG art. 8, UAVG art. 5)."))
    elif decided_by.pk == student.pk:
        raise ValidationError(_("Under 16 the parents or guardians decide."))
    elif not decided_by.children.filter(pk=student.pk).exists():
        raise ValidationError(_("Only a parent or guardian of this student can decide."))


@transaction.atomic
def do_record_decision(student: Person, purpose: Purpose, choice: str, *,
                       decided_by: Person, how: str,
                       recorded_by: AbstractBaseUser | None = None,
                       at: datetime.datetime | None = None,
                       form_dated: datetime.date | None = None,
                       paper_form: PaperForm | None = None) -> Decision:
    """Records a decision (a withdrawal is a decision too); it counts at once. A decision
    from a paper form carries the form's date and the consent text in force that day."""
    at = at or timezone.now()
    if purpose.school_id != student.school_id:
        raise ValidationError(_("This purpose belongs to another school."))
    if choice not in Decision.Choice.values:
        raise ValidationError(_("A decision is yes or no."))
    _check_who_decides(student, decided_by, timezone.localdate(at))
    previous = (Decision.objects.filter(student=student, purpose=purpose,
                                        decided_by=decided_by)
                .order_by("-decided_at", "-pk").values_list("choice", flat=True).first())
    texts = ConsentText.objects.filter(school_id=student.school_id)
    if form_dated is not None:
        texts = texts.filter(created_at__date__lte=form_dated)
    before = status_of(student, purpose, timezone.localdate(at))
    decision = Decision(
        student=student, purpose=purpose, choice=choice, decided_by=decided_by, how=how,
        recorded_by=recorded_by, decided_at=at, form_dated=form_dated, text=texts.first(),
        paper_form=paper_form)
    decision.save()
    detail = {"purpose": purpose.code, "choice": choice, "how": how,
              "decided_by": decided_by.pk}
    if form_dated is not None:
        detail["form_dated"] = form_dated.isoformat()
    if previous == Decision.Choice.GIVEN and choice == Decision.Choice.REFUSED:
        # The log says "trok de toestemming in": the same person said yes before.
        detail["withdrawn"] = True
    do_record("consent_decided", actor=recorded_by, school=student.school_id,
              target=student, detail=detail)
    # What the decision sets in motion (issue 14): take-down tasks for what was already
    # published, and a word to the pupil's mentors.
    after = status_of(student, purpose, timezone.localdate(at))
    do_take_down_after_decision(decision, after)
    do_notify_mentors_of_decision(decision, before, after)
    return decision


def paper_form_deciders(student: Person, day: datetime.date) -> list[Person]:
    """Who may have signed a paper form for ``student``: the student from 16, else their
    guardians."""
    if decides_self(student, day):
        return [student]
    return list(student.guardians.filter(role=Person.Role.OUDER)
                .order_by("last_name", "first_name"))


def earliest_form_date(student: Person) -> datetime.date | None:
    """A paper form cannot be older than the school's first consent text: there was
    nothing to sign before it. None when the school has no consent text yet."""
    first = (ConsentText.objects.filter(school_id=student.school_id)
             .order_by("created_at").first())
    return timezone.localdate(first.created_at) if first else None


def do_record_paper_form(student: Person, answers: Mapping[Purpose, str], *,
                         decided_by: Person, form_dated: datetime.date,
                         recorded_by: AbstractBaseUser,
                         scan: UploadedFile | None = None) -> list[Decision]:
    """Records what a guardian (or a student of 16 or older) chose on a paper form, as
    *recorded by* the staff member *on behalf of* ``decided_by`` (issue 10, point 2).

    ``form_dated`` is the date on the form: not in the future and not before the school's
    first consent text. The decision stores the consent text in force on that date, and
    counts from now (like any decision, from when the school knows it). ``scan``, when
    given, is kept privately with the form (``scans.py``; issue 14).
    """
    today = timezone.localdate()
    earliest = earliest_form_date(student)
    if form_dated > today:
        raise ValidationError({"form_dated": _("The date on the form cannot be in the "
                                               "future.")})
    if earliest is None or form_dated < earliest:
        raise ValidationError({"form_dated": _(
            "The date on the form is before the school had a consent text; check the "
            "date.")})
    if decided_by not in paper_form_deciders(student, today):
        raise ValidationError({"decided_by": _(
            "Only a parent or guardian of this student, or the student from 16, can "
            "sign the form.")})
    if not answers:
        raise ValidationError(_("Choose yes or no for at least one purpose on the form."))
    scan_type = inspect_scan(scan) if scan is not None else ""
    now = timezone.now()
    form = PaperForm(student=student, signed_by=decided_by, form_dated=form_dated,
                     recorded_by=recorded_by, recorded_at=now, scan_type=scan_type)
    try:
        with transaction.atomic():
            if scan is not None:
                form.scan.save("scan", scan, save=False)
            form.save()
            decisions = [do_record_decision(student, purpose, choice, decided_by=decided_by,
                                            how=Decision.How.PAPER_FORM,
                                            recorded_by=recorded_by, at=now,
                                            form_dated=form_dated, paper_form=form)
                         for purpose, choice in answers.items()]
            detail = {"decided_by": decided_by.pk, "form_dated": form_dated.isoformat(),
                      "decisions": len(decisions), "paper_form": form.pk}
            if scan is not None:
                detail["scan"] = True
            do_record("consent_paper_form_recorded", actor=recorded_by,
                      school=student.school_id, target=student, detail=detail)
    except BaseException:
        # No scan without its form: the file written above goes when the form does not.
        if form.scan.name:
            form.scan.storage.delete(form.scan.name)
        raise
    return decisions
