"""Doors of the consent register's staff pages (see schools/access.py for the contract:
404 for another school's object, 403 for a missing right)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from protocolwijzer.consent.models import PaperForm
from protocolwijzer.schools.access import Actor, User, access_person, require_membership
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.policy import Right, has_own_consent_page, membership_for


def access_own_student(user: Actor) -> Person:
    """The signed-in student themselves (their own consent page); 403 for anyone else."""
    membership = require_membership(user)
    if not has_own_consent_page(membership) or membership.person is None:
        raise PermissionDenied(_("This page is for students."))
    return membership.person


def may_record_paper_consent(user: User) -> bool:
    """For links on pages: whether this user may open the students' consent pages."""
    membership = membership_for(user)
    return membership is not None and membership.has(Right.RECORD_PAPER_CONSENT)


def access_student_consent(user: Actor, student_id: int) -> Person:
    """A student whose consent history this user may read and record paper forms for
    (``Right.RECORD_PAPER_CONSENT``: schoolleiding, communicatie and the beheerder)."""
    student = access_person(user, student_id)
    if student.role != Person.Role.LEERLING:
        raise Http404(_("There is no such student."))
    if not require_membership(user).has(Right.RECORD_PAPER_CONSENT):
        raise PermissionDenied(_("Your role does not allow this."))
    return student


def access_paper_form(user: Actor, form_id: int) -> PaperForm:
    """A paper form (and its scan) of a student whose consent this user may read: the
    student's door decides (404 for another school, 403 for a missing right)."""
    form = PaperForm.objects.select_related("student", "signed_by").filter(pk=form_id).first()
    if form is None:
        raise Http404(_("There is no such paper form."))
    access_student_consent(user, form.student_id)
    return form
