"""The campaign dashboard: units with their targets' status, rankings, charts and the roll-up of
child campaigns, in a number of queries that does not grow with the units."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, Subquery

from units.models import ClusterMembership, Unit

from ..models import Campaign, IndicatorKind, Registration, RegistrationStatus, ReportValue, Target
from .progress import (
    ACHIEVED,
    BEHIND,
    COUNTED_REPORTS,
    EXCEEDED,
    NOT_REGISTERED,
    NOT_REPORTED,
    STATUS_LABELS,
    UNIT_STATUS_LABELS,
    describe_target,
    targets_with_latest,
)

CHART_HEIGHT = 90  # bar height in SVG units; the labels need the rest of the 140-unit box


SORT_KEYS = {
    "unit": lambda row: row.unit.name,
    "percent": lambda row: row.average_percent if row.average_percent is not None else Decimal(-1),
    "achieved": lambda row: row.achieved,
    "behind": lambda row: row.behind,
}


@dataclass
class UnitRow:
    unit: Unit
    registration: Registration | None
    targets: list[dict] = field(default_factory=list)

    @property
    def achieved(self) -> int:
        return sum(1 for t in self.targets if t["status"] in (ACHIEVED, EXCEEDED))

    @property
    def behind(self) -> int:
        return sum(1 for t in self.targets if t["status"] == BEHIND)

    @property
    def not_reported(self) -> int:
        return sum(1 for t in self.targets if t["status"] == NOT_REPORTED)

    @property
    def average_percent(self) -> Decimal | None:
        values = [min(t["percent"], Decimal(200)) for t in self.targets if t["percent"] is not None]
        return (sum(values) / len(values)).quantize(Decimal("0.1")) if values else None

    @property
    def status(self) -> str:
        if self.registration is None:
            return NOT_REGISTERED
        if not self.targets or self.not_reported == len(self.targets):
            return NOT_REPORTED
        if self.behind or self.not_reported:
            return BEHIND
        return EXCEEDED if all(t["status"] == EXCEEDED for t in self.targets) else ACHIEVED

    @property
    def status_label(self) -> str:
        return UNIT_STATUS_LABELS[self.status]


def _unit_filter(*, prefix: str, province: int | None, cluster: int | None, kind: str) -> Q:
    condition = Q()
    if province is not None:
        province_path = Unit.objects.filter(pk=province).values("path")[:1]
        condition &= Q(**{f"{prefix}path__startswith": Subquery(province_path)})
    if cluster is not None:
        members = ClusterMembership.objects.filter(cluster_id=cluster).values("unit_id")
        condition &= Q(**{f"{prefix}pk__in": members})
    if kind:
        condition &= Q(**{f"{prefix}kind": kind})
    return condition


def dashboard_rows(
    *,
    campaign: Campaign,
    province: int | None = None,
    cluster: int | None = None,
    kind: str = "",
    sort: str = "percent",
    include_unregistered: bool = False,
):
    """Every registered unit with its targets' status, built from one query over targets; with
    ``include_unregistered`` one more query adds the participants that have not registered."""
    unit_filter = _unit_filter(prefix="registration__unit__", province=province, cluster=cluster, kind=kind)
    # the revision in force (approved); a unit with none yet shows its submitted registration
    approved_units = Registration.objects.filter(campaign=campaign, status=RegistrationStatus.APPROVED).values("unit_id")
    targets = Target.objects.filter(
        Q(registration__status=RegistrationStatus.APPROVED)
        | Q(registration__status=RegistrationStatus.SUBMITTED) & ~Q(registration__unit_id__in=approved_units),
        unit_filter,
        registration__campaign=campaign,
    )
    rows: dict[int, UnitRow] = {}
    for target in targets_with_latest(targets).order_by("registration__unit__name", "pk"):
        registration = target.registration
        row = rows.setdefault(registration.unit_id, UnitRow(unit=registration.unit, registration=registration))
        row.targets.append(describe_target(target))
    if include_unregistered:
        registered = Registration.objects.filter(
            campaign=campaign, status__in=(RegistrationStatus.APPROVED, RegistrationStatus.SUBMITTED)
        ).values("unit_id")
        missing = campaign.participants.filter(_unit_filter(prefix="", province=province, cluster=cluster, kind=kind)).exclude(
            pk__in=registered
        )
        for unit in missing.order_by("name"):
            rows[unit.pk] = UnitRow(unit=unit, registration=None)
    ordered = list(rows.values())
    key = sort.lstrip("-") if sort.lstrip("-") in SORT_KEYS else "percent"
    descending = sort.startswith("-") if sort.lstrip("-") in SORT_KEYS else True
    ordered.sort(key=SORT_KEYS[key], reverse=descending)
    return ordered


def dashboard_summary(rows: list[UnitRow]) -> dict:
    registered = [row for row in rows if row.registration is not None]
    targets = [t for row in registered for t in row.targets]
    counts = {status: sum(1 for t in targets if t["status"] == status) for status in STATUS_LABELS}
    return {
        "units": len(registered),
        "participants": len(rows),
        "unregistered": len(rows) - len(registered),
        "targets": len(targets),
        "counts": counts,
        "labels": STATUS_LABELS,
        "distribution": _distribution(registered),
    }


def _distribution(rows: list[UnitRow]) -> list[dict]:
    """How many units fall in each band of average completion."""
    bands = [("< 50 %", 0, 50), ("50–79 %", 50, 80), ("80–99 %", 80, 100), ("≥ 100 %", 100, 10_000)]
    result = []
    for label, low, high in bands:
        count = sum(1 for r in rows if r.average_percent is not None and low <= r.average_percent < high)
        result.append({"label": label, "count": count})
    result.append({"label": "Chưa báo cáo", "count": sum(1 for r in rows if r.average_percent is None)})
    peak = max((b["count"] for b in result), default=0) or 1
    for band in result:
        band["height"] = round(band["count"] * CHART_HEIGHT / peak)
    return result


def progress_over_periods(*, campaign: Campaign, registration: Registration | None = None) -> list[dict]:
    """Average completion per reported period across the campaign (or one registration): one query."""
    scope = {"report__registration__campaign": campaign}
    if registration is not None:  # one unit, across the revisions of its registration
        scope["report__registration__unit_id"] = registration.unit_id
    values = (
        ReportValue.objects.filter(
            **scope,
            report__status__in=COUNTED_REPORTS,
            target__target_value__gt=0,
        )
        .exclude(target__indicator__kind=IndicatorKind.MILESTONE)
        .values_list("report__period_key", "value", "target__target_value")
    )
    buckets: dict[int, list[Decimal]] = {}
    for key, value, target_value in values:
        if value is not None:
            buckets.setdefault(key, []).append(min(value / target_value * 100, Decimal(200)).quantize(Decimal("0.1")))
    series = []
    for key in sorted(buckets):
        average = sum(buckets[key]) / len(buckets[key])
        series.append({"label": period_short_label(key), "value": average.quantize(Decimal("0.1"))})
    peak = max((s["value"] for s in series), default=Decimal(1)) or Decimal(1)
    for point in series:
        point["height"] = int(point["value"] * CHART_HEIGHT / peak)
    return series


def period_short_label(key: int) -> str:
    """A chart label for a period key (year × 100 + last month): Q1/2026 at a quarter's end, else T05/2026."""
    year, month = divmod(key, 100)
    return f"Q{month // 3}/{year}" if month % 3 == 0 else f"T{month:02d}/{year}"


