import pytest
from django.test import Client
from django.urls import reverse

from protocolwijzer.protocols.actions import do_load_builtin_protocols
from protocolwijzer.protocols.models import Adoption, ProtocolVersion
from protocolwijzer.schools.actions import do_set_school_protocol
from protocolwijzer.schools.tests.personas import Personas, personas

__all__ = ["builtin_versions", "members", "personas", "willibrord"]

ROERMOND = "praktijkonderwijs-roermond-2015"
WILLIBRORD = "willibrord-miland-2023"


@pytest.fixture
def builtin_versions(db: None) -> dict[str, ProtocolVersion]:
    return {version.protocol_id: version for version in do_load_builtin_protocols()}


@pytest.fixture
def members(personas: Personas, builtin_versions: dict[str, ProtocolVersion]) -> Personas:
    """The shared personas, with De Maas following Roermond and De Wilgenhoek Willibrord."""
    do_set_school_protocol(personas.school, builtin_versions[ROERMOND])
    do_set_school_protocol(personas.other_school, builtin_versions[WILLIBRORD])
    return personas


@pytest.fixture
def willibrord(members: Personas, builtin_versions: dict[str, ProtocolVersion]) -> Personas:
    """The members, with De Maas following Willibrord as well."""
    do_set_school_protocol(members.school, builtin_versions[WILLIBRORD])
    return members


def copy_concept(client: Client, p: Personas) -> Adoption:
    """The concept a signed-in leader makes of the school's version in force."""
    client.post(reverse("protocols:adoption_copy"),
                {"version": p.school.protocol.pk, "school": p.school.pk})
    return Adoption.objects.get(school=p.school, status=Adoption.Status.CONCEPT)
