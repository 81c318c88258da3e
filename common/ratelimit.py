"""A per-account rate limit for uploads, exports and other costly actions (ASVS 11.1.2–11.1.4), over Django's cache.

The count lives in the default cache: shared by every process when ``CACHES`` points at Redis, per
process with the embedded local-memory default.
"""

import hashlib
import logging
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

logger = logging.getLogger(__name__)
DEFAULT_LIMITS = {"evidence_upload": 30, "export": 20, "upload": 30}  # per account per minute
TOO_MANY = "Quá nhiều yêu cầu trong một phút; vui lòng thử lại sau ít phút."


def limit_for(action: str) -> int:
    configured = getattr(settings, "RATE_LIMITS", None) or getattr(settings, "CAMPAIGNS_RATE_LIMITS", {})
    return int(configured.get(action, DEFAULT_LIMITS.get(action, 30)))


def private_key(value: str) -> str:
    """A cache key part for an address or an e-mail that keeps neither in the cache."""
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]


def allow(user, action: str, window: int = 60, *, key: str | None = None, limit: int | None = None) -> bool:
    """Count one ``action`` for ``user`` (or ``key``); False once the limit for the current window is passed.

    A cache outage lets the request through (and logs it): a rate limit must not take the page down.
    """
    cache_key = f"rate:{action}:{key if key is not None else user.pk}"
    limit = limit if limit is not None else limit_for(action)
    try:
        if cache.add(cache_key, 1, timeout=window):
            return 1 <= limit
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add and incr
            cache.add(cache_key, 1, timeout=window)
            return True
    except Exception as error:  # noqa: BLE001 - the cache server is down
        logger.warning("Không đếm được lượt %s (bộ nhớ đệm lỗi: %s)", action, error.__class__.__name__)
        return True
    return count <= limit


def too_many_response(text: str = TOO_MANY) -> HttpResponse:
    return HttpResponse(text, status=429, content_type="text/plain; charset=utf-8")


def rate_limited(action: str):
    """Answer 429 with a Vietnamese message once the account passes the per-minute limit for ``action``."""

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not allow(request.user, action):
                return too_many_response()
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
