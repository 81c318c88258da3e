"""Benchmark: the dashboard and registration Excel exports against openpyxl's write-only mode.

    DATABASE_URL=postgres://…/thidua_scale_5000 .venv/bin/python bench/exports.py [--runs 5] [--timeout 600]

Each export is requested as demo-admin (every registration, so one line per target: 100,000 at
5,000 units). The baseline writes the same number of rows and columns, with values of the same
types, in openpyxl's write-only mode, the rows already in memory. Goals (issue 13 §2): p95 at most
3× the baseline's, and the export's memory does not grow with the rows: its peak, measured in a
fresh process, stays under 64 MiB above where it started.
"""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common  # noqa: E402

MAX_RATIO = 3.0
MAX_GROWTH_MIB = 64.0

LATEST_SQL = """
SELECT DISTINCT ON (t.id) t.id, v.value, v.done
FROM campaigns_target t
JOIN campaigns_registration g ON g.id = t.registration_id
JOIN campaigns_registration rg ON rg.campaign_id = g.campaign_id AND rg.unit_id = g.unit_id
JOIN campaigns_progressreport r ON r.registration_id = rg.id AND r.status IN ('submitted', 'accepted')
JOIN campaigns_reportvalue v ON v.report_id = r.id
JOIN campaigns_target vt ON vt.id = v.target_id AND vt.indicator_id = t.indicator_id
WHERE g.campaign_id = %s
ORDER BY t.id, r.period_key DESC, r.revision DESC
"""


def baseline_rows(campaign) -> tuple[list[tuple], list[tuple]]:
    """Rows shaped like the two exports (dashboard: 8 columns; registrations: 9), from one query each."""
    from django.db import connection

    from campaigns.models import Target

    with connection.cursor() as cursor:
        cursor.execute(LATEST_SQL, [campaign.pk])
        latest = {pk: value for pk, value, _ in cursor.fetchall()}
    dashboard, registrations = [], []
    targets = (
        Target.objects.filter(registration__campaign=campaign)
        .values_list("pk", "registration__unit__name", "indicator__name", "indicator__unit_of_measure", "baseline", "target_value")
        .order_by("registration__unit__name", "pk")
    )
    for pk, unit, indicator, measure, baseline, target in targets.iterator(chunk_size=5000):
        value = latest.get(pk)
        target_f = float(target) if target is not None else None
        value_f = float(value) if value is not None else None
        percent = round(value_f / target_f * 100, 1) if value_f is not None and target_f else None
        label = "Chưa báo cáo" if value_f is None else "Đạt" if percent and percent >= 100 else "Chưa đạt"
        dashboard.append((unit, indicator, measure, target_f, value_f, percent, None, label))
        registrations.append((unit, "Đã duyệt", indicator, measure, float(baseline) if baseline is not None else None,
                              target_f, value_f, percent, label))
    return dashboard, registrations


def write_only(headers: list[str], rows: list[tuple]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Bảng")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds before one export request is stopped")
    parser.add_argument("--budget", type=float, default=1800.0)
    args = parser.parse_args()
    common.setup()
    from django.core.cache import cache
    from django.urls import reverse

    campaign = common.national_campaign()
    client = common.logged_in_client()
    dashboard_rows, registration_rows = baseline_rows(campaign)
    print(f"Xuất Excel: {campaign.participants.count()} đơn vị, {len(dashboard_rows)} dòng chỉ tiêu — {common.machine()}")
    exports = [
        ("dashboard export", reverse("campaigns:dashboard", args=[campaign.pk]), {"export": "xlsx"}, dashboard_rows, 8),
        ("registration export", reverse("campaigns:campaign-export", args=[campaign.pk]), {}, registration_rows, 9),
    ]
    verdict = common.Verdict("Mục tiêu: xuất Excel (issue 13 §2)")
    for name, url, params, rows, width in exports:
        sizes = {}

        def export(url=url, params=params, sizes=sizes):
            cache.clear()  # the per-account export limit (20 a minute) is not what is measured
            sizes["bytes"] = len(common.get_ok(client, url, **params).getvalue())

        headers = [f"Cột {i}" for i in range(1, width + 1)]
        print(f"\n{name}: {url} {params or ''}")
        base = common.measure(f"openpyxl write-only, {len(rows)} × {width} ô", lambda h=headers, r=rows: write_only(h, r),
                              runs=args.runs, count_queries=False)
        figure = common.measure(name, export, runs=args.runs, budget=args.budget, timeout=args.timeout)
        if "bytes" in sizes:
            figure.note = (figure.note + ", " if figure.note else "") + f"{sizes['bytes'] / 1024:.0f} KiB"
        verdict.compare(figure, base, max_ratio=MAX_RATIO)
        growth, done = common.peak_growth_in_child(export, args.timeout)
        base_growth, _ = common.peak_growth_in_child(lambda h=headers, r=rows: write_only(h, r), args.timeout)
        shown = f"{growth:.0f} MiB" if done else f"≥ {growth:.0f} MiB when stopped at {args.timeout:.0f} s"
        print(f"  peak memory above start: {shown} (openpyxl write-only: {base_growth:.0f} MiB)")
        verdict.check(f"{name}: memory peak ≤ {MAX_GROWTH_MIB:.0f} MiB above start ({shown})", done and growth <= MAX_GROWTH_MIB)
    return verdict.finish()


if __name__ == "__main__":
    sys.exit(main())