def child_rollup(*, campaign: Campaign, depth: int = 1) -> list[dict]:
    """Every descendant campaign (depth first) with its own units and the roll-up of its subtree: the
    average of its units' and its descendants' units' completion. Queries grow with the campaign tree,
    never with the units."""
    entries = []
    for child in campaign.children.order_by("start_date", "name"):
        rows = dashboard_rows(campaign=child)
        below = child_rollup(campaign=child, depth=depth + 1)
        values = [r.average_percent for r in rows] + [v for e in below if e["depth"] == depth + 1 for v in e["values"]]
        entries.append(
            {
                "campaign": child,
                "depth": depth,
                "rows": len(rows),
                "average": _average([r.average_percent for r in rows]),
                "values": values,
                "subtree_units": len(values),
                "subtree_average": _average(values),
            }
        )
        entries.extend(below)
    return entries


def tree_summary(*, rows: list[UnitRow], children: list[dict]) -> dict:
    """The campaign's own registered units together with those of its whole subtree."""
    values = [r.average_percent for r in rows if r.registration is not None]
    values += [v for entry in children if entry["depth"] == 1 for v in entry["values"]]
    return {"units": len(values), "average": _average(values)}


def _average(values):
    values = [v for v in values if v is not None]
    return (sum(values) / len(values)).quantize(Decimal("0.1")) if values else None


def cluster_ranking(*, campaign: Campaign, rows: list[UnitRow]) -> list[dict]:
    """Clusters of the campaign ranked by their members' average completion: one query."""
    by_unit = {row.unit.pk: row for row in rows}
    year = campaign.start_date.year
    clusters: dict[int, dict] = {}
    memberships = ClusterMembership.objects.filter(
        year=year, unit_id__in=list(by_unit)
    ).select_related("cluster")
    for membership in memberships:
        entry = clusters.setdefault(membership.cluster_id, {"cluster": membership.cluster, "values": []})
        entry["values"].append(by_unit[membership.unit_id].average_percent)
    ranking = [
        {"cluster": entry["cluster"], "units": len(entry["values"]), "average": _average(entry["values"])}
        for entry in clusters.values()
    ]
    return sorted(ranking, key=lambda item: item["average"] if item["average"] is not None else Decimal(-1), reverse=True)
