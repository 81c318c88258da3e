"""Keep the progress tables (``campaigns.models.progress``) true.

``progress_refresh`` recomputes the rows of some units of one campaign (or all of them) from the
registrations in force and the counted reports, in the caller's transaction. It runs:
- from ``campaigns.signals`` whenever a report, a report value, a registration or a target changes what
  counts, so every service (and anything else that saves through the ORM) keeps the tables true in the
  same transaction;
- over a whole campaign after bulk loads that bypass the ORM (``generate_national``), and from
  ``manage.py progress_rebuild``.
Each call costs a fixed number of queries whatever the number of units it covers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, F, FloatField, Sum, Value, Window
from django.db.models.functions import Cast, Least, Round, RowNumber

from units.models import Unit

from ..models import (
    Campaign,
    IndicatorKind,
    PeriodProgress,
    Registration,
    RegistrationStatus,
    ReportValue,
    Target,
    TargetProgress,
    UnitProgress,
)
from ..models.progress import NO_PERCENT
from ..panels import progress_changed
from ..selectors.progress import (
    ACHIEVED,
    BEHIND,
    COUNTED_REPORTS,
    EXCEEDED,
    NOT_REGISTERED,
    NOT_REPORTED,
    same_period_change,
    target_status,
)

PERCENT_CAP = Decimal(200)  # one target far over its plan does not hide the others in an average
BATCH = 2000
IN_FORCE = (RegistrationStatus.APPROVED, RegistrationStatus.SUBMITTED)


def unit_status(*, registered: bool, statuses: list[str]) -> str:
    """The unit's line on the dashboard from its targets' statuses."""
    if not registered:
        return NOT_REGISTERED
    if not statuses or all(s == NOT_REPORTED for s in statuses):
        return NOT_REPORTED
    if any(s in (BEHIND, NOT_REPORTED) for s in statuses):
        return BEHIND
    return EXCEEDED if all(s == EXCEEDED for s in statuses) else ACHIEVED


def average_percent(percents: Iterable[Decimal | None]) -> Decimal | None:
    values = [min(p, PERCENT_CAP) for p in percents if p is not None]
    return (sum(values) / len(values)).quantize(Decimal("0.1")) if values else None


def _in_force(campaign_id: int, unit_ids) -> dict[int, Registration]:
    """The registration in force per unit: the approved revision, else the one submitted. The rows are
    locked, so that two transactions refreshing the same unit take turns."""
    registrations = Registration.objects.filter(campaign_id=campaign_id, status__in=IN_FORCE).select_for_update()
    if unit_ids is not None:
        registrations = registrations.filter(unit_id__in=unit_ids)
    chosen: dict[int, Registration] = {}
    for registration in registrations.order_by("unit_id", "revision"):
        current = chosen.get(registration.unit_id)
        if current is None or registration.status == RegistrationStatus.APPROVED or current.status != RegistrationStatus.APPROVED:
            chosen[registration.unit_id] = registration
    return chosen


def _counted(campaign_id: int, unit_ids):
    values = ReportValue.objects.filter(report__registration__campaign_id=campaign_id, report__status__in=COUNTED_REPORTS)
    return values if unit_ids is None else values.filter(report__registration__unit_id__in=unit_ids)


def _latest(campaign_id: int, unit_ids) -> dict[tuple[int, int], tuple]:
    """The latest counted value of each (unit, indicator), whichever revision it was reported under: one query."""
    ranked = (
        _counted(campaign_id, unit_ids)
        .annotate(
            unit_key=F("report__registration__unit_id"),
            indicator_key=F("target__indicator_id"),
            rank=Window(
                RowNumber(),
                partition_by=[F("report__registration__unit_id"), F("target__indicator_id")],
                order_by=[F("report__period_key").desc(), F("report__revision").desc(), F("pk").desc()],
            ),
        )
        .filter(rank=1)
        .values_list("unit_key", "indicator_key", "value", "done", "report__period_key", "same_period")
    )
    return {(unit, indicator): rest for unit, indicator, *rest in ranked.iterator(chunk_size=BATCH)}


def _periods(campaign_id: int, unit_ids) -> list[tuple[int, int, Decimal, int]]:
    """Per unit and period: the sum and number of the counted % of target (each capped at 200 and rounded
    to 0.1, as the chart always did), for non-milestones. Computed in floating point: SQLite would divide
    two whole-number decimals as integers."""
    percent = Round(
        Least(Cast("value", FloatField()) * Value(100.0) / Cast("target__target_value", FloatField()), Value(float(PERCENT_CAP))),
        precision=1,
    )
    rows = (
        _counted(campaign_id, unit_ids)
        .filter(target__target_value__gt=0, value__isnull=False)
        .exclude(target__indicator__kind=IndicatorKind.MILESTONE)
        .values("report__registration__unit_id", "report__period_key")
        .annotate(total=Sum(percent, output_field=FloatField()), count=Count("pk"))
        .values_list("report__registration__unit_id", "report__period_key", "total", "count")
    )
    return [(unit, key, Decimal(str(round(total, 1))).quantize(Decimal("0.1")), count) for unit, key, total, count in rows]


@transaction.atomic
def progress_refresh(*, campaign_id: int, unit_ids: Iterable[int] | None = None) -> int:
    """Recompute the progress rows of ``unit_ids`` (every unit when None) in ``campaign_id``; returns the
    number of units written. Participants without a registration in force get a "not registered" line."""
    unit_ids = None if unit_ids is None else sorted(set(unit_ids))
    registrations = _in_force(campaign_id, unit_ids)
    participants = Campaign.participants.through.objects.filter(campaign_id=campaign_id)
    if unit_ids is not None:
        participants = participants.filter(unit_id__in=unit_ids)
    units = set(participants.values_list("unit_id", flat=True)) | set(registrations)
    latest = _latest(campaign_id, unit_ids)

    targets_rows, unit_rows = [], []
    by_unit: dict[int, list[TargetProgress]] = defaultdict(list)
    targets = (
        Target.objects.filter(registration__in=[r.pk for r in registrations.values()])
        .select_related("indicator")
        .only("pk", "registration_id", "indicator_id", "indicator__kind", "target_value", "direction", "baseline")
        .order_by("pk")
    )
    unit_of = {r.pk: r.unit_id for r in registrations.values()}
    for target in targets.iterator(chunk_size=BATCH):
        unit_id = unit_of[target.registration_id]
        value, done, period_key, same_period = latest.get((unit_id, target.indicator_id), (None, None, None, None))
        status, percent = target_status(
            kind=target.indicator.kind, direction=target.direction, target_value=target.target_value, value=value,
            done=done if period_key is not None else None,
        )
        growth = None
        if target.indicator.kind != IndicatorKind.MILESTONE:
            growth = same_period_change(value=value, same_period=same_period, baseline=target.baseline, period_key=period_key)
        row = TargetProgress(
            target_id=target.pk, campaign_id=campaign_id, unit_id=unit_id, indicator_id=target.indicator_id,
            target_value=target.target_value, value=value,
            done=done, period_key=period_key, same_period=same_period, status=status, percent=percent, growth=growth,
        )
        targets_rows.append(row)
        by_unit[unit_id].append(row)
    names = dict(Unit.objects.filter(pk__in=units).values_list("pk", "name")) if units else {}
    last_period: dict[int, int] = {}
    for (unit_id, _), (_, _, period_key, _) in latest.items():
        last_period[unit_id] = max(last_period.get(unit_id, 0), period_key or 0)
    for unit_id in sorted(units):
        rows = by_unit.get(unit_id, [])
        statuses = [r.status for r in rows]
        registration = registrations.get(unit_id)
        average = average_percent(r.percent for r in rows)
        unit_rows.append(
            UnitProgress(
                campaign_id=campaign_id, unit_id=unit_id, unit_name=names.get(unit_id, ""), registration=registration,
                registered=registration is not None,
                approved=registration is not None and registration.status == RegistrationStatus.APPROVED,
                targets=len(rows), achieved=sum(1 for s in statuses if s in (ACHIEVED, EXCEEDED)), exceeded=statuses.count(EXCEEDED),
                behind=statuses.count(BEHIND), not_reported=statuses.count(NOT_REPORTED),
                average_percent=average, sort_percent=average if average is not None else NO_PERCENT,
                last_period=last_period.get(unit_id) or None,
                status=unit_status(registered=registration is not None, statuses=statuses),
            )
        )
    period_rows = [
        PeriodProgress(campaign_id=campaign_id, unit_id=unit, period_key=key, percent_sum=total, values=count)
        for unit, key, total, count in _periods(campaign_id, unit_ids)
    ]

    for model in (TargetProgress, UnitProgress, PeriodProgress):
        stale = model.objects.filter(campaign_id=campaign_id)
        if unit_ids is not None:
            stale = stale.filter(unit_id__in=unit_ids)
        stale.delete()
    TargetProgress.objects.bulk_create(targets_rows, batch_size=BATCH)
    UnitProgress.objects.bulk_create(unit_rows, batch_size=BATCH)
    PeriodProgress.objects.bulk_create(period_rows, batch_size=BATCH)
    progress_changed(campaign_id)
    return len(unit_rows)


def progress_rebuild(*, campaign: Campaign | None = None) -> int:
    """Recompute every campaign (or one) from scratch; returns the number of unit lines written."""
    campaigns = [campaign] if campaign is not None else Campaign.objects.order_by("pk")
    return sum(progress_refresh(campaign_id=c.pk) for c in campaigns)
