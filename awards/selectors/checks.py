"""The eligibility checks (Luật Thi đua, khen thưởng 2022 Art 5, 21–28, 73–74; Thông tư 22/2023/TT-BCT Art 6), one function per check.

A title names its check in the catalogue (``AwardKind.eligibility_check``) and the article its verdicts
cite (``AwardRule.cited_article`` for the rule set of the achievement year, else ``AwardKind.article``);
so a new title that reuses a check is added by data alone. Numbers the law or the sector may change
(70 %, 50 %, "two in a row"…) are read from the rule's ``params`` with the legal default.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from ..models import EligibilityCheck
from .history import History, Members
from .rules import param

PASS, FAIL, REVIEW = "pass", "fail", "review"
LABELS = {PASS: "Đạt", FAIL: "Không đạt", REVIEW: "Cần xem xét"}
LAW = "Luật Thi đua, khen thưởng 2022"


@dataclass
class Finding:
    result: str
    reason: str

    @property
    def label(self) -> str:
        return LABELS[self.result]


@dataclass
class Context:
    """What a check may read besides the subject's history."""

    year: int
    article: str
    rule: object = None
    members: Members | None = None
    leads: bool = False


# --- Individuals ---------------------------------------------------------------------------


def check_ldtt(history: History, c: Context) -> Finding:
    """Rule 4: rated "hoàn thành tốt nhiệm vụ" or higher (Art 24)."""
    if history.rated_at_least(c.year, "htt"):
        return Finding(PASS, f"Xếp loại năm {c.year} từ hoàn thành tốt nhiệm vụ trở lên ({c.article}).")
    return Finding(FAIL, f"Năm {c.year} chưa được xếp loại hoàn thành tốt nhiệm vụ trở lên ({c.article}).")


def check_cstdcs(history: History, c: Context) -> Finding:
    """Rule 3: LĐTT in the same year and (HTXS or a recognised initiative/topic) (Art 23)."""
    year = c.year
    if not history.holds("ldtt", year):
        return Finding(FAIL, f"Chưa đạt danh hiệu Lao động tiên tiến năm {year} ({c.article}).")
    if history.rated_at_least(year, "htxs") or history.initiatives_in({year}):
        return Finding(PASS, f"Đạt Lao động tiên tiến năm {year} và hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được công nhận ({c.article}).")
    return Finding(FAIL, f"Năm {year} chưa hoàn thành xuất sắc nhiệm vụ và chưa có sáng kiến, đề tài được công nhận ({c.article}).")


def check_cstd_bo(history: History, c: Context) -> Finding:
    """Rule 1: CSTĐCS in N, N-1 and N-2, and an initiative with ministry-wide scope (Art 22)."""
    year = c.year
    years = {year - 2, year - 1, year}
    missing = sorted(y for y in years if not history.holds("cstdcs", y))
    if missing:
        listed = ", ".join(str(y) for y in missing)
        return Finding(FAIL, f"Chưa đủ 03 năm liên tục đạt Chiến sĩ thi đua cơ sở (thiếu năm {listed}) ({c.article}).")
    if not history.initiatives_in(years, "ministry"):
        return Finding(FAIL, f"Chưa có sáng kiến, đề tài có phạm vi ảnh hưởng cấp Bộ, ngành, tỉnh ({c.article}).")
    return Finding(PASS, f"Đạt Chiến sĩ thi đua cơ sở {year - 2}–{year} và có sáng kiến phạm vi cấp Bộ ({c.article}).")


def check_cstd_tq(history: History, c: Context) -> Finding:
    """Rule 2: CSTĐ Bộ/tỉnh two times in a row, and a nationwide initiative (Art 21).

    "In a row" is a parameter: consecutive years (default) or consecutive award rounds
    (two CSTĐ Bộ at most ``round_gap`` years apart) — the law's meaning is UNCONFIRMED.
    """
    year = c.year
    held = sorted(y for y in history.awards.get("cstd-bo", set()) if y <= year)
    mode = param(c.rule, "consecutive", "years")
    gap = 1 if mode == "years" else int(param(c.rule, "round_gap", 3))
    twice = any(later - earlier <= gap for earlier, later in zip(held, held[1:], strict=False)) and held and held[-1] >= year - gap
    if not twice:
        return Finding(FAIL, f"Chưa đạt Chiến sĩ thi đua cấp Bộ 02 lần liên tục ({c.article}).")
    if not history.initiatives_in(set(range(year - 6, year + 1)), "national"):
        return Finding(FAIL, f"Chưa có sáng kiến, đề tài có phạm vi ảnh hưởng toàn quốc ({c.article}).")
    return Finding(PASS, f"Đạt Chiến sĩ thi đua cấp Bộ 02 lần liên tục và có sáng kiến phạm vi toàn quốc ({c.article}).")


