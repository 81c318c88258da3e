"""Demo organisation of the sector (Nghị định 40/2025/NĐ-CP; Nghị quyết 202/2025/QH15): idempotent, creates only what is missing.

Sources: Bộ Công Thương under Nghị định 40/2025/NĐ-CP; the 34 provincial units under
Nghị quyết 202/2025/QH15, with the merged provinces kept as inactive predecessors.
"""

from __future__ import annotations

import datetime
import unicodedata

from django.contrib.auth.hashers import make_password

from .models import (
    Cluster,
    ClusterKind,
    ClusterMembership,
    ClusterRole,
    Gender,
    Person,
    Role,
    RoleAssignment,
    RoleScope,
    Unit,
    UnitKind,
    User,
)

DEMO_PASSWORD = "thidua-demo-2026"

# (code suffix, name, kind, short name) — Nghị định 40/2025/NĐ-CP.
MINISTRY_UNITS = [
    ("vu-khtc", "Vụ Kế hoạch, Tài chính và Quản lý doanh nghiệp", UnitKind.DEPARTMENT, "KHTC"),
    ("vu-pttnn", "Vụ Phát triển thị trường nước ngoài", UnitKind.DEPARTMENT, "PTTTNN"),
    ("vu-cstmdb", "Vụ Chính sách thương mại đa biên", UnitKind.DEPARTMENT, "CSTMĐB"),
    ("vu-dkt", "Vụ Dầu khí và Than", UnitKind.DEPARTMENT, "DKT"),
    ("vu-tccb", "Vụ Tổ chức cán bộ", UnitKind.DEPARTMENT, "TCCB"),
    ("vu-pc", "Vụ Pháp chế", UnitKind.DEPARTMENT, "PC"),
    ("thanh-tra", "Thanh tra Bộ", UnitKind.INSPECTORATE, "TTr"),
    ("van-phong", "Văn phòng Bộ", UnitKind.OFFICE, "VP"),
    ("ubct", "Ủy ban Cạnh tranh quốc gia", UnitKind.COMMITTEE, "UBCT"),
    ("cuc-qlpttttn", "Cục Quản lý và Phát triển thị trường trong nước", UnitKind.AGENCY, "TTTN"),
    ("cuc-dl", "Cục Điện lực", UnitKind.AGENCY, "ĐL"),
    ("cuc-dmst", "Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công", UnitKind.AGENCY, "ĐMST"),
    ("cuc-cn", "Cục Công nghiệp", UnitKind.AGENCY, "CN"),
    ("cuc-pvtm", "Cục Phòng vệ thương mại", UnitKind.AGENCY, "PVTM"),
    ("cuc-xttm", "Cục Xúc tiến thương mại", UnitKind.AGENCY, "XTTM"),
    ("cuc-xnk", "Cục Xuất nhập khẩu", UnitKind.AGENCY, "XNK"),
    ("cuc-kta", "Cục Kỹ thuật an toàn và Môi trường công nghiệp", UnitKind.AGENCY, "KTAT"),
    ("cuc-tmdt", "Cục Thương mại điện tử và Kinh tế số", UnitKind.AGENCY, "TMĐT"),
    ("vien-nccl", "Viện Nghiên cứu chiến lược, chính sách Công Thương", UnitKind.PUBLIC_SERVICE, "VCL"),
    ("bao-ct", "Báo Công Thương", UnitKind.PUBLIC_SERVICE, "BCTh"),
    ("tap-chi-ct", "Tạp chí Công Thương", UnitKind.PUBLIC_SERVICE, "TCCT"),
]

