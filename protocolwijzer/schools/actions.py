from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from protocolwijzer.protocols.actions import do_load_builtin_protocols
from protocolwijzer.protocols.models import ProtocolVersion
from protocolwijzer.schools.demo import DEMO_SCHOOLS, STICHTING_NAME, DemoSchool, demo_people
from protocolwijzer.schools.models import Group, Person, School, Stichting


def do_set_school_protocol(school: School, version: ProtocolVersion | None) -> None:
    with transaction.atomic():
        school.protocol = version
        school.save(update_fields=["protocol"])


@dataclass(frozen=True)
class DemoSummary:
    stichting: Stichting
    schools: int
    protocols: int
    people: int
    people_created: int


def do_load_demo() -> DemoSummary:
    """Creates the demo stichting, its two schools and their people; safe to repeat.

    Existing demo objects are found by name and left as they are, except that each demo
    school is pointed at the current version of its built-in protocol.
    """
    with transaction.atomic():
        versions = do_load_builtin_protocols()
        stichting, _ = Stichting.objects.get_or_create(name=STICHTING_NAME)
        people = created = 0
        for demo in DEMO_SCHOOLS:
            school = _demo_school(stichting, demo)
            school_people, school_created = _demo_people(school, demo)
            people += school_people
            created += school_created
    return DemoSummary(stichting, len(DEMO_SCHOOLS), len(versions), people, created)


def _demo_school(stichting: Stichting, demo: DemoSchool) -> School:
    version = ProtocolVersion.objects.current(demo.protocol_id)
    school, created = School.objects.get_or_create(
        slug=demo.slug, defaults={"stichting": stichting, "name": demo.name,
                                  "protocol": version})
    if not created and school.protocol != version:
        do_set_school_protocol(school, version)
    return school


def _demo_people(school: School, demo: DemoSchool) -> tuple[int, int]:
    groups = {name: Group.objects.get_or_create(school=school, name=name)[0]
              for name in demo.groups}
    stored: dict[tuple[str, str, str, str], Person] = {}
    created_count = 0
    for spec in demo_people(demo):
        person, created = Person.objects.get_or_create(
            school=school, first_name=spec.first_name, tussenvoegsel=spec.tussenvoegsel,
            last_name=spec.last_name, role=spec.role,
            defaults={"group": groups[spec.group] if spec.group else None})
        stored[spec.key] = person
        created_count += created
        if spec.children:
            person.children.add(*(stored[child.key] for child in spec.children))
    return len(stored), created_count
