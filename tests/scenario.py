"""Situations for the scenario tests."""

from __future__ import annotations

from typing import Any

ROERMOND = "praktijkonderwijs-roermond-2015"
WILLIBRORD = "willibrord-miland-2023"


def situation(protocol: str, role: str, action: str, context: str = "off_duty",
              **fields: Any) -> dict[str, Any]:
    """A school-related situation with the required fields, plus any others."""
    base: dict[str, Any] = {"protocol": protocol, "actor": {"role": role}, "context": context,
                            "school_related": True, "action": action}
    base.update(fields)
    return base


def photo(*consents: str, role: str = "student") -> dict[str, Any]:
    return {"kind": "photo", "people": [{"role": role, "consent": c} for c in consents]}