def check_bk_bo(history: History, c: Context) -> Finding:
    """Rule 7, điểm d: 2 consecutive CSTĐCS, or 2 consecutive HTXS years with 2 initiatives (Art 74)."""
    year = c.year
    if history.holds("cstdcs", year) and history.holds("cstdcs", year - 1):
        return Finding(PASS, f"Đạt Chiến sĩ thi đua cơ sở 02 năm liên tục {year - 1}–{year} (điểm d khoản 1 {c.article}).")
    excellent = history.rated_at_least(year, "htxs") and history.rated_at_least(year - 1, "htxs")
    if excellent and len(history.initiatives_in({year - 1, year})) >= 2:
        return Finding(PASS, f"02 năm liên tục hoàn thành xuất sắc nhiệm vụ, có 02 sáng kiến, đề tài được công nhận (điểm d khoản 1 {c.article}).")
    return Finding(
        REVIEW,
        "Không đủ điều kiện theo điểm d (02 năm liên tục Chiến sĩ thi đua cơ sở, hoặc 02 năm hoàn thành xuất sắc nhiệm vụ với 02 sáng kiến); "
        f"Hội đồng xem xét theo điểm a–c với thành tích nêu trong hồ sơ (khoản 1 {c.article}).",
    )


def check_bk_ttg(history: History, c: Context) -> Finding:
    """Rule 8, điểm b: holds a Bằng khen Bộ, then ≥ 5 consecutive years ≥ HTT with 3 CSTĐCS (Art 73)."""
    year = c.year
    window = int(param(c.rule, "years", 5))
    years = range(year - window + 1, year + 1)
    earlier = [y for y in history.awards.get("bk-bo", set()) if y < year]
    if not earlier:
        return Finding(REVIEW, f"Chưa có Bằng khen cấp Bộ, ngành, tỉnh trước đó; Hội đồng xem xét theo điểm a, c (khoản 1 {c.article}).")
    if min(earlier) >= years.start:  # the five years are counted after the Bằng khen ("sau đó")
        return Finding(
            FAIL,
            f"Bằng khen cấp Bộ, ngành, tỉnh năm {min(earlier)}: chưa đủ {window:02d} năm liên tục sau đó đến năm đề nghị (điểm b khoản 1 {c.article}).",
        )
    if not all(history.rated_at_least(y, "htt") for y in years):
        return Finding(FAIL, f"Chưa đủ {window:02d} năm liên tục hoàn thành tốt nhiệm vụ trở lên đến năm đề nghị (điểm b khoản 1 {c.article}).")
    cstdcs = sum(1 for y in years if history.holds("cstdcs", y))
    if cstdcs < 3:
        return Finding(FAIL, f"Trong {window:02d} năm chỉ có {cstdcs:02d} lần Chiến sĩ thi đua cơ sở, cần 03 lần (điểm b khoản 1 {c.article}).")
    return Finding(
        PASS,
        f"Đã có Bằng khen cấp Bộ, {window:02d} năm liên tục hoàn thành tốt nhiệm vụ với {cstdcs:02d} lần Chiến sĩ thi đua cơ sở (điểm b khoản 1 {c.article}).",
    )


# --- Collectives ---------------------------------------------------------------------------


