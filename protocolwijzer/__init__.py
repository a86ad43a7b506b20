"""Protocolwijzer: a school's protocol sociale media as a living system."""

__version__ = "0.1.0"
