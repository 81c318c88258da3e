"""Benchmark: the campaign dashboard against a naive per-unit baseline, in the same run.

    .venv/bin/python bench/dashboard.py [units]        (default 300; uses DATABASE_URL, or a throwaway SQLite file)

It builds a campaign with N units × 5 targets and one report each, then times
``selectors.dashboard_rows`` (one query over all targets) against a naive loop that asks
for each target's latest value separately. It prints seconds, query counts and the ratio.
Goal (reliability.md §B4): the query count stays flat and the ratio grows with N.
"""

import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def build(count: int):
    from campaigns.models import Campaign, Indicator, ProgressReport, Registration, ReportValue, Target
    from units.models import Unit, UnitKind

    campaign = Campaign.objects.create(name=f"Bench {time.time()}", start_date="2026-01-01", end_date="2026-12-31")
    indicators = [Indicator.objects.get_or_create(code=f"bench-{i}", defaults={"name": f"Chỉ tiêu {i}", "kind": "quantity"})[0] for i in range(5)]
    for n in range(count):
        unit = Unit.objects.create(code=f"bench-{campaign.pk}-{n}", name=f"Đơn vị {n}", kind=UnitKind.DIVISION)
        registration = Registration.objects.create(campaign=campaign, unit=unit, status="approved")
        report = ProgressReport.objects.create(registration=registration, period_type="quarter", period_index=1, year=2026, status="submitted", period_key=202603)
        for indicator in indicators:
            target = Target.objects.create(registration=registration, indicator=indicator, target_value=Decimal(100))
            ReportValue.objects.create(report=report, target=target, value=Decimal(n % 150))
    return campaign


def naive(campaign):
    from campaigns.models import Registration, ReportValue

    results = []
    for registration in Registration.objects.filter(campaign=campaign):
        for target in registration.targets.all():
            latest = ReportValue.objects.filter(target=target).order_by("-report__period_key").first()
            results.append((registration.unit.name, target.indicator.name, latest.value if latest else None))
    return results


def measure(function, *args):
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        function(*args)
        elapsed = time.perf_counter() - start
    return elapsed, len(queries)


def main():
    from campaigns.selectors import dashboard_rows

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    call_command("migrate", verbosity=0)
    campaign = build(count)
    fast, fast_queries = measure(lambda: dashboard_rows(campaign=campaign))
    slow, slow_queries = measure(naive, campaign)
    print(f"{count} đơn vị × 5 chỉ tiêu")
    print(f"dashboard_rows: {fast:.3f} s, {fast_queries} truy vấn")
    print(f"cách làm ngây thơ: {slow:.3f} s, {slow_queries} truy vấn")
    print(f"tỷ lệ thời gian: {slow / fast:.1f}×")


if __name__ == "__main__":
    main()
