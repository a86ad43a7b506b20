"""The API's door to school-scoped objects: the rules of ``schools/access.py``, for a
Membership.

``schools.access`` starts from a user; an integration token has no user, only a school and
a role (``ApiToken.membership``). So the API resolves the request's Membership once and
asks the same policy (``people_visible_to``, ``Membership.has``/``covers``) the same
questions, with the same answers: 404 when an object does not exist *or* belongs to a
school the token does not act for (an id never reveals another school's object), 403 when
it is in the token's school but the role lacks the right.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from protocolwijzer.api.models import ApiToken
from protocolwijzer.engine.protocol import (
    Protocol,
    builtin_protocol,
    builtin_protocol_paths,
)
from protocolwijzer.protocols.models import ProtocolVersion
from protocolwijzer.schools.models import Group, Person, School
from protocolwijzer.schools.policy import Membership, Right, people_visible_to


def token_of(request: HttpRequest) -> ApiToken:
    token = getattr(request, "auth", None)
    assert isinstance(token, ApiToken), "the API's authentication sets request.auth"
    return token


def membership_of(request: HttpRequest) -> Membership | None:
    # Cheap to repeat: membership_for keeps its answer on the token's (one) user object.
    return token_of(request).membership()


def require_membership(request: HttpRequest) -> Membership:
    membership = membership_of(request)
    if membership is None:
        raise PermissionDenied(_("Your account is not linked to a school."))
    return membership


def require_right(request: HttpRequest, right: Right) -> Membership:
    membership = require_membership(request)
    if not membership.has(right):
        raise PermissionDenied(_("Your role does not allow this."))
    return membership


def schools_of(request: HttpRequest) -> QuerySet[School]:
    membership = require_membership(request)
    return School.objects.filter(pk__in=membership.school_ids).select_related(
        "stichting", "protocol")


def access_school(request: HttpRequest, school_id: int) -> School:
    membership = require_membership(request)
    school = School.objects.select_related("stichting", "protocol").filter(pk=school_id).first()
    if school is None or not membership.covers(school):
        raise Http404(_("There is no such school."))
    return school


def groups_of(request: HttpRequest) -> QuerySet[Group]:
    membership = require_right(request, Right.VIEW_GROUPS)
    return Group.objects.filter(school_id__in=membership.school_ids).select_related("school")


def access_group(request: HttpRequest, group_id: int) -> Group:
    membership = require_membership(request)
    group = Group.objects.select_related("school").filter(pk=group_id).first()
    if group is None or not membership.covers(group.school_id):
        raise Http404(_("There is no such group."))
    if not membership.has(Right.VIEW_GROUPS):
        raise PermissionDenied(_("Your role does not allow this."))
    return group


def people_of(request: HttpRequest) -> QuerySet[Person]:
    return people_visible_to(require_membership(request)).select_related("group")


def access_person(request: HttpRequest, person_id: int) -> Person:
    membership = require_membership(request)
    person = people_of(request).filter(pk=person_id).first()
    if person is not None:
        return person
    if Person.objects.filter(pk=person_id, school_id__in=membership.school_ids).exists():
        raise PermissionDenied(_("Your role does not allow you to see this person."))
    raise Http404(_("There is no such person."))


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


def protocol_for_check(request: HttpRequest, protocol_id: str) -> Protocol | None:
    available = protocols_for_checks(request)
    if protocol_id not in available:
        return None
    version = available[protocol_id]
    return builtin_protocol(protocol_id) if version is None else engine_protocol_of(version)


def engine_protocol_of(version: ProtocolVersion) -> Protocol:
    """The compiled protocol of a stored version, compiled once per process.

    A stored version never changes (its SHA-256 names its text), so there is no need to
    parse and validate its YAML again for every check; that is most of a check's time.
    """
    protocol = _COMPILED.get(version.sha256)
    if protocol is None:
        protocol = _COMPILED[version.sha256] = version.engine_protocol()
    return protocol


_COMPILED: dict[str, Protocol] = {}
