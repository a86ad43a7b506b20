from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from protocolwijzer.accounts.models import User
from protocolwijzer.audit.actions import do_record
from protocolwijzer.audit.models import Action
from protocolwijzer.consent.actions import do_set_up_consent
from protocolwijzer.protocols.actions import do_load_builtin_protocols
from protocolwijzer.protocols.models import ProtocolVersion
from protocolwijzer.schools.demo import (
    DEMO_BEHEERDER_EMAIL,
    DEMO_BEHEERDER_NAME,
    DEMO_PASSWORD,
    DEMO_SCHOOLS,
    DEMO_TOTP_KEY_HEX,
    STICHTING_NAME,
    DemoSchool,
    demo_emails,
    demo_people,
)
from protocolwijzer.schools.importing import Table, Validated
from protocolwijzer.schools.models import (
    PENDING_IMPORT_HOURS,
    Group,
    ImportMapping,
    PendingImport,
    Person,
    School,
    Stichting,
)
from protocolwijzer.schools.policy import GROUP_BOUND_ROLES, TWO_FACTOR_ROLES


def do_set_school_protocol(school: School, version: ProtocolVersion | None) -> None:
    with transaction.atomic():
        school.protocol = version
        school.save(update_fields=["protocol"])


def role_needs_second_factor(role: str) -> bool:
    """Whether giving ``role`` asks the person who gives it for their code again: the
    roles that see and change data about many children (``TWO_FACTOR_ROLES``)."""
    return role in TWO_FACTOR_ROLES


def check_role_change(by_user: User, person: Person, role: str) -> None:
    """Refuses a role change that no confirmation can make right (before asking for it)."""
    if role not in Person.Role.values:
        raise ValidationError(_("This role does not exist."))
    if person.user_id is not None and person.user_id == by_user.pk:
        raise ValidationError(_("You cannot change your own role. Ask another schoolleider "
                                "or a beheerder."))


def do_change_role(by_user: User, person: Person, role: str, ip: str | None = None, *,
                   code: str = "") -> bool:
    """Gives ``person`` another role and records who did it; False when nothing changed.

    The caller checks the right (``access_person_to_manage``) and has asked to confirm.
    Nobody changes their own role: that is how a school would lock out its last
    schoolleider by accident. A role that needs two-factor sign-in is only given with
    ``code``, a current code of ``by_user``'s own authenticator (issue 14): a session left
    open on a shared computer, or a click by mistake, cannot make anyone schoolleiding.
    The new role takes effect at once: the person's next request asks for their code.
    """
    check_role_change(by_user, person, role)
    current = Person.objects.filter(pk=person.pk).values_list("role", flat=True).first()
    if current == role:
        return False
    if role_needs_second_factor(role):
        # Before the change's transaction: a wrong code stays recorded (and counts for
        # django-otp's throttle) even though nothing changes.
        _require_own_code(by_user, code, ip)
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        old_role = person.role
        if old_role == role:
            return False
        person.role = role
        person.save(update_fields=["role"])
        do_record(Action.ROLE_CHANGED, actor=by_user, school=person.school_id, target=person,
                  detail={"from": old_role, "to": role}, ip=ip)
    return True


def _require_own_code(by_user: User, code: str, ip: str | None) -> None:
    from protocolwijzer.accounts.actions import do_verify_two_factor
    from protocolwijzer.accounts.two_factor import confirmed_device

    device = confirmed_device(by_user)
    if device is None:
        raise ValidationError({"code": _(
            "Set up two-factor sign-in for your own account first: this role is only "
            "given with your code.")})
    if not code:
        raise ValidationError({"code": _("Enter the code from your authenticator app to "
                                         "confirm.")})
    if not do_verify_two_factor(by_user, device, code, ip=ip, during="role_change"):
        raise ValidationError({"code": _("This code is not right. Enter the code your "
                                         "app shows now.")})


