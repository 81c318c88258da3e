"""Access decorators for views. Object-level checks live in the selectors' gates."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .scoping import has_any_role, is_system_admin


def role_required(*roles):
    """Require any of ``roles`` somewhere in the account's assignments (403 otherwise)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not (is_system_admin(request.user) or has_any_role(request.user, roles)):
                raise PermissionDenied("Tài khoản không có quyền thực hiện chức năng này.")
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def admin_required(view):
    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not is_system_admin(request.user):
            raise PermissionDenied("Chức năng dành cho quản trị hệ thống.")
        return view(request, *args, **kwargs)

    return wrapped
