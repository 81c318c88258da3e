"""Benchmark: the campaign dashboard against the Django admin changelist of the campaign's targets.

    DATABASE_URL=postgres://…/thidua_scale_5000 .venv/bin/python bench/dashboard.py [--runs 7] [--budget 900]

Two requests of the real page as a logged-in account (demo-admin): the first page in the default
sort, and the page sorted by % (ascending) filtered by a province and a cluster. The baseline is
the admin changelist of the campaign's targets (100 a page) in the same run. Goals (issue 13):
at most 5 queries of the page at every size, p95 at most 1.5× the baseline's.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common  # noqa: E402

MAX_RATIO = 1.5
MAX_PAGE_QUERIES = 5


def filters(campaign) -> dict[str, str]:
    """The province with the most participants, and its cluster."""
    from django.db.models import Count

    from units.models import Cluster, Unit, UnitKind

    provinces = Unit.objects.filter(kind=UnitKind.PROVINCE, is_active=True)
    best, best_count = None, -1
    for province in provinces:
        count = campaign.participants.filter(path__startswith=province.path).count()
        if count > best_count:
            best, best_count = province, count
    so = Unit.objects.get(parent=best, kind=UnitKind.PROVINCIAL_DEPARTMENT, is_active=True)
    cluster = (
        Cluster.objects.filter(campaigns=campaign, memberships__unit__path__startswith=so.path)
        .annotate(size=Count("memberships")).order_by("-size").first()
    )
    return {"sort": "percent", "province": str(best.pk), "cluster": str(cluster.pk if cluster else "")}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--budget", type=float, default=900.0, help="seconds per measured series before stopping early")
    args = parser.parse_args()
    common.setup()
    from django.urls import reverse

    campaign = common.national_campaign()
    client = common.logged_in_client()
    page = reverse("campaigns:dashboard", args=[campaign.pk])
    admin = "/bench-admin/campaigns/target/"
    admin_params = {"registration__campaign__id__exact": campaign.pk}
    chosen = filters(campaign)
    from campaigns.models import Target

    targets = Target.objects.filter(registration__campaign=campaign).count()
    print(f"Bảng theo dõi phong trào #{campaign.pk}: {campaign.participants.count()} đơn vị, {targets} chỉ tiêu — {common.machine()}")
    verdict = common.Verdict("Mục tiêu: bảng theo dõi (issue 13 §2)")
    for title, params in (("trang đầu, sắp xếp mặc định", {}), (f"sắp xếp theo %, lọc tỉnh và cụm {chosen}", chosen)):
        print(f"\n{title}")
        baseline = common.measure(
            "admin changelist (100 chỉ tiêu)", lambda: common.get_ok(client, admin, **admin_params), runs=args.runs, budget=args.budget
        )
        figure = common.measure(
            "campaigns:dashboard", lambda params=params: common.get_ok(client, page, **params), runs=args.runs, budget=args.budget
        )
        verdict.compare(figure, baseline, max_ratio=MAX_RATIO, max_page_queries=MAX_PAGE_QUERIES)
    return verdict.finish()


if __name__ == "__main__":
    sys.exit(main())
