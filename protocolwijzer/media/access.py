"""The one door to the checker's photos and videos (see schools/access.py for the contract:
404 for another school's object, 403 for a missing right).

Who sees an item: the staff member who uploaded it, and the school's management
(schoolleiding, the stichting's beheerder: ``Right.VIEW_ALL_MEDIA``), who may look but not
act. Students, parents and the MR upload nothing and see nothing (they lack
``Right.CHECK_MEDIA``). Nobody changes, tags or blurs through someone else's item.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from protocolwijzer.media.models import MediaFace, MediaItem
from protocolwijzer.schools.access import Actor, require_membership
from protocolwijzer.schools.models import Person
from protocolwijzer.schools.policy import Membership, Right


def is_uploader(membership: Membership, item: MediaItem) -> bool:
    return membership.person is not None and item.uploaded_by_id == membership.person.pk


def may_see(membership: Membership, item: MediaItem) -> bool:
    return membership.covers(item.school_id) and (
        is_uploader(membership, item) or membership.has(Right.VIEW_ALL_MEDIA))


def require_media_uploader(user: Actor) -> Membership:
    """The membership of someone who may upload to the checker: a staff member with a
    Person at a school (the uploader owns the item; an account without a Person, such as
    a beheerder's, owns none)."""
    membership = require_membership(user)
    if not membership.has(Right.CHECK_MEDIA):
        raise PermissionDenied(_("Your role does not allow this."))
    if membership.person is None:
        raise PermissionDenied(_("Only staff members of a school can upload photos and "
                                 "videos to the checker."))
    return membership


def access_media_item(user: Actor, item_id: int, *, to_change: bool = False) -> MediaItem:
    """The item, for someone who may see it; with ``to_change`` for its uploader only.

    404 for an item of another school (or none at all); 403 for an item of the user's own
    school that they may not see, or may see but not change.
    """
    membership = require_membership(user)
    item = (MediaItem.objects.select_related("school", "group", "uploaded_by")
            .filter(pk=item_id).first())
    if item is None or not membership.covers(item.school_id):
        raise Http404(_("There is no such photo or video."))
    if not membership.has(Right.CHECK_MEDIA) and not membership.has(Right.VIEW_ALL_MEDIA):
        raise PermissionDenied(_("Your role does not allow this."))
    if to_change and not is_uploader(membership, item):
        raise PermissionDenied(_("Only the person who uploaded this photo or video can "
                                 "change it."))
    if not may_see(membership, item):
        raise PermissionDenied(_("This photo or video was uploaded by someone else."))
    return item


def access_media_face(user: Actor, item_id: int, number: int, *,
                      to_change: bool = False) -> MediaFace:
    """Face ``number`` of an item (``access_media_item`` decides)."""
    item = access_media_item(user, item_id, to_change=to_change)
    face = item.faces.filter(number=number).first()
    if face is None:
        raise Http404(_("There is no such face on this photo or video."))
    face.item = item
    return face


def media_items_of(user: Actor) -> QuerySet[MediaItem]:
    """The items this user may see, for lists: their own, or all of their schools' with
    ``Right.VIEW_ALL_MEDIA``."""
    membership = require_membership(user)
    items = MediaItem.objects.filter(school_id__in=membership.school_ids)
    if membership.has(Right.VIEW_ALL_MEDIA):
        return items
    if membership.person is None or not membership.has(Right.CHECK_MEDIA):
        return items.none()
    return items.filter(uploaded_by=membership.person)


def students_to_tag(membership: Membership, item: MediaItem) -> QuerySet[Person]:
    """The students a face on ``item`` may be tagged as: students of the item's school that
    the tagger may see (``people_visible_to``). Tagging reveals nothing about others."""
    from protocolwijzer.schools.policy import people_visible_to

    return people_visible_to(membership).filter(school_id=item.school_id,
                                                role=Person.Role.LEERLING)