# Recorded as plain codes (the audit log shows an action without a label by its code).
GROUPS_LINKED = "groups_linked"
ALL_GROUPS_GRANTED = "all_groups_granted"
ALL_GROUPS_WITHDRAWN = "all_groups_withdrawn"


def _must_be_group_bound(person: Person) -> None:
    if person.role not in GROUP_BOUND_ROLES:
        raise ValidationError(_("Only a staff member or a mentor is linked to groups; "
                                "%(name)s has the role %(role)s.") % {
            "name": person.full_name, "role": person.get_role_display()})


def do_set_teaching_groups(by_user: User, person: Person, groups: Iterable[Group],
                           ip: str | None = None) -> bool:
    """Sets the groups ``person`` teaches (besides the group they mentor); False when
    nothing changed. The caller checks the right (``access_person_to_manage``)."""
    _must_be_group_bound(person)
    wanted = {group.pk for group in groups}
    if Group.objects.filter(pk__in=wanted).exclude(school_id=person.school_id).exists():
        raise ValidationError(_("A group of another school cannot be linked."))
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        current = set(person.teaches.values_list("pk", flat=True))
        if current == wanted:
            return False
        person.teaches.set(wanted)
        do_record(GROUPS_LINKED, actor=by_user, school=person.school_id, target=person,
                  detail={"added": sorted(wanted - current),
                          "removed": sorted(current - wanted)}, ip=ip)
    return True


def do_set_all_groups(by_user: User, person: Person, granted: bool,
                      ip: str | None = None) -> bool:
    """Grants or withdraws "all groups" for ``person``; False when nothing changed."""
    if granted:
        _must_be_group_bound(person)
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        if person.sees_all_groups == granted:
            return False
        person.sees_all_groups = granted
        person.save(update_fields=["sees_all_groups"])
        do_record(ALL_GROUPS_GRANTED if granted else ALL_GROUPS_WITHDRAWN, actor=by_user,
                  school=person.school_id, target=person, ip=ip)
    return True


@dataclass(frozen=True)
class DemoSummary:
    stichting: Stichting
    schools: int
    protocols: int
    people: int
    people_created: int
    accounts_created: int = 0
    # School name -> the e-mail address of its (first) schoolleider.
    leaders: dict[str, str] = field(default_factory=dict)
    beheerder_email: str = DEMO_BEHEERDER_EMAIL


def do_load_demo() -> DemoSummary:
    """Creates the demo stichting, its two schools, their people and an account for each
    (see demo.py for the addresses and the password); safe to repeat.

    Existing demo objects are found by name and left as they are, except that each demo
    school is pointed at the current version of its built-in protocol. An existing
    account keeps its password, so a changed demo password survives a new run.
    """
    with transaction.atomic():
        versions = do_load_builtin_protocols()
        stichting, _ = Stichting.objects.get_or_create(name=STICHTING_NAME)
        # One hash for all new demo accounts: Argon2 on each of ~100 accounts would make
        # loading the demo take seconds, and the password is public anyway.
        password_hash = make_password(DEMO_PASSWORD)
        people = created = accounts = 0
        leaders: dict[str, str] = {}
        for demo in DEMO_SCHOOLS:
            school = _demo_school(stichting, demo)
            do_set_up_consent(school, opt_out=demo.opt_out_purposes)
            stored, school_created = _demo_people(school, demo)
            accounts += _demo_accounts(demo, stored, password_hash)
            # An aanspreekpunt pesten and an invented report to triage (issue 15).
            from protocolwijzer.incidents.demo import do_load_incident_demo

            do_load_incident_demo(school)
            # A year of invented activity for the yearly evaluation (issue 16).
            from protocolwijzer.evaluation.demo import do_load_year_demo

            do_load_year_demo(school)
            people += len(stored)
            created += school_created
            leader = (Person.objects.filter(school=school, role=Person.Role.SCHOOLLEIDING)
                      .exclude(user=None).order_by("pk").select_related("user").first())
            if leader is not None:
                leaders[school.name] = leader.user.email
        accounts += _demo_beheerder(stichting, password_hash)
    return DemoSummary(stichting, len(DEMO_SCHOOLS), len(versions), people, created,
                       accounts, leaders)


