"""The API's test fixtures (personas with protocols, a token client) serve here too."""

from protocolwijzer.api.tests.conftest import api_as, personas

__all__ = ["api_as", "personas"]
