"""The campaign dashboard: units with their targets' status, rankings, charts and the roll-up of
child campaigns, in a number of queries that does not grow with the units."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Avg, Count, Exists, OuterRef, Q, Subquery, Sum, Window

from units.models import ClusterMembership, Unit, UnitKind

from ..models import (
    Campaign,
    PeriodProgress,
    Registration,
    RegistrationStatus,
    Target,
    UnitProgress,
)
from ..models.progress import LINE_ORDER
from .progress import (
    ACHIEVED,
    BEHIND,
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
    for target in targets_with_latest(targets, in_force=True).order_by("registration__unit__name", "pk"):
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
    """Average completion per reported period across the campaign (or one unit): one query over the
    per-unit sums kept by the progress tables."""
    rows = PeriodProgress.objects.filter(campaign=campaign)
    if registration is not None:  # one unit, across the revisions of its registration
        rows = rows.filter(unit_id=registration.unit_id)
    totals = rows.values("period_key").annotate(total=Sum("percent_sum"), count=Sum("values")).order_by("period_key")
    series = [
        {"label": period_short_label(row["period_key"]), "value": (Decimal(row["total"]) / row["count"]).quantize(Decimal("0.1"))}
        for row in totals
        if row["count"]
    ]
    peak = max((s["value"] for s in series), default=Decimal(1)) or Decimal(1)
    for point in series:
        point["height"] = int(point["value"] * CHART_HEIGHT / peak)
    return series


def period_short_label(key: int) -> str:
    """A chart label for a period key (year × 100 + last month): Q1/2026 at a quarter's end, else T05/2026."""
    year, month = divmod(key, 100)
    return f"Q{month // 3}/{year}" if month % 3 == 0 else f"T{month:02d}/{year}"


def child_rollup(*, campaign: Campaign, depth: int = 1) -> list[dict]:
    """Every descendant campaign (depth first) with its own registered units and the roll-up of its
    subtree: the average of its units' and its descendants' units' completion. Two queries per
    descendant campaign, never more with the units."""
    entries = []
    for child in campaign.children.order_by("start_date", "name"):
        own = list(UnitProgress.objects.filter(campaign=child).exclude(registration=None).values_list("average_percent", flat=True))
        below = child_rollup(campaign=child, depth=depth + 1)
        values = own + [v for e in below if e["depth"] == depth + 1 for v in e["values"]]
        entries.append(
            {
                "campaign": child,
                "depth": depth,
                "rows": len(own),
                "average": _average(own),
                "values": values,
                "subtree_units": len(values),
                "subtree_average": _average(values),
            }
        )
        entries.extend(below)
    return entries


def tree_summary(*, campaign: Campaign, children: list[dict]) -> dict:
    """The campaign's own registered units together with those of its whole subtree."""
    values = list(UnitProgress.objects.filter(campaign=campaign).exclude(registration=None).values_list("average_percent", flat=True))
    values += [v for entry in children if entry["depth"] == 1 for v in entry["values"]]
    return {"units": len(values), "average": _average(values)}


def _average(values):
    values = [v for v in values if v is not None]
    return (sum(values) / len(values)).quantize(Decimal("0.1")) if values else None


def cluster_ranking(*, campaign: Campaign, province: int | None = None, cluster: int | None = None, kind: str = "") -> list[dict]:
    """Clusters of the campaign's year ranked by the average completion of their members within the
    dashboard's filters: one query."""
    ranking = (
        ClusterMembership.objects.filter(
            _unit_filter(prefix="unit__", province=province, cluster=cluster, kind=kind),
            year=campaign.start_date.year,
            unit__campaign_progress__campaign=campaign,
        )
        .values("cluster_id", "cluster__name")
        .annotate(units=Count("unit_id"), average=Avg("unit__campaign_progress__average_percent"))
    )
    result = [
        {
            "cluster": {"pk": row["cluster_id"], "name": row["cluster__name"]},
            "units": row["units"],
            "average": Decimal(row["average"]).quantize(Decimal("0.1")) if row["average"] is not None else None,
        }
        for row in ranking
    ]
    return sorted(result, key=lambda item: (-(item["average"] if item["average"] is not None else Decimal(-1)), item["cluster"]["name"]))


# The dashboard's lines, read from the progress tables: filtered, sorted and paginated in the database.

def progress_lines(*, campaign: Campaign, province: int | None = None, cluster: int | None = None, kind: str = ""):
    """The campaign's unit lines (registered and not) within the dashboard's filters."""
    return UnitProgress.objects.filter(_unit_filter(prefix="unit__", province=province, cluster=cluster, kind=kind), campaign=campaign)


