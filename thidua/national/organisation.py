"""The generated part of the organisation: enterprises and sub-units in every province, clusters, persons.

The real organisation (the Ministry, the 34 provinces and their Sở, legal-reference §6) comes from
``seed_demo``; this adds, in each province, a trade-promotion centre, market-surveillance teams
under the Chi cục Quản lý thị trường and enterprises under the provincial People's Committee, until
the campaign has the requested number of participating units.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from common.text import fold
from units.models import (
    PATH_STEP,
    Cluster,
    ClusterKind,
    ClusterMembership,
    ClusterRole,
    Gender,
    Person,
    Unit,
    UnitKind,
    compose_label,
)

from .bulk import take_ids, write

SECTORS = [
    "Dệt may", "Cơ khí chế tạo", "Chế biến thủy sản", "Chế biến gỗ", "Da giày", "Điện tử", "Xăng dầu",
    "Năng lượng tái tạo", "Thương mại dịch vụ", "Chế biến nông sản", "Vật liệu xây dựng", "Hóa chất",
    "Phân phối điện", "Xuất nhập khẩu", "Bao bì", "Thực phẩm", "Khoáng sản", "Logistics",
]
FORMS = ["Công ty cổ phần", "Công ty TNHH", "Công ty TNHH MTV", "Tổng công ty"]
TEAMS_PER_PROVINCE = 10  # market-surveillance teams (Đội Quản lý thị trường) per Chi cục

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô",
          "Dương", "Lý", "Đinh", "Trịnh", "Mai", "Cao", "Lương", "Tạ", "Chu", "Kiều"]
MIDDLE_M = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Công", "Xuân", "Ngọc", "Trọng", "Hoàng", "Quốc"]
MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Mai", "Kim", "Bích", "Thúy", "Hồng", "Phương", "Diệu", "Minh"]
GIVEN_M = ["Hùng", "Dũng", "Tuấn", "Sơn", "Long", "Nam", "Bình", "Cường", "Hải", "Phong", "Trung", "Khánh",
           "Tâm", "Thắng", "Việt", "Hưng", "Quân", "Đạt", "Toàn", "Kiên", "Lâm", "Thịnh", "Huy", "Tùng"]
GIVEN_F = ["Lan", "Hương", "Hà", "Trang", "Linh", "Hạnh", "Nga", "Thảo", "Yến", "Phương", "Dung", "Hằng",
           "Loan", "Nhung", "Vân", "Huyền", "Quyên", "Oanh", "Tuyết", "Xuân", "Ngân", "Giang", "Châu", "Anh"]
POSITIONS = ["Giám đốc", "Phó Giám đốc", "Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên chính", "Chuyên viên",
             "Kỹ sư", "Nhân viên", "Công nhân kỹ thuật", "Đội trưởng", "Kiểm soát viên thị trường"]


@dataclass
class Organisation:
    """What the rest of the generator needs to know about the units."""

    ministry: Unit
    participants: list[int] = field(default_factory=list)  # unit ids, in campaign order
    province_of: dict[int, int] = field(default_factory=dict)  # participant unit id → its Sở id
    kind_of: dict[int, str] = field(default_factory=dict)
    short_of: dict[int, str] = field(default_factory=dict)
    persons: list[tuple[int, int]] = field(default_factory=list)  # (person id, unit id)
    clusters: list[int] = field(default_factory=list)


def person_name(rng: random.Random) -> tuple[str, str]:
    female = rng.random() < 0.5
    middle, given = (MIDDLE_F, GIVEN_F) if female else (MIDDLE_M, GIVEN_M)
    return f"{rng.choice(FAMILY)} {rng.choice(middle)} {rng.choice(given)}", Gender.FEMALE if female else Gender.MALE


def _planned_units(so: Unit, ubnd: Unit, qltt: Unit | None, count: int, prefix: str, order: int):
    """(code, name, short name, kind, parent) of the ``count`` units generated in one province."""
    place = so.place_name
    planned = []
    if count > 0:
        planned.append((f"{prefix}-ttkc", f"Trung tâm Khuyến công và Tư vấn phát triển công nghiệp {place}", "TTKC",
                        UnitKind.PUBLIC_SERVICE, so))
    for team in range(1, TEAMS_PER_PROVINCE + 1):
        if len(planned) == count or qltt is None:
            break
        planned.append((f"{prefix}-qltt-doi-{team}", f"Đội Quản lý thị trường số {team}", f"Đội {team}", UnitKind.DIVISION, qltt))
    number = 0
    while len(planned) < count:
        number += 1
        sector = SECTORS[(number + order) % len(SECTORS)]
        form = FORMS[(number * 7 + order) % len(FORMS)]
        planned.append((f"{prefix}-dn-{number}", f"{form} {sector} {place} số {number}", f"DN{number}", UnitKind.ENTERPRISE, ubnd))
    return planned


def generate_units(*, label: str, count: int, rng: random.Random) -> Organisation:
    """Participants: the active Sở first, then generated units spread over the provinces."""
    ministry = Unit.objects.get(code="bct")
    sos = list(Unit.objects.filter(kind=UnitKind.PROVINCIAL_DEPARTMENT, is_active=True).select_related("parent").order_by("name"))
    if not sos:
        raise RuntimeError("Chưa có tổ chức của ngành: chạy seed_demo trước.")
    organisation = Organisation(ministry=ministry)
    for so in sos[:count]:
        organisation.participants.append(so.pk)
        organisation.province_of[so.pk] = so.pk
        organisation.kind_of[so.pk] = so.kind
        organisation.short_of[so.pk] = so.short_name
    extra = max(0, count - len(sos))
    qltt = {u.parent_id: u for u in Unit.objects.filter(parent__in=sos, kind=UnitKind.SUB_AGENCY)}
    planned = []
    for order, so in enumerate(sos):
        share = extra // len(sos) + (1 if order < extra % len(sos) else 0)
        for item in _planned_units(so, so.parent, qltt.get(so.pk), share, f"gen-{label}-{so.code}", order):
            planned.append((*item, so))
    ids = take_ids(Unit, len(planned))
    rows = []
    for index, (pk, (code, name, short, kind, parent, so)) in enumerate(zip(ids, planned, strict=True)):
        path = f"{parent.path}{pk:0{PATH_STEP}d}."
        label = compose_label(name, parent)
        search_key = fold(" ".join((label, short, so.place_name, code)))
        rows.append((pk, code, name, short, kind, parent.pk, so.place_name, True, index, path, path.count(".") - 1, label, search_key))
        organisation.participants.append(pk)
        organisation.province_of[pk] = so.pk
        organisation.kind_of[pk] = kind
        organisation.short_of[pk] = short
    write(Unit, ["id", "code", "name", "short_name", "kind", "parent_id", "place_name", "is_active", "sort_order", "path", "depth",
                 "label", "search_key"], rows)
    return organisation


def generate_clusters(*, label: str, organisation: Organisation, years: list[int]) -> None:
    """A cluster of the enterprises and sub-units of each province, and a block of the participating Sở."""
    sos = sorted({organisation.province_of[u] for u in organisation.participants})
    members: dict[int, list[int]] = {so: [] for so in sos}
    for unit_id in organisation.participants:
        if unit_id not in members:
            members[organisation.province_of[unit_id]].append(unit_id)
    names = dict(Unit.objects.filter(pk__in=sos).values_list("pk", "place_name"))
    groups = [(f"gen-{label}-khoi-so", "Khối thi đua các Sở Công Thương tham gia phong trào", ClusterKind.BLOCK, sos)]
    groups += [
        (f"gen-{label}-cum-{so}", f"Cụm thi đua các doanh nghiệp, đơn vị ngành Công Thương {names[so]}", ClusterKind.CLUSTER, units)
        for so, units in members.items()
        if units
    ]
    ids = take_ids(Cluster, len(groups))
    write(Cluster, ["id", "code", "name", "kind", "organiser_id", "is_active"],
          [(pk, code, name, kind, organisation.ministry.pk, True) for pk, (code, name, kind, _) in zip(ids, groups, strict=True)])
    organisation.clusters = ids

    def rows():
        for cluster_id, (*_, units) in zip(ids, groups, strict=True):
            for year in years:
                for position, unit_id in enumerate(units):
                    role = ClusterRole.LEAD if position == 0 else ClusterRole.DEPUTY if position == 1 else ClusterRole.MEMBER
                    yield cluster_id, unit_id, year, role

    write(ClusterMembership, ["cluster_id", "unit_id", "year", "role"], rows())


def generate_persons(*, organisation: Organisation, per_unit: int, rng: random.Random) -> None:
    units = organisation.participants
    ids = take_ids(Person, len(units) * per_unit)
    rows = []
    for index, pk in enumerate(ids):
        unit_id = units[index // per_unit]
        name, gender = person_name(rng)
        born = datetime.date(1965 + rng.randrange(35), 1 + rng.randrange(12), 1 + rng.randrange(28))
        rows.append((pk, unit_id, name, gender, POSITIONS[rng.randrange(len(POSITIONS))], born, True, fold(name)))
        organisation.persons.append((pk, unit_id))
    write(Person, ["id", "unit_id", "full_name", "gender", "position", "date_of_birth", "is_active", "search_key"], rows)
