import pytest

from protocolwijzer.protocols.actions import do_load_builtin_protocols
from protocolwijzer.protocols.models import ProtocolVersion
from protocolwijzer.schools.actions import do_set_school_protocol
from protocolwijzer.schools.tests.personas import Personas, personas

__all__ = ["builtin_versions", "members", "personas"]

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