def _demo_school(stichting: Stichting, demo: DemoSchool) -> School:
    version = ProtocolVersion.objects.current(demo.protocol_id)
    contacts = {"phone": demo.phone, "email": demo.email, "website": demo.website,
                "address": demo.address}
    school, created = School.objects.get_or_create(
        slug=demo.slug, defaults={"stichting": stichting, "name": demo.name,
                                  "protocol": version, **contacts})
    if not created and school.protocol != version:
        do_set_school_protocol(school, version)
    if not created and any(getattr(school, k) != v for k, v in contacts.items()):
        for key, value in contacts.items():
            setattr(school, key, value)
        school.save(update_fields=list(contacts))
    return school


def _demo_people(school: School, demo: DemoSchool
                 ) -> tuple[dict[tuple[str, str, str, str], Person], int]:
    groups = {name: Group.objects.get_or_create(school=school, name=name)[0]
              for name in demo.groups}
    stored: dict[tuple[str, str, str, str], Person] = {}
    created_count = 0
    for spec in demo_people(demo):
        # Found by name only (names are unique within a demo school): a role changed on
        # the person's page since the last run must not make a second person.
        person, created = Person.objects.get_or_create(
            school=school, first_name=spec.first_name, tussenvoegsel=spec.tussenvoegsel,
            last_name=spec.last_name,
            defaults={"role": spec.role, "group": groups[spec.group] if spec.group else None})
        stored[spec.key] = person
        created_count += created
        if created and (spec.teaches or spec.all_groups):
            person.teaches.set([groups[name] for name in spec.teaches])
            if spec.all_groups:
                person.sees_all_groups = True
                person.save(update_fields=["sees_all_groups"])
        if spec.children:
            person.children.add(*(stored[child.key] for child in spec.children))
    return stored, created_count


def _demo_accounts(demo: DemoSchool, stored: dict[tuple[str, str, str, str], Person],
                   password_hash: str) -> int:
    """An account for every demo person without one; returns how many were new."""
    emails = demo_emails(demo, demo_people(demo))
    wanted = {emails[key]: person for key, person in stored.items()}
    users = {user.email: user for user in User.objects.filter(email__in=wanted)}
    new_users = User.objects.bulk_create(
        User(email=email, name=person.full_name, password=password_hash)
        for email, person in wanted.items() if email not in users)
    users.update((user.email, user) for user in new_users)
    relinked = []
    for email, person in wanted.items():
        if person.user_id is None:
            person.user = users[email]
            relinked.append(person)
    Person.objects.bulk_update(relinked, ["user"])
    for person in wanted.values():
        if person.role in TWO_FACTOR_ROLES and person.user is not None:
            _demo_device(person.user)
    return len(new_users)


def _demo_beheerder(stichting: Stichting, password_hash: str) -> int:
    user, created = User.objects.get_or_create(
        email=DEMO_BEHEERDER_EMAIL,
        defaults={"name": DEMO_BEHEERDER_NAME, "password": password_hash})
    stichting.beheerders.add(user)
    _demo_device(user)
    return int(created)


def _demo_device(user: User) -> None:
    """A confirmed authenticator with the published demo key, so that following the README
    or a browser test can produce the second factor."""
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(user=user, name="Demo", key=DEMO_TOTP_KEY_HEX,
                                  confirmed=True)


# --- Import from the student administration -------------------------------------------

# The audit action of an import. The audit app's Action list should get an entry with a
# readable label ("imported students"); the log shows the code until then.
STUDENTS_IMPORTED = "students_imported"
_BATCH = 500
_STUDENT_FIELDS = ("first_name", "tussenvoegsel", "last_name", "date_of_birth", "group_id",
                   "is_active", "left_on", "student_number")
_GUARDIAN_FIELDS = ("first_name", "tussenvoegsel", "last_name", "email")


