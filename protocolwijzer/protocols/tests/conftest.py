import pytest

from protocolwijzer.protocols.actions import do_load_builtin_protocols
from protocolwijzer.protocols.models import ProtocolVersion


@pytest.fixture
def builtin_versions(db: None) -> dict[str, ProtocolVersion]:
    return {version.protocol_id: version for version in do_load_builtin_protocols()}
