"""Reads for setting up councils: the councils an account may open, the units it may give one, and the
accounts that may sit on it."""

from __future__ import annotations

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from units.models import Role, Unit, UnitKind, User
from units.scoping import assigned_units, get_scope, is_system_admin

from ..models import Council


def councils_visible_to(user):
    """Councils of units in the account's own scope, and those it sits on or keeps the minutes of."""
    scope = get_scope(user)
    councils = Council.objects.select_related("unit", "chair", "secretary").annotate(member_count=Count("members", distinct=True))
    if scope.everything:
        return councils
    return councils.filter(Q(unit_id__in=sorted(scope.own_unit_ids)) | Q(members=user) | Q(secretary=user)).distinct()


def council_get_for_user(user, pk) -> Council:
    return get_object_or_404(councils_visible_to(user), pk=pk)


def council_unit_choices(user):
    """Units without a council that the account may give one: those it manages campaigns for (the Ministry too,
    for a system administrator)."""
    units = Unit.objects.filter(pk__in=assigned_units(user, Role.CAMPAIGN_MANAGER).values("pk"))
    if is_system_admin(user):
        units = units | Unit.objects.filter(kind=UnitKind.MINISTRY)
    return units.filter(council__isnull=True, is_active=True).distinct().order_by("path")


def council_account_pool(user, unit: Unit):
    """Accounts that may sit on ``unit``'s council: active accounts of the unit and its subtree; any active
    account for the sector's managers (the Ministry's council seats the sector's trade union, for instance)."""
    from ..policies import keeps_sector_catalogue

    accounts = User.objects.filter(is_active=True).select_related("unit")
    if not keeps_sector_catalogue(user):
        accounts = accounts.filter(unit__path__startswith=unit.path)
    return accounts.order_by("full_name", "username")
