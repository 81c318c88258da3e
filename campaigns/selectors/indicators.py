"""Reads for the indicator catalogue: the list an account may use, its gate, the owners it may pick, and the
progress of a campaign per indicator."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Avg, Count, Q, Sum
from django.shortcuts import get_object_or_404

from units.models import Role, Unit
from units.scoping import assigned_units, holds_for_sector, is_system_admin

from ..models import Campaign, Indicator, IndicatorKind, TargetProgress
from .progress import ACHIEVED, BEHIND, EXCEEDED, NOT_REPORTED


def indicators_available_to(user):
    return Indicator.objects.available_to(user).select_related("owner")


def indicator_get_for_user(user, pk) -> Indicator:
    """An indicator of the sector or of a unit the account may see; 404 otherwise."""
    return get_object_or_404(indicators_available_to(user), pk=pk)


def indicator_search(user, *, query: str = "", active: str = ""):
    indicators = indicators_available_to(user)
    if query:
        indicators = indicators.filter(Q(name__icontains=query) | Q(code__icontains=query) | Q(unit_of_measure__iexact=query))
    if active in {"1", "0"}:
        indicators = indicators.filter(is_active=active == "1")
    return indicators.order_by("-is_active", "name")


def may_keep_sector_catalogue(user) -> bool:
    return is_system_admin(user) or holds_for_sector(user, Role.CAMPAIGN_MANAGER)


def indicator_owner_choices(user):
    """Units whose own indicators the account keeps: those it manages campaigns for."""
    return Unit.objects.filter(pk__in=assigned_units(user, Role.CAMPAIGN_MANAGER).values("pk")).order_by("path")


# Progress per indicator (the dashboard's per-indicator view), read from the progress tables.

def indicator_progress(*, campaign: Campaign, lines=None) -> list[dict]:
    """Per indicator of the registrations in force: units that registered it, the total registered and
    achieved (for quantities, money and counts: a sum; for rates, an average), and the units achieved,
    behind or not reporting: one query."""
    rows = TargetProgress.objects.filter(campaign=campaign)
    if lines is not None:
        rows = rows.filter(unit_id__in=lines.values("unit_id"))
    reported = Q(status__in=(ACHIEVED, EXCEEDED, BEHIND))
    summary = (
        rows.values("indicator_id", "indicator__name", "indicator__unit_of_measure", "indicator__kind")
        .annotate(
            units=Count("pk"),
            registered=Sum("target_value"),
            achieved_total=Sum("value", filter=reported),
            registered_average=Avg("target_value"),
            achieved_average=Avg("value", filter=reported),
            achieved=Count("pk", filter=Q(status__in=(ACHIEVED, EXCEEDED))),
            behind=Count("pk", filter=Q(status=BEHIND)),
            not_reported=Count("pk", filter=Q(status=NOT_REPORTED)),
        )
        .order_by("indicator__name")
    )
    result = []
    for row in summary:
        kind = row["indicator__kind"]
        averaged = kind == IndicatorKind.PERCENTAGE
        registered = row["registered_average"] if averaged else row["registered"]
        achieved = row["achieved_average"] if averaged else row["achieved_total"]
        result.append(
            {
                "indicator_id": row["indicator_id"],
                "indicator": row["indicator__name"],
                "unit_of_measure": row["indicator__unit_of_measure"],
                "kind": kind,
                "averaged": averaged,
                "milestone": kind == IndicatorKind.MILESTONE,
                "units": row["units"],
                "registered": None if kind == IndicatorKind.MILESTONE or registered is None else Decimal(registered).quantize(Decimal("0.01")),
                "achieved_value": None if kind == IndicatorKind.MILESTONE or achieved is None else Decimal(achieved).quantize(Decimal("0.01")),
                "achieved": row["achieved"],
                "behind": row["behind"],
                "not_reported": row["not_reported"],
                "percent": (Decimal(achieved) / Decimal(registered) * 100).quantize(Decimal("0.1"))
                if kind != IndicatorKind.MILESTONE and achieved is not None and registered
                else None,
            }
        )
    return result


def indicator_units(*, campaign: Campaign, indicator_id: int, status: str = "", lines=None):
    """The units of one indicator with their target and latest value, for the per-indicator view."""
    rows = TargetProgress.objects.filter(campaign=campaign, indicator_id=indicator_id)
    if lines is not None:
        rows = rows.filter(unit_id__in=lines.values("unit_id"))
    if status:
        rows = rows.filter(status__in=(ACHIEVED, EXCEEDED) if status == ACHIEVED else (status,))
    return rows.select_related("unit__parent", "target").order_by("unit__name", "pk")

