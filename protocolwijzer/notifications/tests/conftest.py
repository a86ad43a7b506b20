"""The publication log's fixtures (personas with the register set up, ``log``) serve here
too: notifications tell about what happens there."""

from protocolwijzer.publications.tests.conftest import api_as, log, p, personas

__all__ = ["api_as", "log", "p", "personas"]
