"""Rule sets by the year of the achievement, and the rule of a title in them."""

from __future__ import annotations

from datetime import date

from ..models import AwardRule, RuleSet


def ruleset_for(year: int) -> RuleSet | None:
    """The rule set valid in the achievement year (the latest one in force during it)."""
    day = date(year, 12, 31)
    return (
        RuleSet.objects.filter(valid_from__lte=day)
        .exclude(valid_to__lt=date(year, 1, 1))
        .order_by("-valid_from")
        .first()
    )


def ruleset_on(day: date) -> RuleSet | None:
    """The rule set in force on a day (a decision cites the texts in force when it is signed)."""
    return RuleSet.objects.filter(valid_from__lte=day).exclude(valid_to__lt=day).order_by("-valid_from").first()


def rule_for(code: str, year: int) -> AwardRule | None:
    ruleset = ruleset_for(year)
    if ruleset is None:
        return None
    return AwardRule.objects.filter(ruleset=ruleset, award_kind__code=code).select_related("award_kind").first()


def rules_many(pairs: set[tuple[str, int]]) -> dict[tuple[str, int], AwardRule]:
    rulesets = list(RuleSet.objects.order_by("-valid_from"))
    rules = {(r.ruleset_id, r.award_kind.code): r for r in AwardRule.objects.select_related("award_kind", "quota_base")}
    result = {}
    for code, year in pairs:
        for ruleset in rulesets:
            if ruleset.valid_from.year <= year and (ruleset.valid_to is None or ruleset.valid_to.year >= year):
                result[(code, year)] = rules.get((ruleset.id, code))
                break
    return result


def param(rule: AwardRule | None, name: str, default):
    """A number or choice the rule set gives (its legal basis is the rule's ``source``), else the 2022 law's default."""
    return (rule.params or {}).get(name, default) if rule is not None else default
