"""Rows of the campaigns' Excel exports, within what the account may open."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.utils import timezone

from ..models import (
    DIRECTION_SYMBOLS,
    IndicatorKind,
    ProgressReport,
    Registration,
    RegistrationStatus,
    ReportStatus,
    ReportValue,
    Target,
    TargetProgress,
)
from .progress import STATUS_LABELS, UNIT_STATUS_LABELS, describe_target, target_status, targets_with_latest


def _number(value):
    return float(value) if value is not None else None


def _comparison(target) -> str:
    """The target's comparison as the registration shows it: ≥, ≤, = or a milestone."""
    return "Mốc hoàn thành" if target.is_milestone else target.direction_symbol


def _comparison_of(kind: str, direction: str) -> str:
    """``_comparison`` from the indicator's kind and the target's direction, for rows read as values."""
    return "Mốc hoàn thành" if kind == IndicatorKind.MILESTONE else DIRECTION_SYMBOLS.get(direction, "≥")


DASHBOARD_HEADERS = ["Đơn vị", "Chỉ tiêu", "Đơn vị tính", "Đăng ký", "Thực hiện lũy kế", "% kế hoạch", "So với cùng kỳ (%)", "Trạng thái", "Chiều so sánh"]


EXPORT_CHUNK = 500  # unit lines read at a time: the export streams, whatever the number of units
EXPORT_ROWS = 2000  # target rows read at a time


def dashboard_export_rows(*, lines, user, sort: str = "-percent"):
    """One line per target of a registration the account may open; any other unit gets one line with its
    status and average (as on the dashboard), a unit that has not registered one line saying so. Rows
    stream in the dashboard's order, ``EXPORT_CHUNK`` units at a time."""
    from ..models.progress import LINE_ORDER

    visible = Registration.objects.visible_to(user).filter(pk=OuterRef("registration_id"))
    ordered = (
        lines.select_related("unit__parent")
        .annotate(may_open=Exists(visible))
        .order_by(*LINE_ORDER.get(sort, LINE_ORDER["-percent"]))
    )
    offset = 0
    while True:
        chunk = list(ordered[offset : offset + EXPORT_CHUNK])
        if not chunk:
            return
        offset += len(chunk)
        opened = [line.registration_id for line in chunk if line.may_open and line.registration_id]
        targets: dict[int, list] = {}
        progress = (
            TargetProgress.objects.filter(target__registration_id__in=opened)
            .order_by("target_id")
            .values_list("target__registration_id", "target__indicator__name", "target__indicator__unit_of_measure", "target__target_value",
                         "value", "percent", "growth", "status", "target__indicator__kind", "target__direction")
        )
        for registration_id, *rest in progress:
            targets.setdefault(registration_id, []).append(rest)
        for line in chunk:
            label = line.unit.label
            if not line.may_open or line.registration_id is None:
                yield (label, "", "", None, None, _number(line.average_percent), None, UNIT_STATUS_LABELS.get(line.status, ""), "")
                continue
            for name, measure, target_value, value, percent, growth, status, kind, direction in targets.get(line.registration_id, []):
                yield (label, name, measure, _number(target_value), _number(value), _number(percent), _number(growth), STATUS_LABELS[status],
                       _comparison_of(kind, direction))


INDICATOR_HEADERS = ["Chỉ tiêu", "Đơn vị tính", "Cách cộng gộp", "Số đơn vị đăng ký", "Tổng đăng ký", "Tổng thực hiện", "% kế hoạch",
                     "Đạt/vượt", "Chưa đạt", "Chưa báo cáo"]


def indicator_export_rows(indicators: list[dict]):
    for i in indicators:
        yield (
            i["indicator"],
            i["unit_of_measure"],
            "Mốc hoàn thành" if i["milestone"] else "Bình quân" if i["averaged"] else "Tổng",
            i["units"],
            _number(i["registered"]),
            _number(i["achieved_value"]),
            _number(i["percent"]),
            i["achieved"],
            i["behind"],
            i["not_reported"],
        )


CAMPAIGN_HEADERS = ["Đơn vị", "Trạng thái đăng ký", "Chỉ tiêu", "Đơn vị tính", "Năm trước", "Đăng ký", "Thực hiện lũy kế", "% kế hoạch", "Đánh giá", "Chiều so sánh"]


def campaign_export_rows(user, campaign):
    """Registrations and the latest counted report values of a campaign, one line per target. Targets of
    the registrations in force read their progress from the progress table (one join); the few others (a
    draft, a revision returned) are looked up in the report history, ``EXPORT_ROWS`` rows at a time."""
    registrations = Registration.objects.visible_to(user).current().filter(campaign=campaign)
    status_labels = dict(RegistrationStatus.choices)
    rows = (
        Target.objects.filter(registration__in=registrations)
        .order_by("registration__unit__name", "pk")
        .values_list("pk", "registration__unit__label", "registration__status", "indicator__name", "indicator__unit_of_measure",
                     "baseline", "target_value", "progress__value", "progress__percent", "progress__status", "indicator__kind", "direction")
    )
    batch: list[tuple] = []

    def flush():
        missing = [row[0] for row in batch if row[9] is None]
        looked_up = {t.pk: describe_target(t) | {"value": t.latest_value} for t in targets_with_latest(Target.objects.filter(pk__in=missing))}
        for pk, unit, status, name, measure, baseline, target_value, value, percent, progress_status, kind, direction in batch:
            if progress_status is None:
                found = looked_up[pk]
                value, percent, label = found["value"], found["percent"], found["label"]
            else:
                label = STATUS_LABELS[progress_status]
            yield (unit, status_labels.get(status, status), name, measure, _number(baseline), _number(target_value), _number(value),
                   _number(percent), label, _comparison_of(kind, direction))
        batch.clear()

    for row in rows.iterator(chunk_size=EXPORT_ROWS):
        batch.append(row)
        if len(batch) >= EXPORT_ROWS:
            yield from flush()
    yield from flush()


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
