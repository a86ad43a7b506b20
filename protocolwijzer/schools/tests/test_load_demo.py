from io import StringIO

import pytest
from django.core.management import call_command

from protocolwijzer.protocols.models import Article, ProtocolVersion
from protocolwijzer.schools.models import Group, Person, School, Stichting


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
def test_load_demo_prints_one_line() -> None:
    output = _load_demo()

    assert output.count("\n") == 1
    assert "Stichting Voorbeeldscholen" in output
