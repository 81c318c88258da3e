"""Reads for campaigns: scoped gates, status derivation, and a dashboard whose query count is flat."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.shortcuts import get_object_or_404

from units.models import ClusterMembership, Role, Unit
from units.scoping import get_scope, role_units

from .models import (
    Campaign,
    CampaignIssuer,
    CampaignStatus,
    Direction,
    IndicatorKind,
    ProgressReport,
    Registration,
    RegistrationStatus,
    ReportStatus,
    ReportValue,
    Target,
)

COUNTED_REPORTS = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
REPORTING_STATUSES = (CampaignStatus.IN_PROGRESS, CampaignStatus.MIDTERM_REVIEWED)
CHART_HEIGHT = 90  # bar height in SVG units; the labels need the rest of the 140-unit box


def campaign_scope_filter(user) -> Q:
    """Visible: campaigns issued by, or joined by, a unit in the account's scope."""
    scope = get_scope(user)
    if scope.everything:
        return Q()
    units = sorted(scope.unit_ids)
    issued = CampaignIssuer.objects.filter(unit_id__in=units).values("campaign_id")
    joined = Campaign.participants.through.objects.filter(unit_id__in=units).values("campaign_id")
    return Q(pk__in=issued) | Q(pk__in=joined)


def registration_scope_filter(user, *, prefix: str = "") -> Q:
    """A registration is seen by its own unit's subtree, and by managers of the issuing unit."""
    scope = get_scope(user)
    if scope.everything:
        return Q()
    managed = role_units(user, Role.CAMPAIGN_MANAGER).values("pk")
    issued = CampaignIssuer.objects.filter(unit_id__in=managed).values("campaign_id")
    return Q(**{f"{prefix}unit_id__in": sorted(scope.own_unit_ids)}) | Q(**{f"{prefix}campaign_id__in": issued})


def campaign_get_for_user(user, pk) -> Campaign:
    return get_object_or_404(
        Campaign.objects.visible_to(user).prefetch_related(
            Prefetch("issuer_links", queryset=CampaignIssuer.objects.select_related("unit")), "contents"
        ),
        pk=pk,
    )


def registration_get_for_user(user, pk) -> Registration:
    return get_object_or_404(
        Registration.objects.visible_to(user).select_related("campaign", "unit").prefetch_related("targets__indicator"),
        pk=pk,
    )


def report_get_for_user(user, pk) -> ProgressReport:
    return get_object_or_404(
        ProgressReport.objects.visible_to(user).select_related("registration__campaign", "registration__unit"), pk=pk
    )


# --- Status derivation ---------------------------------------------------------------------

ACHIEVED, EXCEEDED, BEHIND, NOT_REPORTED = "dat", "vuot", "chua_dat", "chua_bao_cao"
NOT_REGISTERED = "chua_dang_ky"
STATUS_LABELS = {ACHIEVED: "Đạt", EXCEEDED: "Vượt", BEHIND: "Chưa đạt", NOT_REPORTED: "Chưa báo cáo"}
UNIT_STATUS_LABELS = {**STATUS_LABELS, NOT_REGISTERED: "Chưa đăng ký"}


def target_status(
    *, kind: str, direction: str, target_value: Decimal | None, value: Decimal | None, done: bool | None
) -> tuple[str, Decimal | None]:
    """Return (status, % of target) for one target from its latest counted value."""
    if kind == IndicatorKind.MILESTONE:
        if done is None:
            return NOT_REPORTED, None
        return (ACHIEVED, Decimal(100)) if done else (BEHIND, Decimal(0))
    if value is None:
        return NOT_REPORTED, None
    if not target_value:
        return ACHIEVED, None
    if direction == Direction.AT_MOST:
        percent = (target_value / value * 100) if value else Decimal(100)
        status = EXCEEDED if value < target_value else ACHIEVED if value == target_value else BEHIND
    else:
        percent = value / target_value * 100
        status = EXCEEDED if value > target_value else ACHIEVED if value == target_value else BEHIND
    return status, percent.quantize(Decimal("0.1"))


def targets_with_latest(queryset):
    """Annotate targets with the latest submitted or accepted cumulative value: one query.

    The value is the unit's latest for the same indicator in the same campaign, whichever revision of the
    registration the report was made under, so a revised registration keeps the progress already reported."""
    latest = ReportValue.objects.filter(
        target__indicator_id=OuterRef("indicator_id"),
        report__registration__unit_id=OuterRef("registration__unit_id"),
        report__registration__campaign_id=OuterRef("registration__campaign_id"),
        report__status__in=COUNTED_REPORTS,
    ).order_by("-report__period_key", "-report__revision")
    return queryset.select_related("indicator", "registration__unit").annotate(
        latest_value=Subquery(latest.values("value")[:1]),
        latest_done=Subquery(latest.values("done")[:1]),
        latest_period=Subquery(latest.values("report__period_key")[:1]),
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


# --- Dashboard -----------------------------------------------------------------------------

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


def _unit_filter(*, prefix: str, province: str, cluster: str, kind: str) -> Q:
    condition = Q()
    if province.isdigit():
        province_path = Unit.objects.filter(pk=int(province)).values("path")[:1]
        condition &= Q(**{f"{prefix}path__startswith": Subquery(province_path)})
    if cluster.isdigit():
        members = ClusterMembership.objects.filter(cluster_id=int(cluster)).values("unit_id")
        condition &= Q(**{f"{prefix}pk__in": members})
    if kind:
        condition &= Q(**{f"{prefix}kind": kind})
    return condition


def dashboard_rows(
    *, campaign: Campaign, province: str = "", cluster: str = "", kind: str = "", sort: str = "percent", include_unregistered: bool = False
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
    from .periods import last_due_period

    period = last_due_period(campaign.report_periods, today)
    if period is None or campaign.status not in REPORTING_STATUSES:
        return None
    return {"period": period, "registrations": registrations_missing_report(campaign=campaign, period=period)}


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


def unit_reports(registration: Registration):
    """The unit's reports in the campaign, under every revision of its registration, newest first."""
    return (
        ProgressReport.objects.filter(registration__campaign_id=registration.campaign_id, registration__unit_id=registration.unit_id)
        .select_related("registration")
        .order_by("-period_key", "-revision", "-pk")
    )
