"""Status of a target from its latest counted value: đạt, vượt, chưa đạt, chưa báo cáo."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Case, Exists, F, OuterRef, Subquery, When

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


def targets_with_latest(queryset, *, in_force: bool = False):
    """Annotate targets with the latest submitted or accepted cumulative value: one query.

    The value is the unit's latest for the same indicator in the same campaign, whichever revision of the
    registration the report was made under, so a revised registration keeps the progress already reported.
    It is read from the progress table (``TargetProgress``, kept by ``services.progress``): an index look-up
    per target. The table holds the targets of the registrations in force; for any other revision (a draft,
    one returned or superseded) the value is found in the unit's report history, unless ``in_force`` says
    every target is in force."""
    from ..models import ReportValue, TargetProgress

    kept = TargetProgress.objects.filter(
        campaign_id=OuterRef("registration__campaign_id"),
        unit_id=OuterRef("registration__unit_id"),
        indicator_id=OuterRef("indicator_id"),
    ).order_by(F("period_key").desc(nulls_last=True))
    history = ReportValue.objects.filter(
        target__indicator_id=OuterRef("indicator_id"),
        report__registration__unit_id=OuterRef("registration__unit_id"),
        report__registration__campaign_id=OuterRef("registration__campaign_id"),
        report__status__in=COUNTED_REPORTS,
    ).order_by("-report__period_key", "-report__revision", "-pk")

    annotated = queryset.select_related("indicator", "registration__unit")
    fields = {"latest_value": ("value", "value"), "latest_done": ("done", "done"),
              "latest_period": ("period_key", "report__period_key"), "latest_same_period": ("same_period", "same_period")}
    if in_force:
        return annotated.annotate(**{name: Subquery(kept.values(table)[:1]) for name, (table, _) in fields.items()})
    # the period decides whether anything was reported: every field comes from the same source
    reported = Exists(kept.exclude(period_key=None))
    return annotated.annotate(**{
        name: Case(When(reported, then=Subquery(kept.values(table)[:1])), default=Subquery(history.values(past)[:1]))
        for name, (table, past) in fields.items()
    })


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