# (name, is a city, predecessors) — Nghị quyết 202/2025/QH15.
PROVINCES = [
    ("Hà Nội", True, []),
    ("Huế", True, []),
    ("Lai Châu", False, []),
    ("Điện Biên", False, []),
    ("Sơn La", False, []),
    ("Lạng Sơn", False, []),
    ("Quảng Ninh", False, []),
    ("Thanh Hóa", False, []),
    ("Nghệ An", False, []),
    ("Hà Tĩnh", False, []),
    ("Cao Bằng", False, []),
    ("Gia Lai", False, [("Bình Định", False)]),
    ("Đắk Lắk", False, [("Phú Yên", False)]),
    ("Hồ Chí Minh", True, [("Bình Dương", False), ("Bà Rịa - Vũng Tàu", False)]),
    ("Tây Ninh", False, [("Long An", False)]),
    ("Vĩnh Long", False, [("Bến Tre", False), ("Trà Vinh", False)]),
    ("Cà Mau", False, [("Bạc Liêu", False)]),
    ("Tuyên Quang", False, [("Hà Giang", False)]),
    ("Lào Cai", False, [("Yên Bái", False)]),
    ("Thái Nguyên", False, [("Bắc Kạn", False)]),
    ("Phú Thọ", False, [("Vĩnh Phúc", False), ("Hòa Bình", False)]),
    ("Bắc Ninh", False, [("Bắc Giang", False)]),
    ("Hưng Yên", False, [("Thái Bình", False)]),
    ("Hải Phòng", True, [("Hải Dương", False)]),
    ("Ninh Bình", False, [("Hà Nam", False), ("Nam Định", False)]),
    ("Quảng Trị", False, [("Quảng Bình", False)]),
    ("Đà Nẵng", True, [("Quảng Nam", False)]),
    ("Quảng Ngãi", False, [("Kon Tum", False)]),
    ("Khánh Hòa", False, [("Ninh Thuận", False)]),
    ("Lâm Đồng", False, [("Đắk Nông", False), ("Bình Thuận", False)]),
    ("Đồng Nai", False, [("Bình Phước", False)]),
    ("Cần Thơ", True, [("Sóc Trăng", False), ("Hậu Giang", False)]),
    ("Đồng Tháp", False, [("Tiền Giang", False)]),
    ("An Giang", False, [("Kiên Giang", False)]),
]

SO_DIVISIONS = [
    ("vp", "Văn phòng Sở", UnitKind.OFFICE, "VP"),
    ("qlcn", "Phòng Quản lý công nghiệp", UnitKind.DIVISION, "QLCN"),
    ("qltm", "Phòng Quản lý thương mại", UnitKind.DIVISION, "QLTM"),
]

ENTERPRISES = [
    ("vinatex", "Tập đoàn Dệt May Việt Nam", "VINATEX", "bct"),
    ("mie", "Tổng công ty Máy và Thiết bị công nghiệp", "MIE", "bct"),
    ("dn-dien-gio-vl", "Công ty cổ phần Năng lượng tái tạo Vĩnh Long", "NLTTVL", "ubnd-vinh-long"),
    ("dn-che-bien-na", "Công ty cổ phần Chế biến nông sản Nghệ An", "CBNSNA", "ubnd-nghe-an"),
]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Thanh"]
MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Mai", "Kim"]
GIVEN_M = ["Hùng", "Dũng", "Tuấn", "Sơn", "Long", "Nam", "Bình", "Cường", "Hải", "Phong", "Trung", "Khánh"]
GIVEN_F = ["Lan", "Hương", "Hà", "Trang", "Linh", "Hạnh", "Nga", "Thảo", "Yến", "Phương", "Dung", "Hằng"]
POSITIONS = ["Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên chính", "Chuyên viên"]

