"""Password reset, throttled and with the same answer in the same time for any address.

- At most ``PASSWORD_RESET_LIMITS`` requests per client address and per e-mail address per hour,
  counted in the shared cache; beyond that a 429 with the form, for known and unknown addresses alike.
- The request never looks the account up: it queues ``units.tasks.password_reset_mail``, which
  does, and sends. Every request thus runs the same queries; in the embedded mode (tasks in-process)
  the answer is held to ``PASSWORD_RESET_MIN_SECONDS`` so the time of sending does not show either.
"""

import logging
import time

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters

from common.clientip import client_ip
from common.ratelimit import allow, private_key

logger = logging.getLogger(__name__)
HOUR = 3600
THROTTLED = "Bạn đã yêu cầu đặt lại mật khẩu quá nhiều lần. Vui lòng thử lại sau một giờ."


def limits() -> dict:
    return {"address": 10, "email": 3, **getattr(settings, "PASSWORD_RESET_LIMITS", {})}


@method_decorator(sensitive_post_parameters("email"), name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    def post(self, request, *args, **kwargs):
        started = time.monotonic()
        try:
            return super().post(request, *args, **kwargs)
        finally:
            floor = float(getattr(settings, "PASSWORD_RESET_MIN_SECONDS", 1.0))
            left = floor - (time.monotonic() - started)
            if left > 0:
                time.sleep(left)

    def form_valid(self, form):
        from units.tasks import password_reset_mail

        email = form.cleaned_data["email"]
        address = private_key(client_ip(self.request) or "")
        allowed = allow(None, "password_reset_address", HOUR, key=address, limit=limits()["address"])
        allowed = allow(None, "password_reset_email", HOUR, key=private_key(email), limit=limits()["email"]) and allowed
        if not allowed:
            form.add_error(None, THROTTLED)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        args = (email, self.request.get_host(), self.request.is_secure())
        try:
            password_reset_mail.delay(*args)
        except Exception as error:  # noqa: BLE001 - the broker is down: send from here rather than lose it
            logger.warning("Không gửi được yêu cầu đặt lại mật khẩu tới hàng đợi (%s)", error.__class__.__name__)
            password_reset_mail.apply(args=args)
        return HttpResponseRedirect(self.get_success_url())
