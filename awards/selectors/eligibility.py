"""Eligibility of a subject for a title or form: the check the catalogue names, the dossier (Art 84),
the deciding body's authority (Art 79–80) and quotas, for one nomination or thousands in a flat
number of queries."""

from __future__ import annotations

import math
from decimal import Decimal

from django.db.models import Q

from units.models import Person, Unit

from ..models import AwardKind, AwardRecord, Nomination
from .checks import CHECKS, FAIL, LAW, PASS, REVIEW, Context, Finding, check_manual, check_once, other_forms
from .history import (
    History,
    Members,
    cluster_leaders,
    histories_many,
    leaders_many,
    leads_cluster,
    load_history,
    load_members,
    members_many,
)
from .rules import param, rule_for, rules_many


def _article(kind: AwardKind, rule) -> str:
    return (rule.cited_article if rule is not None else "") or kind.article or LAW


def evaluate(*, code: str = "", year: int, person: Person | None = None, unit: Unit | None = None, kind: AwardKind | None = None,
             history: History | None = None, members: Members | None = None, rule=..., leads: bool | None = None) -> Finding:
    """The eligibility of one subject for one title or form in one achievement year.

    The check and the article come from the catalogue and the rule set of the achievement year. ``history``,
    ``members``, ``rule`` and ``leads`` may be preloaded (see ``evaluate_many``).
    """
    kind = kind or AwardKind.objects.get(code=code)
    rule = rule_for(kind.code, year) if rule is ... else rule
    history = history if history is not None else load_history(person=person, unit=unit)
    repeated = check_once(history=history, code=kind.code, year=year)
    if repeated:
        return repeated
    finding = _check(kind=kind, year=year, person=person, unit=unit, history=history, members=members, rule=rule, leads=leads)
    flag = other_forms(history=history, code=kind.code, category=kind.category, year=year)
    if flag:  # Art 5: flagged, never silently passed
        finding = Finding(FAIL if finding.result == FAIL else REVIEW, f"{finding.reason} {flag}")
    return finding


def _check(*, kind, year, person, unit, history, members, rule, leads) -> Finding:
    context = Context(year=year, article=_article(kind, rule), rule=rule)
    check = CHECKS.get(param(rule, "check", kind.eligibility_check))
    subject = "person" if person is not None else "unit"
    if check is None or check.subject not in (subject, "both"):
        return check_manual(history, context, subject="cá nhân" if person is not None else "tập thể")
    if check.needs_members:
        context.members = members if members is not None else load_members(unit, year)
    if check.needs_leads:
        context.leads = leads if leads is not None else leads_cluster(unit, year)
    return check.function(history, context)


def evaluate_many(nominations, *, histories=None) -> dict[int, Finding]:
    """Eligibility of many nominations with a fixed number of queries, however many there are.

    The nominations need ``round`` and ``award_kind`` loaded."""
    nominations = list(nominations)
    histories = histories if histories is not None else _histories(nominations)
    pairs = {(n.unit_id, n.round.achievement_year) for n in nominations if n.unit_id}
    rules = rules_many({(n.award_kind.code, n.round.achievement_year) for n in nominations})
    wanted = {param(rules.get((n.award_kind.code, n.round.achievement_year)), "check", n.award_kind.eligibility_check) for n in nominations}
    members = members_many({p for p in pairs if any(CHECKS[c].needs_members for c in wanted if c in CHECKS)})
    leaders = leaders_many({p for p in pairs if any(CHECKS[c].needs_leads for c in wanted if c in CHECKS)})
    results = {}
    for n in nominations:
        year, code = n.round.achievement_year, n.award_kind.code
        results[n.pk] = evaluate(
            year=year, kind=n.award_kind, person=n.person, unit=n.unit, history=histories[_key(n)],
            members=members.get((n.unit_id, year)), rule=rules.get((code, year)), leads=(n.unit_id, year) in leaders,
        )
    return results


def _key(nomination) -> tuple[str, int]:
    return ("p", nomination.person_id) if nomination.person_id else ("u", nomination.unit_id)


def _histories(nominations):
    return histories_many(person_ids={n.person_id for n in nominations if n.person_id}, unit_ids={n.unit_id for n in nominations if n.unit_id})


