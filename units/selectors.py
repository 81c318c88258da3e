"""Reads for the organisation: lists that prefetch what templates need, and scoped gates."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, F, Min, Prefetch, Q, QuerySet, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404

from .models import (
    AuditEvent,
    Cluster,
    ClusterMembership,
    Person,
    Role,
    RoleAssignment,
    RoleScope,
    Unit,
    UnitKind,
    User,
)
from .scoping import assigned_units, get_scope


def unit_get_for_user(user, pk) -> Unit:
    """Return the unit if the account may see it; 404 otherwise (no hint that it exists)."""
    return get_object_or_404(Unit.objects.visible_to(user).select_related("parent"), pk=pk)


def person_get_for_user(user, pk) -> Person:
    return get_object_or_404(Person.objects.visible_to(user).select_related("unit"), pk=pk)


def cluster_get_for_user(user, pk) -> Cluster:
    return get_object_or_404(Cluster.objects.visible_to(user).select_related("organiser"), pk=pk)


def unit_search(*, user, query: str = "", kind: str = "", active: str = "") -> QuerySet[Unit]:
    units = Unit.objects.visible_to(user).select_related("parent")
    if query:
        units = units.filter(Q(name__icontains=query) | Q(short_name__iexact=query) | Q(place_name__icontains=query))
    if kind:
        units = units.filter(kind=kind)
    if active in {"1", "0"}:
        units = units.filter(is_active=active == "1")
    return units.order_by("path")


TREE_LEVELS = 3  # the Bộ, its Cục and Vụ; the provinces, their Sở and the Sở's offices: deeper units open from their parent's page
TREE_CHILDREN = 12  # a node lists at most this many children (in the catalogue's order); its page lists them all


def unit_tree(*, user, levels: int = TREE_LEVELS) -> list[dict]:
    """The visible units as nested nodes, ``levels`` deep from the top of the account's scope: two queries,
    and a page whose size does not grow with the enterprises and sub-units below. A node at the last
    level, or with more than ``TREE_CHILDREN`` children, says how many units it has and links to its page."""
    visible = Unit.objects.visible_to(user)
    top = visible.aggregate(top=Min("depth"))["top"]
    if top is None:
        return []
    ranked = visible.filter(depth__lt=top + levels).annotate(
        place=Window(RowNumber(), partition_by=[F("parent_id")], order_by=[F("sort_order").asc(), F("name").asc()])
    )
    units = list(ranked.filter(place__lte=TREE_CHILDREN).annotate(child_count=Count("children")).order_by("sort_order", "name"))
    shown = {u.pk for u in units}
    children: dict[int | None, list[Unit]] = defaultdict(list)
    for unit in units:
        parent_id = unit.parent_id if unit.parent_id in shown else None
        children[parent_id].append(unit)

    def build(parent_id):
        nodes = []
        for unit in children.get(parent_id, []):
            below = children.get(unit.pk, [])
            nodes.append({
                "unit": unit,
                "children": build(unit.pk),
                "count": unit.child_count,
                "more": unit.child_count - len(below),
            })
        return nodes

    return build(None)


def unit_detail_context(*, user, unit: Unit) -> dict:
    scope = get_scope(user)
    can_see_persons = scope.everything or unit.pk in scope.own_unit_ids
    return {
        "unit": unit,
        "ancestors": list(unit.ancestors()),
        "children": list(Unit.objects.visible_to(user).filter(parent=unit).order_by("sort_order", "name")),
        "persons": list(Person.objects.visible_to(user).filter(unit=unit, is_active=True)) if can_see_persons else None,
        "memberships": list(
            ClusterMembership.objects.filter(unit=unit).select_related("cluster").order_by("-year", "cluster__name")
        ),
        "predecessors": list(unit.predecessors.visible_to(user).order_by("name")),
        "successors": list(unit.successors.visible_to(user).order_by("name")),
    }


def cluster_list(*, user, query: str = "") -> QuerySet[Cluster]:
    clusters = Cluster.objects.visible_to(user).select_related("organiser").annotate(
        member_count=Count("memberships__unit", distinct=True)
    )
    if query:
        clusters = clusters.filter(name__icontains=query)
    return clusters.order_by("name")


def cluster_members_by_year(*, cluster: Cluster) -> list[tuple[int, list[ClusterMembership]]]:
    grouped: dict[int, list[ClusterMembership]] = defaultdict(list)
    for membership in cluster.memberships.select_related("unit").order_by("-year", "role", "unit__name"):
        grouped[membership.year].append(membership)
    order = {"lead": 0, "deputy": 1, "member": 2}
    return [(year, sorted(rows, key=lambda m: (order[m.role], m.unit.name))) for year, rows in grouped.items()]


def cluster_organiser_choices(user):
    """Units the account may organise clusters for: those it manages campaigns for, and the Ministry for
    the sector's managers (see ``policies.keeps_sector_clusters``)."""
    from .policies import keeps_sector_clusters

    units = Unit.objects.filter(pk__in=assigned_units(user, Role.CAMPAIGN_MANAGER).values("pk"))
    if keeps_sector_clusters(user):
        units = units | Unit.objects.filter(kind=UnitKind.MINISTRY)
    return units.distinct().order_by("path")


def cluster_member_pool(user, cluster: Cluster):
    """The units that may join ``cluster``: its organiser's subtree, or any unit for the sector's managers."""
    from .policies import keeps_sector_clusters

    units = Unit.objects.select_related("parent")
    if not keeps_sector_clusters(user):
        units = units.subtree_of(cluster.organiser)
    return units.order_by("path")


def cluster_year_memberships(cluster: Cluster, year: int) -> list[ClusterMembership]:
    order = {"lead": 0, "deputy": 1, "member": 2}
    rows = ClusterMembership.objects.filter(cluster=cluster, year=year).select_related("unit__parent")
    return sorted(rows, key=lambda m: (order[m.role], m.unit.name))


def cluster_latest_year_before(cluster: Cluster, year: int) -> int | None:
    return cluster.memberships.filter(year__lt=year).order_by("-year").values_list("year", flat=True).first()


def lead_accounts(unit: Unit) -> int:
    """Active accounts that can act as the lead unit (its leader, officer or an account with the cluster-lead
    role on it or above it): the covenant needs one."""
    ids = [int(part) for part in unit.path.split(".") if part]
    return (
        RoleAssignment.objects.active()
        .filter(role__in=(Role.SIGNER, Role.UNIT_OFFICER, Role.CLUSTER_LEAD), user__is_active=True, unit_id__in=ids)
        .exclude(scope=RoleScope.UNIT, unit_id__in=[i for i in ids if i != unit.pk])
        .exclude(scope=RoleScope.SECTOR)
        .values("user_id").distinct().count()
    )


def user_list(*, query: str = "", active: str = "") -> QuerySet[User]:
    users = User.objects.select_related("unit").prefetch_related(
        Prefetch("role_assignments", queryset=RoleAssignment.objects.active().select_related("unit"))
    )
    if query:
        users = users.filter(
            Q(username__icontains=query) | Q(full_name__icontains=query) | Q(email__icontains=query) | Q(unit__name__icontains=query)
        )
    if active in {"1", "0"}:
        users = users.filter(is_active=active == "1")
    return users.order_by("username")


def audit_list(*, query: str = "", action: str = "") -> QuerySet[AuditEvent]:
    events = AuditEvent.objects.select_related("unit")
    if query:
        events = events.filter(Q(actor_label__icontains=query) | Q(summary__icontains=query))
    if action:
        events = events.filter(action=action)
    return events