# username, full name, home unit code, [(role, unit code, scope)]
DEMO_ACCOUNTS = [
    ("demo-admin", "Quản trị hệ thống", "van-phong", [(Role.SYSTEM_ADMIN, "bct", RoleScope.SECTOR)]),
    ("demo-bo", "Trần Thị Thu Hà", "van-phong", [(Role.CAMPAIGN_MANAGER, "van-phong", RoleScope.SECTOR)]),
    ("demo-lanhdao", "Nguyễn Hồng Diên", "bct", [(Role.SIGNER, "bct", RoleScope.SUBTREE)]),
    ("demo-vanthu", "Lê Thị Mai", "van-phong", [(Role.CLERK, "bct", RoleScope.SUBTREE)]),
    ("demo-so", "Phạm Văn Tâm", "sct-vinh-long", [(Role.UNIT_OFFICER, "sct-vinh-long", RoleScope.SUBTREE)]),
    ("demo-hoidong", "Hoàng Minh Sơn", "vu-tccb", [(Role.COUNCIL_MEMBER, "bct", RoleScope.SECTOR)]),
    ("demo-hoidong2", "Đỗ Thị Lan", "vu-pc", [(Role.COUNCIL_MEMBER, "bct", RoleScope.SECTOR)]),
    ("demo-hoidong3", "Vũ Quang Long", "cuc-cn", [(Role.COUNCIL_MEMBER, "bct", RoleScope.SECTOR)]),
    ("demo-thuky", "Bùi Thanh Hương", "van-phong", [(Role.COUNCIL_SECRETARY, "bct", RoleScope.SECTOR)]),
    ("demo-xem", "Ngô Đức Bình", "van-phong", [(Role.VIEWER, "bct", RoleScope.SECTOR)]),
    ("demo-congdoan", "Trần Văn Hùng", "cdct", [(Role.SIGNER, "cdct", RoleScope.SUBTREE)]),
    (
        "demo-so-lanhdao",
        "Nguyễn Văn Hải",
        "sct-vinh-long",
        [(Role.SIGNER, "sct-vinh-long", RoleScope.SUBTREE), (Role.CAMPAIGN_MANAGER, "sct-vinh-long", RoleScope.SUBTREE)],
    ),
    ("demo-so-vanthu", "Lê Thị Ngọc Trang", "sct-vinh-long", [(Role.CLERK, "sct-vinh-long", RoleScope.SUBTREE)]),
    ("demo-nghean", "Hồ Văn Phong", "sct-nghe-an", [(Role.UNIT_OFFICER, "sct-nghe-an", RoleScope.SUBTREE)]),
    (
        "demo-cumtruong",
        "Đặng Thị Hạnh",
        "sct-nghe-an",
        [(Role.CLUSTER_LEAD, "sct-nghe-an", RoleScope.UNIT), (Role.UNIT_OFFICER, "sct-nghe-an", RoleScope.SUBTREE)],
    ),
]


def slug(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text.lower()).split())


class Seeder:
    """Create-if-missing helpers that count what they create."""

    def __init__(self):
        self.created: dict[str, int] = {}

    def _count(self, label: str, created: bool):
        if created:
            self.created[label] = self.created.get(label, 0) + 1

    def unit(self, code, name, kind, *, parent=None, short_name="", place="", heading="", governing="", active=True, order=0, external=False):
        unit, created = Unit.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "parent": parent,
                "short_name": short_name,
                "place_name": place,
                "heading_name": heading,
                "governing_body_name": governing,
                "is_active": active,
                "is_external": external,
                "sort_order": order,
            },
        )
        self._count("units", created)
        return unit


def seed_external(seeder: Seeder, units: dict[str, Unit]) -> None:
    """Bodies outside the sector that issue directives and decide awards; none of them logs in."""
    government = seeder.unit("chinh-phu", "Chính phủ", UnitKind.GOVERNMENT, short_name="CP", place="Hà Nội", heading="Chính phủ", external=True)
    units["chinh-phu"] = government
    units["thu-tuong"] = seeder.unit(
        "thu-tuong", "Thủ tướng Chính phủ", UnitKind.GOVERNMENT, short_name="TTg", place="Hà Nội",
        heading="Thủ tướng Chính phủ", external=True,
    )
    units["bo-noi-vu"] = seeder.unit("bo-noi-vu", "Bộ Nội vụ", UnitKind.MINISTRY, short_name="BNV", place="Hà Nội", external=True)


def _province_labels(name: str, city: bool) -> tuple[str, str]:
    level = "thành phố" if city else "tỉnh"
    return level, f"{level} {name}"


