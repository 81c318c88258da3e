"""The catalogue and rule sets seeded from the Luật Thi đua, khen thưởng 2022, Nghị định 98/2023/NĐ-CP and the sector's circulars.

Values marked ``confirmed=False`` are UNCONFIRMED in the reference and show so in the UI;
the administrator corrects any value in the admin without a release.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

LAW = "Luật Thi đua, khen thưởng 2022"

KINDS = [
    # code, name, subject, category, level
    ("ldtt", "Lao động tiên tiến", "individual", "title", "unit"),
    ("cstdcs", "Chiến sĩ thi đua cơ sở", "individual", "title", "unit"),
    ("cstd-bo", "Chiến sĩ thi đua Bộ Công Thương", "individual", "title", "ministry"),
    ("cstd-tq", "Chiến sĩ thi đua toàn quốc", "individual", "title", "national"),
    ("tldtt", "Tập thể lao động tiên tiến", "collective", "title", "unit"),
    ("tldxs", "Tập thể lao động xuất sắc", "collective", "title", "ministry"),
    ("co-bo", "Cờ thi đua của Bộ Công Thương", "collective", "title", "ministry"),
    ("co-cp", "Cờ thi đua của Chính phủ", "collective", "title", "national"),
    ("giay-khen", "Giấy khen", "both", "form", "unit"),
    ("bk-bo", "Bằng khen của Bộ trưởng Bộ Công Thương", "both", "form", "ministry"),
    ("bk-ttg", "Bằng khen của Thủ tướng Chính phủ", "both", "form", "national"),
    ("kn-chuong", "Kỷ niệm chương “Vì sự nghiệp phát triển ngành Công Thương Việt Nam”", "individual", "form", "ministry"),
]

# What makes each title data: code → (eligibility check, article cited, certificate title, layout, who gives it).
KIND_DATA = {
    "ldtt": ("ldtt", f"Điều 24 {LAW}", "", "certificate", ""),
    "cstdcs": ("cstdcs", f"Điều 23 {LAW}", "", "certificate", ""),
    "cstd-bo": ("cstd_bo", f"Điều 22 {LAW}", "Chiến sĩ thi đua Bộ Công Thương", "certificate", "Bộ trưởng Bộ Công Thương"),
    "cstd-tq": ("cstd_tq", f"Điều 21 {LAW}", "Chiến sĩ thi đua toàn quốc", "certificate", "Thủ tướng Chính phủ"),
    "tldtt": ("tldtt", f"Điều 28 {LAW}", "", "certificate", ""),
    "tldxs": ("tldxs", f"Điều 27 {LAW}", "", "certificate", "Bộ trưởng Bộ Công Thương"),
    "co-bo": ("co_bo", f"Điều 26 {LAW}; Điều 6 Thông tư 22/2023/TT-BCT", "Cờ thi đua", "flag", "Bộ Công Thương"),
    "co-cp": ("manual", f"Điều 25 {LAW}: chọn trong các tập thể dẫn đầu cụm, khối thi đua", "Cờ thi đua của Chính phủ", "flag", "Chính phủ"),
    "giay-khen": ("manual", f"Điều 75 {LAW}; Điều 8 Thông tư 22/2023/TT-BCT", "Giấy khen", "certificate", ""),
    "bk-bo": ("bk_bo", f"Điều 74 {LAW}", "Bằng khen", "certificate", "Bộ trưởng Bộ Công Thương"),
    "bk-ttg": ("bk_ttg", f"Điều 73 {LAW}", "Bằng khen", "certificate", "Thủ tướng Chính phủ"),
    "kn-chuong": ("manual", "Điều 14 Thông tư 16/2018/TT-BCT", "Kỷ niệm chương", "certificate", "Bộ trưởng Bộ Công Thương"),
}

UNIT_HEADS = ["provincial_department", "agency", "enterprise", "public_service", "committee"]
MINISTER = ["ministry", "province"]
TITLE_DOSSIER = ["to_trinh", "bao_cao_thanh_tich", "bien_ban"]
INITIATIVE_DOSSIER = TITLE_DOSSIER + ["cong_nhan_sang_kien"]

# code: (deciders, dossier, vote (secret, quorum, threshold, denominator, absentee, confirmed),
#        quota (percent, base, minimum) or None, multiple, multiple confirmed, params)
RULES = {
    "ldtt": (UNIT_HEADS, TITLE_DOSSIER, (False, "0.5", "0.5", "present", False), None, "0.3", True, {}),
    "cstdcs": (UNIT_HEADS, INITIATIVE_DOSSIER, (True, "0.5", "0.5", "present", False), ("15", "ldtt", 1), "1.0", True, {}),
    "cstd-bo": (MINISTER, INITIATIVE_DOSSIER, (True, "0.667", "0.9", "all", True), None, "3.0", True, {}),
    "cstd-tq": ([], INITIATIVE_DOSSIER, (True, "0.667", "0.9", "all", True), None, "4.5", True, {"consecutive": "years"}),
    "tldtt": (UNIT_HEADS, TITLE_DOSSIER, (False, "0.5", "0.5", "present", False), None, "0.8", True, {"ldtt_share": 50}),
    "tldxs": (MINISTER + ["agency"], TITLE_DOSSIER, (True, "0.5", "0.5", "present", False), ("20", "tldtt", 1), "1.5", True, {"ldtt_share": 70}),
    "co-bo": (MINISTER, TITLE_DOSSIER, (True, "0.667", "0.5", "present", False), None, "8.0", True, {}),
    "co-cp": ([], TITLE_DOSSIER, (True, "0.667", "0.5", "present", False), None, "12.0", True, {}),
    "giay-khen": (UNIT_HEADS, TITLE_DOSSIER, (False, "0.5", "0.5", "present", False), None, None, False, {}),
    "bk-bo": (MINISTER, TITLE_DOSSIER, (True, "0.5", "0.5", "present", False), None, None, False, {}),
    "bk-ttg": ([], TITLE_DOSSIER, (True, "0.667", "0.5", "present", False), None, None, False, {"years": 5}),
    "kn-chuong": (MINISTER, TITLE_DOSSIER, (False, "0.5", "0.5", "present", False), None, None, False, {}),
}

RULESETS = [
    ("Luật Thi đua, khen thưởng 2003 (sửa đổi) + Nghị định 91/2017/NĐ-CP + Thông tư 16/2018/TT-BCT",
     "Luật Thi đua, khen thưởng 2003, sửa đổi 2005, 2013; Nghị định 91/2017/NĐ-CP; Thông tư 16/2018/TT-BCT",
     datetime.date(2010, 1, 1), datetime.date(2023, 12, 31)),
    ("Luật Thi đua, khen thưởng 2022 + Nghị định 98/2023/NĐ-CP + Thông tư 22/2023/TT-BCT",
     "Luật Thi đua, khen thưởng số 06/2022/QH15; Nghị định 98/2023/NĐ-CP; Thông tư 22/2023/TT-BCT",
     datetime.date(2024, 1, 1), datetime.date(2025, 6, 30)),
    ("Luật Thi đua, khen thưởng 2022 + Nghị định 152/2025/NĐ-CP",
     "Luật Thi đua, khen thưởng số 06/2022/QH15; Nghị định 152/2025/NĐ-CP (ngày hiệu lực chưa xác nhận)",
     datetime.date(2025, 7, 1), None),
]


def seed_catalogue(apps=None) -> None:
    """Create what is missing; existing rows (possibly corrected by the administrator) are kept."""
    if apps is None:
        from django.apps import apps as django_apps

        apps = django_apps
    AwardKind = apps.get_model("awards", "AwardKind")
    RuleSet = apps.get_model("awards", "RuleSet")
    AwardRule = apps.get_model("awards", "AwardRule")
    BaseSalary = apps.get_model("awards", "BaseSalary")
    kinds = {}
    fields = {f.name for f in AwardKind._meta.get_fields()}  # a migration may run this on an older model
    for order, (code, name, subject, category, level) in enumerate(KINDS):
        check, article, certificate_title, layout, giver = KIND_DATA[code]
        defaults = {
            "name": name, "subject": subject, "category": category, "level": level, "sort_order": order,
            "eligibility_check": check, "article": article, "certificate_title": certificate_title,
            "certificate_layout": layout, "deciding_body": giver,
        }
        kinds[code], _ = AwardKind.objects.get_or_create(code=code, defaults={k: v for k, v in defaults.items() if k in fields})
    for name, basis, start, end in RULESETS:
        ruleset, created = RuleSet.objects.get_or_create(name=name, defaults={"legal_basis": basis, "valid_from": start, "valid_to": end})
        if not created:
            continue
        for code, (deciders, dossier, vote, quota, multiple, multiple_ok, params) in RULES.items():
            secret, quorum, threshold, denominator, absentee = vote
            AwardRule.objects.create(
                ruleset=ruleset,
                award_kind=kinds[code],
                decider_unit_kinds=deciders,
                dossier=dossier,
                vote_secret=secret,
                quorum_fraction=Decimal(quorum),
                pass_threshold=Decimal(threshold),
                denominator=denominator,
                absentee_votes=absentee,
                quota_percent=Decimal(quota[0]) if quota else None,
                quota_base=kinds[quota[1]] if quota else None,
                quota_minimum=quota[2] if quota else 1,
                reward_multiple=Decimal(multiple) if multiple else None,
                params=params,
                # Multiples are confirmed (ND 98/2023 Art 54); authority, votes and quotas are not.
                confirmed=False,
                source="Luật Thi đua, khen thưởng 2022; Nghị định 98/2023/NĐ-CP Art 54; Thông tư 22/2023/TT-BCT" + ("; hệ số tiền thưởng ✔" if multiple_ok and multiple else ""),
            )
    BaseSalary.objects.get_or_create(
        valid_from=datetime.date(2024, 7, 1),
        defaults={"amount": 2_340_000, "legal_basis": "Nghị định 73/2024/NĐ-CP (chưa xác nhận)", "confirmed": False},
    )


def fill_kind_data(apps) -> None:
    """Give the titles already in the database what makes them data (migration 0007)."""
    AwardKind = apps.get_model("awards", "AwardKind")
    for code, (check, article, certificate_title, layout, giver) in KIND_DATA.items():
        AwardKind.objects.filter(code=code, article="").update(
            eligibility_check=check, article=article, certificate_title=certificate_title, certificate_layout=layout, deciding_body=giver
        )
