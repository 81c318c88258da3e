"""The catalogue and its rule sets, by the year of the achievement.

Three rule sets follow the texts in force: the 2003 law with Nghị định 91/2017/NĐ-CP and Thông tư
16/2018/TT-BCT (achievements up to 2023); the 2022 law with Nghị định 98/2023/NĐ-CP and Thông tư
22/2023/TT-BCT (2024); the 2022 law with Nghị định 152/2025/NĐ-CP (from 2025). Each rule carries the
article its verdicts cite, its numbers (thresholds, windows, quotas, multiples) and which of them are not
confirmed in a source (``params["unconfirmed"]``, shown on the catalogue page). The administrator
corrects any value in the admin without a release.
"""

from __future__ import annotations

import copy
import datetime
from decimal import Decimal

LAW = "Luật Thi đua, khen thưởng 2022"
LAW_2003 = "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung năm 2005, 2013)"
ND91 = "Nghị định 91/2017/NĐ-CP"

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
    # What a province decides itself (Luật 2022 Art 22, 26, 74; its chair is the deciding authority).
    ("cstd-tinh", "Chiến sĩ thi đua cấp tỉnh", "individual", "title", "ministry"),
    ("co-tinh", "Cờ thi đua của Ủy ban nhân dân tỉnh", "collective", "title", "ministry"),
    ("bk-tinh", "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "both", "form", "ministry"),
]

# code → (eligibility check, article cited when a rule set gives none, certificate title, layout, who gives it).
# A blank giver prints the signer's title and the deciding unit (a province's chair is not one person for all).
KIND_DATA = {
    "ldtt": ("ldtt", f"Điều 24 {LAW}", "", "certificate", ""),
    "cstdcs": ("cstdcs", f"Điều 23 {LAW}", "", "certificate", ""),
    "cstd-bo": ("cstd_bo", f"Điều 22 {LAW}", "Chiến sĩ thi đua Bộ Công Thương", "certificate", "Bộ trưởng Bộ Công Thương"),
    "cstd-tq": ("cstd_tq", f"Điều 21 {LAW}", "Chiến sĩ thi đua toàn quốc", "certificate", "Thủ tướng Chính phủ"),
    "tldtt": ("tldtt", f"Điều 28 {LAW}", "", "certificate", ""),
    "tldxs": ("tldxs", f"Điều 27 {LAW}", "", "certificate", ""),
    "co-bo": ("co_bo", f"Điều 26 {LAW}", "Cờ thi đua", "flag", "Bộ Công Thương"),
    "co-cp": ("manual", f"Điều 25 {LAW}", "Cờ thi đua của Chính phủ", "flag", "Chính phủ"),
    "giay-khen": ("manual", f"Điều 75 {LAW}", "Giấy khen", "certificate", ""),
    "bk-bo": ("bk_bo", f"Điều 74 {LAW}", "Bằng khen", "certificate", "Bộ trưởng Bộ Công Thương"),
    "bk-ttg": ("bk_ttg", f"Điều 73 {LAW}", "Bằng khen", "certificate", "Thủ tướng Chính phủ"),
    "kn-chuong": ("manual", "Điều 14 Thông tư 16/2018/TT-BCT", "Kỷ niệm chương", "certificate", "Bộ trưởng Bộ Công Thương"),
    "cstd-tinh": ("cstd_bo", f"Điều 22 {LAW}", "Chiến sĩ thi đua cấp tỉnh", "certificate", ""),
    "co-tinh": ("manual", f"Điều 26 {LAW}", "Cờ thi đua", "flag", ""),
    "bk-tinh": ("bk_bo", f"Điều 74 {LAW}", "Bằng khen", "certificate", ""),
}

# Who decides (Luật 2022 Art 79–80; Luật 2003 Art 77–80; Thông tư 16/2018/TT-BCT on the Minister's delegation).
UNIT_HEADS = ["provincial_department", "agency", "enterprise", "public_service", "committee"]  # Art 80 khoản 1, 4
MINISTRY = ["ministry"]  # the Minister's own titles and forms: never a province
PROVINCE = ["province"]  # the provincial chair's own titles and forms
MINISTER_OR_CHAIR = ["ministry", "province"]  # titles both decide, each for its own units (TLĐXS)
GOVERNMENT = ["government"]  # the Prime Minister (Art 21, 25, 73): the Ministry or the province proposes

