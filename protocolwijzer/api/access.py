"""The API's door to school-scoped objects: ``schools/access.py``, asked for the token.

An integration token has no user, only a school and a role (``ApiToken.membership``), so
the API hands ``schools.access`` the request's Membership instead of a user; the answers
are the same as for the pages: 404 when an object does not exist *or* belongs to a school
the token does not act for, 403 when the role lacks the right.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import HttpRequest

from protocolwijzer.api.models import ApiToken
from protocolwijzer.engine.protocol import (
    Protocol,
    builtin_protocol,
    builtin_protocol_paths,
)
from protocolwijzer.protocols.models import ProtocolVersion
from protocolwijzer.schools import access as schools_access
from protocolwijzer.schools.models import Group, Person, School
from protocolwijzer.schools.policy import Membership, Right


def token_of(request: HttpRequest) -> ApiToken:
    token = getattr(request, "auth", None)
    assert isinstance(token, ApiToken), "the API's authentication sets request.auth"
    return token


def membership_of(request: HttpRequest) -> Membership | None:
    # Cheap to repeat: membership_for keeps its answer on the token's (one) user object.
    return token_of(request).membership()


def actor_of(request: HttpRequest) -> Membership | AnonymousUser:
    """Who is asking, for ``schools.access``: the token's membership, or nobody (a token
    whose account has no school), which the access functions refuse with 403."""
    return membership_of(request) or AnonymousUser()


def require_membership(request: HttpRequest) -> Membership:
    return schools_access.require_membership(actor_of(request))


def schools_of(request: HttpRequest) -> QuerySet[School]:
    return schools_access.schools_of(actor_of(request))


def access_school(request: HttpRequest, school_id: int) -> School:
    return schools_access.access_school(actor_of(request), school_id)


def groups_of(request: HttpRequest) -> QuerySet[Group]:
    actor = actor_of(request)
    schools_access.require_right(actor, Right.VIEW_GROUPS)
    return schools_access.groups_visible_to(actor)


def access_group(request: HttpRequest, group_id: int) -> Group:
    return schools_access.access_group(actor_of(request), group_id)


def people_of(request: HttpRequest) -> QuerySet[Person]:
    return schools_access.people_of(actor_of(request))


def access_person(request: HttpRequest, person_id: int) -> Person:
    return schools_access.access_person(actor_of(request), person_id)


def protocols_for_checks(request: HttpRequest) -> dict[str, ProtocolVersion | None]:
    """The protocols a token may check against, by id: None for a built-in file, else the
    exact version its school follows.

    A school's own version wins over a built-in file with the same id: the MR gave its
    instemming to that text, not to whatever ships with Protocolwijzer now.
    """
    available: dict[str, ProtocolVersion | None] = dict.fromkeys(builtin_protocol_paths())
    membership = membership_of(request)
    if membership is not None:
        versions = (ProtocolVersion.objects.filter(schools__in=list(membership.school_ids))
                    .order_by("loaded_at", "pk").distinct())
        for version in versions:
            # Two schools on different versions of one protocol (a beheerder's): the newest.
            available[version.protocol_id] = version
    return available


def protocol_for_check(request: HttpRequest,
                       protocol_id: str) -> Protocol | ProtocolVersion | None:
    """What a check against ``protocol_id`` uses: the school's stored version, or the
    built-in protocol; None when the token may not check against it."""
    available = protocols_for_checks(request)
    if protocol_id not in available:
        return None
    version = available[protocol_id]
    return builtin_protocol(protocol_id) if version is None else version
