"""What waits for a system administrator: accounts that cannot work until they are given a role."""

from django.db.models import Exists, OuterRef
from django.urls import reverse

from .models import RoleAssignment, User
from .scoping import is_system_admin


def todo(user) -> list[dict]:
    if not is_system_admin(user):
        return []
    roles = RoleAssignment.objects.active().filter(user=OuterRef("pk"))
    waiting = User.objects.filter(is_active=True, is_superuser=False).exclude(Exists(roles)).order_by("username")
    rows = list(waiting[:5])
    if not rows:
        return []
    return [{
        "label": "Tài khoản chưa được phân quyền",
        "count": waiting.count(),
        "url": reverse("units:user-list"),
        "links": [(f"{u.username} – {u.get_full_name()}", reverse("units:user-detail", args=[u.pk])) for u in rows],
    }]
