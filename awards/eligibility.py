"""Eligibility from the recorded history (legal-reference §8, rules 1–8, 10, 13 and Art 5).

Each check returns a ``Finding``: pass, fail or needs review, with a Vietnamese reason that
cites the article. Revoked awards never count. Numbers that the law or the sector may change
(70 %, 50 %, "two in a row"…) are read from the rule's ``params`` with the legal default.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from units.models import ClusterMembership, ClusterRole, Person, Unit

from .models import (
    DISCIPLINE_RANK,
    RATING_RANK,
    SCOPE_RANK,
    AwardRecord,
    AwardRule,
    Discipline,
    Initiative,
    Rating,
    RuleSet,
)

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
class History:
    """What eligibility reads about one subject, loaded in a few queries."""

    awards: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    ratings: dict[int, str] = field(default_factory=dict)
    initiatives: list[Initiative] = field(default_factory=list)
    disciplines: list[Discipline] = field(default_factory=list)

    def holds(self, code: str, year: int) -> bool:
        return year in self.awards.get(code, set())

    def rated_at_least(self, year: int, level: str) -> bool:
        rating = self.ratings.get(year)
        return rating is not None and RATING_RANK[rating] >= RATING_RANK[level]

    def initiatives_in(self, years, min_scope: str = "unit") -> list[Initiative]:
        return [i for i in self.initiatives if i.year in years and SCOPE_RANK[i.scope] >= SCOPE_RANK[min_scope]]


def load_history(*, person: Person | None = None, unit: Unit | None = None) -> History:
    history = History()
    subject = {"person": person} if person is not None else {"unit": unit}
    for code, year in AwardRecord.objects.filter(revoked=False, **subject).values_list("award_kind__code", "year"):
        history.awards[code].add(year)
    history.ratings = dict(Rating.objects.filter(**subject).values_list("year", "level"))
    history.initiatives = list(Initiative.objects.filter(**subject))
    if person is not None:
        history.disciplines = list(Discipline.objects.filter(person=person))
    return history


def ruleset_for(year: int) -> RuleSet | None:
    """The rule set valid in the achievement year."""
    from datetime import date

    day = date(year, 12, 31)
    return (
        RuleSet.objects.filter(valid_from__lte=day)
        .exclude(valid_to__lt=date(year, 1, 1))
        .order_by("-valid_from")
        .first()
    )


def rule_for(code: str, year: int) -> AwardRule | None:
    ruleset = ruleset_for(year)
    if ruleset is None:
        return None
    return AwardRule.objects.filter(ruleset=ruleset, award_kind__code=code).select_related("award_kind").first()


def _param(rule: AwardRule | None, name: str, default):
    return (rule.params or {}).get(name, default) if rule is not None else default


# --- Individuals ---------------------------------------------------------------------------


def check_ldtt(history: History, year: int, rule=None) -> Finding:
    """Rule 4: rated "hoàn thành tốt nhiệm vụ" or higher (Art 24)."""
    if history.rated_at_least(year, "htt"):
        return Finding(PASS, f"Xếp loại năm {year} từ hoàn thành tốt nhiệm vụ trở lên (Điều 24 {LAW}).")
    return Finding(FAIL, f"Năm {year} chưa được xếp loại hoàn thành tốt nhiệm vụ trở lên (Điều 24 {LAW}).")


def check_cstdcs(history: History, year: int, rule=None) -> Finding:
    """Rule 3: LĐTT in the same year and (HTXS or a recognised initiative/topic) (Art 23)."""
    if not history.holds("ldtt", year):
        return Finding(FAIL, f"Chưa đạt danh hiệu Lao động tiên tiến năm {year} (Điều 23 {LAW}).")
    if history.rated_at_least(year, "htxs") or history.initiatives_in({year}):
        return Finding(PASS, f"Đạt Lao động tiên tiến năm {year} và hoàn thành xuất sắc nhiệm vụ hoặc có sáng kiến được công nhận (Điều 23 {LAW}).")
    return Finding(FAIL, f"Năm {year} chưa hoàn thành xuất sắc nhiệm vụ và chưa có sáng kiến, đề tài được công nhận (Điều 23 {LAW}).")


def check_cstd_bo(history: History, year: int, rule=None) -> Finding:
    """Rule 1: CSTĐCS in N, N-1 and N-2, and an initiative with ministry-wide scope (Art 22)."""
    years = {year - 2, year - 1, year}
    missing = sorted(y for y in years if not history.holds("cstdcs", y))
    if missing:
        listed = ", ".join(str(y) for y in missing)
        return Finding(FAIL, f"Chưa đủ 03 năm liên tục đạt Chiến sĩ thi đua cơ sở (thiếu năm {listed}) (Điều 22 {LAW}).")
    if not history.initiatives_in(years, "ministry"):
        return Finding(FAIL, f"Chưa có sáng kiến, đề tài có phạm vi ảnh hưởng cấp Bộ, ngành, tỉnh (Điều 22 {LAW}).")
    return Finding(PASS, f"Đạt Chiến sĩ thi đua cơ sở {year - 2}–{year} và có sáng kiến phạm vi cấp Bộ (Điều 22 {LAW}).")


def check_cstd_tq(history: History, year: int, rule=None) -> Finding:
    """Rule 2: CSTĐ Bộ/tỉnh two times in a row, and a nationwide initiative (Art 21).

    "In a row" is a parameter: consecutive years (default) or consecutive award rounds
    (two CSTĐ Bộ at most ``round_gap`` years apart) — the law's meaning is UNCONFIRMED.
    """
    held = sorted(y for y in history.awards.get("cstd-bo", set()) if y <= year)
    mode = _param(rule, "consecutive", "years")
    gap = 1 if mode == "years" else int(_param(rule, "round_gap", 3))
    twice = any(later - earlier <= gap for earlier, later in zip(held, held[1:], strict=False)) and held and held[-1] >= year - gap
    if not twice:
        return Finding(FAIL, f"Chưa đạt Chiến sĩ thi đua cấp Bộ 02 lần liên tục (Điều 21 {LAW}).")
    if not history.initiatives_in(set(range(year - 6, year + 1)), "national"):
        return Finding(FAIL, f"Chưa có sáng kiến, đề tài có phạm vi ảnh hưởng toàn quốc (Điều 21 {LAW}).")
    return Finding(PASS, f"Đạt Chiến sĩ thi đua cấp Bộ 02 lần liên tục và có sáng kiến phạm vi toàn quốc (Điều 21 {LAW}).")


def check_bk_bo(history: History, year: int, rule=None) -> Finding:
    """Rule 7, điểm d: 2 consecutive CSTĐCS, or 2 consecutive HTXS years with 2 initiatives (Art 74)."""
    if history.holds("cstdcs", year) and history.holds("cstdcs", year - 1):
        return Finding(PASS, f"Đạt Chiến sĩ thi đua cơ sở 02 năm liên tục {year - 1}–{year} (Điều 74 khoản 1 điểm d {LAW}).")
    excellent = history.rated_at_least(year, "htxs") and history.rated_at_least(year - 1, "htxs")
    if excellent and len(history.initiatives_in({year - 1, year})) >= 2:
        return Finding(PASS, f"02 năm liên tục hoàn thành xuất sắc nhiệm vụ, có 02 sáng kiến, đề tài được công nhận (Điều 74 khoản 1 điểm d {LAW}).")
    return Finding(
        REVIEW,
        f"Không đủ điều kiện theo điểm d (02 năm liên tục Chiến sĩ thi đua cơ sở, hoặc 02 năm hoàn thành xuất sắc nhiệm vụ với 02 sáng kiến); "
        f"Hội đồng xem xét theo điểm a–c với thành tích nêu trong hồ sơ (Điều 74 khoản 1 {LAW}).",
    )


def check_bk_ttg(history: History, year: int, rule=None) -> Finding:
    """Rule 8, điểm b: holds a Bằng khen Bộ, then ≥ 5 consecutive years ≥ HTT with 3 CSTĐCS (Art 73)."""
    window = int(_param(rule, "years", 5))
    years = range(year - window + 1, year + 1)
    earlier = [y for y in history.awards.get("bk-bo", set()) if y < year]
    if not earlier:
        return Finding(REVIEW, f"Chưa có Bằng khen cấp Bộ, ngành, tỉnh trước đó; Hội đồng xem xét theo điểm a, c (Điều 73 khoản 1 {LAW}).")
    if min(earlier) >= years.start:  # the five years are counted after the Bằng khen ("sau đó")
        return Finding(
            FAIL,
            f"Bằng khen cấp Bộ, ngành, tỉnh năm {min(earlier)}: chưa đủ {window:02d} năm liên tục sau đó đến năm đề nghị (Điều 73 khoản 1 điểm b {LAW}).",
        )
    if not all(history.rated_at_least(y, "htt") for y in years):
        return Finding(FAIL, f"Chưa đủ {window:02d} năm liên tục hoàn thành tốt nhiệm vụ trở lên đến năm đề nghị (Điều 73 khoản 1 điểm b {LAW}).")
    cstdcs = sum(1 for y in years if history.holds("cstdcs", y))
    if cstdcs < 3:
        return Finding(FAIL, f"Trong {window:02d} năm chỉ có {cstdcs:02d} lần Chiến sĩ thi đua cơ sở, cần 03 lần (Điều 73 khoản 1 điểm b {LAW}).")
    return Finding(PASS, f"Đã có Bằng khen cấp Bộ, {window:02d} năm liên tục hoàn thành tốt nhiệm vụ với {cstdcs:02d} lần Chiến sĩ thi đua cơ sở (Điều 73 khoản 1 điểm b {LAW}).")


# --- Collectives ---------------------------------------------------------------------------


@dataclass
class Members:
    count: int
    ldtt: int
    cstdcs: int
    completed: int
    disciplined_warning: int


def load_members(unit: Unit, year: int) -> Members:
    """Members of a collective and their records for one year: four queries, whatever the size."""
    persons = list(Person.objects.filter(unit=unit, is_active=True).values_list("pk", flat=True))
    awards = defaultdict(set)
    for person_id, code in AwardRecord.objects.filter(person_id__in=persons, year=year, revoked=False).values_list("person_id", "award_kind__code"):
        awards[code].add(person_id)
    ratings = dict(Rating.objects.filter(person_id__in=persons, year=year).values_list("person_id", "level"))
    warned = {
        d.person_id for d in Discipline.objects.filter(person_id__in=persons, year=year) if DISCIPLINE_RANK[d.level] >= DISCIPLINE_RANK["warning"]
    }
    return Members(
        count=len(persons),
        ldtt=len(awards["ldtt"]),
        cstdcs=len(awards["cstdcs"]),
        completed=sum(1 for p in persons if RATING_RANK.get(ratings.get(p, "kht"), 0) >= RATING_RANK["ht"]),
        disciplined_warning=len(warned),
    )


def check_tldxs(history: History, year: int, rule=None, *, members: Members) -> Finding:
    """Rule 5: HTXS; 100 % completed; ≥ 70 % LĐTT; ≥ 1 CSTĐCS (Art 27)."""
    share = Decimal(str(_param(rule, "ldtt_share", 70)))
    if not history.rated_at_least(year, "htxs"):
        return Finding(FAIL, f"Tập thể chưa được xếp loại hoàn thành xuất sắc nhiệm vụ năm {year} (Điều 27 {LAW}).")
    if members.count == 0:
        return Finding(REVIEW, "Chưa có danh sách thành viên của tập thể để đối chiếu.")
    if members.completed < members.count:
        return Finding(FAIL, f"Còn {members.count - members.completed} thành viên chưa hoàn thành nhiệm vụ (Điều 27 {LAW}).")
    if members.ldtt * 100 < share * members.count:
        return Finding(FAIL, f"Chỉ {members.ldtt}/{members.count} thành viên đạt Lao động tiên tiến, cần ít nhất {share:g}% (Điều 27 {LAW}).")
    if members.cstdcs < 1:
        return Finding(FAIL, f"Chưa có thành viên đạt Chiến sĩ thi đua cơ sở (Điều 27 {LAW}).")
    return Finding(PASS, f"{members.ldtt}/{members.count} thành viên đạt Lao động tiên tiến, có {members.cstdcs} Chiến sĩ thi đua cơ sở (Điều 27 {LAW}).")


def check_tldtt(history: History, year: int, rule=None, *, members: Members) -> Finding:
    """Rule 6: more than 50 % LĐTT and nobody disciplined at "cảnh cáo" or above (Art 28)."""
    share = Decimal(str(_param(rule, "ldtt_share", 50)))
    if members.count == 0:
        return Finding(REVIEW, "Chưa có danh sách thành viên của tập thể để đối chiếu.")
    if members.ldtt * 100 <= share * members.count:
        return Finding(FAIL, f"Chỉ {members.ldtt}/{members.count} thành viên đạt Lao động tiên tiến, cần trên {share:g}% (Điều 28 {LAW}).")
    if members.disciplined_warning:
        return Finding(FAIL, f"Có {members.disciplined_warning} thành viên bị kỷ luật từ cảnh cáo trở lên (Điều 28 {LAW}).")
    return Finding(PASS, f"{members.ldtt}/{members.count} thành viên đạt Lao động tiên tiến, không có thành viên bị kỷ luật từ cảnh cáo (Điều 28 {LAW}).")


def leads_cluster(unit: Unit, year: int) -> bool:
    """Elected leader (suy tôn) of a cluster in ``year``; the cluster lead when no vote is recorded."""
    from campaigns.models import LeaderVote

    if LeaderVote.objects.filter(covenant__year=year, unit=unit).exists():
        return True
    voted_clusters = LeaderVote.objects.filter(covenant__year=year).values("covenant__cluster_id")
    return (
        ClusterMembership.objects.filter(unit=unit, year=year, role=ClusterRole.LEAD).exclude(cluster_id__in=voted_clusters).exists()
    )


def check_co_bo(history: History, year: int, rule=None, *, unit: Unit, leads: bool | None = None) -> Finding:
    """Rule 10: the leading unit of its cluster in the year, and TLĐXS that year (TT 22/2023/TT-BCT Art 6)."""
    if not (leads if leads is not None else leads_cluster(unit, year)):
        return Finding(FAIL, f"Không phải đơn vị dẫn đầu cụm, khối thi đua năm {year} (Điều 6 Thông tư 22/2023/TT-BCT).")
    if not history.holds("tldxs", year):
        return Finding(FAIL, f"Chưa đạt danh hiệu Tập thể lao động xuất sắc năm {year} (Điều 6 Thông tư 22/2023/TT-BCT).")
    return Finding(PASS, f"Dẫn đầu cụm, khối thi đua và đạt Tập thể lao động xuất sắc năm {year} (Điều 6 Thông tư 22/2023/TT-BCT).")


INDIVIDUAL_CHECKS = {
    "ldtt": check_ldtt,
    "cstdcs": check_cstdcs,
    "cstd-bo": check_cstd_bo,
    "cstd-tq": check_cstd_tq,
    "bk-bo": check_bk_bo,
    "bk-ttg": check_bk_ttg,
}


def check_once(*, history: History, code: str, year: int) -> Finding | None:
    """Art 5: one achievement is not rewarded twice; the same title or form for the same year is refused."""
    if history.holds(code, year):
        return Finding(FAIL, f"Thành tích năm {year} đã được khen thưởng bằng hình thức này; một thành tích không khen thưởng hai lần (Điều 5 {LAW}).")
    return None


def evaluate(*, code: str, year: int, person: Person | None = None, unit: Unit | None = None,
             history: History | None = None, members: Members | None = None, rule=..., leads: bool | None = None) -> Finding:
    """The eligibility of one subject for one title or form in one achievement year.

    ``history``, ``members``, ``rule`` and ``leads`` may be preloaded (see ``evaluate_many``).
    """
    rule = rule_for(code, year) if rule is ... else rule
    history = history if history is not None else load_history(person=person, unit=unit)
    repeated = check_once(history=history, code=code, year=year)
    if repeated:
        return repeated
    if person is not None and code in INDIVIDUAL_CHECKS:
        return INDIVIDUAL_CHECKS[code](history, year, rule)
    if unit is not None and code in ("tldxs", "tldtt"):
        members = members if members is not None else load_members(unit, year)
        check = check_tldxs if code == "tldxs" else check_tldtt
        return check(history, year, rule, members=members)
    if unit is not None and code == "co-bo":
        return check_co_bo(history, year, rule, unit=unit, leads=leads)
    article = MANUAL_ARTICLES.get((code, "person" if person is not None else "unit"), f"{LAW}; Thông tư 22/2023/TT-BCT")
    subject = "cá nhân" if person is not None else "tập thể"
    return Finding(REVIEW, f"Tiêu chuẩn đối với {subject} của danh hiệu, hình thức này do Hội đồng xem xét theo hồ sơ ({article}).")


# Where the criteria that stay with the council are written, for the reason shown with "needs review".
MANUAL_ARTICLES = {
    ("bk-bo", "unit"): f"Điều 74 khoản 2 {LAW}; Điều 7 Thông tư 22/2023/TT-BCT",
    ("bk-ttg", "unit"): f"Điều 73 khoản 2 {LAW}",
    ("giay-khen", "person"): f"Điều 75 {LAW}; Điều 8 Thông tư 22/2023/TT-BCT",
    ("giay-khen", "unit"): f"Điều 75 {LAW}; Điều 8 Thông tư 22/2023/TT-BCT",
    ("co-cp", "unit"): f"Điều 25 {LAW}: chọn trong các tập thể dẫn đầu cụm, khối thi đua",
    ("kn-chuong", "person"): "Điều 14 Thông tư 16/2018/TT-BCT",
}


def findings_many(nominations) -> dict[int, dict[str, Finding]]:
    """Eligibility, dossier and authority for many nominations, in a number of queries that does not grow with them.

    The nominations need ``round__deciding_unit`` and ``award_kind`` loaded and ``files`` prefetched.
    """
    nominations = list(nominations)
    eligibility = evaluate_many(nominations)
    rules = _rules_many({(n.award_kind.code, n.round.achievement_year) for n in nominations})
    results = {}
    for n in nominations:
        code, year = n.award_kind.code, n.round.achievement_year
        rule = rules.get((code, year))
        results[n.pk] = {
            "eligibility": eligibility[n.pk],
            "dossier": check_dossier(code=code, year=year, provided={f.document for f in n.files.all()}, rule=rule),
            "authority": check_authority(code=code, year=year, decider=n.round.deciding_unit, rule=rule),
        }
    return results


def evaluate_many(nominations) -> dict[int, Finding]:
    """Eligibility of many nominations with a fixed number of queries, however many there are."""
    nominations = list(nominations)
    person_ids = {n.person_id for n in nominations if n.person_id}
    unit_ids = {n.unit_id for n in nominations if n.unit_id}
    histories: dict[tuple[str, int], History] = defaultdict(History)
    for person_id, unit_id, code, year in AwardRecord.objects.filter(revoked=False).filter(
        Q(person_id__in=person_ids) | Q(unit_id__in=unit_ids)
    ).values_list("person_id", "unit_id", "award_kind__code", "year"):
        histories[("p", person_id) if person_id else ("u", unit_id)].awards[code].add(year)
    for person_id, unit_id, year, level in Rating.objects.filter(Q(person_id__in=person_ids) | Q(unit_id__in=unit_ids)).values_list(
        "person_id", "unit_id", "year", "level"
    ):
        histories[("p", person_id) if person_id else ("u", unit_id)].ratings[year] = level
    for initiative in Initiative.objects.filter(Q(person_id__in=person_ids) | Q(unit_id__in=unit_ids)):
        key = ("p", initiative.person_id) if initiative.person_id else ("u", initiative.unit_id)
        histories[key].initiatives.append(initiative)
    for discipline in Discipline.objects.filter(person_id__in=person_ids):
        histories[("p", discipline.person_id)].disciplines.append(discipline)
    members = _members_many({(n.unit_id, n.round.achievement_year) for n in nominations if n.unit_id and n.award_kind.code in ("tldxs", "tldtt")})
    leaders = _leaders_many({(n.unit_id, n.round.achievement_year) for n in nominations if n.unit_id and n.award_kind.code == "co-bo"})
    rules = _rules_many({(n.award_kind.code, n.round.achievement_year) for n in nominations})
    results = {}
    for n in nominations:
        year, code = n.round.achievement_year, n.award_kind.code
        key = ("p", n.person_id) if n.person_id else ("u", n.unit_id)
        results[n.pk] = evaluate(
            code=code, year=year, person=n.person, unit=n.unit, history=histories[key],
            members=members.get((n.unit_id, year)), rule=rules.get((code, year)), leads=(n.unit_id, year) in leaders,
        )
    return results


def _members_many(pairs: set[tuple[int, int]]) -> dict[tuple[int, int], Members]:
    if not pairs:
        return {}
    units, years = {u for u, _ in pairs}, {y for _, y in pairs}
    persons = dict(Person.objects.filter(unit_id__in=units, is_active=True).values_list("pk", "unit_id"))
    awards = defaultdict(set)
    for person_id, code, year in AwardRecord.objects.filter(person_id__in=persons, year__in=years, revoked=False).values_list(
        "person_id", "award_kind__code", "year"
    ):
        awards[(code, year)].add(person_id)
    ratings = {(p, y): level for p, y, level in Rating.objects.filter(person_id__in=persons, year__in=years).values_list("person_id", "year", "level")}
    warned = {
        (d.person_id, d.year) for d in Discipline.objects.filter(person_id__in=persons, year__in=years) if DISCIPLINE_RANK[d.level] >= DISCIPLINE_RANK["warning"]
    }
    result = {}
    for unit_id, year in pairs:
        members = [p for p, u in persons.items() if u == unit_id]
        result[(unit_id, year)] = Members(
            count=len(members),
            ldtt=sum(1 for p in members if p in awards[("ldtt", year)]),
            cstdcs=sum(1 for p in members if p in awards[("cstdcs", year)]),
            completed=sum(1 for p in members if RATING_RANK.get(ratings.get((p, year), "kht"), 0) >= RATING_RANK["ht"]),
            disciplined_warning=sum(1 for p in members if (p, year) in warned),
        )
    return result


def _leaders_many(pairs: set[tuple[int, int]]) -> set[tuple[int, int]]:
    if not pairs:
        return set()
    from campaigns.models import LeaderVote

    years = {y for _, y in pairs}
    voted = set(LeaderVote.objects.filter(covenant__year__in=years).values_list("unit_id", "covenant__year"))
    voted_clusters = set(LeaderVote.objects.filter(covenant__year__in=years).values_list("covenant__cluster_id", "covenant__year"))
    leads = {
        (unit_id, year)
        for unit_id, year, cluster_id in ClusterMembership.objects.filter(
            unit_id__in={u for u, _ in pairs}, year__in=years, role=ClusterRole.LEAD
        ).values_list("unit_id", "year", "cluster_id")
        if (cluster_id, year) not in voted_clusters
    }
    return (voted | leads) & pairs


def _rules_many(pairs: set[tuple[str, int]]) -> dict[tuple[str, int], AwardRule]:
    rulesets = list(RuleSet.objects.order_by("-valid_from"))
    rules = {(r.ruleset_id, r.award_kind.code): r for r in AwardRule.objects.select_related("award_kind", "quota_base")}
    result = {}
    for code, year in pairs:
        for ruleset in rulesets:
            if ruleset.valid_from.year <= year and (ruleset.valid_to is None or ruleset.valid_to.year >= year):
                result[(code, year)] = rules.get((ruleset.id, code))
                break
    return result


def check_dossier(*, code: str, year: int, provided: set[str], rule=...) -> Finding:
    """Rule 13: the dossier required by Art 84 is complete before submission."""
    rule = rule_for(code, year) if rule is ... else rule
    required = list(rule.dossier) if rule else ["to_trinh", "bao_cao_thanh_tich", "bien_ban"]
    missing = [doc for doc in required if doc not in provided]
    if missing:
        names = ", ".join(DOSSIER_LABELS.get(doc, doc) for doc in missing)
        return Finding(FAIL, f"Hồ sơ còn thiếu: {names} (Điều 84 {LAW}).")
    return Finding(PASS, f"Hồ sơ đủ thành phần (Điều 84 {LAW}).")


DOSSIER_LABELS = {
    "to_trinh": "tờ trình",
    "bao_cao_thanh_tich": "báo cáo thành tích",
    "bien_ban": "biên bản bình xét / xét khen thưởng",
    "cong_nhan_sang_kien": "văn bản công nhận sáng kiến, đề tài",
}


def check_authority(*, code: str, year: int, decider: Unit, rule=...) -> Finding:
    """Rule 9: only a decider with the power for this title or form (Art 80; TT 16/2018, 22/2023 BCT)."""
    rule = rule_for(code, year) if rule is ... else rule
    if rule is None:
        return Finding(REVIEW, "Chưa có quy tắc thẩm quyền cho năm thành tích này.")
    if decider.kind in rule.decider_unit_kinds:
        return Finding(PASS, f"{decider.name} có thẩm quyền quyết định {rule.award_kind.name}.")
    return Finding(
        FAIL,
        f"{decider.name} không có thẩm quyền quyết định {rule.award_kind.name} (Điều 80 {LAW}; Thông tư 22/2023/TT-BCT).",
    )


def quota_cap(*, base: int, percent: Decimal, rounding: str, minimum: int) -> int:
    """The number allowed: ``percent`` of ``base``, rounded as the rule says, never below ``minimum``."""
    import math

    exact = Decimal(base) * Decimal(percent) / 100
    if rounding == "ceil":
        allowed = math.ceil(exact)
    elif rounding == "half_up":
        allowed = int(exact.quantize(Decimal(1), rounding="ROUND_HALF_UP"))
    else:
        allowed = math.floor(exact)
    return max(minimum, allowed)


def quota_status(*, code: str, year: int, decider: Unit, proposed: int | None = None) -> dict | None:
    """Rule 11: the cap for a title per deciding unit and achievement year (a warning; only the council overrides).

    ``proposed`` defaults to the nominations already before the deciding unit's council for that year
    (on the agenda, passed or decided, in any of its rounds).
    """
    rule = rule_for(code, year)
    if rule is None or rule.quota_percent is None or rule.quota_base is None:
        return None
    from .models import Nomination

    if proposed is None:
        proposed = Nomination.objects.filter(
            round__deciding_unit=decider, round__achievement_year=year, award_kind__code=code,
            status__in=("on_agenda", "passed", "decided"),
        ).count()
    base = AwardRecord.objects.filter(
        award_kind=rule.quota_base, year=year, revoked=False
    ).filter(models_q_in_subtree(decider)).count()
    cap = quota_cap(base=base, percent=rule.quota_percent, rounding=rule.quota_rounding, minimum=rule.quota_minimum)
    return {
        "kind": rule.award_kind.name,
        "base": base,
        "cap": cap,
        "proposed": proposed,
        "over": proposed > cap,
        "text": (
            f"{rule.award_kind.name}: tối đa {rule.quota_percent:g}% của {base} {rule.quota_base.name} "
            f"({rule.get_quota_rounding_display().lower()}, tối thiểu {rule.quota_minimum}) = {cap}; đang đề nghị {proposed}."
        ),
        "confirmed": rule.confirmed,
    }


def models_q_in_subtree(unit: Unit):
    from django.db.models import Q

    return Q(person__unit__path__startswith=unit.path) | Q(unit__path__startswith=unit.path)
