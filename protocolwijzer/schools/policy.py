"""Who may do what: roles, rights and the membership a user acts in.

This is the one place where a role turns into rights. Views never compare roles; they ask
``membership.has(Right.X)`` or load objects through ``access.py``, which uses this module.
A beheerder acts for every school of their stichting; everyone else for the school of
their Person, in its role.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet

from protocolwijzer.schools.models import Person, School


class Right(StrEnum):
    READ_PROTOCOL = "read_protocol"
    RUN_CHECK = "run_check"
    ACKNOWLEDGE_PROTOCOL = "acknowledge_protocol"
    VIEW_ACKNOWLEDGEMENTS = "view_acknowledgements"
    VIEW_GROUPS = "view_groups"
    VIEW_PEOPLE = "view_people"
    MANAGE_PEOPLE = "manage_people"
    VIEW_AUDIT_LOG = "view_audit_log"
    RECORD_PAPER_CONSENT = "record_paper_consent"  # a decision from a parent's paper form


BEHEERDER = "beheerder"
R = Person.Role
_STAFF_RIGHTS = {Right.READ_PROTOCOL, Right.RUN_CHECK, Right.ACKNOWLEDGE_PROTOCOL,
                 Right.VIEW_GROUPS, Right.VIEW_PEOPLE}
ROLE_RIGHTS: dict[str, frozenset[Right]] = {
    BEHEERDER: frozenset(Right),
    R.SCHOOLLEIDING: frozenset(Right),
    R.COMMUNICATIE: frozenset(_STAFF_RIGHTS | {Right.VIEW_ACKNOWLEDGEMENTS,
                                               Right.RECORD_PAPER_CONSENT}),
    R.MEDEWERKER: frozenset(_STAFF_RIGHTS),
    R.MENTOR: frozenset(_STAFF_RIGHTS),
    # The MR gives instemming on the protocol: it reads and checks, it sees no people.
    R.MR_LID: frozenset({Right.READ_PROTOCOL, Right.RUN_CHECK}),
    R.LEERLING: frozenset({Right.READ_PROTOCOL, Right.RUN_CHECK}),
    R.OUDER: frozenset({Right.READ_PROTOCOL, Right.RUN_CHECK}),
}
# Roles that must use two-factor sign-in: they see and change data about many children.
TWO_FACTOR_ROLES = frozenset({BEHEERDER, R.SCHOOLLEIDING, R.COMMUNICATIE})
STAFF_ROLES = frozenset({R.SCHOOLLEIDING, R.COMMUNICATIE, R.MEDEWERKER, R.MENTOR})


@dataclass(frozen=True)
class Membership:
    """The school and role a user acts in. A beheerder's ``school`` is None: they act for
    all ``schools`` of their stichting(en)."""

    role: str
    person: Person | None
    school_ids: frozenset[int]

    def has(self, right: Right) -> bool:
        return right in ROLE_RIGHTS[self.role]

    def covers(self, school: School | int) -> bool:
        school_id = school if isinstance(school, int) else school.pk
        return school_id in self.school_ids

    @property
    def engine_role(self) -> str:
        """The contract's actor.role (shared/spec/situation.md) for this membership."""
        if self.role == R.LEERLING:
            return "student"
        if self.role == R.OUDER:
            return "parent"
        if self.role == R.MR_LID:
            return "other"
        return "staff"

    @property
    def needs_two_factor(self) -> bool:
        return self.role in TWO_FACTOR_ROLES


def membership_for(user: AbstractBaseUser | AnonymousUser) -> Membership | None:
    """The membership ``user`` acts in, or None for anonymous users and accounts without
    a school. Being beheerder of a stichting comes first."""
    if not user.is_authenticated or not user.is_active:
        return None
    cached: Membership | None = getattr(user, "_pw_membership", None)
    if cached is not None:
        return cached
    board_schools = frozenset(School.objects.filter(stichting__beheerders=user)
                              .values_list("pk", flat=True))
    person = Person.objects.filter(user=user).select_related("school", "group").first()
    if board_schools:
        membership = Membership(BEHEERDER, person, board_schools)
    elif person is not None:
        membership = Membership(person.role, person, frozenset({person.school_id}))
    else:
        return None
    user._pw_membership = membership  # type: ignore[union-attr]
    return membership


def people_visible_to(membership: Membership) -> QuerySet[Person]:
    """The people this membership may see: least privilege per role."""
    in_scope = Person.objects.filter(school_id__in=membership.school_ids)
    person = membership.person
    if membership.role in (BEHEERDER, R.SCHOOLLEIDING, R.COMMUNICATIE):
        return in_scope
    if membership.role == R.MEDEWERKER:
        return in_scope.filter(role__in=[*STAFF_ROLES, R.LEERLING])
    if membership.role == R.MENTOR:
        # A mentor also sees the guardians of the students they guide.
        own_group = person.group_id if person else None
        staff_and_students = Q(role__in=[*STAFF_ROLES, R.LEERLING])
        if own_group is None:
            # A mentor without a group guides nobody; matching on a missing group would
            # reveal the guardians of every student without a class.
            return in_scope.filter(staff_and_students)
        return in_scope.filter(staff_and_students
                               | Q(role=R.OUDER, children__group_id=own_group)).distinct()
    if person is None:
        return in_scope.none()
    if membership.role == R.OUDER:
        return in_scope.filter(Q(pk=person.pk) | Q(guardians=person)).distinct()
    return in_scope.filter(pk=person.pk)
