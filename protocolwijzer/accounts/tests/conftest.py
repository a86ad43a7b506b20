from protocolwijzer.schools.tests.personas import personas

__all__ = ["personas"]
