"""The dashboard's number of SQL queries does not grow with the number of units."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from campaigns.models import ProgressReport, Registration, RegistrationStatus, ReportStatus, ReportValue, Target
from tests.factories import UnitFactory
from units.models import UnitKind

pytestmark = pytest.mark.django_db


def add_units(campaign, indicators, count, start):
    from units.models import Cluster, ClusterMembership

    cluster = Cluster.objects.get_or_create(code="cum-thu", defaults={"name": "Cụm thử", "organiser": campaign.lead_issuer})[0]
    for index in range(start, start + count):
        unit = UnitFactory(code=f"dv-{index}", name=f"Sở Công Thương số {index}", kind=UnitKind.PROVINCIAL_DEPARTMENT)
        campaign.participants.add(unit)
        ClusterMembership.objects.create(cluster=cluster, unit=unit, year=campaign.start_date.year)
        registration = Registration.objects.create(campaign=campaign, unit=unit, status=RegistrationStatus.APPROVED)
        wind = Target.objects.create(registration=registration, indicator=indicators["wind"], target_value=Decimal("140"))
        ccn = Target.objects.create(registration=registration, indicator=indicators["ccn"], target_value=Decimal("2"))
        report = ProgressReport.objects.create(
            registration=registration, period_type="quarter", period_index=1, year=2026,
            status=ReportStatus.SUBMITTED, period_key=202603,
        )
        ReportValue.objects.create(report=report, target=wind, value=Decimal(index % 170))
        ReportValue.objects.create(report=report, target=ccn, value=Decimal(index % 3))
    for index in range(start, start + count // 5):  # a fifth more have not registered
        unit = UnitFactory(code=f"cdk-{index}", name=f"Sở Công Thương chưa đăng ký {index}", kind=UnitKind.PROVINCIAL_DEPARTMENT)
        campaign.participants.add(unit)


def count_queries(client, campaign):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("campaigns:dashboard", args=[campaign.pk]), {"sort": "-percent"})
    assert response.status_code == 200
    return len(queries), response


def test_dashboard_query_count_is_flat(client, campaign, indicators, ministry_manager):
    from campaigns.models import CampaignStatus
    from campaigns.services import campaign_transition

    # in progress, so that the overdue list is read too (from Q1 2026 on, some period is always due)
    campaign = campaign_transition(campaign=campaign, actor=ministry_manager, to=CampaignStatus.IN_PROGRESS)
    client.force_login(ministry_manager)
    add_units(campaign, indicators, 10, 0)
    small, response = count_queries(client, campaign)
    assert "Sở Công Thương số 1" in response.content.decode()
    add_units(campaign, indicators, 190, 10)
    large, response = count_queries(client, campaign)
    body = response.content.decode()
    assert 'data-testid="units-registered">200/242<' in body  # 200 registered; 40 more and the fixture's two have not
    ascending = client.get(reverse("campaigns:dashboard", args=[campaign.pk]), {"sort": "percent"}).content.decode()
    assert "Sở Công Thương chưa đăng ký" in ascending and "Chưa đăng ký" in ascending
    assert "Cụm thử (200 đơn vị)" in response.content.decode()
    assert ">Cụm thử</option>" in response.content.decode()  # the members' cluster is offered as a filter
    assert small == large, f"10 đơn vị: {small} truy vấn; 200 đơn vị: {large} truy vấn"