TITLE_DOSSIER = ["to_trinh", "bao_cao_thanh_tich", "bien_ban"]
INITIATIVE_DOSSIER = TITLE_DOSSIER + ["cong_nhan_sang_kien"]

SECRET_CSTD = {"vote_secret": True, "quorum_fraction": "0.667", "pass_threshold": "0.9", "denominator": "all", "absentee_votes": True}
SECRET_MAJORITY = {"vote_secret": True, "quorum_fraction": "0.5", "pass_threshold": "0.5", "denominator": "present", "absentee_votes": False}
SECRET_TWO_THIRDS = {**SECRET_MAJORITY, "quorum_fraction": "0.667"}
OPEN_MAJORITY = {**SECRET_MAJORITY, "vote_secret": False}

UNCONFIRMED_VOTE = "biểu quyết: chưa tìm thấy quy định hiện hành (Nghị định 98/2023, 152/2025)"


def _rule(deciders, dossier, vote, *, article, multiple=None, quota=None, params=None, unconfirmed=(), source=""):
    return {
        "decider_unit_kinds": list(deciders), "dossier": list(dossier), **vote, "article": article,
        "reward_multiple": multiple, "quota": quota, "params": {**(params or {}), "unconfirmed": list(unconfirmed)}, "source": source,
    }


