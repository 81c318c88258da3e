"""Reads for covenants: the ones an account may open, their members and ranking, the leading units."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Sum
from django.shortcuts import get_object_or_404

from units.models import Cluster, ClusterMembership, ClusterRole, Role
from units.scoping import acting_units, role_units

from ..models import Covenant, CovenantScore, LeaderVote


def covenants_visible_to(user):
    return Covenant.objects.filter(cluster__in=Cluster.objects.visible_to(user)).select_related("cluster", "lead_unit", "document")


def covenant_get_for_user(user, pk) -> Covenant:
    return get_object_or_404(covenants_visible_to(user), pk=pk)


def lead_membership(cluster, year):
    return ClusterMembership.objects.filter(cluster=cluster, year=year, role=ClusterRole.LEAD).select_related("unit").first()


def lead_memberships_for(user):
    """The clusters and years whose lead unit the account acts for (see ``policies.leads_cluster``)."""
    from ..policies import COVENANT_SIGNING_ROLES

    leading = role_units(user, Role.CLUSTER_LEAD) | acting_units(user, COVENANT_SIGNING_ROLES)
    return ClusterMembership.objects.filter(role=ClusterRole.LEAD, unit__in=leading.values("pk")).select_related("cluster", "unit")


def members(covenant: Covenant) -> list:
    return [m.unit for m in ClusterMembership.objects.filter(cluster=covenant.cluster, year=covenant.year).select_related("unit").order_by("role", "unit__name")]


def covenant_ranking(covenant: Covenant) -> list[dict]:
    """Members by total score (confirmed when the lead has confirmed, self-scores otherwise)."""
    field = "confirmed_score" if covenant.scores_confirmed else "self_score"
    totals = {row["unit"]: row["total"] for row in CovenantScore.objects.filter(covenant=covenant).values("unit").annotate(total=Sum(field))}
    ranking = sorted(((unit, totals.get(unit.pk) or Decimal(0)) for unit in members(covenant)), key=lambda pair: -pair[1])
    return [{"rank": index, "unit": unit, "total": total} for index, (unit, total) in enumerate(ranking, start=1)]


def leading_units(year: int):
    """Units elected leaders of their clusters in ``year``: the Cờ thi đua candidates."""
    return LeaderVote.objects.filter(covenant__year=year).select_related("unit", "covenant__cluster")
