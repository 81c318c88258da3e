"""Reminders before registration and report deadlines, and for overdue reports.

Each reminder has a key (campaign or report, deadline or period): ``notify_units`` creates
at most one notification per account and key, and only a new one sends an e-mail, so the
scheduled job can run as often as it likes without sending anything twice.
"""

from __future__ import annotations

import datetime

from .models import Campaign, CampaignStatus, ProgressReport, Registration, RegistrationStatus, ReportStatus
from .services import notify_units

REGISTRATION_NOTICE_DAYS = 7
REPORT_NOTICE_DAYS = 3
REPORT_GRACE_DAYS = 10  # a quarter's report is due 10 days after the quarter ends


def last_quarter_end(today: datetime.date) -> tuple[datetime.date, int, int]:
    """The end date, index and year of the last quarter that has ended."""
    quarter = (today.month - 1) // 3  # quarters fully ended this year
    if quarter == 0:
        return datetime.date(today.year - 1, 12, 31), 4, today.year - 1
    end_month = quarter * 3
    next_month = datetime.date(today.year, end_month % 12 + 1, 1) if end_month < 12 else datetime.date(today.year + 1, 1, 1)
    return next_month - datetime.timedelta(days=1), quarter, today.year


def reminders_send(*, today: datetime.date) -> int:
    sent = 0
    open_campaigns = Campaign.objects.filter(
        status__in=(CampaignStatus.LAUNCHED, CampaignStatus.REGISTRATION),
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
    due_soon = ProgressReport.objects.filter(
        status__in=(ReportStatus.DRAFT, ReportStatus.RETURNED),
        due_date__gte=today,
        due_date__lte=today + datetime.timedelta(days=REPORT_NOTICE_DAYS),
    ).select_related("registration__unit", "registration__campaign")
    for report in due_soon:
        sent += notify_units(
            units=[report.registration.unit],
            key=f"report-due-{report.pk}",
            text=f"Nhắc việc: báo cáo {report.period_label} của “{report.registration.campaign.name}” cần gửi trước ngày {report.due_date:%d/%m/%Y}.",
            link=report.get_absolute_url(),
        )
    sent += _overdue(today)
    return sent


def _overdue(today: datetime.date) -> int:
    end, quarter, year = last_quarter_end(today)
    if today <= end + datetime.timedelta(days=REPORT_GRACE_DAYS):
        end, quarter, year = last_quarter_end(end - datetime.timedelta(days=1))
    key = ProgressReport.key_for("quarter", quarter, year)
    late = (
        Registration.objects.filter(
            status=RegistrationStatus.APPROVED,
            campaign__status=CampaignStatus.IN_PROGRESS,
            campaign__start_date__lte=end,
            campaign__end_date__gte=end,
        )
        .exclude(
            pk__in=ProgressReport.objects.filter(
                period_key__gte=key, status__in=(ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
            ).values("registration_id")
        )
        .select_related("unit", "campaign")
    )
    sent = 0
    for registration in late:
        sent += notify_units(
            units=[registration.unit],
            key=f"report-overdue-{registration.pk}-{key}",
            text=f"Quá hạn: chưa gửi báo cáo quý {quarter}/{year} của “{registration.campaign.name}”.",
            link=registration.get_absolute_url(),
        )
    return sent
