"""A per-account rate limit for uploads, exports and other costly actions (ASVS 11.1.2–11.1.4), over Django's cache.

The count lives in the default cache: shared by every process when ``CACHES`` points at Redis, per
process with the embedded local-memory default.
"""

from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

DEFAULT_LIMITS = {"evidence_upload": 30, "export": 20, "upload": 30}  # per account per minute
TOO_MANY = "Quá nhiều yêu cầu trong một phút; vui lòng thử lại sau ít phút."


def limit_for(action: str) -> int:
    configured = getattr(settings, "RATE_LIMITS", None) or getattr(settings, "CAMPAIGNS_RATE_LIMITS", {})
    return int(configured.get(action, DEFAULT_LIMITS.get(action, 30)))


def allow(user, action: str, window: int = 60, *, key: str | None = None) -> bool:
    """Count one ``action`` for ``user`` (or ``key``); False once the limit for the current window is passed."""
    cache_key = f"rate:{action}:{key if key is not None else user.pk}"
    if cache.add(cache_key, 1, timeout=window):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window)
        return True
    return count <= limit_for(action)


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
