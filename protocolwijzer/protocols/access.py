"""The one way pages and the API load protocol versions, and what members may see of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Q, Subquery
from django.http import Http404
from django.utils.translation import gettext as _

from protocolwijzer.protocols.models import Acknowledgement, Adoption, ProtocolVersion
from protocolwijzer.schools.access import access_school, require_right
from protocolwijzer.schools.models import Group, Person, School
from protocolwijzer.schools.policy import STAFF_ROLES, Membership, Right, people_visible_to

User = AbstractBaseUser | AnonymousUser


def access_current_protocol_version(user: User, protocol_id: str) -> ProtocolVersion:
    """The current version of a protocol, for anyone.

    A school must publish its protocol sociale media, so reading one needs no account;
    ``user`` is here so that callers do not change when drafts become private.
    """
    version = ProtocolVersion.objects.current(protocol_id)
    if version is None:
        raise Http404(_("There is no protocol with this id."))
    return version


@dataclass(frozen=True)
class SchoolProtocol:
    """The school a member acts for, and the protocol version in force there (None when
    the school has not chosen one yet)."""

    membership: Membership
    school: School
    version: ProtocolVersion | None
    # The schools this member can switch between (a beheerder's); empty for everyone else.
    choices: tuple[School, ...] = ()


def access_school_protocol(user: User, right: Right,
                           school_id: str | int | None = None) -> SchoolProtocol:
    """The member's school and its protocol in force, for pages that need ``right``.

    403 without a school or without the right; 404 for a school the member does not act
    for. Without ``school_id`` it is the school of the member's own Person, or for a
    beheerder without one the first of their schools by name.
    """
    membership = require_right(user, right)
    if school_id in (None, ""):
        if membership.person is not None and membership.covers(membership.person.school_id):
            school_id = membership.person.school_id
        else:
            first = (School.objects.filter(pk__in=membership.school_ids).order_by("name")
                     .values_list("pk", flat=True).first())
            if first is None:
                raise PermissionDenied(_("Your account is not linked to a school."))
            school_id = first
    try:
        school_pk = int(school_id)
    except (TypeError, ValueError):
        raise Http404(_("There is no such school.")) from None
    school = access_school(user, school_pk)
    choices: tuple[School, ...] = ()
    if len(membership.school_ids) > 1:
        choices = tuple(School.objects.filter(pk__in=membership.school_ids).order_by("name"))
    return SchoolProtocol(membership, school, school.protocol, choices)


def access_acknowledging_person(user: User) -> Person:
    """The Person that acknowledges protocols for ``user``: staff with the right, who
    belong to a school themselves (a beheerder without a Person reads no protocol *for*
    a school, so there is nobody to record)."""
    membership = require_right(user, Right.ACKNOWLEDGE_PROTOCOL)
    if membership.person is None:
        raise PermissionDenied(_("Only people of a school acknowledge its protocol."))
    return membership.person


@dataclass
class GroupAcknowledgements:
    """For one group: which pupils have confirmed reading the version in force."""

    group: Group | None  # None: pupils without a group
    acknowledged: list[Person] = field(default_factory=list)
    missing: list[Person] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.acknowledged) + len(self.missing)


@dataclass
class SchoolAcknowledgements:
    """For one school: which staff have acknowledged the version in force, and who not;
    and per group, which pupils (issue 14: pupils confirm reading it like staff)."""

    school: School
    version: ProtocolVersion | None
    acknowledged: list[Person] = field(default_factory=list)
    missing: list[Person] = field(default_factory=list)
    groups: list[GroupAcknowledgements] = field(default_factory=list)

    @property
    def staff_count(self) -> int:
        return len(self.acknowledged) + len(self.missing)


def acknowledgements_visible_to(user: User) -> list[SchoolAcknowledgements]:
    """Per school the member acts for, the staff and whether each has acknowledged the
    version in force (``person.acknowledged_at``, None when not), and the same for the
    pupils per group. Needs Right.VIEW_ACKNOWLEDGEMENTS; the people come through the same
    policy as every people list, so nobody appears here who would not appear there."""
    membership = require_right(user, Right.VIEW_ACKNOWLEDGEMENTS)
    acknowledged_at = (Acknowledgement.objects
                       .filter(person=OuterRef("pk"),
                               protocol_version=OuterRef("school__protocol"))
                       .values("acknowledged_at")[:1])
    people = (people_visible_to(membership)
              .filter(Q(role__in=STAFF_ROLES) | Q(role=Person.Role.LEERLING, is_active=True))
              .select_related("group")
              .annotate(acknowledged_at=Subquery(acknowledged_at))
              .order_by("last_name", "first_name"))
    overview = {school.pk: SchoolAcknowledgements(school, school.protocol)
                for school in School.objects.filter(pk__in=membership.school_ids)
                .select_related("protocol").order_by("name")}
    groups: dict[tuple[int, int | None], GroupAcknowledgements] = {}
    for person in people:
        entry = overview[person.school_id]
        moment: datetime | None = person.acknowledged_at  # type: ignore[attr-defined]
        if person.role == Person.Role.LEERLING:
            key = (person.school_id, person.group_id)
            group = groups.setdefault(key, GroupAcknowledgements(person.group))
            done, missing = group.acknowledged, group.missing
        else:
            done, missing = entry.acknowledged, entry.missing
        (done if moment is not None else missing).append(person)
    for (school_id, _group_id), group in sorted(
            groups.items(), key=lambda item: (item[1].group is None,
                                              item[1].group.name if item[1].group else "")):
        overview[school_id].groups.append(group)
    return list(overview.values())


def access_adoption(user: User, pk: int, *, to_change: bool = False) -> tuple[Adoption,
                                                                              Membership]:
    """A school's version of its protocol (an Adoption), for the editor pages.

    404 for another school's adoption, and for a concept to someone who may only review
    (the MR reads what is submitted to it, not what the schoolleiding is still writing);
    403 without Right.MANAGE_PROTOCOL to change it, or without either right to read it.
    """
    membership = require_right(user, Right.MANAGE_PROTOCOL if to_change
                               else _reading_right(user))
    adoption = (Adoption.objects.select_related("school", "version", "based_on")
                .filter(pk=pk).first())
    if adoption is None or not membership.covers(adoption.school_id):
        raise Http404(_("There is no such protocol version."))
    if (not membership.has(Right.MANAGE_PROTOCOL)
            and adoption.status == Adoption.Status.CONCEPT):
        raise Http404(_("There is no such protocol version."))
    return adoption, membership


def _reading_right(user: User) -> Right:
    membership = require_right(user, Right.READ_PROTOCOL)
    return (Right.MANAGE_PROTOCOL if membership.has(Right.MANAGE_PROTOCOL)
            else Right.REVIEW_PROTOCOL)


def adoptions_visible_to(membership: Membership, school: School) -> list[Adoption]:
    """The school's versions and concepts the member may see, newest first (concepts only
    for those who manage the protocol)."""
    adoptions = (Adoption.objects.filter(school=school, implicit=False)
                 .select_related("version", "based_on").prefetch_related("decisions"))
    if not membership.has(Right.MANAGE_PROTOCOL):
        adoptions = adoptions.exclude(status=Adoption.Status.CONCEPT)
    return list(adoptions.order_by("-created_at", "-pk"))
