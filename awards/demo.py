"""Demo award history: seed 002 (Cục Công Thương địa phương) and persons whose records give every
eligibility rule a passing and a failing case. Idempotent: rows are found before they are created."""

from __future__ import annotations

from units.models import Gender, Person

from .models import AwardKind, AwardRecord, Discipline, Initiative, Rating

SEED_002 = {
    "tldxs": [2013, 2015, 2016, 2017, 2018],
    "co-bo": [2013, 2014, 2016, 2018],
    "bk-ttg": [2013, 2015, 2017, 2019],
    "co-cp": [2015],
}

# name, unit code, {award code: years}, {year: rating}, [(year, scope)] initiatives, the case it shows
PERSONS = [
    ("Nguyễn Thị Minh Châu", "van-phong", {"ldtt": [2023, 2024, 2025], "cstdcs": [2023, 2024, 2025]},
     {2023: "htxs", 2024: "htxs", 2025: "htxs"}, [(2024, "ministry")], "CSTĐ Bộ 2025: đạt (CSTĐCS 2023–2025)"),
    ("Trần Quốc Bảo", "van-phong", {"ldtt": [2022, 2024, 2025], "cstdcs": [2022, 2024, 2025]},
     {2022: "htxs", 2023: "htt", 2024: "htxs", 2025: "htxs"}, [(2025, "ministry")], "CSTĐ Bộ 2025: không đạt (thiếu 2023)"),
    ("Lê Hoàng Nam", "sct-vinh-long", {"ldtt": [2024, 2025], "cstdcs": [2024, 2025]},
     {2024: "htxs", 2025: "htxs"}, [(2024, "unit"), (2025, "unit")], "Bằng khen Bộ 2025: đạt (02 năm CSTĐCS)"),
    ("Phạm Thị Thu Hằng", "sct-vinh-long", {"ldtt": [2025]}, {2025: "htt"}, [], "CSTĐCS 2025: không đạt (chưa HTXS, chưa có sáng kiến)"),
    ("Võ Văn Dũng", "sct-vinh-long", {"bk-bo": [2019], "cstdcs": [2021, 2023, 2025], "ldtt": [2021, 2022, 2023, 2024, 2025]},
     {2021: "htt", 2022: "htt", 2023: "htxs", 2024: "htt", 2025: "htxs"}, [(2023, "unit")], "Bằng khen Thủ tướng 2025: đạt"),
    ("Hoàng Văn Phúc", "sct-vinh-long", {"bk-bo": [2018], "cstdcs": [2023, 2025], "ldtt": [2021, 2022, 2023, 2024, 2025]},
     {2021: "htt", 2022: "htt", 2023: "htxs", 2024: "htt", 2025: "htxs"}, [(2023, "unit"), (2025, "unit")],
     "Bằng khen Thủ tướng 2025: không đạt (02 lần CSTĐCS trong 05 năm)"),
    ("Đặng Minh Tuấn", "van-phong", {"ldtt": [2020, 2021, 2022, 2023, 2024, 2025], "cstdcs": [2020, 2021, 2022, 2023, 2024, 2025],
                                     "cstd-bo": [2024, 2025]},
     {2020: "htxs", 2021: "htxs", 2022: "htxs", 2023: "htxs", 2024: "htxs", 2025: "htxs"}, [(2022, "ministry"), (2025, "national")],
     "CSTĐ toàn quốc 2025: đạt (CSTĐ Bộ 2024, 2025, sáng kiến toàn quốc)"),
    ("Đỗ Thị Ngọc Ánh", "sct-vinh-long", {"ldtt": [2025]}, {2025: "htxs"}, [], "CSTĐCS 2025: đạt (LĐTT và hoàn thành xuất sắc nhiệm vụ)"),
    ("Ngô Thị Mai", "sct-vinh-long", {}, {2025: "htt"}, [], "LĐTT 2025: đạt (hoàn thành tốt nhiệm vụ)"),
    ("Bùi Văn Hùng", "sct-vinh-long", {}, {2025: "ht"}, [], "LĐTT 2025: không đạt (chỉ hoàn thành nhiệm vụ)"),
]

