"""Counters in the shared cache (Redis when configured), so every process counts the same attempts.

A cache outage lets the request through and logs it: a throttle must not take the page down.
"""

import hashlib
import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)


def cache_key(scope: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]  # no address or e-mail in keys
    return f"thidua-throttle:{scope}:{digest}"


def hit(scope: str, value: str, *, limit: int, window: int) -> bool:
    """Count one attempt; False once more than ``limit`` were counted in the current ``window`` seconds."""
    key = cache_key(scope, value)
    try:
        if cache.add(key, 1, timeout=window):
            return 1 <= limit
        try:
            return cache.incr(key) <= limit
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window)
            return True
    except Exception as error:  # noqa: BLE001 - the cache server is down: let the request through
        logger.warning("Không đếm được lượt %s (bộ nhớ đệm lỗi: %s)", scope, error.__class__.__name__)
        return True
