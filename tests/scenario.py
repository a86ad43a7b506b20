"""Situations for the scenario tests."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

ROERMOND = "praktijkonderwijs-roermond-2015"
WILLIBRORD = "willibrord-miland-2023"

# shared/ stands beside the checkout (and so beside CI's clone); PW_SHARED_DIR may move it.
_CHECKOUT = Path(__file__).resolve().parents[1]
SHARED = next((Path(c) for c in (os.environ.get("PW_SHARED_DIR"), _CHECKOUT.parent / "shared",
                                  "/work/shared") if c and Path(c).is_dir()),
              _CHECKOUT.parent / "shared")
SEEDS = SHARED / "seeds"
# Outside CI a developer may lack shared/; in CI a missing seed is a failure, not a skip.
needs_seeds = pytest.mark.skipif(not SEEDS.is_dir() and not os.environ.get("CI"),
                                 reason="shared/seeds is not beside the checkout")


def situation(protocol: str, role: str, action: str, context: str = "off_duty",
              **fields: Any) -> dict[str, Any]:
    """A school-related situation with the required fields, plus any others."""
    base: dict[str, Any] = {"protocol": protocol, "actor": {"role": role}, "context": context,
                            "school_related": True, "action": action}
    base.update(fields)
    return base


def photo(*consents: str, role: str = "student") -> dict[str, Any]:
    return {"kind": "photo", "people": [{"role": role, "consent": c} for c in consents]}
