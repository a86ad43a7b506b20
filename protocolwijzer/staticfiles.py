"""Static files storage for production: WhiteNoise's hashed names, gzip only.

WhiteNoise also makes brotli copies when the ``brotli`` module happens to be installed
(a development dependency pulls it in). That multiplies ``collectstatic``, which the
production start runs every time, by ten on a small server (a minute against seconds for
the API documentation's bundle) for a few kilobytes saved on our own small files.
"""

from __future__ import annotations

from typing import Any

from whitenoise.compress import Compressor
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def create_compressor(self, **kwargs: Any) -> Compressor:
        return Compressor(use_brotli=False, **kwargs)
