"""Print, as Markdown, EXPLAIN (ANALYZE, BUFFERS) of every query slower than 50 ms on the benchmarked pages.

    DATABASE_URL=postgres://…/thidua_scale_5000 .venv/bin/python bench/explain.py [--threshold 50] [--skip-exports] > plans.md

Each page of bench/dashboard.py, bench/pages.py and bench/exports.py is requested once as
demo-admin after one warm-up request; every query slower than the threshold is run again under
EXPLAIN (ANALYZE, BUFFERS). docs/performance.md keeps the output.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common  # noqa: E402


def shorten(sql: str, limit: int = 600) -> str:
    return sql if len(sql) <= limit else sql[:limit] + f" … ({len(sql)} characters)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threshold", type=float, default=50.0, help="milliseconds")
    parser.add_argument("--skip-exports", action="store_true", help="leave out the two Excel exports (they repeat the dashboard's query)")
    args = parser.parse_args()
    common.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from bench.dashboard import filters
    from bench.pages import pages

    if connection.vendor != "postgresql":
        sys.exit("EXPLAIN (ANALYZE, BUFFERS) cần PostgreSQL.")
    campaign = common.national_campaign()
    client = common.logged_in_client()
    dashboard = reverse("campaigns:dashboard", args=[campaign.pk])
    requests = [("dashboard", dashboard, {}), ("dashboard sorted by %, province and cluster", dashboard, filters(campaign))]
    requests += [(name, url, params) for name, url, params, _, _ in pages(campaign)]
    if not args.skip_exports:
        requests += [("dashboard export", dashboard, {"export": "xlsx"}),
                     ("registration export", reverse("campaigns:campaign-export", args=[campaign.pk]), {})]
    print(f"Units: {campaign.participants.count()}. Threshold: {args.threshold:.0f} ms. {common.machine()}\n")
    for name, url, params in requests:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            common.get_ok(client, url, **params)
        queries = captured.captured_queries
        total = sum(float(q["time"]) for q in queries)
        # A candidate took half the threshold in the request; it is reported if its plan's execution time
        # reaches the threshold (the request's timing includes the machine's other load).
        candidates = [q for q in queries if float(q["time"]) * 1000 >= args.threshold / 2
                      and q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))  # EXPLAIN ANALYZE runs the statement
                      and not any(table in q["sql"] for table in common.FRAMEWORK_TABLES)]
        plans = []
        for query in candidates:
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + query["sql"])
                lines = [row[0] for row in cursor.fetchall()]
            executed = float(lines[-1].split(":")[1].split()[0]) if lines[-1].startswith("Execution Time") else 0.0
            if executed >= args.threshold:
                plans.append((query, executed, "\n".join(lines)))
        print(f"### {name}: `{url}` {params or ''}\n")
        print(f"{len(queries)} queries, {total:.2f} s in the database; {len(plans)} over {args.threshold:.0f} ms.\n")
        for query, executed, plan in plans:
            print(f"Query ({float(query['time']) * 1000:.0f} ms in the request, {executed:.0f} ms under EXPLAIN): "
                  f"`{shorten(query['sql'])}`\n")
            print(f"```\n{plan}\n```\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
