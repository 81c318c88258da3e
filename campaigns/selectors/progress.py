"""Status of a target from its latest counted value: đạt, vượt, chưa đạt, chưa báo cáo."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import F, OuterRef, Subquery

from ..models import Direction, IndicatorKind, ReportStatus

COUNTED_REPORTS = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
ACHIEVED, EXCEEDED, BEHIND, NOT_REPORTED = "dat", "vuot", "chua_dat", "chua_bao_cao"
NOT_REGISTERED = "chua_dang_ky"
STATUS_LABELS = {ACHIEVED: "Đạt", EXCEEDED: "Vượt", BEHIND: "Chưa đạt", NOT_REPORTED: "Chưa báo cáo"}
UNIT_STATUS_LABELS = {**STATUS_LABELS, NOT_REGISTERED: "Chưa đăng ký"}


def target_status(
    *, kind: str, direction: str, target_value: Decimal | None, value: Decimal | None, done: bool | None
) -> tuple[str, Decimal | None]:
    """Return (status, % of target) for one target from its latest counted value.

    ``direction`` is the target's comparison: at least (higher is better), at most (lower is better; the
    percentage is target / value) or exact (đạt only at the registered value; the percentage is how close
    the value is, never over 100)."""
    if kind == IndicatorKind.MILESTONE:
        if done is None:
            return NOT_REPORTED, None
        return (ACHIEVED, Decimal(100)) if done else (BEHIND, Decimal(0))
    if value is None:
        return NOT_REPORTED, None
    if not target_value:
        return ACHIEVED, None
    if direction == Direction.AT_MOST:  # lower is better (a rank "≤ 5", a loss rate)
        percent = (target_value / value * 100) if value else Decimal(100)
        status = EXCEEDED if value < target_value else ACHIEVED if value == target_value else BEHIND
    elif direction == Direction.EXACT:  # only the registered value itself: more is no better than less
        percent = (value / target_value if value <= target_value else target_value / value) * 100
        status = ACHIEVED if value == target_value else BEHIND
    else:
        percent = value / target_value * 100
        status = EXCEEDED if value > target_value else ACHIEVED if value == target_value else BEHIND
    return status, percent.quantize(Decimal("0.1"))


def targets_with_latest(queryset):
    """Annotate targets with the latest submitted or accepted cumulative value: one query.

    The value is the unit's latest for the same indicator in the same campaign, whichever revision of the
    registration the report was made under, so a revised registration keeps the progress already reported.
    It is read from the progress table (``TargetProgress``, kept by ``services.progress``): an index look-up
    per target, never a walk through the unit's report history."""
    from ..models import TargetProgress

    latest = TargetProgress.objects.filter(
        campaign_id=OuterRef("registration__campaign_id"),
        unit_id=OuterRef("registration__unit_id"),
        indicator_id=OuterRef("indicator_id"),
    ).order_by(F("period_key").desc(nulls_last=True))
    return queryset.select_related("indicator", "registration__unit").annotate(
        latest_value=Subquery(latest.values("value")[:1]),
        latest_done=Subquery(latest.values("done")[:1]),
        latest_period=Subquery(latest.values("period_key")[:1]),
        latest_same_period=Subquery(latest.values("same_period")[:1]),
    )


def same_period_change(*, value, same_period, baseline, period_key) -> Decimal | None:
    """% change against the same period a year before: the value the unit reported for it, or, for a
    report that covers the whole year, the registration's baseline (the year before). None otherwise."""
    if value is None:
        return None
    reference = same_period if same_period else (baseline if period_key and period_key % 100 == 12 else None)
    if not reference:
        return None
    return ((value - reference) / reference * 100).quantize(Decimal("0.1"))


def describe_target(target) -> dict:
    status, percent = target_status(
        kind=target.indicator.kind,
        direction=target.direction,
        target_value=target.target_value,
        value=target.latest_value,
        done=target.latest_done if target.latest_period is not None else None,
    )
    growth = None
    if target.indicator.kind != IndicatorKind.MILESTONE:
        growth = same_period_change(
            value=target.latest_value, same_period=target.latest_same_period, baseline=target.baseline, period_key=target.latest_period
        )
    return {"target": target, "status": status, "label": STATUS_LABELS[status], "percent": percent, "growth": growth}