@dataclass(frozen=True)
class ImportSummary:
    """What an import does, or did: the same numbers in the preview and the audit log."""

    new_students: int = 0
    returning_students: int = 0
    changed_students: int = 0
    unchanged_students: int = 0
    leavers: int = 0
    new_groups: int = 0
    new_guardians: int = 0
    changed_guardians: int = 0
    new_links: int = 0
    # Rows that name a student already here without the same student number (issue 14):
    # merged into that student, or left to resolve before the import can be confirmed.
    merged_students: int = 0
    possible_duplicates: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)

    @property
    def changes_anything(self) -> bool:
        return any(value for key, value in self.__dict__.items()
                   if key != "unchanged_students")


@dataclass(frozen=True)
class PossibleDuplicate:
    """A row of the file whose student may already be here: a student with the same name
    and the same date of birth (or no date to compare) who has no student number, or one
    the file does not have. The person importing decides: merge or add."""

    row: dict[str, Any]
    candidates: list[Person]
    same_birth_date: bool  # False: one of the two has no date of birth

    @property
    def row_number(self) -> int:
        return int(self.row["row"])

    @property
    def name(self) -> str:
        return row_name(self.row)

    @property
    def birth_date(self) -> datetime.date | None:
        return _birth_date(self.row)


def row_name(row: dict[str, Any]) -> str:
    """A row's student as their full name is written."""
    return " ".join(part for part in (row.get("first_name"), row.get("tussenvoegsel"),
                                      row.get("last_name")) if part)


MERGE, ADD = "merge", "add"


@dataclass
class _Plan:
    summary: ImportSummary
    new_groups: list[str]
    new_students: list[dict[str, Any]]
    # (person, {field: new value}) for existing students and guardians.
    student_updates: list[tuple[Person, dict[str, Any]]]
    leaver_ids: list[int]
    new_guardians: dict[tuple[str, ...], dict[str, str]]
    guardian_updates: list[tuple[Person, dict[str, Any]]]
    # (guardian: an existing pk or a key of new_guardians, child's student number)
    links: list[tuple[int | tuple[str, ...], str]]
    duplicates: list[PossibleDuplicate] = field(default_factory=list)
    # Row numbers of duplicates without a resolution: the import cannot be confirmed.
    unresolved: list[int] = field(default_factory=list)
    # For the preview: the leavers by name.
    leavers: list[Person] = field(default_factory=list)


def _name_key(person: Person | dict[str, Any]) -> tuple[str, str, str]:
    get = person.get if isinstance(person, dict) else lambda name: getattr(person, name)
    # A row without a tussenvoegsel column has no such key: an empty one.
    return tuple((get(name) or "").strip().casefold()  # type: ignore[return-value]
                 for name in ("first_name", "tussenvoegsel", "last_name"))


def _birth_date(row: dict[str, Any]) -> datetime.date | None:
    value = row.get("date_of_birth")
    return datetime.date.fromisoformat(value) if value else None


def _possible_duplicates(school: School, rows: list[dict[str, Any]],
                         matched: set[str]) -> list[PossibleDuplicate]:
    """The rows without a student here by number whose student may be here anyway: same
    name (first name, tussenvoegsel, surname, in any case) and the same date of birth,
    or no date of birth on one side to tell them apart. Only students not matched by the
    file's numbers are candidates: one without a student number (entered by hand, or
    from an administration without numbers), or one whose number the file does not have
    (the administration renumbered). Different dates of birth: different children."""
    candidates = [p for p in Person.objects.filter(school=school, role=Person.Role.LEERLING)
                  .select_related("group").order_by("pk")
                  if p.student_number not in matched]
    by_name: dict[tuple[str, str, str], list[Person]] = {}
    for person in candidates:
        by_name.setdefault(_name_key(person), []).append(person)
    found = []
    for row in rows:
        if row["student_number"] in matched:
            continue
        born = _birth_date(row)
        same = [p for p in by_name.get(_name_key(row), [])
                if born is None or p.date_of_birth is None or p.date_of_birth == born]
        if same:
            found.append(PossibleDuplicate(row, same, born is not None and all(
                p.date_of_birth == born for p in same)))
    return found


