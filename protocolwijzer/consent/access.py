"""Doors of the consent register's staff pages (see schools/access.py for the contract:
404 for another school's object, 403 for a missing right)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from protocolwijzer.schools.access import Actor, User, access_person, require_membership
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.policy import Right, membership_for


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
