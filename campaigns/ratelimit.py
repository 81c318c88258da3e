"""A small per-account rate limit for uploads and exports (ASVS 11.1.2–11.1.4), over Django's cache.

With the default local-memory cache the count is per process; point ``CACHES`` at Redis in production
for one count across workers.
"""

from django.conf import settings
from django.core.cache import cache

DEFAULT_LIMITS = {"evidence_upload": 30, "export": 20}  # per account per minute


def limit_for(action: str) -> int:
    return int(getattr(settings, "CAMPAIGNS_RATE_LIMITS", {}).get(action, DEFAULT_LIMITS[action]))


def allow(user, action: str, window: int = 60) -> bool:
    """Count one ``action`` for ``user``; False once the limit for the current window is passed."""
    key = f"campaigns-rate:{action}:{user.pk}"
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True
    return count <= limit_for(action)
