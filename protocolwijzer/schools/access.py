"""The one way pages and the API load schools, groups and people.

Every function takes who is asking — a user (pages) or a Membership (the API's tokens,
which may have no user) — and an id, and either returns the object or raises: 404 when
the object does not exist *or belongs to a school the user does not act for* (an id never
reveals whether another school's object exists), 403 when it is in the user's school but
their role lacks the right.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from protocolwijzer.schools.models import (
    PENDING_IMPORT_HOURS,
    Group,
    PendingImport,
    Person,
    School,
    Stichting,
)
from protocolwijzer.schools.policy import (
    Membership,
    Right,
    groups_in_view,
    membership_for,
    people_visible_to,
)

User = AbstractBaseUser | AnonymousUser
Actor = User | Membership


def stichtingen_visible_to(user: User) -> QuerySet[Stichting]:
    """Stichtingen with their schools and each school's protocol.

    Which schools exist and which protocol they follow is public (both appear in the
    schoolgids), so everyone sees all of them. People are never loaded here.
    """
    schools = School.objects.select_related("protocol")
    return Stichting.objects.prefetch_related(Prefetch("schools", queryset=schools))


def require_membership(user: Actor) -> Membership:
    membership = user if isinstance(user, Membership) else membership_for(user)
    if membership is None:
        raise PermissionDenied(_("Your account is not linked to a school."))
    return membership


def require_right(user: Actor, right: Right) -> Membership:
    membership = require_membership(user)
    if not membership.has(right):
        raise PermissionDenied(_("Your role does not allow this."))
    return membership


def access_school(user: Actor, school_id: int) -> School:
    membership = require_membership(user)
    school = School.objects.select_related("stichting", "protocol").filter(pk=school_id).first()
    if school is None or not membership.covers(school):
        raise Http404(_("There is no such school."))
    return school


def access_group(user: Actor, group_id: int) -> Group:
    membership = require_membership(user)
    group = Group.objects.select_related("school").filter(pk=group_id).first()
    if group is None or not membership.covers(group.school_id):
        raise Http404(_("There is no such group."))
    if not membership.has(Right.VIEW_GROUPS):
        raise PermissionDenied(_("Your role does not allow this."))
    if not membership.sees_group(group.pk):
        # Own school, so no secret that it exists: 403, as for any missing right.
        raise PermissionDenied(_("You are not linked to this group. Ask the school "
                                 "management if you need to see it."))
    return group


def access_person(user: Actor, person_id: int) -> Person:
    membership = require_membership(user)
    person = people_visible_to(membership).filter(pk=person_id).select_related(
        "school", "group").first()
    if person is not None:
        return person
    if Person.objects.filter(pk=person_id, school_id__in=membership.school_ids).exists():
        raise PermissionDenied(_("Your role does not allow you to see this person."))
    raise Http404(_("There is no such person."))


def access_person_to_manage(user: Actor, person_id: int) -> Person:
    """A person whose role and account this user may manage (``Right.MANAGE_PEOPLE``)."""
    person = access_person(user, person_id)
    require_right(user, Right.MANAGE_PEOPLE)
    return person


def schools_of(user: Actor) -> QuerySet[School]:
    """The schools this user acts for: their own, or every school of a beheerder's
    stichting(en)."""
    membership = require_membership(user)
    return (School.objects.filter(pk__in=membership.school_ids)
            .select_related("stichting", "protocol"))


def groups_visible_to(user: Actor) -> QuerySet[Group]:
    membership = require_membership(user)
    if not membership.has(Right.VIEW_GROUPS):
        return Group.objects.none()
    return groups_in_view(membership).select_related("school")


def people_of(user: Actor) -> QuerySet[Person]:
    """Everyone this user may see, for lists; ``access_person`` for one person."""
    return people_visible_to(require_membership(user)).select_related("school", "group")


def schools_to_import_into(user: Actor) -> QuerySet[School]:
    """The schools whose students this user may import (Right.MANAGE_PEOPLE)."""
    require_right(user, Right.MANAGE_PEOPLE)
    return schools_of(user).order_by("name")


def access_school_to_import(user: Actor, school_id: int) -> School:
    require_right(user, Right.MANAGE_PEOPLE)
    return access_school(user, school_id)


def access_pending_import(user: Actor, pending_id: int | None) -> PendingImport | None:
    """This user's own upload awaiting confirmation, or None when there is none (any
    more): only the person who uploaded a file sees its rows, within the hour."""
    membership = require_right(user, Right.MANAGE_PEOPLE)
    if pending_id is None or isinstance(user, Membership):
        return None
    fresh = timezone.now() - datetime.timedelta(hours=PENDING_IMPORT_HOURS)
    pending = (PendingImport.objects.select_related("school")
               .filter(pk=pending_id, created_by_id=user.pk, created_at__gte=fresh).first())
    if pending is None or not membership.covers(pending.school_id):
        return None
    return pending
