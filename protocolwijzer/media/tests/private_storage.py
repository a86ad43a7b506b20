"""One way for a test to keep the private media storage in a directory of its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def use_private_storage(tmp_path: Path, settings: Any) -> Path:
    """Points the private storage at ``tmp_path/private-media`` (assigned anew, so Django's
    storage handler forgets the configured one) and returns that directory."""
    location = tmp_path / "private-media"
    settings.STORAGES = {**settings.STORAGES, "media_private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(location), "base_url": None}}}
    return location
