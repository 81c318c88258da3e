"""The navigation bar: each entry lists the roles that may see it (None: every signed-in account)."""

from django.urls import NoReverseMatch, reverse

from units.models import Role
from units.scoping import has_any_role, is_system_admin

ADMIN = "admin"
COUNCIL_SEAT = "council_seat"  # a member or the secretary of a council, whatever the account's roles
MANAGERS = (Role.CAMPAIGN_MANAGER, Role.COUNCIL_SECRETARY, ADMIN)

NAV_ITEMS: list[tuple[str, str, tuple | None]] = [
    ("Trang chủ", "home", None),
    ("Đơn vị", "units:unit-list", None),
    ("Cụm, khối", "units:cluster-list", None),
    ("Phong trào", "campaigns:campaign-list", None),
    ("Giao ước", "campaigns:covenant-list", None),
    ("Văn bản", "documents:document-list", None),
    ("Sổ văn bản đi", "documents:register", (Role.CLERK, Role.SIGNER, ADMIN)),
    ("Văn bản đến", "documents:incoming-list", (Role.CLERK, Role.CAMPAIGN_MANAGER, ADMIN)),
    # Accounts that sign (a leader; the council's secretary signs its minutes): their own certificate.
    ("Chứng thư số của tôi", "documents:credential-mine", (Role.SIGNER, Role.COUNCIL_SECRETARY)),
    # The organisation's certificate is kept by its records clerk, who keeps the seal (docs/signatures.md).
    ("Chứng thư số cơ quan", "documents:credential-units", (Role.CLERK, ADMIN)),
    ("Khen thưởng", "awards:nomination-list", None),
    ("Hội đồng", "awards:session-list", (Role.COUNCIL_MEMBER, Role.COUNCIL_SECRETARY, COUNCIL_SEAT)),
    ("Vinh danh", "awards:honour-board", None),
    ("Thiết lập", "setup", MANAGERS),
    ("Người dùng", "units:user-list", (ADMIN,)),
    ("Nhật ký", "units:audit-list", (ADMIN,)),
]


def _council_seats(user):
    from django.db.models import Q

    from awards.models import Council

    return Council.objects.filter(Q(members=user) | Q(secretary=user))


def sits_on_a_council(user) -> bool:
    return _council_seats(user).exists()


def frame_facts(user) -> dict:
    """What every page's frame shows about the account, in one query: its unread notices and whether it
    sits on a council."""
    from django.db.models import Count, Exists, OuterRef, Subquery
    from django.db.models.functions import Coalesce

    from units.models import Notification, User

    unread = (
        Notification.objects.filter(user=OuterRef("pk"), is_read=False).order_by().values("user").annotate(n=Count("pk")).values("n")
    )
    seat = _council_seats(OuterRef("pk"))
    facts = User.objects.filter(pk=user.pk).annotate(unread=Coalesce(Subquery(unread), 0), seat=Exists(seat)).values("unread", "seat").first()
    return facts or {"unread": 0, "seat": False}


def _allowed(user, roles, seat) -> bool:
    wanted = [r for r in roles if r not in (ADMIN, COUNCIL_SEAT)]
    if ADMIN in roles and is_system_admin(user):
        return True
    if wanted and has_any_role(user, wanted):
        return True
    return COUNCIL_SEAT in roles and (seat() if callable(seat) else seat)


def nav_for(user, *, seat=None) -> list[dict]:
    """The entries ``user`` may see; ``seat`` (whether it sits on a council) is looked up when not given."""
    seat = (lambda: sits_on_a_council(user)) if seat is None else seat
    items = []
    for label, url_name, roles in NAV_ITEMS:
        if roles is not None and not _allowed(user, roles, seat):
            continue
        try:
            items.append({"label": label, "url": reverse(url_name), "name": url_name})
        except NoReverseMatch:
            continue
    return items


__all__ = ["NAV_ITEMS", "nav_for", "Role"]
