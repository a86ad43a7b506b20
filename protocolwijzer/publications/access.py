"""Doors of the publication log (see schools/access.py for the contract: 404 for another
school's object, 403 for a missing right).

- Staff (``Right.LOG_PUBLICATION``) log what they published and see what they logged
  themselves; the pupils they can choose are the ones they see (their linked groups).
- Communicatie and the school's management (``Right.MANAGE_TAKEDOWNS``) see the whole
  log of their school and work its take-down tasks.
- The school's management (``Right.MANAGE_SCHOOL_SETTINGS``) sets the take-down term.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from protocolwijzer.publications.models import Publication, TakedownTask
from protocolwijzer.schools.access import (
    Actor,
    User,
    access_school,
    require_membership,
    require_right,
)
from protocolwijzer.schools.models import School
from protocolwijzer.schools.policy import Membership, Right, membership_for


def _may(user: User, right: Right) -> bool:
    membership = membership_for(user)
    return membership is not None and membership.has(right)


def may_log_publications(user: User) -> bool:
    """For links on pages (the checker's result, the menu)."""
    return _may(user, Right.LOG_PUBLICATION)


def may_manage_takedowns(user: User) -> bool:
    return _may(user, Right.MANAGE_TAKEDOWNS)


def may_set_publication_settings(user: User) -> bool:
    return _may(user, Right.MANAGE_SCHOOL_SETTINGS)


def _in_view(membership: Membership, user: Actor) -> QuerySet[Publication]:
    publications = Publication.objects.filter(school_id__in=membership.school_ids)
    if membership.has(Right.MANAGE_TAKEDOWNS):
        return publications
    return publications.filter(logged_by_id=getattr(user, "pk", None))


def publications_of(user: Actor) -> QuerySet[Publication]:
    """The publications this user sees in the log: the whole school's with
    ``Right.MANAGE_TAKEDOWNS``, otherwise the ones they logged themselves."""
    membership = require_right(user, Right.LOG_PUBLICATION)
    return _in_view(membership, user).select_related("school", "logged_by")


def access_publication(user: Actor, publication_id: int) -> Publication:
    """A publication of the user's school that they may open: 404 for another school's
    (whatever the role), 403 without the right or for someone else's without
    ``Right.MANAGE_TAKEDOWNS``."""
    membership = require_membership(user)
    publication = (Publication.objects.select_related("school", "logged_by", "check_record")
                   .filter(pk=publication_id).first())
    if publication is None or not membership.covers(publication.school_id):
        raise Http404(_("There is no such publication."))
    require_right(user, Right.LOG_PUBLICATION)
    if not _in_view(membership, user).filter(pk=publication.pk).exists():
        raise PermissionDenied(_("Only communicatie, the school's management and the "
                                 "person who logged it can open this publication."))
    return publication


def access_publication_to_take_offline(user: Actor, publication_id: int) -> Publication:
    """The person who logged it may say it is offline; so may communicatie."""
    return access_publication(user, publication_id)


def schools_to_log_for(user: Actor) -> QuerySet[School]:
    membership = require_right(user, Right.LOG_PUBLICATION)
    return School.objects.filter(pk__in=membership.school_ids).order_by("name")


def access_school_to_log_for(user: Actor, school_id: int) -> School:
    require_right(user, Right.LOG_PUBLICATION)
    return access_school(user, school_id)


def takedown_tasks_of(user: Actor) -> QuerySet[TakedownTask]:
    membership = require_right(user, Right.MANAGE_TAKEDOWNS)
    return (TakedownTask.objects.filter(publication__school_id__in=membership.school_ids)
            .select_related("publication", "publication__school", "student",
                            "student__group", "done_by"))


def access_takedown_task(user: Actor, task_id: int) -> TakedownTask:
    membership = require_membership(user)
    task = (TakedownTask.objects.select_related("publication", "publication__school",
                                                "student", "student__group", "done_by")
            .filter(pk=task_id).first())
    if task is None or not membership.covers(task.publication.school_id):
        raise Http404(_("There is no such task."))
    if not membership.has(Right.MANAGE_TAKEDOWNS):
        raise PermissionDenied(_("Your role does not allow this."))
    return task


def access_publication_settings(user: Actor, school_id: int) -> School:
    school = access_school(user, school_id)
    require_right(user, Right.MANAGE_SCHOOL_SETTINGS)
    return school