# The demo case of each rule (Luật Thi đua, khen thưởng 2022 Art 5, 21–28, 73–74, 80, 84): what to check, and the result the history gives.
# (rule, subject kind, person name or unit code, award code, year, expected result)
DEMO_CASES = [
    ("1 CSTĐ Bộ", "person", "Nguyễn Thị Minh Châu", "cstd-bo", 2025, "pass"),
    ("1 CSTĐ Bộ", "person", "Trần Quốc Bảo", "cstd-bo", 2025, "fail"),
    ("2 CSTĐ toàn quốc", "person", "Đặng Minh Tuấn", "cstd-tq", 2025, "pass"),
    ("2 CSTĐ toàn quốc", "person", "Nguyễn Thị Minh Châu", "cstd-tq", 2025, "fail"),
    ("3 CSTĐCS", "person", "Đỗ Thị Ngọc Ánh", "cstdcs", 2025, "pass"),
    ("3 CSTĐCS", "person", "Phạm Thị Thu Hằng", "cstdcs", 2025, "fail"),
    ("4 LĐTT", "person", "Ngô Thị Mai", "ldtt", 2025, "pass"),
    ("4 LĐTT", "person", "Bùi Văn Hùng", "ldtt", 2025, "fail"),
    ("5 TLĐXS", "unit", "sct-vinh-long-qlcn", "tldxs", 2025, "pass"),
    ("5 TLĐXS", "unit", "sct-vinh-long-qltm", "tldxs", 2025, "fail"),
    ("6 TLĐTT", "unit", "sct-vinh-long-qlcn", "tldtt", 2025, "pass"),
    ("6 TLĐTT", "unit", "sct-vinh-long-qltm", "tldtt", 2025, "fail"),
    ("7 Bằng khen Bộ", "person", "Lê Hoàng Nam", "bk-bo", 2025, "pass"),
    ("7 Bằng khen Bộ", "person", "Phạm Thị Thu Hằng", "bk-bo", 2025, "review"),
    ("8 Bằng khen Thủ tướng", "person", "Võ Văn Dũng", "bk-ttg", 2025, "pass"),
    ("8 Bằng khen Thủ tướng", "person", "Hoàng Văn Phúc", "bk-ttg", 2025, "fail"),
    ("10 Cờ thi đua Bộ", "unit", "sct-nghe-an", "co-bo", 2025, "pass"),
    ("10 Cờ thi đua Bộ", "unit", "sct-ha-tinh", "co-bo", 2025, "fail"),
    ("Điều 5 một thành tích", "person", "Nguyễn Thị Minh Châu", "cstdcs", 2025, "fail"),
    ("Điều 5 một thành tích", "unit", "cuc-ctdp", "tldxs", 2018, "fail"),
]


def seed(seeder, units) -> None:
    from .catalogue import seed_catalogue

    seed_catalogue()  # the migration seeds it; a flushed test database needs it again
    kinds = {k.code: k for k in AwardKind.objects.all()}
    ctdp = units["cuc-ctdp"]
    for code, years in SEED_002.items():
        for year in years:
            _, created = AwardRecord.objects.get_or_create(
                unit=ctdp, award_kind=kinds[code], year=year,
                defaults={"decision": f"Quyết định khen thưởng năm {year} (theo tin của Cục Công Thương địa phương)"},
            )
            seeder._count("award records", created)
    for name, unit_code, awards, ratings, initiatives, case in PERSONS:
        person, created = Person.objects.get_or_create(
            unit=units[unit_code], full_name=name, defaults={"gender": Gender.FEMALE if "Thị" in name else Gender.MALE, "position": "Chuyên viên"}
        )
        seeder._count("award demo persons", created)
        if not created:
            continue
        for code, years in awards.items():
            for year in years:
                AwardRecord.objects.create(person=person, award_kind=kinds[code], year=year, decision=f"QĐ minh họa {year}", achievement=case)
        for year, level in ratings.items():
            Rating.objects.create(person=person, year=year, level=level)
        for year, scope in initiatives:
            Initiative.objects.create(person=person, title=f"Sáng kiến cải tiến quy trình năm {year}", scope=scope, year=year, recognising_decision=f"QĐ công nhận sáng kiến {year}")
    _collectives(seeder, units, kinds)
    seed_council(seeder, units)


