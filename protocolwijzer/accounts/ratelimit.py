"""Counting requests per key in Django's cache, for limits that are not about signing in
(those are django-axes's, see lockout.py).

A fixed window per key: simple and cheap; at a window's edge someone may get up to twice
the limit in a short time, which is fine for limits meant against floods, not as a
guarantee. The cache is Django's ``default`` (see CACHES in settings.py): memory of one
process unless an operator points it at a shared cache, so with several worker processes
each counts on its own.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    name: str
    requests: int
    per: timedelta


def count_request(limit: Limit, key: str) -> tuple[int, int]:
    """Counts one request for ``key``; returns how many were counted in this window of
    ``limit``, and the seconds until the window ends.

    The key is hashed: an e-mail address never lands in the cache as it was typed.
    """
    window = int(limit.per.total_seconds())
    now = time.time()
    bucket = int(now // window)
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
    cache_key = f"pw:limit:{limit.name}:{digest}:{bucket}"
    # add() then incr(): atomic in shared caches (Redis, memcached), so two processes
    # never both count 1.
    cache.add(cache_key, 0, timeout=window + 60)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # evicted between add and incr
        cache.set(cache_key, 1, timeout=window + 60)
        count = 1
    return count, max(1, int((bucket + 1) * window - now))


def count_and_check(limit: Limit, key: str) -> int:
    """Counts one request for ``key``; returns 0 while within ``limit``, else the seconds
    until the window ends and requests are allowed again."""
    count, seconds_left = count_request(limit, key)
    return 0 if count <= limit.requests else seconds_left
