"""Report periods and due dates, per-target status on the report, the unit page, unregistered units and
the overdue list on the dashboard, and notices on each decision."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns.models import CampaignStatus, Notification, PeriodType
from campaigns.selectors import overdue_reports
from campaigns.services import (
    campaign_transition,
    registration_decide,
    registration_save,
    registration_submit,
    report_create,
    report_decide,
    report_save,
    report_submit,
)
from tests.conftest import make_user
from units.models import Role

from .conftest import report_values, wind_and_ccn

pytestmark = pytest.mark.django_db


def test_report_period_is_checked_and_due_date_derived(approved_registration, officer_vl):
    with pytest.raises(ValidationError) as error:
        report_create(registration=approved_registration, actor=officer_vl, period_type=PeriodType.QUARTER, period_index=5, year=2026)
    assert error.value.code == "bad_period_index"
    with pytest.raises(ValidationError) as error:
        report_create(registration=approved_registration, actor=officer_vl, period_type=PeriodType.MONTH, period_index=3, year=2030)
    assert error.value.code == "period_outside"
    report = report_create(registration=approved_registration, actor=officer_vl, period_type=PeriodType.HALF, period_index=1, year=2026)
    assert report.due_date == datetime.date(2026, 7, 10) and report.period_key == 202606
    assert report.period_label == "6 tháng năm 2026"


def test_report_page_shows_each_targets_status(client, draft_report, approved_registration, officer_vl):
    report_save(report=draft_report, actor=officer_vl, version=draft_report.version, narrative="",
                values=report_values(approved_registration, Decimal("152.5"), Decimal("1"), True))
    client.force_login(officer_vl)
    page = client.get(reverse("campaigns:report-detail", args=[draft_report.pk])).content.decode()
    assert "108,9 %" in page and "+154,2 %" in page  # 152,5 of 140 MW; against 60 MW the year before
    assert "Vượt" in page and "Chưa đạt" in page and "≥ 140 MW" in page
    assert "hạn nộp 10/07/2026" in page


def test_dashboard_lists_unregistered_units_and_the_unit_page(client, campaign, approved_registration, ministry_manager, officer_na, province_pair):
    client.force_login(ministry_manager)
    page = client.get(reverse("campaigns:dashboard", args=[campaign.pk])).content.decode()
    assert "Sở Công Thương tỉnh Nghệ An" in page and "Chưa đăng ký" in page
    assert 'data-testid="units-registered">1/2<' in page
    province = province_pair["vinh-long"].parent
    filtered = client.get(reverse("campaigns:dashboard", args=[campaign.pk]), {"province": province.pk}).content.decode()
    assert "Sở Công Thương tỉnh Vĩnh Long" in filtered and "Sở Công Thương tỉnh Nghệ An" not in filtered
    unit_url = reverse("campaigns:dashboard-unit", args=[campaign.pk, province_pair["vinh-long"].pk])
    assert unit_url in page
    unit_page = client.get(unit_url).content.decode()
    assert "Công suất điện gió vận hành mới" in unit_page and "≥ 140 MW" in unit_page
    client.force_login(officer_na)  # another unit's page is outside Nghệ An's scope: not linked, and 404
    assert unit_url not in client.get(reverse("campaigns:dashboard", args=[campaign.pk])).content.decode()
    assert client.get(unit_url).status_code == 404
    # Nghệ An has not registered: no unit page to show
    client.force_login(ministry_manager)
    assert client.get(reverse("campaigns:dashboard-unit", args=[campaign.pk, province_pair["nghe-an"].pk])).status_code == 404


def test_overdue_list_names_units_without_the_last_due_report(campaign, approved_registration, ministry_manager, officer_vl):
    assert overdue_reports(campaign=campaign, today=datetime.date(2026, 7, 20)) is None  # not yet in progress
    campaign = campaign_transition(campaign=campaign, actor=ministry_manager, to=CampaignStatus.IN_PROGRESS)
    overdue = overdue_reports(campaign=campaign, today=datetime.date(2026, 7, 20))
    assert overdue["period"].label == "Quý 2/2026" and [r.unit.code for r in overdue["registrations"]] == [approved_registration.unit.code]
    report = report_create(registration=approved_registration, actor=officer_vl, period_type=PeriodType.QUARTER, period_index=2, year=2026)
    report_save(report=report, actor=officer_vl, version=report.version, narrative="",
                values=report_values(approved_registration, Decimal("70"), Decimal("1"), False))
    assert list(overdue_reports(campaign=campaign, today=datetime.date(2026, 7, 20))["registrations"]) != []  # a draft is not sent
    report_submit(report=report, actor=officer_vl)
    assert list(overdue_reports(campaign=campaign, today=datetime.date(2026, 7, 20))["registrations"]) == []


def test_each_decision_notifies_the_other_side(campaign, province_pair, indicators, officer_vl, ministry_manager):
    registration = registration_save(campaign=campaign, unit=province_pair["vinh-long"], actor=officer_vl, targets=wind_and_ccn(indicators))
    registration_submit(registration=registration, actor=officer_vl)
    assert Notification.objects.filter(user=ministry_manager, text__contains="chờ duyệt").count() == 1
    registration_decide(registration=registration, actor=ministry_manager, approve=False, comment="Bổ sung chỉ tiêu điện gió")
    registration_submit(registration=registration, actor=officer_vl)
    registration = registration_decide(registration=registration, actor=ministry_manager, approve=True)
    texts = list(Notification.objects.filter(user=officer_vl).order_by("pk").values_list("text", flat=True))
    assert "bị trả lại: Bổ sung chỉ tiêu điện gió" in texts[0] and "đã được duyệt" in texts[1]
    assert Notification.objects.filter(user=ministry_manager, text__contains="chờ duyệt").count() == 2
    report = report_create(registration=registration, actor=officer_vl, period_type=PeriodType.QUARTER, period_index=1, year=2026)
    report_save(report=report, actor=officer_vl, version=report.version, narrative="",
                values=report_values(registration, Decimal("10"), Decimal("0"), False))
    report_submit(report=report, actor=officer_vl)
    report_decide(report=report, actor=ministry_manager, accept=True)
    assert Notification.objects.filter(user=officer_vl, text__contains="đã được tiếp nhận").count() == 1
    viewer = make_user("xem-vl", province_pair["vinh-long"], Role.VIEWER)
    assert not Notification.objects.filter(user=viewer).exists()
