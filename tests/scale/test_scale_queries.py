"""Every page of issue 13 makes as many queries for the national data set at 300 units as at 10.

One module-level fixture builds the 10-unit set, counts the queries of each page, adds the
300-unit set and counts again on that set's campaign, round and units; each test compares one page.
A page marked ``xfail(strict=True)`` still grows: the mark says how, and goes once it is fixed.
"""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

SMALL, LARGE = 10, 300

pytestmark = pytest.mark.django_db  # the test database is set up only for tests that ask for it


def _pages(label: str) -> dict[str, tuple[str, dict]]:
    """The pages to count for one generated set: (URL, query parameters) by page name."""
    from awards.models import AwardRound
    from campaigns.models import Campaign
    from units.models import Cluster, Unit, UnitKind

    campaign = Campaign.objects.get(name__endswith=f", {label})")
    award_round = AwardRound.objects.get(name__endswith=f"({label})")
    participants = campaign.participants.all()
    province = max(
        Unit.objects.filter(kind=UnitKind.PROVINCE, is_active=True),
        key=lambda p: (participants.filter(path__startswith=p.path).count(), -p.pk),
    )
    cluster = Cluster.objects.filter(campaigns=campaign, memberships__unit__path__startswith=province.path).order_by("pk").first()
    history_unit = participants.annotate(size=Count("award_records")).order_by("-size", "pk").first()
    dashboard = reverse("campaigns:dashboard", args=[campaign.pk])
    return {
        "dashboard": (dashboard, {}),
        "dashboard sorted by % in a province and cluster": (
            dashboard, {"sort": "percent", "province": province.pk, "cluster": cluster.pk if cluster else ""}
        ),
        "dashboard export": (dashboard, {"export": "xlsx"}),
        "registration export": (reverse("campaigns:campaign-export", args=[campaign.pk]), {}),
        "campaign detail": (reverse("campaigns:campaign-detail", args=[campaign.pk]), {}),
        "unit page": (reverse("units:unit-detail", args=[province.pk]), {}),
        "unit list": (reverse("units:unit-list"), {}),
        "honour board": (reverse("awards:honour-board"), {}),
        "nomination list": (reverse("awards:nomination-list"), {}),
        "nomination export": (reverse("awards:nomination-list"), {"format": "xlsx"}),
        "round detail": (reverse("awards:round-detail", args=[award_round.pk]), {}),
        "unit award history": (reverse("awards:unit-history", args=[history_unit.pk]), {}),
        "document register": (reverse("documents:register"), {"issuer": Unit.objects.get(code="bct").pk, "year": 2026}),
    }


def _count(label: str) -> dict[str, int]:
    from awards.models import Nomination
    from awards.selectors import evaluate_many
    from units.models import User

    client = Client()
    client.force_login(User.objects.get(username="demo-admin"))
    counts = {}
    for name, (url, params) in _pages(label).items():
        cache.clear()  # exports are rate-limited per account
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, params)
        assert response.status_code == 200, (name, response.status_code)
        counts[name] = len(queries)
    nominations = Nomination.objects.filter(round__name__endswith=f"({label})").select_related(
        "round__deciding_unit", "award_kind", "person__unit", "unit", "proposing_unit"
    )
    loaded = list(nominations)
    with CaptureQueriesContext(connection) as queries:
        evaluate_many(loaded)
    counts["eligibility batch"] = len(queries)
    return counts


@pytest.fixture(scope="module")
def query_counts(django_db_setup, django_db_blocker):
    """{page: (queries with 10 units, queries with 300 units)}; the database is emptied afterwards."""
    with django_db_blocker.unblock():
        try:
            # Fewer targets, periods and persons than the national set: the query counts do not depend on
            # them, and SQLite stays fast. 40 nominations give the small round every title and form.
            options = {"targets": 5, "periods": 4, "persons_per_unit": 2, "stdout": io.StringIO()}
            call_command("generate_national", units=SMALL, nominations=40, documents_per_year=30, **options)
            small = _count(f"n{SMALL}")
            call_command("generate_national", units=LARGE, documents_per_year=300, **options)
            large = _count(f"n{LARGE}")
        finally:
            call_command("flush", interactive=False, verbosity=0)
    return {name: (small[name], large[name]) for name in small}


GROWS: dict[str, str] = {
    # page: how its queries grow today (a fix removes the mark); none is left
}


def _case(name: str):
    if name in GROWS:
        return pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=GROWS[name]), id=name)
    return pytest.param(name, id=name)


PAGES = [
    "dashboard", "dashboard sorted by % in a province and cluster", "dashboard export", "registration export", "campaign detail",
    "unit page", "unit list", "honour board", "nomination list", "nomination export", "round detail", "unit award history",
    "document register", "eligibility batch",
]


@pytest.mark.parametrize("page", [_case(name) for name in PAGES])
def test_scale_query_count_is_the_same_at_10_and_300_units(query_counts, page):
    small, large = query_counts[page]
    assert large == small, f"{page}: {small} queries at {SMALL} units, {large} at {LARGE}"
