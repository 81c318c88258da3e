"""Rows of the campaigns' Excel exports, within what the account may open."""

from __future__ import annotations

from django.utils import timezone

from ..models import DIRECTION_SYMBOLS, ProgressReport, Registration, ReportStatus, ReportValue, Target
from .progress import describe_target, target_status, targets_with_latest


def _number(value):
    return float(value) if value is not None else None


def _comparison(target) -> str:
    """The target's comparison as the registration shows it: ≥, ≤, = or a milestone."""
    return "Mốc hoàn thành" if target.is_milestone else target.direction_symbol


DASHBOARD_HEADERS = ["Đơn vị", "Chỉ tiêu", "Đơn vị tính", "Đăng ký", "Thực hiện lũy kế", "% kế hoạch", "So với cùng kỳ (%)", "Trạng thái", "Chiều so sánh"]


def dashboard_export_rows(rows, visible: set[int]):
    """One line per target of a registration the account may open; any other unit gets one line with its
    status and average (as on the dashboard), a unit that has not registered one line saying so."""
    for row in rows:
        if row.registration is None or row.registration.pk not in visible:
            yield (row.unit.label, "", "", None, None, _number(row.average_percent), None, row.status_label, "")
            continue
        for t in row.targets:
            target = t["target"]
            yield (
                row.unit.label,
                target.indicator.name,
                target.indicator.unit_of_measure,
                _number(target.target_value),
                _number(target.latest_value),
                _number(t["percent"]),
                _number(t["growth"]),
                t["label"],
                _comparison(target),
            )


CAMPAIGN_HEADERS = ["Đơn vị", "Trạng thái đăng ký", "Chỉ tiêu", "Đơn vị tính", "Năm trước", "Đăng ký", "Thực hiện lũy kế", "% kế hoạch", "Đánh giá", "Chiều so sánh"]


def campaign_export_rows(user, campaign):
    """Registrations and the latest counted report values of a campaign, one line per target."""
    registrations = Registration.objects.visible_to(user).current().filter(campaign=campaign)
    targets = targets_with_latest(Target.objects.filter(registration__in=registrations)).order_by("registration__unit__name", "pk")
    for target in targets:
        described = describe_target(target)
        yield (
            target.registration.unit.label,
            target.registration.get_status_display(),
            target.indicator.name,
            target.indicator.unit_of_measure,
            _number(target.baseline),
            _number(target.target_value),
            _number(target.latest_value),
            _number(described["percent"]),
            described["label"],
            _comparison(target),
        )


REPORTS_HEADERS = ["Đơn vị", "Kỳ báo cáo", "Lần", "Trạng thái", "Ngày gửi", "Chỉ tiêu", "Đơn vị tính", "Đăng ký", "Thực hiện lũy kế", "% kế hoạch", "Chiều so sánh"]


def reports_export_rows(user, campaign):
    """Every current progress report of the campaign the account may see, one line per target."""
    reports = ProgressReport.objects.visible_to(user).filter(registration__campaign=campaign).exclude(status=ReportStatus.SUPERSEDED)
    values = (
        ReportValue.objects.filter(report__in=reports)
        .select_related("report__registration__unit", "target__indicator")
        .order_by("report__registration__unit__name", "report__period_key", "target_id")
    )
    for value in values:
        report, target = value.report, value.target
        _, percent = target_status(
            kind=target.indicator.kind, direction=target.direction, target_value=target.target_value, value=value.value, done=value.done
        )
        yield (
            report.registration.unit.label,
            report.period_label,
            report.revision,
            report.get_status_display(),
            timezone.localtime(report.submitted_at).date() if report.submitted_at else None,
            target.indicator.name,
            target.indicator.unit_of_measure,
            _number(target.target_value),
            ("Đã hoàn thành" if value.done else "Chưa hoàn thành") if target.is_milestone else _number(value.value),
            _number(percent),
            _comparison(target),
        )


def template_rows_for_report(report):
    return ((t.indicator.code, t.indicator.name, None, "", None) for t in report.registration.targets.select_related("indicator"))


def template_rows_for_campaign(campaign):
    return (
        (i.code, f"{i.name} ({i.unit_of_measure})" if i.unit_of_measure else i.name, None, None, DIRECTION_SYMBOLS[i.target_direction], "", None)
        for i in campaign.indicators.order_by("name")
    )
