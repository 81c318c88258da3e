"""Benchmark: pages that grow with the sector, each against the admin changelist of the same model.

    DATABASE_URL=postgres://…/thidua_scale_5000 .venv/bin/python bench/pages.py [--runs 7] [--only honour-board,…]

The pages of issue 13 §2 (unit page, honour board, nomination list, document register, unit list)
and those §3 names as growing with history (round detail, campaign detail, a unit's award history),
requested as demo-admin, who sees the whole sector. Goals: the same queries every run, and p95 at
most 1.5× the baseline's. The query counts at 10 and 300 units are compared in CI
(tests/scale/test_scale_queries.py), since one data set cannot show growth.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common  # noqa: E402

MAX_RATIO = 1.5


def pages(campaign) -> list[tuple[str, str, dict, str, dict]]:
    """(name, page URL, its parameters, baseline URL, its parameters) for the national data set."""
    from django.db.models import Count
    from django.urls import reverse

    from units.models import Unit

    award_round = common.national_round()
    big = Unit.objects.annotate(size=Count("children")).order_by("-size").first()
    ministry = Unit.objects.get(code="bct")
    history_unit = campaign.participants.annotate(size=Count("award_records")).order_by("-size").first()
    return [
        ("unit page", reverse("units:unit-detail", args=[big.pk]), {}, "/bench-admin/units/unit/", {"parent__id__exact": big.pk}),
        ("honour board", reverse("awards:honour-board"), {}, "/bench-admin/awards/awardrecord/", {}),
        ("nomination list", reverse("awards:nomination-list"), {}, "/bench-admin/awards/nomination/", {}),
        ("document register", reverse("documents:register"), {"issuer": ministry.pk, "year": 2026},
         "/bench-admin/documents/officialdocument/", {"lead_issuer__id__exact": ministry.pk, "year__exact": 2026}),
        ("unit list", reverse("units:unit-list"), {}, "/bench-admin/units/unit/", {}),
        ("round detail", reverse("awards:round-detail", args=[award_round.pk]), {},
         "/bench-admin/awards/nomination/", {"round__id__exact": award_round.pk}),
        ("campaign detail", reverse("campaigns:campaign-detail", args=[campaign.pk]), {},
         "/bench-admin/campaigns/target/", {"registration__campaign__id__exact": campaign.pk}),
        ("unit award history", reverse("awards:unit-history", args=[history_unit.pk]), {},
         "/bench-admin/awards/awardrecord/", {"unit__id__exact": history_unit.pk}),
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--budget", type=float, default=600.0, help="seconds per measured series before stopping early")
    parser.add_argument("--only", default="", help="comma-separated page names")
    args = parser.parse_args()
    common.setup()
    campaign = common.national_campaign()
    client = common.logged_in_client()
    wanted = {name.strip() for name in args.only.split(",") if name.strip()}
    print(f"Các trang theo quy mô: {campaign.participants.count()} đơn vị — {common.machine()}")
    verdict = common.Verdict("Mục tiêu: các trang (issue 13 §2)")
    for name, url, params, admin, admin_params in pages(campaign):
        if wanted and name not in wanted:
            continue
        sizes = {}

        def page(url=url, params=params, sizes=sizes):
            sizes["page"] = len(common.get_ok(client, url, **params).content)

        def baseline(admin=admin, admin_params=admin_params, sizes=sizes):
            sizes["admin"] = len(common.get_ok(client, admin, **admin_params).content)

        print(f"\n{name}: {url} {params or ''}")
        base = common.measure("admin changelist", baseline, runs=args.runs, budget=args.budget)
        figure = common.measure(name, page, runs=args.runs, budget=args.budget)
        figure.note = (figure.note + ", " if figure.note else "") + f"{sizes['page'] / 1024:.0f} KiB HTML"
        base.note = (base.note + ", " if base.note else "") + f"{sizes['admin'] / 1024:.0f} KiB HTML"
        verdict.compare(figure, base, max_ratio=MAX_RATIO)
    return verdict.finish()


if __name__ == "__main__":
    sys.exit(main())
