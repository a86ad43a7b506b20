"""Who may do what: roles, rights and the membership a user acts in.

This is the one place where a role turns into rights. Views never compare roles; they ask
``membership.has(Right.X)`` or load objects through ``access.py``, which uses this module.
A beheerder acts for every school of their stichting; everyone else for the school of
their Person, in its role.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from protocolwijzer.schools.models import Group, Person, School


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
    # The figures the MR discusses: counts only, small counts hidden (issue 14).
    VIEW_FIGURES = "view_figures"
    # The publication log (issue 14): staff log what they published; communicatie and the
    # school's management work the take-down tasks; the management sets the school's term.
    LOG_PUBLICATION = "log_publication"
    MANAGE_TAKEDOWNS = "manage_takedowns"
    MANAGE_SCHOOL_SETTINGS = "manage_school_settings"
    RECEIVE_MAIL_NOTICES = "receive_mail_notices"  # take-down tasks, a group's decisions
    # Upload photos and videos to the checker, tag the faces from the class list, blur.
    CHECK_MEDIA = "check_media"
    # See every photo and video of the school's checker, not only one's own (media/access.py).
    VIEW_ALL_MEDIA = "view_all_media"
    # The school's own versions of its protocol (issue 16): copy, adapt, submit, record
    # instemming, adopt, put in force. The MR reads what is submitted to it.
    MANAGE_PROTOCOL = "manage_protocol"
    REVIEW_PROTOCOL = "review_protocol"


# What each right lets a person do, in words (the confirmation of a role change).
RIGHT_LABELS = {
    Right.READ_PROTOCOL: _("read the school's protocol"),
    Right.RUN_CHECK: _("check a post or a photo against the protocol"),
    Right.ACKNOWLEDGE_PROTOCOL: _("confirm having read the protocol, as staff do"),
    Right.VIEW_ACKNOWLEDGEMENTS: _("see who has read the protocol"),
    Right.VIEW_GROUPS: _("see groups and who may be in photos"),
    Right.VIEW_PEOPLE: _("see the people of the school"),
    Right.MANAGE_PEOPLE: _("change roles, invite people and import students"),
    Right.VIEW_AUDIT_LOG: _("read the audit log"),
    Right.RECORD_PAPER_CONSENT: _("read consent histories and record paper forms"),
    Right.VIEW_FIGURES: _("see the figures the MR discusses (counts only)"),
    Right.LOG_PUBLICATION: _("log what they published, with the students on it"),
    Right.MANAGE_TAKEDOWNS: _("see the whole publication log and take down what a "
                              "withdrawal asks"),
    Right.MANAGE_SCHOOL_SETTINGS: _("set the school's term for take-downs"),
    Right.RECEIVE_MAIL_NOTICES: _("get e-mails about take-down tasks or changed decisions"),
    Right.CHECK_MEDIA: _("upload photos and videos to the checker, tag the faces from the "
                         "class list and blur them"),
    Right.VIEW_ALL_MEDIA: _("see every photo and video checked at the school, not only "
                            "their own"),
    Right.MANAGE_PROTOCOL: _("adapt the school's protocol, submit it for instemming, "
                             "record the decisions and put a version in force"),
    Right.REVIEW_PROTOCOL: _("read a protocol version submitted for instemming, what "
                             "changes in practice and the decisions on it"),
}

BEHEERDER = "beheerder"
R = Person.Role
_STAFF_RIGHTS = {Right.READ_PROTOCOL, Right.RUN_CHECK, Right.ACKNOWLEDGE_PROTOCOL,
                 Right.VIEW_GROUPS, Right.VIEW_PEOPLE, Right.LOG_PUBLICATION,
                 Right.CHECK_MEDIA}
ROLE_RIGHTS: dict[str, frozenset[Right]] = {
    BEHEERDER: frozenset(Right),
    R.SCHOOLLEIDING: frozenset(Right),
    R.COMMUNICATIE: frozenset(_STAFF_RIGHTS | {Right.VIEW_ACKNOWLEDGEMENTS,
                                               Right.RECORD_PAPER_CONSENT,
                                               Right.MANAGE_TAKEDOWNS,
                                               Right.RECEIVE_MAIL_NOTICES}),
    R.MEDEWERKER: frozenset(_STAFF_RIGHTS),
    R.MENTOR: frozenset(_STAFF_RIGHTS | {Right.RECEIVE_MAIL_NOTICES}),
    # The MR gives instemming on the protocol: it reads and checks, it sees no people,
    # only counts (issue 14).
    R.MR_LID: frozenset({Right.READ_PROTOCOL, Right.RUN_CHECK, Right.VIEW_FIGURES,
                         Right.REVIEW_PROTOCOL}),
    # A pupil confirms having read the protocol, like staff (issue 14).
    R.LEERLING: frozenset({Right.READ_PROTOCOL, Right.RUN_CHECK,
                           Right.ACKNOWLEDGE_PROTOCOL}),
    R.OUDER: frozenset({Right.READ_PROTOCOL, Right.RUN_CHECK}),
}
# Roles that must use two-factor sign-in: they see and change data about many children.
TWO_FACTOR_ROLES = frozenset({BEHEERDER, R.SCHOOLLEIDING, R.COMMUNICATIE})
STAFF_ROLES = frozenset({R.SCHOOLLEIDING, R.COMMUNICATIE, R.MEDEWERKER, R.MENTOR})
# Roles that see the students of every group of their school. Everyone else with
# Right.VIEW_GROUPS (a medewerker, a mentor) sees only the groups they are linked to: the
# group they mentor and the groups they teach, or every group when schoolleiding granted
# them "all groups" (a conciërge, a photographer on a school-wide day).
SCHOOL_WIDE_ROLES = frozenset({BEHEERDER, R.SCHOOLLEIDING, R.COMMUNICATIE})
GROUP_BOUND_ROLES = frozenset({R.MEDEWERKER, R.MENTOR})


@dataclass(frozen=True)
class Membership:
    """The school and role a user acts in. A beheerder's ``school`` is None: they act for
    all ``schools`` of their stichting(en)."""

    role: str
    person: Person | None
    school_ids: frozenset[int]
    # For a group-bound role: the groups the person mentors or teaches, and whether they
    # were granted every group. An integration token (no Person) is linked to none.
    linked_group_ids: frozenset[int] = frozenset()
    all_groups_granted: bool = False

    def has(self, right: Right) -> bool:
        return right in ROLE_RIGHTS[self.role]

    @property
    def sees_all_groups(self) -> bool:
        """Whether the students of every group of the school are in view."""
        return self.role in SCHOOL_WIDE_ROLES or (
            self.role in GROUP_BOUND_ROLES and self.all_groups_granted)

    def sees_group(self, group_id: int) -> bool:
        """Whether this membership may open the group (its school is checked apart)."""
        return self.has(Right.VIEW_GROUPS) and (
            self.sees_all_groups or group_id in self.linked_group_ids)

    def covers(self, school: School | int) -> bool:
        school_id = school if isinstance(school, int) else school.pk
        return school_id in self.school_ids

    @property
    def engine_role(self) -> str:
        """The contract's actor.role (shared/spec/situation.md) this membership acts in
        unless the person chooses another of ``engine_roles``."""
        return self.engine_roles[0]

    @cached_property
    def engine_roles(self) -> tuple[str, ...]:
        """Every actor.role this person may act in, the usual one first (docs/roles.md).

        A role in the app is a set of rights, not what a person is: an MR member sits in
        the MR's staff section or its parent section, and a teacher may also be the parent
        of a child at the school. Having children at the school makes someone a parent;
        an MR member without children there is staff. Someone who is both chooses on the
        checker's form in which capacity they act.
        """
        if self.role == R.LEERLING:
            return ("student",)
        if self.role == R.OUDER:
            return ("parent",)
        is_parent = self.person is not None and self.person.children.exists()
        if self.role == R.MR_LID:
            return ("parent", "staff") if is_parent else ("staff",)
        return ("staff", "parent") if is_parent else ("staff",)

    @property
    def needs_two_factor(self) -> bool:
        return self.role in TWO_FACTOR_ROLES


def has_own_consent_page(membership: Membership) -> bool:
    """A pupil has a page about photos of themselves (from 16 they choose there; issue
    14). Not a right: school management holds every right, but has no such page."""
    return membership.role == R.LEERLING and membership.person is not None


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
        group_bound = person.role in GROUP_BOUND_ROLES
        membership = Membership(person.role, person, frozenset({person.school_id}),
                                linked_group_ids=(linked_groups_of(person) if group_bound
                                                  else frozenset()),
                                all_groups_granted=group_bound and person.sees_all_groups)
    else:
        return None
    user._pw_membership = membership  # type: ignore[union-attr]
    return membership


def linked_groups_of(person: Person) -> frozenset[int]:
    """The groups a staff member is linked to: the one they mentor and those they teach."""
    linked = set(person.teaches.values_list("pk", flat=True))
    if person.group_id is not None and person.role in STAFF_ROLES:
        linked.add(person.group_id)
    return frozenset(linked)


def groups_in_view(membership: Membership) -> QuerySet[Group]:
    """The groups whose students this membership sees (no right checked here)."""
    in_scope = Group.objects.filter(school_id__in=membership.school_ids)
    if membership.sees_all_groups:
        return in_scope
    return in_scope.filter(pk__in=membership.linked_group_ids)


def people_visible_to(membership: Membership) -> QuerySet[Person]:
    """The people this membership may see: least privilege per role.

    Staff see their colleagues; a medewerker or mentor sees the students of their linked
    groups only (every group with the "all groups" grant), a mentor also the guardians of
    the students of their linked groups (never of every group: the grant is for seeing
    who is on a photo, not for reaching families).
    """
    in_scope = Person.objects.filter(school_id__in=membership.school_ids)
    person = membership.person
    if membership.role in SCHOOL_WIDE_ROLES:
        return in_scope
    if membership.role in GROUP_BOUND_ROLES:
        # A student without a group belongs to no teacher's class: only the school-wide
        # roles and the "all groups" grant see them.
        staff = Q(role__in=STAFF_ROLES)
        if membership.sees_all_groups:
            students = Q(role=R.LEERLING)
        else:
            students = Q(role=R.LEERLING, group_id__in=membership.linked_group_ids)
        if membership.role == R.MEDEWERKER or not membership.linked_group_ids:
            return in_scope.filter(staff | students)
        guardians = Q(role=R.OUDER, children__group_id__in=membership.linked_group_ids,
                      children__role=R.LEERLING)
        return in_scope.filter(staff | students | guardians).distinct()
    if person is None:
        return in_scope.none()
    if membership.role == R.OUDER:
        return in_scope.filter(Q(pk=person.pk) | Q(guardians=person)).distinct()
    return in_scope.filter(pk=person.pk)