def findings_many(nominations) -> dict[int, dict[str, Finding]]:
    """Eligibility, dossier and authority for many nominations, in a number of queries that does not grow with them.

    The nominations need ``round__deciding_unit`` and ``award_kind`` loaded and ``files`` prefetched.
    """
    nominations = list(nominations)
    histories = _histories(nominations)
    eligibility = evaluate_many(nominations, histories=histories)
    rules = rules_many({(n.award_kind.code, n.round.achievement_year) for n in nominations})
    results = {}
    for n in nominations:
        code, year = n.award_kind.code, n.round.achievement_year
        rule = rules.get((code, year))
        results[n.pk] = {
            "eligibility": eligibility[n.pk],
            "dossier": check_dossier(code=code, year=year, provided={f.document for f in n.files.all()}, rule=rule,
                                     excellent=histories[_key(n)].rated_at_least(year, "htxs")),
            "authority": check_authority(code=code, year=year, decider=n.round.deciding_unit, rule=rule),
        }
    return results


def check_dossier(*, code: str, year: int, provided: set[str], rule=..., excellent: bool = False) -> Finding:
    """Rule 13: the dossier the rule set of the achievement year requires is complete before submission (Art 84).

    ``params["dossier_unless_htxs"]`` lists what is needed only when the subject relies on an initiative: a
    candidate rated "hoàn thành xuất sắc nhiệm vụ" that year (``excellent``) does not need it (from 2024)."""
    rule = rule_for(code, year) if rule is ... else rule
    required = list(rule.dossier) if rule else ["to_trinh", "bao_cao_thanh_tich", "bien_ban"]
    if not excellent:
        required += [doc for doc in param(rule, "dossier_unless_htxs", []) if doc not in required]
    article = param(rule, "dossier_basis", f"Điều 84 {LAW}")
    missing = [doc for doc in required if doc not in provided]
    if missing:
        names = ", ".join(DOSSIER_LABELS.get(doc, doc) for doc in missing)
        return Finding(FAIL, f"Hồ sơ còn thiếu: {names} ({article}).")
    return Finding(PASS, f"Hồ sơ đủ thành phần ({article}).")


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
        return Finding(REVIEW, f"Chưa có quy tắc thẩm quyền cho năm thành tích {year} (Điều 79, 80 {LAW}).")
    basis = param(rule, "authority", f"Điều 79, 80 {LAW}")
    if decider.kind in rule.decider_unit_kinds:
        return Finding(PASS, f"{decider.name} có thẩm quyền quyết định {rule.award_kind.name} ({basis}).")
    return Finding(FAIL, f"{decider.name} không có thẩm quyền quyết định {rule.award_kind.name} ({basis}).")


def quota_cap(*, base: int, percent: Decimal, rounding: str, minimum: int) -> int:
    """The number allowed: ``percent`` of ``base``, rounded as the rule says, never below ``minimum``."""
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

    The base is the holders of ``quota_base`` in the decider's units that year, or, with
    ``params["quota_base"] == "cluster_leaders"``, the collectives chosen as leaders of the clusters and
    blocks the decider's units organise (Cờ thi đua của Chính phủ). ``proposed`` defaults to the
    nominations already before the deciding unit's council for that year (on the agenda, passed or
    decided, in any of its rounds).
    """
    rule = rule_for(code, year)
    by_leaders = param(rule, "quota_base", "") == "cluster_leaders"
    if rule is None or rule.quota_percent is None or (rule.quota_base is None and not by_leaders):
        return None
    if proposed is None:
        proposed = Nomination.objects.filter(
            round__deciding_unit=decider, round__achievement_year=year, award_kind__code=code,
            status__in=("on_agenda", "passed", "decided"),
        ).count()
    if by_leaders:
        base, base_name = len(cluster_leaders(decider, year)), "tập thể được suy tôn dẫn đầu cụm, khối thi đua"
    else:
        base = AwardRecord.objects.filter(award_kind=rule.quota_base, year=year, revoked=False).filter(models_q_in_subtree(decider)).count()
        base_name = rule.quota_base.name
    cap = quota_cap(base=base, percent=rule.quota_percent, rounding=rule.quota_rounding, minimum=rule.quota_minimum)
    basis = param(rule, "quota_basis", "") or "căn cứ chưa xác nhận"
    return {
        "kind": rule.award_kind.name,
        "base": base,
        "cap": cap,
        "proposed": proposed,
        "over": proposed > cap,
        "text": (
            f"{rule.award_kind.name}: tối đa {rule.quota_percent:g}% của {base} {base_name} "
            f"({rule.get_quota_rounding_display().lower()}, tối thiểu {rule.quota_minimum}) = {cap}; đang đề nghị {proposed} ({basis})."
        ),
        "confirmed": rule.confirmed and "quota" not in param(rule, "unconfirmed", []),
    }


def models_q_in_subtree(unit: Unit):
    return Q(person__unit__path__startswith=unit.path) | Q(unit__path__startswith=unit.path)

