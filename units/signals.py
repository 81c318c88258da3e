"""Record logins, failed logins and logouts in the audit trail (ASVS 7.2.1)."""

import time

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .audit import audit_record
from .middleware import LOGIN_AT_KEY, SEEN_AT_KEY


@receiver(user_logged_in)
def on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT_KEY] = request.session[SEEN_AT_KEY] = time.time()
    audit_record(actor=user, action="login", unit=user.unit, summary="Đăng nhập thành công")


@receiver(user_login_failed)
def on_login_failed(sender, credentials, request=None, **kwargs):
    audit_record(action="login_failed", actor_label=str(credentials.get("username", "")), summary="Đăng nhập không thành công")


@receiver(user_logged_out)
def on_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_record(actor=user, action="logout", unit=user.unit, summary="Đăng xuất")
