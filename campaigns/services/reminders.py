"""Reminders before registration and report deadlines, and for overdue reports.

Each reminder has a key (campaign or report, deadline or period): ``notify_units`` creates
at most one notification per account and key, and only a new one sends an e-mail, so the
scheduled job can run as often as it likes without sending anything twice.
"""

from __future__ import annotations

import datetime

from ..models import Campaign, CampaignStatus, Registration, RegistrationStatus
from ..models.reports import deadlines_apply_q
from ..periods import last_due_period, next_due_period
from ..selectors import REPORTING_STATUSES, registrations_missing_report
from .notifications import notify_units

REGISTRATION_NOTICE_DAYS = 7
REPORT_NOTICE_DAYS = 3


def reminders_send(*, today: datetime.date) -> int:
    sent = 0
    open_campaigns = Campaign.objects.filter(is_historical=False).filter(
        status__in=(CampaignStatus.LAUNCHED, CampaignStatus.REGISTRATION, CampaignStatus.IN_PROGRESS),  # registration is open in all three
        registration_deadline__gte=today,
        registration_deadline__lte=today + datetime.timedelta(days=REGISTRATION_NOTICE_DAYS),
    )
    for campaign in open_campaigns:
        registered = Registration.objects.filter(
            campaign=campaign, status__in=(RegistrationStatus.SUBMITTED, RegistrationStatus.APPROVED)
        ).values("unit_id")
        sent += notify_units(
            units=campaign.participants.exclude(pk__in=registered),
            key=f"registration-deadline-{campaign.pk}-{campaign.registration_deadline:%Y%m%d}",
            text=f"Nhắc việc: hạn đăng ký thi đua “{campaign.name}” là ngày {campaign.registration_deadline:%d/%m/%Y}.",
            link=campaign.get_absolute_url(),
        )
    for campaign in Campaign.objects.filter(deadlines_apply_q(), status__in=REPORTING_STATUSES, start_date__lte=today):
        sent += _report_reminders(campaign, today)
    return sent


def _report_reminders(campaign: Campaign, today: datetime.date) -> int:
    """Before the next report's due date, and once the last one is overdue: to units that have not sent it."""
    sent = 0
    periods = campaign.report_periods
    upcoming = next_due_period(periods, today)
    if upcoming is not None and (upcoming.due_date - today).days <= REPORT_NOTICE_DAYS and upcoming.end < today:
        for registration in registrations_missing_report(campaign=campaign, period=upcoming):
            sent += notify_units(
                units=[registration.unit],
                key=f"report-due-{registration.pk}-{upcoming.key}",
                text=f"Nhắc việc: báo cáo {upcoming.label.lower()} của “{campaign.name}” cần gửi trước ngày {upcoming.due_date:%d/%m/%Y}.",
                link=registration.get_absolute_url(),
            )
    overdue = last_due_period(periods, today)
    if overdue is not None:
        for registration in registrations_missing_report(campaign=campaign, period=overdue):
            sent += notify_units(
                units=[registration.unit],
                key=f"report-overdue-{registration.pk}-{overdue.key}",
                text=f"Quá hạn: chưa gửi báo cáo {overdue.label.lower()} của “{campaign.name}” (hạn {overdue.due_date:%d/%m/%Y}).",
                link=registration.get_absolute_url(),
            )
    return sent
