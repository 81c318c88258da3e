"""Reminders go out before deadlines and for overdue reports, never twice."""

import datetime
from decimal import Decimal

import pytest

from campaigns.models import CampaignStatus, Notification, PeriodType
from campaigns.reminders import last_quarter_end, reminders_send
from campaigns.services import campaign_transition, report_create, report_save, report_submit

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
    assert "quý 2/2026" in Notification.objects.get(user=officer_vl).text
    report = report_create(registration=approved_registration, actor=officer_vl, period_type=PeriodType.QUARTER, period_index=3, year=2026)
    report_save(report=report, actor=officer_vl, version=1, narrative="", values=report_values(approved_registration, Decimal("1"), Decimal("0"), False))
    report_submit(report=report, actor=officer_vl)
    assert reminders_send(today=datetime.date(2026, 10, 20)) == 0  # quarter 3 reported


def test_last_quarter_end():
    assert last_quarter_end(datetime.date(2026, 7, 20)) == (datetime.date(2026, 6, 30), 2, 2026)
    assert last_quarter_end(datetime.date(2026, 2, 1)) == (datetime.date(2025, 12, 31), 4, 2025)
    assert last_quarter_end(datetime.date(2026, 12, 31)) == (datetime.date(2026, 9, 30), 3, 2026)
