from protocolwijzer.protocols.tests.conftest import builtin_versions, members
from protocolwijzer.schools.tests.personas import personas

__all__ = ["builtin_versions", "members", "personas"]
