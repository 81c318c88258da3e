"""Request id for the audit trail, and the absolute session lifetime (ASVS 3.3.2)."""

import time
import uuid

from django.conf import settings
from django.contrib.auth import logout

from common.clientip import client_ip

from .audit import current_ip, current_request_id

LOGIN_AT_KEY = "thidua_login_at"
SEEN_AT_KEY = "thidua_seen_at"
# An active session is written back (renewing its idle expiry, SESSION_COOKIE_AGE) at most once a minute,
# not on every request: the idle timeout is then 14 to 15 minutes, and a page view costs no write.
TOUCH_EVERY_SECONDS = 60


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = uuid.uuid4().hex
        request.request_id = request_id
        token_id = current_request_id.set(request_id)
        token_ip = current_ip.set(client_ip(request))
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token_id)
            current_ip.reset(token_ip)
        response["X-Request-ID"] = request_id
        return response


class SessionLifetimeMiddleware:
    """Log out a session older than SESSION_ABSOLUTE_SECONDS, however active it is; renew the idle expiry of
    an active session once a minute."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get(LOGIN_AT_KEY)
            now = time.time()
            if started is None:
                request.session[LOGIN_AT_KEY] = now
            elif now - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                return self.get_response(request)
            seen = request.session.get(SEEN_AT_KEY)
            if seen is None or not 0 <= now - seen < TOUCH_EVERY_SECONDS:
                request.session[SEEN_AT_KEY] = now  # a modified session is saved, with a new expiry
        return self.get_response(request)
