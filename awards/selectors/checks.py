"""The eligibility checks (Luật Thi đua, khen thưởng 2022 Art 5, 21–28, 73–74, and the 2003 law for earlier
achievements), one function per check.

A title names its check in the catalogue (``AwardKind.eligibility_check``; a rule set may name another in
``params["check"]``) and the article its verdicts cite (``AwardRule.cited_article`` for the rule set of the
achievement year, else ``AwardKind.article``); so a new title that reuses a check is added by data alone.
Every number the law sets or changed (three years, 70 %, 50 %, five years, three CSTĐCS, the routes to
CSTĐCS…) is read from the rule's ``params``; the defaults written here are the 2022 law's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from ..models import EligibilityCheck, RatingLevel
from .history import History, Members
from .rules import param

PASS, FAIL, REVIEW = "pass", "fail", "review"
LABELS = {PASS: "Đạt", FAIL: "Không đạt", REVIEW: "Cần xem xét"}
LAW = "Luật Thi đua, khen thưởng 2022"
RATING_WORDS = {"htxs": "hoàn thành xuất sắc nhiệm vụ", "htt": "hoàn thành tốt nhiệm vụ trở lên", "ht": "hoàn thành nhiệm vụ trở lên"}


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

    def param(self, name: str, default):
        return param(self.rule, name, default)

    def cite(self, point: str) -> str:
        """The clause a route rests on: the rule set's own wording (``params["cite"]``), else point + article."""
        return self.param("cite", f"{point} {self.article}")


def _n(value: int) -> str:
    return f"{value:02d}"


# --- Individuals ---------------------------------------------------------------------------


def check_ldtt(history: History, c: Context) -> Finding:
    """Rule 4: rated "hoàn thành tốt nhiệm vụ" or higher (Art 24)."""
    if history.rated_at_least(c.year, "htt"):
        return Finding(PASS, f"Xếp loại năm {c.year} từ hoàn thành tốt nhiệm vụ trở lên ({c.article}).")
    return Finding(FAIL, f"Năm {c.year} chưa được xếp loại hoàn thành tốt nhiệm vụ trở lên ({c.article}).")


def check_cstdcs(history: History, c: Context) -> Finding:
    """Rule 3: LĐTT in the same year and one of the routes of the rule set (Art 23).

    Under the 2003 law the only route is an initiative (sáng kiến) or topic; from 2024 the 2022 law adds
    "hoàn thành xuất sắc nhiệm vụ" (``params["routes"]``)."""
    year = c.year
    routes = c.param("routes", ["htxs", "initiative"])
    if not history.holds("ldtt", year):
        return Finding(FAIL, f"Chưa đạt danh hiệu Lao động tiên tiến năm {year} ({c.article}).")
    if "htxs" in routes and history.rated_at_least(year, "htxs"):
        return Finding(PASS, f"Đạt Lao động tiên tiến và hoàn thành xuất sắc nhiệm vụ năm {year} ({c.article}).")
    if "initiative" in routes and history.initiatives_in({year}):
        return Finding(PASS, f"Đạt Lao động tiên tiến và có sáng kiến, đề tài được công nhận năm {year} ({c.article}).")
    if routes == ["initiative"]:
        return Finding(FAIL, f"Năm {year} chưa có sáng kiến, đề tài được cơ sở công nhận; thành tích năm {year} xét theo {c.article}, "
                             "chưa có tiêu chuẩn hoàn thành xuất sắc nhiệm vụ thay cho sáng kiến.")
    return Finding(FAIL, f"Năm {year} chưa hoàn thành xuất sắc nhiệm vụ và chưa có sáng kiến, đề tài được công nhận ({c.article}).")


def check_cstd_bo(history: History, c: Context) -> Finding:
    """Rule 1: CSTĐCS in N, N-1 and N-2, and an initiative with ministry- or province-wide scope (Art 22)."""
    year = c.year
    count = int(c.param("years", 3))
    years = set(range(year - count + 1, year + 1))
    missing = sorted(y for y in years if not history.holds("cstdcs", y))
    if missing:
        listed = ", ".join(str(y) for y in missing)
        return Finding(FAIL, f"Chưa đủ {_n(count)} lần liên tục đạt Chiến sĩ thi đua cơ sở (thiếu năm {listed}) ({c.article}).")
    if not history.initiatives_in(years, "ministry"):
        return Finding(FAIL, f"Chưa có sáng kiến, đề tài có phạm vi ảnh hưởng cấp Bộ, ngành, tỉnh ({c.article}).")
    return Finding(PASS, f"Đạt Chiến sĩ thi đua cơ sở {min(years)}–{year} và có sáng kiến phạm vi cấp Bộ, ngành, tỉnh ({c.article}).")


