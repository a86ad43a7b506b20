"""Named people in every role, shared by the tests of accounts, audit and schools.

Two stichtingen: "Stichting Noord" with De Maas (the home school, groups 1A and 1B) and
its sister school De Beek; "Stichting Zuid" with De Wilgenhoek. Every persona at De Maas
has an account; ``other_teacher`` works at De Wilgenhoek; ``unlinked`` is an account
without a school. Use the ``personas`` fixture and ``sign_in(client, user)``.

Staff see only the groups they are linked to: ``mentor`` mentors 1A, ``teacher`` (a
medewerker) teaches 1A; neither is linked to 1B. ``colleague`` is a medewerker without an
account and without groups.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from protocolwijzer.accounts.models import User
from protocolwijzer.accounts.two_factor import needs_two_factor
from protocolwijzer.schools.models import Group, Person, School, Stichting

PASSWORD = "persona-wachtwoord-42"
R = Person.Role


@dataclass
class Personas:
    stichting: Stichting
    school: School
    sister_school: School
    other_school: School
    group_1a: Group
    group_1b: Group
    other_group: Group
    beheerder: User
    schoolleider: Person
    communicatie: Person
    teacher: Person
    mentor: Person
    mr_lid: Person
    student: Person
    parent: Person
    classmate: Person
    classmate_parent: Person
    student_1b: Person
    parent_1b: Person
    colleague: Person
    sister_student: Person
    other_student: Person
    other_teacher: Person
    unlinked: User

    def user(self, name: str) -> User:
        """The account of the persona called ``name``."""
        persona = getattr(self, name)
        return persona if isinstance(persona, User) else persona.user


def _person(school: School, first: str, last: str, role: str, *, group: Group | None = None,
            account: bool = False) -> Person:
    user = None
    if account:
        user = User.objects.create_user(f"{first.lower()}.{last.lower()}@{school.slug}.example",
                                        PASSWORD, name=f"{first} {last}")
    return Person.objects.create(school=school, first_name=first, last_name=last, role=role,
                                 group=group, user=user)


def make_personas() -> Personas:
    noord = Stichting.objects.create(name="Stichting Noord")
    zuid = Stichting.objects.create(name="Stichting Zuid")
    school = School.objects.create(stichting=noord, name="De Maas", slug="de-maas")
    sister = School.objects.create(stichting=noord, name="De Beek", slug="de-beek")
    other = School.objects.create(stichting=zuid, name="De Wilgenhoek", slug="de-wilgenhoek")
    group_1a = Group.objects.create(school=school, name="1A")
    group_1b = Group.objects.create(school=school, name="1B")
    other_group = Group.objects.create(school=other, name="Groep 7")

    beheerder = User.objects.create_user("beheerder@noord.example", PASSWORD,
                                         name="Bea Beheerder")
    noord.beheerders.add(beheerder)

    student = _person(school, "Sem", "Bakker", R.LEERLING, group=group_1a, account=True)
    parent = _person(school, "Petra", "Bakker", R.OUDER, account=True)
    parent.children.add(student)
    classmate = _person(school, "Noor", "Visser", R.LEERLING, group=group_1a)
    classmate_parent = _person(school, "Kees", "Visser", R.OUDER)
    classmate_parent.children.add(classmate)
    student_1b = _person(school, "Finn", "Smit", R.LEERLING, group=group_1b)
    parent_1b = _person(school, "Linda", "Smit", R.OUDER)
    parent_1b.children.add(student_1b)

    teacher = _person(school, "Mark", "Docent", R.MEDEWERKER, account=True)
    teacher.teaches.add(group_1a)
    other_teacher = _person(other, "Erik", "Elders", R.MEDEWERKER, account=True)
    other_teacher.teaches.add(other_group)

    return Personas(
        stichting=noord, school=school, sister_school=sister, other_school=other,
        group_1a=group_1a, group_1b=group_1b, other_group=other_group, beheerder=beheerder,
        schoolleider=_person(school, "Saskia", "Leiding", R.SCHOOLLEIDING, account=True),
        communicatie=_person(school, "Cor", "Communicatie", R.COMMUNICATIE, account=True),
        teacher=teacher,
        mentor=_person(school, "Mirjam", "Mentor", R.MENTOR, group=group_1a, account=True),
        mr_lid=_person(school, "Rob", "Raad", R.MR_LID, account=True),
        student=student, parent=parent, classmate=classmate,
        classmate_parent=classmate_parent, student_1b=student_1b, parent_1b=parent_1b,
        colleague=_person(school, "Ingrid", "Collega", R.MEDEWERKER),
        sister_student=_person(sister, "Bram", "Beek", R.LEERLING),
        other_student=_person(other, "Yara", "Wilg", R.LEERLING, group=other_group),
        other_teacher=other_teacher,
        unlinked=User.objects.create_user("los@example.org", PASSWORD, name="Los Account"),
    )


@pytest.fixture
def personas(db: None) -> Personas:
    return make_personas()


def totp_device(user: User) -> TOTPDevice:
    """The user's confirmed authenticator app, made when missing."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="Test", confirmed=True)


def current_code(device: TOTPDevice) -> str:
    """The code the user's app shows now, computed as an app does."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def sign_in(client: Client, user: User, *, second_factor: bool = True) -> None:
    """Signs ``user`` in; with ``second_factor`` also as having entered a correct code, for
    the roles that need one. The sign-in pages themselves are tested in accounts/tests."""
    client.force_login(user)
    if second_factor and needs_two_factor(user):
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = totp_device(user).persistent_id
        session.save()