def plan_import(school: School, rows: list[dict[str, Any]],
                today: datetime.date | None = None,
                resolutions: dict[int, str] | None = None) -> _Plan:
    """What importing the validated ``rows`` (importing.validate) would change at
    ``school``; reads, never writes. Students are matched by student number; a field
    that the file does not have (its column was not mapped) is left as it is.

    A row whose student may already be here without that number is a possible duplicate
    (``_possible_duplicates``). ``resolutions`` says per row number what to do with it:
    ``"add"`` (a new student) or ``"merge:<id>"`` (the student with that id, who gets the
    row's student number and details). A duplicate without a resolution is counted as new
    and listed in ``unresolved``: the import cannot be confirmed until it is resolved."""
    today = today or timezone.localdate()
    resolutions = resolutions or {}
    students = {p.student_number: p for p in Person.objects.filter(school=school)
                .exclude(student_number="").only("pk", "student_number", "role",
                                                 *_STUDENT_FIELDS)}
    in_file = {row["student_number"] for row in rows}
    duplicates = _possible_duplicates(school, rows, set(students) & in_file)
    merges: dict[str, Person] = {}
    unresolved = []
    for duplicate in duplicates:
        choice = resolutions.get(duplicate.row_number, "")
        target = next((p for p in duplicate.candidates
                       if choice == f"{MERGE}:{p.pk}"), None)
        if target is not None and target not in merges.values():
            merges[duplicate.row["student_number"]] = target
        elif choice != ADD:
            unresolved.append(duplicate.row_number)
    groups = dict(Group.objects.filter(school=school).values_list("name", "pk"))
    group_names = {pk: name for name, pk in groups.items()}
    new_groups = sorted({row["group"] for row in rows if row.get("group")} - groups.keys())

    new_students: list[dict[str, Any]] = []
    updates: list[tuple[Person, dict[str, Any]]] = []
    returning = changed = unchanged = 0
    waiting = set(unresolved)
    for row in rows:
        student = students.get(row["student_number"])
        merged_into = merges.get(row["student_number"])
        if student is None and merged_into is None:
            if int(row["row"]) not in waiting:  # a duplicate to resolve is not new yet
                new_students.append(row)
            continue
        wanted: dict[str, Any] = {name: row[name] for name in
                                  ("first_name", "tussenvoegsel", "last_name") if name in row}
        if merged_into is not None:
            student = merged_into
            wanted["student_number"] = row["student_number"]
        assert student is not None
        if "date_of_birth" in row:
            wanted["date_of_birth"] = (datetime.date.fromisoformat(row["date_of_birth"])
                                       if row["date_of_birth"] else None)
        change = {name: value for name, value in wanted.items()
                  if getattr(student, name) != value}
        if "group" in row and group_names.get(student.group_id) != (row["group"] or None):
            change["group"] = row["group"]
        if not student.is_active:
            change.update(is_active=True, left_on=None)
            returning += 1
        elif change:
            changed += 1
        else:
            unchanged += 1
        if change:
            updates.append((student, change))
    merged_ids = {p.pk for p in merges.values()}
    leavers = [p for number, p in students.items()
               if number not in in_file and p.is_active and p.role == Person.Role.LEERLING
               and p.pk not in merged_ids]
    leaver_ids = [p.pk for p in leavers]

    guardians = Person.objects.filter(school=school, role=Person.Role.OUDER).only(
        "pk", *_GUARDIAN_FIELDS)
    by_pk = {g.pk: g for g in guardians}
    by_email = {g.email.lower(): g for g in by_pk.values() if g.email}
    Link = Person.children.through
    existing_links = set(Link.objects.filter(from_person__school=school)
                         .values_list("from_person_id", "to_person_id"))
    by_name_child = {(*_name_key(by_pk[g]), child): by_pk[g]
                     for g, child in existing_links if g in by_pk}
    new_guardians: dict[tuple[str, ...], dict[str, str]] = {}
    guardian_updates: dict[int, tuple[Person, dict[str, Any]]] = {}
    decided: set[int] = set()
    links: list[tuple[int | tuple[str, ...], str]] = []
    new_links = 0
    for row in rows:
        if int(row["row"]) in waiting:
            continue
        child = students.get(row["student_number"]) or merges.get(row["student_number"])
        for guardian in row["guardians"]:
            match = by_email.get(guardian["email"]) if guardian["email"] else None
            if match is None and child is not None:
                match = by_name_child.get((*_name_key(guardian), child.pk))
            if match is not None:
                # The first row naming a guardian decides their details, so a file that
                # spells a name two ways still gives the same result on every import.
                if match.pk not in decided:
                    decided.add(match.pk)
                    change = {name: guardian[name] for name in _GUARDIAN_FIELDS
                              if guardian[name] and getattr(match, name) != guardian[name]}
                    if change:
                        guardian_updates[match.pk] = (match, change)
                if child is None or (match.pk, child.pk) not in existing_links:
                    links.append((match.pk, row["student_number"]))
                    new_links += 1
                continue
            key: tuple[str, ...] = (("email", guardian["email"]) if guardian["email"]
                                    else ("name", *_name_key(guardian), row["student_number"]))
            new_guardians.setdefault(key, guardian)
            links.append((key, row["student_number"]))
            new_links += 1

    summary = ImportSummary(
        new_students=len(new_students), returning_students=returning,
        changed_students=changed, unchanged_students=unchanged, leavers=len(leaver_ids),
        new_groups=len(new_groups), new_guardians=len(new_guardians),
        changed_guardians=len(guardian_updates), new_links=new_links,
        merged_students=len(merges), possible_duplicates=len(duplicates))
    return _Plan(summary, new_groups, new_students, updates, leaver_ids, new_guardians,
                 list(guardian_updates.values()), links, duplicates, unresolved, leavers)