# The 2022 law with Nghị định 98/2023/NĐ-CP and Thông tư 22/2023/TT-BCT (in force 01/01/2024–20/02/2025).
RULES_2024 = {
    "ldtt": _rule(UNIT_HEADS, TITLE_DOSSIER, OPEN_MAJORITY, article=f"Điều 24 {LAW}; Điều 3 Thông tư 22/2023/TT-BCT", multiple="0.3",
                  unconfirmed=["vote"], source="Điều 54 Nghị định 98/2023/NĐ-CP (tiền thưởng); Điều 80 Luật (thẩm quyền)"),
    "cstdcs": _rule(UNIT_HEADS, TITLE_DOSSIER, SECRET_MAJORITY, article=f"Điều 23 {LAW}", multiple="1.0", quota=("15", "ldtt", 1),
                    params={"routes": ["htxs", "initiative"], "dossier_unless_htxs": ["cong_nhan_sang_kien"]},
                    unconfirmed=["vote", "quota"],
                    source="Điều 23, điểm d khoản 1 Điều 84 Luật; tỷ lệ 15% là mức của Nghị định 91/2017/NĐ-CP, Bộ Công Thương chưa xác nhận mức hiện hành"),
    "cstd-bo": _rule(MINISTRY, INITIATIVE_DOSSIER, SECRET_CSTD, article=f"Điều 22 {LAW}", multiple="3.0",
                     params={"years": 3}, unconfirmed=["vote"], source=f"Điều 22, 79 Luật; Điều 54 Nghị định 98/2023/NĐ-CP; {UNCONFIRMED_VOTE}"),
    "cstd-tq": _rule(GOVERNMENT, INITIATIVE_DOSSIER, SECRET_CSTD, article=f"Điều 21 {LAW}", multiple="4.5",
                     params={"consecutive": "years", "chain": ["cstd-bo", "cstd-tinh"]}, unconfirmed=["vote", "consecutive"],
                     source="Điều 21 Luật (“02 lần liên tục”: theo năm hay theo đợt xét chưa xác nhận)"),
    "tldtt": _rule(UNIT_HEADS, TITLE_DOSSIER, OPEN_MAJORITY, article=f"Điều 28 {LAW}; Điều 4 Thông tư 22/2023/TT-BCT", multiple="0.8",
                   params={"ldtt_share": 50, "min_rating": "htt"}, unconfirmed=["vote"], source="Điều 28 Luật; Điều 4 Thông tư 22/2023/TT-BCT"),
    "tldxs": _rule(MINISTER_OR_CHAIR + ["agency"], TITLE_DOSSIER, SECRET_MAJORITY, article=f"Điều 27 {LAW}; Điều 5 Thông tư 22/2023/TT-BCT",
                   multiple="1.5", quota=("20", "tldtt", 1), params={"ldtt_share": 70}, unconfirmed=["vote", "quota"],
                   source="Điều 27 Luật; tỷ lệ 20% theo ví dụ của ngành Kiểm sát (Thông tư 02/2024/TT-VKSNDTC), mức của Bộ Công Thương chưa xác nhận"),
    "co-bo": _rule(MINISTRY, TITLE_DOSSIER, SECRET_TWO_THIRDS, article=f"Điều 26 {LAW}; Điều 6 Thông tư 22/2023/TT-BCT", multiple="8.0",
                   unconfirmed=["vote"], source="Điều 26 Luật; Điều 6 Thông tư 22/2023/TT-BCT (hiệu lực 01/01/2024–20/02/2025)"),
    "co-cp": _rule(GOVERNMENT, TITLE_DOSSIER, SECRET_TWO_THIRDS, article=f"Điều 25 {LAW}", multiple="12.0",
                   quota=("20", None, 1), params={"quota_base": "cluster_leaders"}, unconfirmed=["vote", "quota"],
                   source="Tỷ lệ 20% số tập thể dẫn đầu cụm, khối: Công văn 5007/BNV-TĐKT (05/9/2023) theo Nghị định 91/2017/NĐ-CP; theo Nghị định 98/2023, 152/2025 chưa xác nhận"),
    "giay-khen": _rule(UNIT_HEADS, TITLE_DOSSIER, OPEN_MAJORITY, article=f"Điều 75 {LAW}; Điều 8 Thông tư 22/2023/TT-BCT",
                       unconfirmed=["vote", "multiple"], source="Điều 75, 80 Luật"),
    "bk-bo": _rule(MINISTRY, TITLE_DOSSIER, SECRET_MAJORITY, article=f"Điều 74 {LAW}; Điều 7 Thông tư 22/2023/TT-BCT",
                   params={"cite": f"điểm d khoản 1 Điều 74 {LAW}"}, unconfirmed=["vote", "multiple"], source="Điều 74 khoản 1 điểm d Luật"),
    "bk-ttg": _rule(GOVERNMENT, TITLE_DOSSIER, SECRET_TWO_THIRDS, article=f"Điều 73 {LAW}",
                    params={"years": 5, "min_rating": "htt", "cstdcs": 3, "initiatives": 0, "after_award": False,
                            "prerequisite": ["bk-bo", "bk-tinh"], "cite": f"điểm b khoản 1 Điều 73 {LAW}"},
                    unconfirmed=["vote", "multiple"], source="Điều 73 khoản 1 điểm b Luật"),
    "kn-chuong": _rule(MINISTRY, TITLE_DOSSIER, OPEN_MAJORITY, article="Điều 14 Thông tư 16/2018/TT-BCT",
                       unconfirmed=["vote", "multiple", "article"], source="Thông tư 16/2018/TT-BCT; văn bản hiện hành của Bộ chưa xác nhận"),
    "cstd-tinh": _rule(PROVINCE, INITIATIVE_DOSSIER, SECRET_CSTD, article=f"Điều 22 {LAW}", multiple="3.0",
                       params={"years": 3}, unconfirmed=["vote"], source="Điều 22, 79 Luật; Điều 54 Nghị định 98/2023/NĐ-CP"),
    "co-tinh": _rule(PROVINCE, TITLE_DOSSIER, SECRET_TWO_THIRDS, article=f"Điều 26 {LAW}", multiple="8.0",
                     unconfirmed=["vote"], source="Điều 26, 79 Luật; tiêu chuẩn chi tiết do tỉnh quy định"),
    "bk-tinh": _rule(PROVINCE, TITLE_DOSSIER, SECRET_MAJORITY, article=f"Điều 74 {LAW}",
                     params={"cite": f"điểm d khoản 1 Điều 74 {LAW}"}, unconfirmed=["vote", "multiple"], source="Điều 74, 79 Luật"),
}


def _changed(base: dict, changes: dict) -> dict:
    rules = copy.deepcopy(base)
    for code, fields in changes.items():
        params = fields.pop("params", None)
        rules[code].update(fields)
        if params is not None:
            rules[code]["params"].update(params)
    return rules


