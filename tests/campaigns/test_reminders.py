"""Reminders go out before deadlines and for overdue reports, never twice."""

import datetime
from decimal import Decimal

import pytest

from campaigns.models import CampaignStatus, Notification, PeriodType
from campaigns.periods import Period, campaign_periods, last_due_period, next_due_period
from campaigns.services import campaign_transition, reminders_send, report_create, report_save, report_submit

from .conftest import report_values

pytestmark = pytest.mark.django_db


def test_registration_deadline_reminder_is_sent_once(campaign, officer_vl, officer_na, mailoutbox, django_capture_on_commit_callbacks):
    campaign.registration_deadline = datetime.date(2026, 3, 31)
    campaign.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(today=datetime.date(2026, 3, 27)) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(today=datetime.date(2026, 3, 28)) == 0
    assert Notification.objects.filter(user=officer_vl).count() == 1
    assert len(mailoutbox) == 2
    assert reminders_send(today=datetime.date(2026, 3, 1)) == 0  # too early: nothing


def test_overdue_quarter_report_reminder(campaign, approved_registration, officer_vl, ministry_manager):
    campaign_transition(campaign=campaign, actor=ministry_manager, to=CampaignStatus.IN_PROGRESS)
    assert reminders_send(today=datetime.date(2026, 7, 20)) == 1  # quarter 2 ended 30/6, due 10/7
    assert reminders_send(today=datetime.date(2026, 7, 21)) == 0
    assert "quý 2/2026" in Notification.objects.get(user=officer_vl, key__startswith="report-overdue").text
    report = report_create(registration=approved_registration, actor=officer_vl, period_type=PeriodType.QUARTER, period_index=3, year=2026)
    report_save(report=report, actor=officer_vl, version=1, narrative="", values=report_values(approved_registration, Decimal("1"), Decimal("0"), False))
    report_submit(report=report, actor=officer_vl)
    assert reminders_send(today=datetime.date(2026, 10, 20)) == 0  # quarter 3 reported


def test_report_due_reminder_before_the_deadline_then_overdue_once(campaign, approved_registration, officer_vl, ministry_manager, mailoutbox, django_capture_on_commit_callbacks):
    campaign_transition(campaign=campaign, actor=ministry_manager, to=CampaignStatus.IN_PROGRESS)
    officer_vl.email = "so-vl@example.vn"
    officer_vl.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(today=datetime.date(2026, 4, 6)) == 0  # quarter 1 due 10/4: too early for a notice
        assert reminders_send(today=datetime.date(2026, 4, 8)) == 1  # three days before
        assert reminders_send(today=datetime.date(2026, 4, 9)) == 0  # never twice
        assert reminders_send(today=datetime.date(2026, 4, 11)) == 1  # overdue
        assert reminders_send(today=datetime.date(2026, 4, 30)) == 0
    texts = list(Notification.objects.filter(user=officer_vl, key__startswith="report-").order_by("pk").values_list("text", flat=True))
    assert "trước ngày 10/04/2026" in texts[0] and texts[1].startswith("Quá hạn")
    assert len(mailoutbox) == 2


def test_periods_of_a_campaign():
    periods = campaign_periods(cycle="quarter", start=datetime.date(2021, 8, 30), end=datetime.date(2022, 12, 31))
    assert [p.label for p in periods[:2]] == ["Quý 3/2021", "Quý 4/2021"] and len(periods) == 6
    assert Period("quarter", 2, 2026).due_date == datetime.date(2026, 7, 10)
    assert Period("month", 2, 2028).end == datetime.date(2028, 2, 29)
    assert Period("half", 1, 2026).key == 202606 and Period("half", 1, 2026).label == "6 tháng năm 2026"
    assert last_due_period(periods, datetime.date(2022, 7, 10)).label == "Quý 1/2022"
    assert last_due_period(periods, datetime.date(2022, 7, 11)).label == "Quý 2/2022"
    assert next_due_period(periods, datetime.date(2022, 7, 11)).label == "Quý 3/2022"
    assert last_due_period(periods, datetime.date(2021, 1, 1)) is None
    yearly = campaign_periods(cycle="half", start=datetime.date(2026, 1, 1), end=datetime.date(2026, 12, 31))
    assert [p.label for p in yearly] == ["6 tháng năm 2026", "Năm 2026"]


def test_registration_reminder_while_in_progress_skips_registered_units(campaign, approved_registration, officer_vl, officer_na, ministry_manager):
    campaign = campaign_transition(campaign=campaign, actor=ministry_manager, to=CampaignStatus.IN_PROGRESS)
    campaign.registration_deadline = datetime.date(2026, 5, 15)
    campaign.save()
    assert reminders_send(today=datetime.date(2026, 5, 10)) == 2  # Nghệ An's registration, Vĩnh Long's overdue quarter 1
    assert Notification.objects.filter(user=officer_na, key__startswith="registration-deadline").count() == 1
    assert Notification.objects.filter(user=officer_vl, key__startswith="report-overdue").count() == 1
    assert not Notification.objects.filter(user=officer_vl, key__startswith="registration-deadline").exists()
