"""The award catalogue and the rule set of a year, with reward money at today's base salary."""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from common.policies import allowed
from units.models import UnitKind

from .. import policies
from ..forms import RuleSetChoiceForm
from ..models import AwardKind, AwardRule, BaseSalary, RuleSet
from ..selectors import DOSSIER_LABELS, award_kind_owner_choices, ruleset_for


@login_required
def catalogue(request):
    today = datetime.date.today()
    rulesets = RuleSet.objects.order_by("valid_from")
    form = RuleSetChoiceForm(request.GET, rulesets=rulesets)
    ruleset = (form.cleaned_data.get("ruleset") if form.is_valid() else None) or ruleset_for(today.year)
    kinds = AwardKind.objects.available_to(request.user)
    rules = AwardRule.objects.filter(ruleset=ruleset, award_kind__in=kinds).select_related("award_kind__owner", "quota_base").order_by(
        "award_kind__sort_order", "award_kind__name"
    )
    salary = BaseSalary.objects.filter(valid_from__lte=today).first()
    kind_labels = dict(UnitKind.choices)
    rows = [
        {
            "rule": rule,
            "money": int(rule.reward_multiple * salary.amount) if salary and rule.reward_multiple else None,
            "deciders": ", ".join(str(kind_labels.get(kind, kind)) for kind in rule.decider_unit_kinds),
            # Which values of the row no source confirms: the page says so beside each of them.
            "unconfirmed": set((rule.params or {}).get("unconfirmed", [])),
            "conditional": (rule.params or {}).get("dossier_unless_htxs", []),
            "by_leaders": (rule.params or {}).get("quota_base") == "cluster_leaders",
            "can_edit": allowed(policies.edit_award_kind_refusal(request.user, rule.award_kind)),
        }
        for rule in rules
    ]
    return render(request, "awards/catalogue.html", {
        "ruleset": ruleset, "rulesets": list(rulesets), "rows": rows, "salary": salary, "labels": DOSSIER_LABELS,
        "can_add": policies.keeps_sector_catalogue(request.user) or award_kind_owner_choices(request.user).exists(),
    })