class DuplicatesUnresolved(ValidationError):
    """Some rows may be students already here; the person importing must say which."""


def do_import_students(school: School, rows: list[dict[str, Any]], by_user: User,
                       ip: str | None = None,
                       resolutions: dict[int, str] | None = None) -> ImportSummary:
    """Imports validated rows (importing.validate) into ``school`` in one transaction:
    creates and updates students and their groups, guardians and their links to their
    children, marks students missing from the file as leavers (and brings back returning
    ones), and records one audit event with the counts. Importing the same rows again
    changes nothing. Any failure rolls everything back: a failed import changes nothing.
    The caller checks the right (Right.MANAGE_PEOPLE for the school)."""
    today = timezone.localdate()
    with transaction.atomic():
        # One import per school at a time: the plan must see what the other one wrote.
        School.objects.select_for_update().filter(pk=school.pk).first()
        plan = plan_import(school, rows, today, resolutions)
        if plan.unresolved:
            raise DuplicatesUnresolved(_(
                "Some students in the file may already be in Protocolwijzer. Choose for "
                "each of them: the same student (merge) or a new student (add)."))
        Group.objects.bulk_create([Group(school=school, name=name) for name in plan.new_groups],
                                  batch_size=_BATCH)
        groups = dict(Group.objects.filter(school=school).values_list("name", "pk"))
        Person.objects.bulk_create([
            Person(school=school, role=Person.Role.LEERLING,
                   student_number=row["student_number"], first_name=row["first_name"],
                   tussenvoegsel=row.get("tussenvoegsel", ""), last_name=row["last_name"],
                   date_of_birth=(datetime.date.fromisoformat(row["date_of_birth"])
                                  if row.get("date_of_birth") else None),
                   group_id=groups.get(row.get("group") or ""))
            for row in plan.new_students], batch_size=_BATCH)
        for student, change in plan.student_updates:
            if "group" in change:
                change["group_id"] = groups.get(change.pop("group") or "")
            for name, value in change.items():
                setattr(student, name, value)
        Person.objects.bulk_update([student for student, _change in plan.student_updates],
                                   _STUDENT_FIELDS, batch_size=_BATCH)
        for start in range(0, len(plan.leaver_ids), _BATCH):
            Person.objects.filter(pk__in=plan.leaver_ids[start:start + _BATCH]).update(
                is_active=False, left_on=today)
        _apply_guardians(school, plan)
        do_record(STUDENTS_IMPORTED, actor=by_user, school=school,
                  detail={"rows": len(rows), **plan.summary.as_dict()}, ip=ip)
    return plan.summary


