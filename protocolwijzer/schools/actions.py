from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from protocolwijzer.accounts.models import User
from protocolwijzer.audit.actions import do_record
from protocolwijzer.audit.models import Action
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
from protocolwijzer.schools.models import Group, Person, School, Stichting
from protocolwijzer.schools.policy import TWO_FACTOR_ROLES


def do_set_school_protocol(school: School, version: ProtocolVersion | None) -> None:
    with transaction.atomic():
        school.protocol = version
        school.save(update_fields=["protocol"])


def do_change_role(by_user: User, person: Person, role: str, ip: str | None = None) -> bool:
    """Gives ``person`` another role and records who did it; False when nothing changed.

    The caller checks the right (``access_person_to_manage``). Nobody changes their own
    role: that is how a school would lock out its last schoolleider by accident. A new
    role that needs two-factor sign-in takes effect at once: the person's next request
    asks for a code.
    """
    if role not in Person.Role.values:
        raise ValidationError(_("This role does not exist."))
    if person.user_id is not None and person.user_id == by_user.pk:
        raise ValidationError(_("You cannot change your own role. Ask another schoolleider "
                                "or a beheerder."))
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
            stored, school_created = _demo_people(school, demo)
            accounts += _demo_accounts(demo, stored, password_hash)
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
    school, created = School.objects.get_or_create(
        slug=demo.slug, defaults={"stichting": stichting, "name": demo.name,
                                  "protocol": version})
    if not created and school.protocol != version:
        do_set_school_protocol(school, version)
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
