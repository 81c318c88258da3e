"""The client's address, as lockouts, throttles and the audit trail count it.

Behind a reverse proxy every request comes from the proxy's address, so a lockout by address would
lock everyone out together. With ``TRUSTED_PROXY_COUNT`` = n (1 behind one nginx), the address is the
one the outermost trusted proxy saw: the n-th entry from the right of ``X-Forwarded-For``. A client
cannot forge it, since it can only add entries to the left. With 0 (the default) the header is
ignored and ``REMOTE_ADDR`` is used.
"""

from ipaddress import ip_address

from django.conf import settings


def valid(address: str) -> str | None:
    try:
        return str(ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    remote = valid(request.META.get("REMOTE_ADDR") or "")
    count = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    if count <= 0:
        return remote
    forwarded = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        return remote
    return valid(forwarded[-count]) or remote
