"""Benchmark: eligibility of a national round's nominations, as a batch and from the nomination list.

    DATABASE_URL=postgres://…/thidua_scale_5000 .venv/bin/python bench/eligibility.py [--runs 5]

The batch evaluates every nomination of the largest round (5,000 at 5,000 units) against its
holder's ten years of history; the same batch over a tenth of them shows whether the queries grow.
The nomination list is requested as demo-admin: its first page, and its Excel export, which
evaluates every nomination it lists. Goals (issue 13 §2): the same number of queries for 500 and
5,000 nominations, and at most 10 s for the batch and for the export.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common  # noqa: E402

MAX_SECONDS = 10.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=300.0)
    args = parser.parse_args()
    common.setup()
    from django.core.cache import cache
    from django.urls import reverse

    from awards.models import Nomination
    from awards.selectors import evaluate_many

    award_round = common.national_round()
    loaded = Nomination.objects.filter(round=award_round).select_related(
        "round__deciding_unit", "award_kind", "person__unit", "unit", "proposing_unit"
    ).order_by("pk")
    total = loaded.count()
    print(f"Xét điều kiện: đợt “{award_round.name}”, {total} hồ sơ — {common.machine()}")
    verdict = common.Verdict("Mục tiêu: xét điều kiện (issue 13 §2)")
    tenth = common.measure(f"evaluate_many, {total // 10} hồ sơ", lambda: evaluate_many(list(loaded[: total // 10])), runs=args.runs)
    batch = common.measure(f"evaluate_many, {total} hồ sơ", lambda: evaluate_many(list(loaded.all())), runs=args.runs, timeout=args.timeout)
    print(f"  {tenth.line()}\n  {batch.line()}")
    verdict.check(f"batch: the same queries for {total // 10} and {total} ({tenth.queries[0]} and "
                  f"{batch.queries[0] if batch.queries else '?'})", bool(batch.queries) and tenth.queries[0] == batch.queries[0])
    verdict.check(f"batch: p95 ≤ {MAX_SECONDS:.0f} s ({batch.p95:.1f} s)", not batch.timed_out and batch.p95 <= MAX_SECONDS)

    client = common.logged_in_client()
    url = reverse("awards:nomination-list")

    def export():
        cache.clear()
        common.get_ok(client, url, format="xlsx")

    page = common.measure("nomination list, first page", lambda: common.get_ok(client, url), runs=args.runs)
    exported = common.measure(f"nomination list Excel ({total} hồ sơ)", export, runs=args.runs, timeout=args.timeout)
    print(f"  {page.line()}\n  {exported.line()}")
    verdict.check(f"list export: p95 ≤ {MAX_SECONDS:.0f} s ({exported.p95:.1f} s)", not exported.timed_out and exported.p95 <= MAX_SECONDS)
    return verdict.finish()


if __name__ == "__main__":
    sys.exit(main())
