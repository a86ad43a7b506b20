import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from protocolwijzer.accounts.models import User
from protocolwijzer.protocols.models import Article, ProtocolVersion
from protocolwijzer.schools.demo import (
    DEMO_BEHEERDER_EMAIL,
    DEMO_PASSWORD,
    DEMO_TOTP_KEY_HEX,
    DEMO_TOTP_SECRET_BASE32,
    DemoPerson,
    DemoSchool,
    demo_emails,
)
from protocolwijzer.schools.models import Group, Person, School, Stichting
from protocolwijzer.schools.policy import TWO_FACTOR_ROLES


def _load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count()
            for model in (ProtocolVersion, Article, Stichting, School, Group, Person)}


@pytest.mark.django_db
def test_load_demo_creates_two_schools_under_the_two_builtin_protocols() -> None:
    _load_demo()

    stichting = Stichting.objects.get()
    assert stichting.name == "Stichting Voorbeeldscholen"
    protocols = {school.name: school.protocol.protocol_id for school in stichting.schools.all()}
    assert protocols == {"Praktijkschool De Maas": "praktijkonderwijs-roermond-2015",
                         "Basisschool De Wilgenhoek": "willibrord-miland-2023"}


@pytest.mark.django_db
def test_load_demo_creates_people_in_every_role_at_both_schools() -> None:
    _load_demo()

    for school in School.objects.all():
        roles = set(school.people.values_list("role", flat=True))
        assert roles == set(Person.Role.values), school.name
        students = school.people.filter(role=Person.Role.LEERLING)
        assert students.count() == 20
        for student in students:
            assert student.group is not None
            assert student.guardians.filter(role=Person.Role.OUDER).exists(), student
        assert not school.people.filter(role=Person.Role.MENTOR, group=None).exists()


@pytest.mark.django_db
def test_load_demo_twice_creates_nothing_new() -> None:
    _load_demo()
    counts = _counts()
    guardianships = Person.children.through.objects.count()

    second_output = _load_demo()

    assert _counts() == counts
    assert Person.children.through.objects.count() == guardianships
    assert "(0 new)" in second_output or "(0 nieuw)" in second_output


@pytest.mark.django_db
def test_load_demo_prints_how_to_sign_in_to_the_demo() -> None:
    output = _load_demo()

    assert "Stichting Voorbeeldscholen" in output
    assert DEMO_PASSWORD in output
    assert DEMO_BEHEERDER_EMAIL in output
    assert DEMO_TOTP_SECRET_BASE32 in output
    for school in School.objects.all():
        leader = school.people.filter(role=Person.Role.SCHOOLLEIDING).first()
        assert f"{school.name}: {leader.user.email}" in output


@pytest.mark.django_db
def test_load_demo_is_silent_with_verbosity_zero() -> None:
    out = StringIO()

    call_command("load_demo", verbosity=0, stdout=out)

    assert out.getvalue() == ""


@pytest.mark.django_db
def test_every_demo_person_gets_an_account_named_after_them() -> None:
    _load_demo()

    emails = list(Person.objects.values_list("user__email", flat=True))
    assert None not in emails
    assert len(set(emails)) == len(emails)
    for person in Person.objects.select_related("school", "user"):
        assert re.fullmatch(rf"[a-z0-9]+\.[a-z0-9]+\d*@{person.school.slug}\.example",
                            person.user.email), person.user.email
        assert person.user.check_password(DEMO_PASSWORD)


def test_demo_addresses_are_plain_ascii_even_for_names_with_accents() -> None:
    demo = DemoSchool("Test", "test", "x", ("1",))
    people = [DemoPerson("Zoë", "van der", "Meer", Person.Role.LEERLING),
              DemoPerson("Mohammed", "", "El Amrani", Person.Role.LEERLING),
              DemoPerson("Zoe", "", "Vandermeer", Person.Role.OUDER)]

    emails = demo_emails(demo, people)

    assert list(emails.values()) == ["zoe.vandermeer@test.example",
                                     "mohammed.elamrani@test.example",
                                     "zoe.vandermeer2@test.example"]


@pytest.mark.django_db
def test_the_demo_beheerder_manages_the_stichting() -> None:
    _load_demo()

    beheerder = User.objects.get(email=DEMO_BEHEERDER_EMAIL)
    assert list(beheerder.beheerder_of.all()) == [Stichting.objects.get()]
    assert beheerder.check_password(DEMO_PASSWORD)


@pytest.mark.django_db
def test_only_the_two_factor_roles_get_the_published_demo_app() -> None:
    _load_demo()

    with_app = set(TOTPDevice.objects.filter(confirmed=True, key=DEMO_TOTP_KEY_HEX)
                   .values_list("user__email", flat=True))
    expected = set(Person.objects.filter(role__in=TWO_FACTOR_ROLES)
                   .values_list("user__email", flat=True)) | {DEMO_BEHEERDER_EMAIL}
    assert with_app == expected
    assert TOTPDevice.objects.count() == len(expected)


@pytest.mark.django_db
def test_load_demo_twice_makes_no_new_accounts_or_apps() -> None:
    _load_demo()
    counts = (User.objects.count(), TOTPDevice.objects.count())

    second_output = _load_demo()

    assert (User.objects.count(), TOTPDevice.objects.count()) == counts
    assert "(0 " in second_output.splitlines()[1]  # "Demo accounts (0 new)", in any language


@pytest.mark.django_db
def test_load_demo_after_a_role_change_keeps_the_person_and_the_account() -> None:
    _load_demo()
    person = Person.objects.filter(role=Person.Role.MEDEWERKER).first()
    person.role = Person.Role.MENTOR
    person.save(update_fields=["role"])
    people = Person.objects.count()

    _load_demo()

    assert Person.objects.count() == people


@pytest.mark.django_db
def test_the_demo_schoolleider_signs_in_with_the_published_password_and_code(
        client: Client) -> None:
    _load_demo()
    leader = Person.objects.filter(role=Person.Role.SCHOOLLEIDING).first().user
    totp = TOTP(bytes.fromhex(DEMO_TOTP_KEY_HEX))

    client.post(reverse("accounts:login"), {"username": leader.email,
                                             "password": DEMO_PASSWORD})
    response = client.post(reverse("accounts:two_factor"), {"code": f"{totp.token():06d}"})

    assert response["Location"] == reverse("schools:my_school")
    assert client.get(reverse("schools:my_school")).status_code == 200


@pytest.mark.django_db
def test_demo_teachers_are_linked_to_groups_and_the_concierge_sees_every_group() -> None:
    _load_demo()

    for school in School.objects.all():
        teachers = Person.objects.filter(school=school, role=Person.Role.MEDEWERKER)
        assert all(t.teaches.count() == 2 for t in teachers)
        assert teachers.filter(sees_all_groups=True).count() == 1
        mentors = Person.objects.filter(school=school, role=Person.Role.MENTOR)
        assert all(m.group is not None for m in mentors)