def check_cstd_tq(history: History, c: Context) -> Finding:
    """Rule 2: CSTĐ Bộ/tỉnh two times in a row, and a nationwide initiative (Art 21).

    "In a row" is a parameter: consecutive years (default) or consecutive award rounds
    (two CSTĐ Bộ at most ``round_gap`` years apart) — the law's meaning is UNCONFIRMED.
    """
    year = c.year
    held = sorted(y for y in history.years_of(c.param("chain", ["cstd-bo", "cstd-tinh"])) if y <= year)
    mode = c.param("consecutive", "years")
    gap = 1 if mode == "years" else int(c.param("round_gap", 3))
    twice = any(later - earlier <= gap for earlier, later in zip(held, held[1:], strict=False)) and held and held[-1] >= year - gap
    if not twice:
        return Finding(FAIL, f"Chưa đạt Chiến sĩ thi đua cấp Bộ, ngành, tỉnh 02 lần liên tục ({c.article}).")
    if not history.initiatives_in(set(range(year - 6, year + 1)), "national"):
        return Finding(FAIL, f"Chưa có sáng kiến, đề tài có phạm vi ảnh hưởng toàn quốc ({c.article}).")
    return Finding(PASS, f"Đạt Chiến sĩ thi đua cấp Bộ, ngành, tỉnh 02 lần liên tục và có sáng kiến phạm vi toàn quốc ({c.article}).")


def check_bk_bo(history: History, c: Context) -> Finding:
    """Rule 7, điểm d: 2 consecutive CSTĐCS, or 2 consecutive HTXS years with 2 initiatives (Art 74)."""
    year = c.year
    cite = c.cite("điểm d khoản 1")
    if history.holds("cstdcs", year) and history.holds("cstdcs", year - 1):
        return Finding(PASS, f"Đạt Chiến sĩ thi đua cơ sở 02 năm liên tục {year - 1}–{year} ({cite}).")
    excellent = history.rated_at_least(year, "htxs") and history.rated_at_least(year - 1, "htxs")
    if excellent and len(history.initiatives_in({year - 1, year})) >= 2:
        return Finding(PASS, f"02 năm liên tục hoàn thành xuất sắc nhiệm vụ, có 02 sáng kiến, đề tài được công nhận ({cite}).")
    return Finding(
        REVIEW,
        f"Không đủ điều kiện theo {cite} (02 năm liên tục Chiến sĩ thi đua cơ sở, hoặc 02 năm hoàn thành xuất sắc nhiệm vụ với 02 sáng kiến); "
        f"Hội đồng xem xét theo các điểm khác với thành tích nêu trong hồ sơ (khoản 1 {c.article}).",
    )


def check_bk_ttg(history: History, c: Context) -> Finding:
    """Rule 8: a Bằng khen of a Bộ, ban, ngành, tỉnh, and a window of consecutive years up to the proposal.

    The 2022 law (Art 73 khoản 1 điểm b): "Đã được tặng bằng khen của Bộ, ban, ngành, tỉnh và có liên tục
    từ 05 năm trở lên đến thời điểm đề nghị được công nhận hoàn thành tốt nhiệm vụ trở lên, trong thời
    gian đó có 03 lần được tặng danh hiệu Chiến sĩ thi đua cơ sở". The 2003 law (Nghị định 91/2017/NĐ-CP
    Art 38 khoản 1 điểm c): the five years follow the Bằng khen ("05 năm tiếp theo"), each "hoàn thành
    xuất sắc nhiệm vụ", with 05 initiatives. The numbers and the order are the rule's ``params``.
    """
    year = c.year
    window = int(c.param("years", 5))
    rating = c.param("min_rating", "htt")
    cstdcs_needed = int(c.param("cstdcs", 3))
    initiatives_needed = int(c.param("initiatives", 0))
    after_award = bool(c.param("after_award", False))
    cite = c.cite("điểm b khoản 1")
    years = range(year - window + 1, year + 1)
    earlier = sorted(y for y in history.years_of(c.param("prerequisite", ["bk-bo", "bk-tinh"])) if y < year)
    if not earlier:
        return Finding(REVIEW, f"Chưa được tặng Bằng khen của Bộ, ban, ngành, tỉnh; Hội đồng xem xét theo các tiêu chuẩn khác (khoản 1 {c.article}).")
    if after_award and earlier[0] >= years.start:
        return Finding(FAIL, f"Bằng khen năm {earlier[0]}: chưa đủ {_n(window)} năm tiếp theo liên tục đến thời điểm đề nghị ({cite}).")
    missing = [y for y in years if not history.rated_at_least(y, rating)]
    if missing:
        listed = ", ".join(str(y) for y in missing)
        return Finding(
            FAIL,
            f"Chưa có liên tục từ {_n(window)} năm trở lên đến thời điểm đề nghị được công nhận {RATING_WORDS[rating]} "
            f"({years.start}–{year}; chưa đạt năm {listed}) ({cite}).",
        )
    cstdcs = sum(1 for y in years if history.holds("cstdcs", y))
    if cstdcs < cstdcs_needed:
        return Finding(FAIL, f"Trong thời gian đó có {_n(cstdcs)} lần được tặng danh hiệu Chiến sĩ thi đua cơ sở, cần {_n(cstdcs_needed)} lần ({cite}).")
    initiatives = len(history.initiatives_in(set(years)))
    if initiatives < initiatives_needed:
        return Finding(FAIL, f"Trong thời gian đó có {_n(initiatives)} sáng kiến được công nhận, cần {_n(initiatives_needed)} ({cite}).")
    held = f", trong thời gian đó có {_n(cstdcs)} lần được tặng danh hiệu Chiến sĩ thi đua cơ sở" if cstdcs_needed else ""
    found = f", {_n(initiatives)} sáng kiến được công nhận" if initiatives_needed else ""
    return Finding(
        PASS,
        f"Đã được tặng Bằng khen năm {earlier[0]} và có liên tục {_n(window)} năm ({years.start}–{year}) đến thời điểm đề nghị "
        f"được công nhận {RATING_WORDS[rating]}{held}{found} ({cite}).",
    )


