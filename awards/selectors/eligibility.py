"""Eligibility of a subject for a title or form: the check the catalogue names, the dossier (Art 84),
the deciding body's authority (Art 79–80) and quotas, for one nomination or thousands in a flat
number of queries."""

from __future__ import annotations

import math
from decimal import Decimal

from django.db.models import Q

from units.models import Person, Unit

from ..models import AwardKind, AwardRecord, Nomination
from .checks import CHECKS, FAIL, LAW, PASS, REVIEW, Context, Finding, check_manual, check_once
from .history import (
    History,
    Members,
    histories_many,
    leaders_many,
    leads_cluster,
    load_history,
    load_members,
    members_many,
)
from .rules import rule_for, rules_many


def _article(kind: AwardKind, rule) -> str:
    return (rule.cited_article if rule is not None else "") or kind.article or LAW


def evaluate(*, code: str = "", year: int, person: Person | None = None, unit: Unit | None = None, kind: AwardKind | None = None,
             history: History | None = None, members: Members | None = None, rule=..., leads: bool | None = None) -> Finding:
    """The eligibility of one subject for one title or form in one achievement year.

    The title's check and article come from the catalogue. ``history``, ``members``, ``rule`` and ``leads``
    may be preloaded (see ``evaluate_many``).
    """
    kind = kind or AwardKind.objects.get(code=code)
    rule = rule_for(kind.code, year) if rule is ... else rule
    history = history if history is not None else load_history(person=person, unit=unit)
    repeated = check_once(history=history, code=kind.code, year=year)
    if repeated:
        return repeated
    context = Context(year=year, article=_article(kind, rule), rule=rule)
    check = CHECKS.get(kind.eligibility_check)
    subject = "person" if person is not None else "unit"
    if check is None or check.subject not in (subject, "both"):
        return check_manual(history, context, subject="cá nhân" if person is not None else "tập thể")
    if check.needs_members:
        context.members = members if members is not None else load_members(unit, year)
    if check.needs_leads:
        context.leads = leads if leads is not None else leads_cluster(unit, year)
    return check.function(history, context)


def evaluate_many(nominations) -> dict[int, Finding]:
    """Eligibility of many nominations with a fixed number of queries, however many there are.

    The nominations need ``round`` and ``award_kind`` loaded."""
    nominations = list(nominations)
    histories = histories_many(person_ids={n.person_id for n in nominations if n.person_id}, unit_ids={n.unit_id for n in nominations if n.unit_id})
    pairs = {(n.unit_id, n.round.achievement_year) for n in nominations if n.unit_id}
    wanted = {n.award_kind.eligibility_check for n in nominations}
    members = members_many({p for p in pairs if any(CHECKS[c].needs_members for c in wanted if c in CHECKS)})
    leaders = leaders_many({p for p in pairs if any(CHECKS[c].needs_leads for c in wanted if c in CHECKS)})
    rules = rules_many({(n.award_kind.code, n.round.achievement_year) for n in nominations})
    results = {}
    for n in nominations:
        year, code = n.round.achievement_year, n.award_kind.code
        key = ("p", n.person_id) if n.person_id else ("u", n.unit_id)
        results[n.pk] = evaluate(
            year=year, kind=n.award_kind, person=n.person, unit=n.unit, history=histories[key],
            members=members.get((n.unit_id, year)), rule=rules.get((code, year)), leads=(n.unit_id, year) in leaders,
        )
    return results


def findings_many(nominations) -> dict[int, dict[str, Finding]]:
    """Eligibility, dossier and authority for many nominations, in a number of queries that does not grow with them.

    The nominations need ``round__deciding_unit`` and ``award_kind`` loaded and ``files`` prefetched.
    """
    nominations = list(nominations)
    eligibility = evaluate_many(nominations)
    rules = rules_many({(n.award_kind.code, n.round.achievement_year) for n in nominations})
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

    return Q(person__unit__path__startswith=unit.path) | Q(unit__path__startswith=unit.path)

