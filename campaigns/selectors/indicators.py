"""Reads for the indicator catalogue: the list an account may use, its gate, and the owners it may pick."""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404

from units.models import Role, Unit
from units.scoping import assigned_units, holds_for_sector, is_system_admin

from ..models import Indicator


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