# From 01/7/2025: Nghị định 152/2025/NĐ-CP; Thông tư 22/2023/TT-BCT expired on 20/02/2025 and its successor is not confirmed.
RULES_2025 = _changed(RULES_2024, {
    "ldtt": {"article": f"Điều 24 {LAW}"},
    "cstdcs": {"source": "Điều 23, điểm d khoản 1 Điều 84 Luật; tỷ lệ 15% là mức của Nghị định 91/2017/NĐ-CP, Bộ Công Thương chưa xác nhận mức hiện hành"},
    "tldtt": {"article": f"Điều 28 {LAW}", "params": {"unconfirmed": ["vote", "sector_text"]}, "source": "Điều 28 Luật; văn bản của Bộ thay Thông tư 22/2023/TT-BCT chưa xác nhận"},
    "tldxs": {"article": f"Điều 27 {LAW}", "params": {"unconfirmed": ["vote", "quota", "sector_text"]}},
    "co-bo": {"article": f"Điều 26 {LAW}", "params": {"unconfirmed": ["vote", "sector_text"]},
              "source": "Điều 26 Luật; Điều 54 Nghị định 152/2025/NĐ-CP; Thông tư 22/2023/TT-BCT hết hiệu lực 20/02/2025, văn bản thay thế chưa xác nhận"},
    "giay-khen": {"article": f"Điều 75 {LAW}"},
    "bk-bo": {"article": f"Điều 74 {LAW}"},
    "cstd-bo": {"source": f"Điều 22, 79 Luật; Điều 54 Nghị định 152/2025/NĐ-CP; {UNCONFIRMED_VOTE}"},
})

# Achievements up to 2023: the 2003 law (amended 2005, 2013), Nghị định 91/2017/NĐ-CP, Thông tư 16/2018/TT-BCT.
RULES_2003 = _changed(RULES_2024, {
    "ldtt": {"article": f"Điều 24 {LAW_2003}", "source": f"{ND91} (tiền thưởng 0,3 lần)", "params": {"unconfirmed": ["vote"]}},
    "cstdcs": {
        "article": f"Điều 23 {LAW_2003}", "dossier": INITIATIVE_DOSSIER, "source": f"Điều 23 Luật 2003: đạt Lao động tiên tiến và có sáng kiến; tỷ lệ 15% (khoản 3 Điều 9 {ND91})",
        "params": {"routes": ["initiative"], "dossier_unless_htxs": [], "unconfirmed": ["vote"]},
    },
    "cstd-bo": {"article": f"Điều 22 {LAW_2003}", "source": f"Điều 22 Luật 2003; bỏ phiếu kín, từ 90% tổng số thành viên (khoản 8 Điều 45 {ND91})",
                "params": {"unconfirmed": []}},
    "cstd-tq": {"article": f"Điều 21 {LAW_2003}", "params": {"unconfirmed": ["consecutive"]},
                "source": f"Điều 21 Luật 2003; bỏ phiếu kín, từ 90% tổng số thành viên (khoản 8 Điều 45 {ND91})"},
    "cstd-tinh": {"article": f"Điều 22 {LAW_2003}", "params": {"unconfirmed": []}, "source": f"Điều 22 Luật 2003; khoản 8 Điều 45 {ND91}"},
    "tldtt": {"article": f"Điều 28 {LAW_2003}; Thông tư 16/2018/TT-BCT", "source": "Điều 28 Luật 2003 (trên 50% Lao động tiên tiến, không có cá nhân bị kỷ luật từ cảnh cáo)"},
    "tldxs": {"article": f"Điều 27 {LAW_2003}; Thông tư 16/2018/TT-BCT"},
    "co-bo": {"article": f"Điều 26 {LAW_2003}; Thông tư 16/2018/TT-BCT", "source": "Điều 26 Luật 2003; Thông tư 16/2018/TT-BCT (điều khoản chưa đối chiếu)",
              "params": {"unconfirmed": ["vote", "article"]}},
    "co-cp": {"article": f"Điều 25 {LAW_2003}", "params": {"unconfirmed": ["vote"]},
              "source": f"Tỷ lệ 20% số tập thể dẫn đầu cụm, khối: Điều 11 {ND91}, Công văn 5007/BNV-TĐKT (05/9/2023)"},
    "co-tinh": {"article": f"Điều 26 {LAW_2003}"},
    "giay-khen": {"article": f"Điều 75 {LAW_2003}; Thông tư 16/2018/TT-BCT", "params": {"unconfirmed": ["vote", "multiple", "article"]}},
    "bk-bo": {"article": f"Điều 72 {LAW_2003}; Điều 39 {ND91}", "params": {"check": "manual", "unconfirmed": ["vote", "multiple", "article"]},
              "source": "Tiêu chuẩn theo Nghị định 91/2017/NĐ-CP; Hội đồng xem xét theo hồ sơ"},
    "bk-tinh": {"article": f"Điều 72 {LAW_2003}; Điều 39 {ND91}", "params": {"check": "manual", "unconfirmed": ["vote", "multiple", "article"]}},
    "bk-ttg": {
        "article": f"Điều 71 {LAW_2003}; Điều 38 {ND91}",
        "params": {"min_rating": "htxs", "cstdcs": 0, "initiatives": 5, "after_award": True,
                   "cite": f"điểm b khoản 1 Điều 71 {LAW_2003}; điểm c khoản 1 Điều 38 {ND91}"},
        "source": "Điểm c khoản 1 Điều 38 Nghị định 91/2017/NĐ-CP: 05 năm tiếp theo liên tục hoàn thành xuất sắc nhiệm vụ, 05 sáng kiến",
    },
})