def check_tldxs(history: History, c: Context) -> Finding:
    """Rule 5: HTXS; 100 % completed; ≥ 70 % LĐTT; ≥ 1 CSTĐCS (Art 27)."""
    members, year = c.members, c.year
    share = Decimal(str(param(c.rule, "ldtt_share", 70)))
    if not history.rated_at_least(year, "htxs"):
        return Finding(FAIL, f"Tập thể chưa được xếp loại hoàn thành xuất sắc nhiệm vụ năm {year} ({c.article}).")
    if members is None or members.count == 0:
        return Finding(REVIEW, f"Chưa có danh sách thành viên của tập thể để đối chiếu ({c.article}).")
    if members.completed < members.count:
        return Finding(FAIL, f"Còn {members.count - members.completed} thành viên chưa hoàn thành nhiệm vụ ({c.article}).")
    if members.ldtt * 100 < share * members.count:
        return Finding(FAIL, f"Chỉ {members.ldtt}/{members.count} thành viên đạt Lao động tiên tiến, cần ít nhất {share:g}% ({c.article}).")
    if members.cstdcs < 1:
        return Finding(FAIL, f"Chưa có thành viên đạt Chiến sĩ thi đua cơ sở ({c.article}).")
    return Finding(PASS, f"{members.ldtt}/{members.count} thành viên đạt Lao động tiên tiến, có {members.cstdcs} Chiến sĩ thi đua cơ sở ({c.article}).")


def check_tldtt(history: History, c: Context) -> Finding:
    """Rule 6: more than 50 % LĐTT and nobody disciplined at "cảnh cáo" or above (Art 28)."""
    members = c.members
    share = Decimal(str(param(c.rule, "ldtt_share", 50)))
    if members is None or members.count == 0:
        return Finding(REVIEW, f"Chưa có danh sách thành viên của tập thể để đối chiếu ({c.article}).")
    if members.ldtt * 100 <= share * members.count:
        return Finding(FAIL, f"Chỉ {members.ldtt}/{members.count} thành viên đạt Lao động tiên tiến, cần trên {share:g}% ({c.article}).")
    if members.disciplined_warning:
        return Finding(FAIL, f"Có {members.disciplined_warning} thành viên bị kỷ luật từ cảnh cáo trở lên ({c.article}).")
    return Finding(PASS, f"{members.ldtt}/{members.count} thành viên đạt Lao động tiên tiến, không có thành viên bị kỷ luật từ cảnh cáo ({c.article}).")


def check_co_bo(history: History, c: Context) -> Finding:
    """Rule 10: the leading unit of its cluster in the year, and TLĐXS that year (TT 22/2023/TT-BCT Art 6)."""
    year = c.year
    if not c.leads:
        return Finding(FAIL, f"Không phải đơn vị dẫn đầu cụm, khối thi đua năm {year} ({c.article}).")
    if not history.holds("tldxs", year):
        return Finding(FAIL, f"Chưa đạt danh hiệu Tập thể lao động xuất sắc năm {year} ({c.article}).")
    return Finding(PASS, f"Dẫn đầu cụm, khối thi đua và đạt Tập thể lao động xuất sắc năm {year} ({c.article}).")


def check_manual(history: History, c: Context, *, subject: str = "") -> Finding:
    return Finding(REVIEW, f"Tiêu chuẩn đối với {subject or 'đối tượng'} của danh hiệu, hình thức này do Hội đồng xem xét theo hồ sơ ({c.article}).")


@dataclass(frozen=True)
class Check:
    function: Callable[[History, Context], Finding]
    subject: str  # "person", "unit" or "both"
    needs_members: bool = False
    needs_leads: bool = False


CHECKS: dict[str, Check] = {
    EligibilityCheck.LDTT: Check(check_ldtt, "person"),
    EligibilityCheck.CSTDCS: Check(check_cstdcs, "person"),
    EligibilityCheck.CSTD_BO: Check(check_cstd_bo, "person"),
    EligibilityCheck.CSTD_TQ: Check(check_cstd_tq, "person"),
    EligibilityCheck.BK_BO: Check(check_bk_bo, "person"),
    EligibilityCheck.BK_TTG: Check(check_bk_ttg, "person"),
    EligibilityCheck.TLDXS: Check(check_tldxs, "unit", needs_members=True),
    EligibilityCheck.TLDTT: Check(check_tldtt, "unit", needs_members=True),
    EligibilityCheck.CO_BO: Check(check_co_bo, "unit", needs_leads=True),
}


def check_once(*, history: History, code: str, year: int) -> Finding | None:
    """Art 5: one achievement is not rewarded twice; the same title or form for the same year is refused."""
    if history.holds(code, year):
        return Finding(FAIL, f"Thành tích năm {year} đã được khen thưởng bằng hình thức này; một thành tích không khen thưởng hai lần (Điều 5 {LAW}).")
    return None