def seed_units(seeder: Seeder) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    bct = seeder.unit("bct", "Bộ Công Thương", UnitKind.MINISTRY, short_name="BCT", place="Hà Nội")
    units["bct"] = bct
    for order, (code, name, kind, short) in enumerate(MINISTRY_UNITS, start=1):
        units[code] = seeder.unit(code, name, kind, parent=bct, short_name=short, place="Hà Nội", order=order)
    units["cuc-ctdp"] = seeder.unit(
        "cuc-ctdp",
        "Cục Công Thương địa phương",
        UnitKind.AGENCY,
        parent=bct,
        short_name="CTĐP",
        place="Hà Nội",
        active=False,
        order=90,
    )
    units["cdct"] = seeder.unit(
        "cdct",
        "Công đoàn Công Thương Việt Nam",
        UnitKind.TRADE_UNION,
        short_name="CĐCT",
        place="Hà Nội",
        governing="Tổng Liên đoàn Lao động Việt Nam",
        heading="Công đoàn Công Thương Việt Nam",
    )
    for order, (name, city, merged) in enumerate(PROVINCES, start=1):
        level, full = _province_labels(name, city)
        key = slug(name)
        ubnd = seeder.unit(f"ubnd-{key}", f"Ủy ban nhân dân {full}", UnitKind.PROVINCE, short_name="UBND", place=name, order=order, external=True)
        party = "Thành ủy" if city else "Tỉnh ủy"
        units[f"tinh-uy-{key}"] = seeder.unit(
            f"tinh-uy-{key}", f"{party} {name}", UnitKind.PARTY_COMMITTEE, short_name="TU", place=name, order=order, external=True
        )
        so = seeder.unit(
            f"sct-{key}",
            f"Sở Công Thương {full}",
            UnitKind.PROVINCIAL_DEPARTMENT,
            parent=ubnd,
            short_name="SCT",
            place=name,
            heading="Sở Công Thương",
        )
        units[f"ubnd-{key}"], units[f"sct-{key}"] = ubnd, so
        for div_code, div_name, div_kind, div_short in SO_DIVISIONS:
            units[f"sct-{key}-{div_code}"] = seeder.unit(
                f"sct-{key}-{div_code}", div_name, div_kind, parent=so, short_name=div_short, place=name
            )
        seeder.unit(
            f"sct-{key}-qltt",
            f"Chi cục Quản lý thị trường {full}",
            UnitKind.SUB_AGENCY,
            parent=so,
            short_name="QLTT",
            place=name,
        )
        for old_name, old_city in merged:
            _, old_full = _province_labels(old_name, old_city)
            old_key = slug(old_name)
            old_ubnd = seeder.unit(
                f"ubnd-{old_key}",
                f"Ủy ban nhân dân {old_full}",
                UnitKind.PROVINCE,
                short_name="UBND",
                place=old_name,
                active=False,
                order=100 + order,
                external=True,
            )
            old_so = seeder.unit(
                f"sct-{old_key}",
                f"Sở Công Thương {old_full}",
                UnitKind.PROVINCIAL_DEPARTMENT,
                parent=old_ubnd,
                short_name="SCT",
                place=old_name,
                heading="Sở Công Thương",
                active=False,
            )
            units[f"ubnd-{old_key}"], units[f"sct-{old_key}"] = old_ubnd, old_so
            units[f"tinh-uy-{old_key}"] = seeder.unit(
                f"tinh-uy-{old_key}", f"{'Thành ủy' if old_city else 'Tỉnh ủy'} {old_name}", UnitKind.PARTY_COMMITTEE,
                short_name="TU", place=old_name, active=False, order=100 + order, external=True,
            )
            ubnd.predecessors.add(old_ubnd)
            so.predecessors.add(old_so)
    seed_external(seeder, units)
    for code, name, short, parent_code in ENTERPRISES:
        parent = units[parent_code]
        units[code] = seeder.unit(code, name, UnitKind.ENTERPRISE, parent=parent, short_name=short, place=parent.place_name)
    return units


