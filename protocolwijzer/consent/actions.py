"""Changes to the consent register; each is atomic and written to the audit log."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from protocolwijzer.audit.actions import do_record
from protocolwijzer.consent.defaults import DEFAULT_PURPOSES
from protocolwijzer.consent.models import ConsentSettings, ConsentText, Decision, Purpose
from protocolwijzer.consent.register import decides_self
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
                       at: datetime.datetime | None = None) -> Decision:
    """Records a decision (a withdrawal is a decision too); it counts at once."""
    at = at or timezone.now()
    if purpose.school_id != student.school_id:
        raise ValidationError(_("This purpose belongs to another school."))
    if choice not in Decision.Choice.values:
        raise ValidationError(_("A decision is yes or no."))
    _check_who_decides(student, decided_by, timezone.localdate(at))
    decision = Decision(
        student=student, purpose=purpose, choice=choice, decided_by=decided_by, how=how,
        recorded_by=recorded_by, decided_at=at,
        text=ConsentText.objects.filter(school_id=student.school_id).first())
    decision.save()
    do_record("consent_decided", actor=recorded_by, school=student.school_id,
              target=student, detail={"purpose": purpose.code, "choice": choice,
                                      "how": how, "decided_by": decided_by.pk})
    return decision