# --- Collectives ---------------------------------------------------------------------------


def check_tldxs(history: History, c: Context) -> Finding:
    """Rule 5: HTXS; 100 % completed; ≥ 70 % LĐTT; ≥ 1 CSTĐCS (Art 27)."""
    members, year = c.members, c.year
    share = Decimal(str(c.param("ldtt_share", 70)))
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
    """Rule 6: the unit itself rated "hoàn thành tốt nhiệm vụ", more than 50 % LĐTT and nobody disciplined at "cảnh cáo" or above (Art 28)."""
    members, year = c.members, c.year
    share = Decimal(str(c.param("ldtt_share", 50)))
    rating = c.param("min_rating", "htt")
    if not history.rated_at_least(year, rating):
        level = history.ratings.get(year)
        told = f"được xếp loại {RatingLevel(level).label.lower()}" if level else "chưa được xếp loại"
        return Finding(FAIL, f"Tập thể năm {year} {told}; cần {RATING_WORDS[rating]} ({c.article}).")
    if members is None or members.count == 0:
        return Finding(REVIEW, f"Chưa có danh sách thành viên của tập thể để đối chiếu ({c.article}).")
    if members.ldtt * 100 <= share * members.count:
        return Finding(FAIL, f"Chỉ {members.ldtt}/{members.count} thành viên đạt Lao động tiên tiến, cần trên {share:g}% ({c.article}).")
    if members.disciplined_warning:
        return Finding(FAIL, f"Có {members.disciplined_warning} thành viên bị kỷ luật từ cảnh cáo trở lên ({c.article}).")
    return Finding(
        PASS,
        f"Tập thể {RATING_WORDS[rating]}; {members.ldtt}/{members.count} thành viên đạt Lao động tiên tiến, "
        f"không có thành viên bị kỷ luật từ cảnh cáo trở lên ({c.article}).",
    )


def check_co_bo(history: History, c: Context) -> Finding:
    """Rule 10: the leading unit of its cluster in the year, and TLĐXS that year (Art 26; the sector's text of that year)."""
    year = c.year
    if not c.leads:
        return Finding(FAIL, f"Không phải đơn vị dẫn đầu cụm, khối thi đua năm {year} ({c.article}).")
    if c.param("requires_tldxs", True) and not history.holds("tldxs", year):
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


def other_forms(*, history: History, code: str, category: str, year: int) -> str:
    """Art 5: a second form of commendation (a Bằng khen after a Giấy khen) for the same year's achievement.

    The records do not say whether it is the same achievement, so the verdict is flagged for the council."""
    if category != "form":
        return ""
    others = sorted(name for other, name in history.forms.get(year, {}).items() if other != code)
    if not others:
        return ""
    return (
        f"Thành tích năm {year} đã được khen thưởng {', '.join(others)}; một thành tích không khen thưởng nhiều hình thức, "
        f"Hội đồng xác định đây là thành tích khác (Điều 5 {LAW})."
    )