class KnownCountPaginator(Paginator):
    """A paginator told its count (the summary has it already): no COUNT query of its own."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.__dict__["count"] = count


def dashboard_page(*, lines, user, sort: str, page_number, count: int, per_page: int = 25):
    """One page of lines in the chosen order, each with its unit, its status label and whether the account
    may open its registration: one query."""
    visible = Registration.objects.visible_to(user).filter(pk=OuterRef("registration_id"))
    ordered = (
        lines.select_related("unit__parent")
        .annotate(may_open=Exists(visible))
        .order_by(*LINE_ORDER.get(sort, LINE_ORDER["-percent"]))
    )
    page = KnownCountPaginator(ordered, per_page, count=count).get_page(page_number)
    page.object_list = list(page.object_list)
    for line in page.object_list:
        line.status_label = UNIT_STATUS_LABELS.get(line.status, "")
    return page


def lines_summary(lines) -> dict:
    """Counts of units and targets by status and the distribution of average completion: one query."""
    registered = ~Q(status=NOT_REGISTERED)
    bands = [("< 50 %", 0, 50), ("50–79 %", 50, 80), ("80–99 %", 80, 100), ("≥ 100 %", 100, None)]
    aggregates = {
        "participants": Count("pk"),
        "units": Count("pk", filter=registered),
        "targets": Sum("targets"),
        "achieved": Sum("achieved"),
        "exceeded": Sum("exceeded"),
        "behind": Sum("behind"),
        "not_reported": Sum("not_reported"),
        "no_report": Count("pk", filter=registered & Q(average_percent__isnull=True)),
    }
    for index, (_, low, high) in enumerate(bands):
        condition = registered & Q(average_percent__gte=low)
        if high is not None:
            condition &= Q(average_percent__lt=high)
        aggregates[f"band{index}"] = Count("pk", filter=condition)
    totals = {key: value or 0 for key, value in lines.aggregate(**aggregates).items()}
    distribution = [{"label": label, "count": totals[f"band{index}"]} for index, (label, _, _) in enumerate(bands)]
    distribution.append({"label": "Chưa báo cáo", "count": totals["no_report"]})
    peak = max(b["count"] for b in distribution) or 1
    for band in distribution:
        band["height"] = round(band["count"] * CHART_HEIGHT / peak)
    return {
        "units": totals["units"],
        "participants": totals["participants"],
        "unregistered": totals["participants"] - totals["units"],
        "targets": totals["targets"],
        "counts": {
            ACHIEVED: totals["achieved"] - totals["exceeded"],
            EXCEEDED: totals["exceeded"],
            BEHIND: totals["behind"],
            NOT_REPORTED: totals["not_reported"],
        },
        "labels": STATUS_LABELS,
        "distribution": distribution,
    }


def overdue_lines(*, campaign: Campaign, today, user, limit: int = 30) -> dict | None:
    """The last period whose report is past due and the first ``limit`` units with an approved registration
    and no counted report covering it (a later cumulative report covers it), with how many there are in all
    and whether the account may open each registration: one query over the unit lines."""
    from ..models.reports import deadlines_apply
    from ..periods import last_due_period
    from .reports import REPORTING_STATUSES

    if campaign.status not in REPORTING_STATUSES or not deadlines_apply(campaign):
        return None
    period = last_due_period(campaign.report_periods, today)
    if period is None:
        return None
    late = (
        UnitProgress.objects.filter(campaign=campaign, approved=True)
        .filter(Q(last_period__lt=period.key) | Q(last_period__isnull=True))
        .select_related("unit__parent", "registration__campaign")
        .annotate(total=Window(Count("pk")), may_open=Exists(Registration.objects.visible_to(user).filter(pk=OuterRef("registration_id"))))
        .order_by("unit_name", "id")
    )
    first = list(late[:limit])
    total = first[0].total if first else 0
    return {"period": period, "registrations": first, "count": total, "more": max(total - len(first), 0)}


def top_lines(lines, limit: int = 10) -> list[UnitProgress]:
    """The best registered units by average completion: one query."""
    return list(lines.exclude(status=NOT_REGISTERED).select_related("unit__parent").order_by(*LINE_ORDER["-percent"])[:limit])


def dashboard_choices(*, campaign: Campaign, clusters) -> dict:
    """The filter bar's choices: the active provinces and the campaign's clusters (cached like the panels)."""
    from ..panels import cached_panels

    def compute() -> dict:
        provinces = Unit.objects.filter(kind=UnitKind.PROVINCE, is_active=True).order_by("name")
        return {"provinces": list(provinces), "clusters": list(clusters)}

    return cached_panels(campaign.pk, {"panel": "choices"}, compute)


def dashboard_panels(*, campaign: Campaign, lines, chosen: dict) -> dict:
    """The campaign-wide panels of the dashboard within the filters ``chosen``: the summary, the ten best
    units, the cluster ranking, the chart over periods, and the roll-up of child campaigns. Kept in the
    cache until the campaign's progress next changes (``campaigns.panels``)."""
    from ..panels import cached_panels

    def compute() -> dict:
        children = child_rollup(campaign=campaign) if campaign.has_children else []
        return {
            "summary": lines_summary(lines),
            "ranking": top_lines(lines),
            "cluster_ranking": cluster_ranking(campaign=campaign, **chosen),
            "series": progress_over_periods(campaign=campaign),
            "children": children,
            "tree": tree_summary(campaign=campaign, children=children) if children else None,
        }

    return cached_panels(campaign.pk, {"panel": "dashboard", **chosen}, compute)


def indicator_panels(*, campaign: Campaign, lines, chosen: dict) -> dict:
    """The per-indicator view's table and filter choices, cached like the dashboard's panels."""
    from ..panels import cached_panels
    from .indicators import indicator_progress

    def compute() -> dict:
        return {"indicators": indicator_progress(campaign=campaign, lines=lines)}

    return cached_panels(campaign.pk, {"panel": "indicators", **chosen}, compute)