# Sources that name the 2022 texts are restated for the sets where other texts applied.
for _data in RULES_2025.values():
    _data["source"] = _data["source"].replace("Điều 54 Nghị định 98/2023/NĐ-CP", "Điều 54 Nghị định 152/2025/NĐ-CP")
for _code, _data in RULES_2003.items():
    if "2003" not in _data["source"] and "91/2017" not in _data["source"] and "16/2018" not in _data["source"]:
        _data["source"] = _data["article"] if ND91 in _data["article"] else f"{_data['article']}; {ND91}"

# Who may decide (rule 9), the basis of the council's vote (rule 12), and of each quota (rule 11), per rule set.
AUTHORITY = {"2003": "Thông tư 16/2018/TT-BCT; Luật Thi đua, khen thưởng 2003", "2022": f"Điều 79, 80 {LAW}"}
VOTE_2003 = f"khoản 8 Điều 45 {ND91}"
VOTE_UNCONFIRMED = "quy chế làm việc của Hội đồng; tỷ lệ theo Nghị định 98/2023/NĐ-CP, 152/2025/NĐ-CP chưa xác nhận"
QUOTA_BASIS = {
    "cstdcs": {"2003": f"khoản 3 Điều 9 {ND91}", "2022": f"mức của khoản 3 Điều 9 {ND91}; mức hiện hành của Bộ Công Thương chưa xác nhận"},
    "tldxs": {"2003": "chưa xác nhận", "2022": "chưa xác nhận (ví dụ: Điều 18 Thông tư 02/2024/TT-VKSNDTC)"},
    "co-cp": {"2003": f"Điều 11 {ND91}; Công văn 5007/BNV-TĐKT ngày 05/9/2023",
              "2022": f"Công văn 5007/BNV-TĐKT ngày 05/9/2023 (Điều 11 {ND91}); theo Nghị định 98/2023, 152/2025 chưa xác nhận"},
}
for _era, _rules in (("2003", RULES_2003), ("2022", RULES_2024), ("2022", RULES_2025)):
    for _code, _data in _rules.items():
        _data["params"]["authority"] = AUTHORITY[_era]
        _data["params"]["dossier_basis"] = f"{ND91}; {LAW_2003}" if _era == "2003" else f"Điều 84 {LAW}"
        _data["params"]["vote_basis"] = VOTE_2003 if _era == "2003" and _data["pass_threshold"] == "0.9" else VOTE_UNCONFIRMED
        if _code in QUOTA_BASIS:
            _data["params"]["quota_basis"] = QUOTA_BASIS[_code][_era]

# The Law and the decree detailing it, as a decision's căn cứ cites them, in force in each period.
DECISION_BASES = {
    "2003": ["Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một số điều của Luật Thi đua, "
             "khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm 2013",
             "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng"],
    "2024": ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
             "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng"],
    # The date of Nghị định 152/2025/NĐ-CP is not confirmed: it is not written.
    "2025": ["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
             "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng"],
}
# The text that gives the Ministry its powers (Nghị định 40/2025/NĐ-CP, in force 01/03/2025), for its DecisionBasis.
MINISTRY_FUNCTIONS = ("Căn cứ Nghị định số 40/2025/NĐ-CP ngày 26 tháng 02 năm 2025 của Chính phủ quy định chức năng, nhiệm vụ, "
                      "quyền hạn và cơ cấu tổ chức của Bộ Công Thương")

