"""§6 The reports of a closed campaign were flagged as overdue: once the campaign is reviewed and closed,
no report is late or overdue on any page, in the to-do list or in a reminder."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from campaigns.models import CampaignStatus, PeriodType
from campaigns.selectors import overdue_reports
from campaigns.selectors.todo import unit_items
from campaigns.services import campaign_transition, reminders_send, report_create, report_save, report_submit

from .conftest import report_values

pytestmark = pytest.mark.django_db

LATE = datetime.datetime(2026, 4, 25, 9, 0, tzinfo=datetime.UTC)  # quarter 1 was due on 10/04/2026


def late_and_missing(campaign, registration, officer, manager, time_machine):
    """Quarter 1 sent late, quarter 2 never sent; the campaign running."""
    campaign_transition(campaign=campaign, actor=manager, to=CampaignStatus.IN_PROGRESS)
    time_machine.move_to(LATE)
    report = report_create(registration=registration, actor=officer, period_type=PeriodType.QUARTER, period_index=1, year=2026)
    report_save(report=report, actor=officer, version=1, narrative="", values=report_values(registration, Decimal("10"), Decimal("1"), False))
    return report_submit(report=report, actor=officer)


def test_running_campaign_flags_late_and_overdue_reports(campaign, approved_registration, officer_vl, ministry_manager, time_machine):
    report = late_and_missing(campaign, approved_registration, officer_vl, ministry_manager, time_machine)
    time_machine.move_to(datetime.datetime(2026, 7, 20, 9, 0, tzinfo=datetime.UTC))
    campaign.refresh_from_db()
    assert report.is_late
    assert list(overdue_reports(campaign=campaign, today=datetime.date(2026, 7, 20))["registrations"]) == [approved_registration]
    assert any(item and item["label"].startswith("Báo cáo tiến độ quá hạn") for item in unit_items(officer_vl))


@pytest.mark.parametrize("status", [CampaignStatus.FINAL_REVIEWED, CampaignStatus.CLOSED])
def test_closed_campaign_flags_no_report(client, campaign, approved_registration, officer_vl, ministry_manager, time_machine, status):
    report = late_and_missing(campaign, approved_registration, officer_vl, ministry_manager, time_machine)
    draft = report_create(registration=approved_registration, actor=officer_vl, period_type=PeriodType.QUARTER, period_index=2, year=2026)
    campaign_transition(campaign=campaign, actor=ministry_manager, to=CampaignStatus.FINAL_REVIEWED)
    if status == CampaignStatus.CLOSED:
        campaign_transition(campaign=campaign, actor=ministry_manager, to=CampaignStatus.CLOSED)
    time_machine.move_to(datetime.datetime(2027, 3, 1, 9, 0, tzinfo=datetime.UTC))
    for obj in (campaign, report, draft):
        obj.refresh_from_db()
    assert not report.is_late and not draft.is_late
    assert overdue_reports(campaign=campaign, today=datetime.date(2027, 3, 1)) is None
    assert reminders_send(today=datetime.date(2027, 3, 1)) == 0
    assert not any(item and "quá hạn" in item["label"] for item in unit_items(officer_vl))
    client.force_login(officer_vl)
    for url in (approved_registration.get_absolute_url(), report.get_absolute_url(), draft.get_absolute_url(),
                reverse("campaigns:dashboard-unit", args=[campaign.pk, approved_registration.unit_id])):
        html = client.get(url).content.decode()
        assert "gửi sau hạn" not in html and ">quá hạn<" not in html and 'data-testid="report-late"' not in html, url
