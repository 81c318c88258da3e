"""Reads for progress reports: the periods a unit may still report, overdue units, a unit's reports."""

from __future__ import annotations

from django.utils import timezone

from ..models import Campaign, CampaignStatus, ProgressReport, Registration, RegistrationStatus, ReportStatus
from ..models.reports import deadlines_apply
from .progress import COUNTED_REPORTS, STATUS_LABELS, same_period_change, target_status

REPORTING_STATUSES = (CampaignStatus.IN_PROGRESS, CampaignStatus.MIDTERM_REVIEWED)


def registrations_missing_report(*, campaign: Campaign, period):
    """Approved registrations of ``campaign`` with no submitted or accepted report covering ``period``
    (a later cumulative report covers it): one query."""
    covered = ProgressReport.objects.filter(
        registration__campaign=campaign, period_key__gte=period.key, status__in=COUNTED_REPORTS
    ).values("registration__unit_id")
    return (
        Registration.objects.filter(campaign=campaign, status=RegistrationStatus.APPROVED)
        .exclude(unit_id__in=covered)
        .select_related("unit", "campaign")
        .order_by("unit__name")
    )


def overdue_reports(*, campaign: Campaign, today) -> dict | None:
    """The last period whose report is past due, and the units that have not sent it."""
    from ..periods import last_due_period

    if campaign.status not in REPORTING_STATUSES or not deadlines_apply(campaign):
        return None
    period = last_due_period(campaign.report_periods, today)
    if period is None:
        return None
    return {"period": period, "registrations": registrations_missing_report(campaign=campaign, period=period)}


def unit_reports(registration: Registration):
    """The unit's reports in the campaign, under every revision of its registration, newest first."""
    return (
        ProgressReport.objects.filter(registration__campaign_id=registration.campaign_id, registration__unit_id=registration.unit_id)
        .select_related("registration__campaign")
        .order_by("-period_key", "-revision", "-pk")
    )


def period_choices(registration: Registration, today=None) -> list[dict]:
    """The campaign's periods the unit has not reported yet. The one due now is preselected: the latest
    that has ended, or the running one when none has ended."""
    reported = set(
        ProgressReport.objects.filter(registration__campaign_id=registration.campaign_id, registration__unit_id=registration.unit_id)
        .exclude(status=ReportStatus.SUPERSEDED)
        .values_list("period_type", "period_index", "year")
    )
    today = today or timezone.localdate()
    choices = [
        {"value": f"{p.period_type}-{p.index}-{p.year}", "label": p.label, "due": p.due_date, "ended": p.end < today, "start": p.start}
        for p in registration.campaign.report_periods
        if (p.period_type, p.index, p.year) not in reported
    ]
    ended = [c for c in choices if c["ended"]]
    running = [c for c in choices if not c["ended"] and c["start"] <= today]
    default = ended[-1] if ended else (running[0] if running else (choices[0] if choices else None))
    for choice in choices:
        choice["selected"] = choice is default
    return choices


def report_row(target, value) -> dict:
    """A report line with the status its own value gives (đạt, vượt, chưa đạt, chưa báo cáo)."""
    status, percent = target_status(
        kind=target.indicator.kind,
        direction=target.direction,
        target_value=target.target_value,
        value=value.value if value else None,
        done=value.done if value else None,
    )
    growth = None
    if value and not target.is_milestone:
        growth = same_period_change(
            value=value.value, same_period=value.same_period, baseline=target.baseline, period_key=value.report.period_key
        )
    return {"target": target, "value": value, "status": status, "label": STATUS_LABELS[status], "percent": percent, "growth": growth}


def report_rows(report: ProgressReport) -> list[dict]:
    targets = list(report.registration.targets.select_related("indicator"))
    values = {v.target_id: v for v in report.values.select_related("report")}
    return [report_row(t, values.get(t.pk)) for t in targets]
