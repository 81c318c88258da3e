"""The navigation bar: each entry lists the roles that may see it (None: every signed-in account)."""

from django.urls import NoReverseMatch, reverse

from units.models import Role
from units.scoping import has_any_role, is_system_admin

ADMIN = "admin"

NAV_ITEMS: list[tuple[str, str, tuple | None]] = [
    ("Trang chủ", "home", None),
    ("Đơn vị", "units:unit-list", None),
    ("Cụm, khối", "units:cluster-list", None),
    ("Phong trào", "campaigns:campaign-list", None),
    ("Giao ước", "campaigns:covenant-list", None),
    ("Văn bản", "documents:document-list", None),
    ("Sổ văn bản đi", "documents:register", (Role.CLERK, Role.SIGNER, ADMIN)),
    ("Khen thưởng", "awards:nomination-list", None),
    ("Hội đồng", "awards:session-list", (Role.COUNCIL_MEMBER, Role.COUNCIL_SECRETARY)),
    ("Vinh danh", "awards:honour-board", None),
    ("Người dùng", "units:user-list", (ADMIN,)),
    ("Nhật ký", "units:audit-list", (ADMIN,)),
]


def nav_for(user) -> list[dict]:
    items = []
    for label, url_name, roles in NAV_ITEMS:
        if roles is not None:
            wanted = [r for r in roles if r != ADMIN]
            allowed = (ADMIN in roles and is_system_admin(user)) or (wanted and has_any_role(user, wanted))
            if not allowed:
                continue
        try:
            items.append({"label": label, "url": reverse(url_name), "name": url_name})
        except NoReverseMatch:
            continue
    return items


__all__ = ["NAV_ITEMS", "nav_for", "Role"]