RULESETS = [
    ("2003", "Luật Thi đua, khen thưởng 2003 (sửa đổi) + Nghị định 91/2017/NĐ-CP + Thông tư 16/2018/TT-BCT",
     "Luật Thi đua, khen thưởng 2003, sửa đổi 2005, 2013; Nghị định 91/2017/NĐ-CP; Thông tư 16/2018/TT-BCT",
     datetime.date(2010, 1, 1), datetime.date(2023, 12, 31), RULES_2003),
    ("2024", "Luật Thi đua, khen thưởng 2022 + Nghị định 98/2023/NĐ-CP + Thông tư 22/2023/TT-BCT",
     "Luật Thi đua, khen thưởng số 06/2022/QH15; Nghị định 98/2023/NĐ-CP; Thông tư 22/2023/TT-BCT",
     datetime.date(2024, 1, 1), datetime.date(2025, 6, 30), RULES_2024),
    ("2025", "Luật Thi đua, khen thưởng 2022 + Nghị định 152/2025/NĐ-CP",
     "Luật Thi đua, khen thưởng số 06/2022/QH15; Nghị định 152/2025/NĐ-CP (ngày hiệu lực chưa xác nhận)",
     datetime.date(2025, 7, 1), None, RULES_2025),
]


def rule_values(data: dict, kinds: dict) -> dict:
    """The model fields of one rule from its data; ``kinds`` maps codes to AwardKind rows."""
    quota = data["quota"]
    return {
        "decider_unit_kinds": data["decider_unit_kinds"], "dossier": data["dossier"],
        "vote_secret": data["vote_secret"], "quorum_fraction": Decimal(data["quorum_fraction"]),
        "pass_threshold": Decimal(data["pass_threshold"]), "denominator": data["denominator"], "absentee_votes": data["absentee_votes"],
        "quota_percent": Decimal(quota[0]) if quota else None, "quota_base": kinds.get(quota[1]) if quota and quota[1] else None,
        "quota_minimum": quota[2] if quota else 1,
        "reward_multiple": Decimal(data["reward_multiple"]) if data["reward_multiple"] else None,
        "params": data["params"], "article": data["article"], "source": data["source"][:300],
        # Every value of the row confirmed in a source: only then the UI drops its warning.
        "confirmed": not data["params"].get("unconfirmed"),
    }


def seed_catalogue(apps=None) -> None:
    """Create what is missing; existing rows (possibly corrected by the administrator) are kept."""
    if apps is None:
        from django.apps import apps as django_apps

        apps = django_apps
    AwardKind = apps.get_model("awards", "AwardKind")
    RuleSet = apps.get_model("awards", "RuleSet")
    AwardRule = apps.get_model("awards", "AwardRule")
    BaseSalary = apps.get_model("awards", "BaseSalary")
    kinds = seed_kinds(AwardKind)
    rule_fields = {f.name for f in AwardRule._meta.get_fields()}  # a migration may run this on an older model
    ruleset_fields = {f.name for f in RuleSet._meta.get_fields()}
    for key, name, basis, start, end, rules in RULESETS:
        defaults = {"legal_basis": basis, "valid_from": start, "valid_to": end, "decision_bases": DECISION_BASES[key]}
        ruleset, _ = RuleSet.objects.get_or_create(name=name, defaults={k: v for k, v in defaults.items() if k in ruleset_fields})
        existing = set(AwardRule.objects.filter(ruleset=ruleset).values_list("award_kind__code", flat=True))
        for code, data in rules.items():
            if code in existing:
                continue
            values = {k: v for k, v in rule_values(data, kinds).items() if k in rule_fields}
            AwardRule.objects.create(ruleset=ruleset, award_kind=kinds[code], **values)
    BaseSalary.objects.get_or_create(
        valid_from=datetime.date(2024, 7, 1),
        defaults={"amount": 2_340_000, "legal_basis": "Nghị định 73/2024/NĐ-CP (chưa xác nhận)", "confirmed": False},
    )


def seed_kinds(AwardKind) -> dict:
    kinds = {}
    fields = {f.name for f in AwardKind._meta.get_fields()}
    for order, (code, name, subject, category, level) in enumerate(KINDS):
        check, article, certificate_title, layout, giver = KIND_DATA[code]
        defaults = {
            "name": name, "subject": subject, "category": category, "level": level, "sort_order": order,
            "eligibility_check": check, "article": article, "certificate_title": certificate_title,
            "certificate_layout": layout, "deciding_body": giver,
        }
        kinds[code], _ = AwardKind.objects.get_or_create(code=code, defaults={k: v for k, v in defaults.items() if k in fields})
    return kinds


def fill_kind_data(apps) -> None:
    """Give the titles already in the database what makes them data (migration 0007)."""
    AwardKind = apps.get_model("awards", "AwardKind")
    for code, (check, article, certificate_title, layout, giver) in KIND_DATA.items():
        AwardKind.objects.filter(code=code, article="").update(
            eligibility_check=check, article=article, certificate_title=certificate_title, certificate_layout=layout, deciding_body=giver
        )