CLUSTERS = [
    (
        "cum-vi-bac-trung-bo",
        "Cụm thi đua số VI – Sở Công Thương các tỉnh Bắc Trung Bộ",
        ClusterKind.CLUSTER,
        {
            2023: [("sct-thanh-hoa", ClusterRole.LEAD), ("sct-quang-binh", ClusterRole.DEPUTY), ("sct-nghe-an", ClusterRole.MEMBER),
                   ("sct-ha-tinh", ClusterRole.MEMBER), ("sct-quang-tri", ClusterRole.MEMBER), ("sct-hue", ClusterRole.MEMBER)],
            2025: [("sct-nghe-an", ClusterRole.LEAD), ("sct-ha-tinh", ClusterRole.DEPUTY), ("sct-thanh-hoa", ClusterRole.MEMBER),
                   ("sct-quang-tri", ClusterRole.MEMBER), ("sct-hue", ClusterRole.MEMBER)],
            2026: [("sct-nghe-an", ClusterRole.LEAD), ("sct-ha-tinh", ClusterRole.DEPUTY), ("sct-thanh-hoa", ClusterRole.MEMBER),
                   ("sct-quang-tri", ClusterRole.MEMBER), ("sct-hue", ClusterRole.MEMBER)],
        },
    ),
    (
        "cum-viii-dbscl",
        "Cụm thi đua số VIII – Sở Công Thương các tỉnh đồng bằng sông Cửu Long",
        ClusterKind.CLUSTER,
        {
            2022: [("sct-can-tho", ClusterRole.LEAD), ("sct-ben-tre", ClusterRole.DEPUTY), ("sct-vinh-long", ClusterRole.MEMBER),
                   ("sct-tra-vinh", ClusterRole.MEMBER), ("sct-an-giang", ClusterRole.MEMBER), ("sct-dong-thap", ClusterRole.MEMBER)],
            2026: [("sct-vinh-long", ClusterRole.LEAD), ("sct-can-tho", ClusterRole.DEPUTY), ("sct-an-giang", ClusterRole.MEMBER),
                   ("sct-dong-thap", ClusterRole.MEMBER), ("sct-ca-mau", ClusterRole.MEMBER)],
        },
    ),
    (
        "khoi-cuc-qlnn",
        "Khối thi đua các Cục quản lý nhà nước thuộc Bộ Công Thương",
        ClusterKind.BLOCK,
        {
            2026: [("cuc-dl", ClusterRole.LEAD), ("cuc-cn", ClusterRole.DEPUTY), ("cuc-xnk", ClusterRole.MEMBER),
                   ("cuc-xttm", ClusterRole.MEMBER), ("cuc-pvtm", ClusterRole.MEMBER), ("cuc-dmst", ClusterRole.MEMBER)],
        },
    ),
    (
        "khoi-doanh-nghiep",
        "Khối thi đua các doanh nghiệp ngành Công Thương",
        ClusterKind.BLOCK,
        {2026: [("vinatex", ClusterRole.LEAD), ("mie", ClusterRole.DEPUTY)]},
    ),
]


def seed_clusters(seeder: Seeder, units: dict[str, Unit]) -> None:
    for code, name, kind, years in CLUSTERS:
        cluster, created = Cluster.objects.get_or_create(
            code=code, defaults={"name": name, "kind": kind, "organiser": units["bct"]}
        )
        seeder._count("clusters", created)
        for year, members in years.items():
            for unit_code, role in members:
                _, created = ClusterMembership.objects.get_or_create(
                    cluster=cluster, unit=units[unit_code], year=year, defaults={"role": role}
                )
                seeder._count("cluster memberships", created)


def _person_name(index: int) -> tuple[str, str]:
    female = index % 2 == 1
    family = FAMILY[index % len(FAMILY)]
    middle = (MIDDLE_F if female else MIDDLE_M)[(index // 2) % 6]
    given = (GIVEN_F if female else GIVEN_M)[(index * 7) % 12]
    return f"{family} {middle} {given}", Gender.FEMALE if female else Gender.MALE


def seed_persons(seeder: Seeder, units: dict[str, Unit], per_unit: int = 3) -> None:
    index = 0
    for unit in Unit.objects.filter(is_active=True).exclude(kind=UnitKind.PROVINCE).order_by("code"):
        for slot in range(per_unit):
            name, gender = _person_name(index)
            index += 1
            _, created = Person.objects.get_or_create(
                unit=unit,
                full_name=name,
                defaults={
                    "gender": gender,
                    "position": POSITIONS[slot % len(POSITIONS)],
                    "date_of_birth": datetime.date(1970 + index % 25, 1 + index % 12, 1 + index % 28),
                },
            )
            seeder._count("persons", created)


def seed_accounts(seeder: Seeder, units: dict[str, Unit]) -> None:
    hashed = None
    for username, full_name, home, roles in DEMO_ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            hashed = hashed or make_password(DEMO_PASSWORD)
            user = User.objects.create(
                username=username,
                full_name=full_name,
                email=f"{username}@thidua.local",
                unit=units[home],
                password=hashed,
                is_staff=username == "demo-admin",
                is_superuser=username == "demo-admin",
            )
            seeder._count("accounts", True)
        for role, unit_code, scope in roles:
            _, created = RoleAssignment.objects.get_or_create(
                user=user, role=role, unit=units[unit_code], defaults={"scope": scope}
            )
            seeder._count("role assignments", created)


def seed(seeder: Seeder, units: dict[str, Unit]) -> None:
    """Fill ``units`` (code → unit) for the apps seeded after this one."""
    units.update(seed_units(seeder))
    seed_clusters(seeder, units)
    seed_persons(seeder, units)
    seed_accounts(seeder, units)
