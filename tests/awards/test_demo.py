"""The demo data: seed 002's history for Cục Công Thương địa phương, and a passing and a failing
case for every eligibility rule, found by evaluating the seeded history (not by trusting labels)."""

import pytest
from django.core.management import call_command

from awards.demo import DEMO_CASES, PERSONS, SEED_002
from awards.models import AwardRecord, Council, Rating
from awards.selectors import evaluate
from units.models import Person, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", verbosity=0)


def test_seed_002_history_of_cuc_ctdp(seeded):
    ctdp = Unit.objects.get(code="cuc-ctdp")
    held = {}
    for code, year in AwardRecord.objects.filter(unit=ctdp).values_list("award_kind__code", "year"):
        held.setdefault(code, []).append(year)
    assert {code: sorted(years) for code, years in held.items()} == SEED_002
    assert SEED_002["tldxs"] == [2013, 2015, 2016, 2017, 2018] and SEED_002["co-cp"] == [2015]


def test_every_rule_has_a_passing_and_a_failing_demo_case(seeded):
    outcomes, home = {}, {name: unit_code for name, unit_code, *_ in PERSONS}
    for rule, kind, key, code, year, expected in DEMO_CASES:
        if kind == "person":
            finding = evaluate(code=code, year=year, person=Person.objects.get(full_name=key, unit__code=home[key]))
        else:
            finding = evaluate(code=code, year=year, unit=Unit.objects.get(code=key))
        assert finding.result == expected, f"{rule} – {key}: {finding.result} ({finding.reason})"
        outcomes.setdefault(rule, set()).add(expected)
    assert {r for r, results in outcomes.items() if "pass" in results} >= {r for r in outcomes if not r.startswith("Điều 5")}
    assert all(results - {"pass"} for results in outcomes.values())  # every rule shows a case that does not pass


def test_seed_is_idempotent(seeded):
    counts = (AwardRecord.objects.count(), Rating.objects.count(), Person.objects.count(), Council.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (AwardRecord.objects.count(), Rating.objects.count(), Person.objects.count(), Council.objects.count()) == counts
    council = Council.objects.get()
    assert council.chair.username == "demo-lanhdao" and council.secretary.username == "demo-thuky"
    assert set(council.members.values_list("username", flat=True)) >= {"demo-hoidong", "demo-hoidong2", "demo-hoidong3"}