def _apply_guardians(school: School, plan: _Plan) -> None:
    keys = list(plan.new_guardians)
    created = Person.objects.bulk_create([
        Person(school=school, role=Person.Role.OUDER, first_name=g["first_name"],
               tussenvoegsel=g["tussenvoegsel"], last_name=g["last_name"], email=g["email"])
        for g in plan.new_guardians.values()], batch_size=_BATCH)
    new_pks = {key: person.pk for key, person in zip(keys, created, strict=True)}
    if any(pk is None for pk in new_pks.values()):  # a database without RETURNING
        raise RuntimeError("bulk_create did not return primary keys")
    for guardian, change in plan.guardian_updates:
        for name, value in change.items():
            setattr(guardian, name, value)
    Person.objects.bulk_update([g for g, _change in plan.guardian_updates], _GUARDIAN_FIELDS,
                               batch_size=_BATCH)
    children = dict(Person.objects.filter(school=school).exclude(student_number="")
                    .values_list("student_number", "pk"))
    Link = Person.children.through
    Link.objects.bulk_create(
        [Link(from_person_id=new_pks[ref] if isinstance(ref, tuple) else ref,
              to_person_id=children[number]) for ref, number in plan.links],
        batch_size=_BATCH, ignore_conflicts=True)


def do_store_pending_import(school: School, by_user: User, source: str, table: Table,
                            sha256: str) -> PendingImport:
    """Keeps a parsed upload until it is confirmed or cancelled; removes this user's
    earlier uploads and everyone's uploads older than PENDING_IMPORT_HOURS."""
    with transaction.atomic():
        expired = timezone.now() - datetime.timedelta(hours=PENDING_IMPORT_HOURS)
        PendingImport.objects.filter(created_at__lt=expired).delete()
        PendingImport.objects.filter(created_by=by_user).delete()
        return PendingImport.objects.create(school=school, created_by=by_user, source=source,
                                            table=table.as_json(), sha256=sha256)


def do_check_pending_import(pending: PendingImport, mapping: dict[str, str],
                            validated: Validated) -> None:
    """Stores the chosen mapping (also remembered for the school) and the outcome of
    validating the file with it."""
    mapping = {name: header for name, header in mapping.items() if header}
    with transaction.atomic():
        pending.mapping = mapping
        pending.rows = validated.rows
        pending.errors = [error.as_json() for error in validated.errors]
        pending.save(update_fields=["mapping", "rows", "errors"])
        ImportMapping.objects.update_or_create(school=pending.school, source=pending.source,
                                               defaults={"mapping": mapping})


def do_confirm_pending_import(pending: PendingImport, by_user: User,
                              ip: str | None = None,
                              resolutions: dict[int, str] | None = None) -> ImportSummary:
    if not pending.can_confirm:
        raise ValidationError(_("This file still has errors and cannot be imported. Fix them "
                                "in the student administration and upload the file again."))
    with transaction.atomic():
        summary = do_import_students(pending.school, pending.rows, by_user, ip=ip,
                                     resolutions=resolutions)
        pending.delete()
    return summary


def do_discard_pending_import(pending: PendingImport) -> None:
    with transaction.atomic():
        pending.delete()
