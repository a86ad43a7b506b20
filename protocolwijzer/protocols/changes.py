"""What changes in practice between two texts of a protocol, in plain words, cached.

The behavioural diff decides some 24,000 situations under both texts (a few seconds), so
its sentences are kept by the pair of texts' SHA-256 and the language: a second look at
the same pair, by the schoolleider or the MR, is instant.
"""

from __future__ import annotations

from django.core.cache import cache
from django.utils.translation import get_language

from protocolwijzer.engine.diff import diff_protocols
from protocolwijzer.engine.diff_words import describe_diff
from protocolwijzer.engine.protocol import Protocol

CACHE_SECONDS = 7 * 24 * 3600


def changes_in_practice(before: Protocol, after: Protocol) -> list[str]:
    """One plain sentence per group of situations ``after`` decides otherwise."""
    key = f"pw:changes:{before.sha256}:{after.sha256}:{get_language()}"
    sentences: list[str] | None = cache.get(key)
    if sentences is None:
        sentences = describe_diff(diff_protocols(before, after))
        cache.set(key, sentences, CACHE_SECONDS)
    return sentences
