"""The award catalogue and the rule set of a year, with reward money at today's base salary."""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from units.models import UnitKind

from ..forms import RuleSetChoiceForm
from ..models import AwardRule, BaseSalary, RuleSet
from ..selectors import DOSSIER_LABELS, ruleset_for


@login_required
def catalogue(request):
    today = datetime.date.today()
    rulesets = RuleSet.objects.order_by("valid_from")
    form = RuleSetChoiceForm(request.GET, rulesets=rulesets)
    ruleset = (form.cleaned_data.get("ruleset") if form.is_valid() else None) or ruleset_for(today.year)
    rules = AwardRule.objects.filter(ruleset=ruleset).select_related("award_kind", "quota_base").order_by("award_kind__sort_order")
    salary = BaseSalary.objects.filter(valid_from__lte=today).first()
    kind_labels = dict(UnitKind.choices)
    rows = [
        {
            "rule": rule,
            "money": int(rule.reward_multiple * salary.amount) if salary and rule.reward_multiple else None,
            "deciders": ", ".join(str(kind_labels.get(kind, kind)) for kind in rule.decider_unit_kinds),
        }
        for rule in rules
    ]
    return render(request, "awards/catalogue.html", {
        "ruleset": ruleset, "rulesets": list(rulesets), "rows": rows, "salary": salary, "labels": DOSSIER_LABELS,
    })