def _collectives(seeder, units, kinds) -> None:
    """Two divisions of Sở Công Thương Vĩnh Long: 7 of 10 LĐTT (TLĐXS and TLĐTT pass) and 6 of 10 with a
    member warned (both fail); and the cluster leader and deputy for Cờ thi đua (rule 10)."""
    for unit_code, ldtt in (("sct-vinh-long-qlcn", 7), ("sct-vinh-long-qltm", 6)):
        unit = units[unit_code]
        if Rating.objects.filter(unit=unit, year=2025).exists():
            continue
        Rating.objects.create(unit=unit, year=2025, level="htxs")
        members = list(Person.objects.filter(unit=unit))
        for index in range(len(members), 10):
            members.append(Person.objects.create(unit=unit, full_name=f"Cán bộ {unit.short_name} số {index + 1}", gender=Gender.MALE, position="Chuyên viên"))
        for index, person in enumerate(members[:10]):
            Rating.objects.get_or_create(person=person, year=2025, defaults={"level": "htt"})
            if index < ldtt:
                AwardRecord.objects.get_or_create(person=person, award_kind=kinds["ldtt"], year=2025, defaults={"decision": "QĐ minh họa 2025"})
            if index == 0:
                AwardRecord.objects.get_or_create(person=person, award_kind=kinds["cstdcs"], year=2025, defaults={"decision": "QĐ minh họa 2025"})
        # A reprimand does not bar TLĐTT; a warning does (Art 28): the second division fails on it.
        level = "reprimand" if ldtt >= 7 else "warning"
        Discipline.objects.get_or_create(person=members[9], year=2025, defaults={"level": level, "decision": "QĐ minh họa"})
        seeder._count("award demo collectives", True)
    # Rule 10: the 2025 leader of Cụm thi đua số VI (Nghệ An) and its deputy (Hà Tĩnh), both TLĐXS in 2025.
    for unit_code in ("sct-nghe-an", "sct-ha-tinh"):
        _, created = Rating.objects.get_or_create(unit=units[unit_code], year=2025, defaults={"level": "htxs"})
        seeder._count("award demo collectives", created)
        _, created = AwardRecord.objects.get_or_create(
            unit=units[unit_code], award_kind=kinds["tldxs"], year=2025, defaults={"decision": "QĐ minh họa 2025"}
        )
        seeder._count("award records", created)


def seed_council(seeder, units) -> None:
    """The Ministry's council, an open round for 2026 achievements and a session to put nominations on."""
    import datetime

    from units.models import User

    from .catalogue import MINISTRY_FUNCTIONS
    from .models import AwardRound, Council, CouncilSession, DecisionBasis

    users = {u.username: u for u in User.objects.filter(username__startswith="demo-")}
    _, created = DecisionBasis.objects.get_or_create(unit=units["bct"], defaults={"functions_basis": MINISTRY_FUNCTIONS})
    seeder._count("decision bases", created)
    council, created = Council.objects.get_or_create(
        unit=units["bct"],
        defaults={"name": "Hội đồng Thi đua - Khen thưởng Bộ Công Thương", "chair": users["demo-lanhdao"], "secretary": users["demo-thuky"]},
    )
    if created:
        council.members.set([users[n] for n in ("demo-lanhdao", "demo-hoidong", "demo-hoidong2", "demo-hoidong3")])
        seeder._count("councils", True)
    award_round, created = AwardRound.objects.get_or_create(
        name="Xét khen thưởng thành tích năm 2026 của Bộ Công Thương",
        defaults={"deciding_unit": units["bct"], "achievement_year": 2026, "opens_on": datetime.date(2026, 11, 1), "closes_on": datetime.date(2027, 1, 15)},
    )
    seeder._count("award rounds", created)
    _, created = CouncilSession.objects.get_or_create(
        council=council, title="Phiên họp xét khen thưởng năm 2026", defaults={"held_on": datetime.date(2026, 12, 15)}
    )
    seeder._count("council sessions", created)
