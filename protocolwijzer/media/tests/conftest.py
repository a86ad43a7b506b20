"""Every test of the media app keeps its files in a directory of its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from protocolwijzer.api.tests.conftest import api_as, personas
from protocolwijzer.media.tests.private_storage import use_private_storage

__all__ = ["api_as", "personas"]


@pytest.fixture(autouse=True)
def private_media(tmp_path: Path, settings: Any) -> Path:
    """The private storage in this test's own directory (assigned anew, so Django's
    storage handler forgets the configured one)."""
    return use_private_storage(tmp_path, settings)
