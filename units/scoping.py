"""The one place that decides which units, persons and clusters an account may see.

Deny by default: an anonymous or role-less account sees nothing but its own unit.
A role's scope is its unit, the unit's subtree, or the whole sector. Predecessor units
(the 2025 mergers) come with their successors, so a merged province's history stays
reachable. Unit pages are also visible to fellow members of the same clusters; persons
are not (personal data stays within the subtree).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q

from .models import ClusterMembership, Role, RoleAssignment, RoleScope, Unit, UnitKind

_CACHE_ATTR = "_thidua_scope"


@dataclass(frozen=True)
class Scope:
    everything: bool
    own_unit_ids: frozenset[int]  # the subtree scope: persons and unit-owned data
    unit_ids: frozenset[int]  # own_unit_ids plus fellow cluster members
    assignments: tuple[RoleAssignment, ...]


EMPTY = Scope(False, frozenset(), frozenset(), ())


def _subtree_ids(paths: list[str]) -> set[int]:
    if not paths:
        return set()
    query = Q()
    for path in paths:
        query |= Q(path__startswith=path)
    return set(Unit.objects.filter(query).values_list("pk", flat=True))


def _with_predecessors(unit_ids: set[int]) -> set[int]:
    seen = set(unit_ids)
    frontier = set(unit_ids)
    through = Unit.predecessors.through
    while frontier:
        found = set(through.objects.filter(from_unit_id__in=frontier).values_list("to_unit_id", flat=True)) - seen
        if not found:
            break
        # A predecessor comes with its own subtree (old Sở with its phòng).
        paths = list(Unit.objects.filter(pk__in=found).values_list("path", flat=True))
        found |= _subtree_ids(paths) - seen
        seen |= found
        frontier = found
    return seen


def get_scope(user) -> Scope:
    """Compute (once per request) what the account may see."""
    if user is None or not user.is_authenticated or not user.is_active:
        return EMPTY
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    assignments = tuple(
        RoleAssignment.objects.active().filter(user=user).select_related("unit").order_by("pk")
    )
    everything = user.is_superuser or any(
        a.role == Role.SYSTEM_ADMIN or a.scope == RoleScope.SECTOR for a in assignments
    )
    if everything:
        scope = Scope(True, frozenset(), frozenset(), assignments)
    else:
        base = {a.unit_id for a in assignments if a.scope == RoleScope.UNIT}
        base |= _subtree_ids([a.unit.path for a in assignments if a.scope == RoleScope.SUBTREE])
        if user.unit_id:
            base.add(user.unit_id)
        own = _with_predecessors(base)
        cluster_ids = ClusterMembership.objects.filter(unit_id__in=own).values("cluster_id")
        peers = set(ClusterMembership.objects.filter(cluster_id__in=cluster_ids).values_list("unit_id", flat=True))
        scope = Scope(False, frozenset(own), frozenset(own | peers), assignments)
    setattr(user, _CACHE_ATTR, scope)
    return scope


def forget_scope(user) -> None:
    """Drop the cached scope after the account's roles change."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def _ids_filter(everything: bool, ids: frozenset[int], field: str) -> Q:
    if everything:
        return Q()
    return Q(**{f"{field}__in": sorted(ids)})


def unit_scope_filter(user, *, field: str = "unit_id") -> Q:
    """Filter for rows attached to units the account may see (its scope plus cluster peers)."""
    scope = get_scope(user)
    return _ids_filter(scope.everything, scope.unit_ids, field)


def own_unit_scope_filter(user, *, field: str = "unit_id") -> Q:
    """Filter for rows owned by units in the account's own subtree scope (no cluster peers)."""
    scope = get_scope(user)
    return _ids_filter(scope.everything, scope.own_unit_ids, field)


def person_scope_filter(user) -> Q:
    return own_unit_scope_filter(user, field="unit_id")


def cluster_scope_filter(user) -> Q:
    scope = get_scope(user)
    if scope.everything:
        return Q()
    member_of = ClusterMembership.objects.filter(unit_id__in=sorted(scope.own_unit_ids)).values("cluster_id")
    return Q(pk__in=member_of) | Q(organiser_id__in=sorted(scope.own_unit_ids))


def _covers_directly(assignment: RoleAssignment, unit: Unit) -> bool:
    if assignment.scope == RoleScope.UNIT:
        return assignment.unit_id == unit.pk
    return unit.path.startswith(assignment.unit.path)


def successors_of(unit: Unit) -> list[Unit]:
    """The units that took over ``unit`` in a merger, and theirs in turn (Bến Tre's Sở → Vĩnh Long's)."""
    cache = getattr(unit, "_successors", None)
    if cache is not None:
        return cache
    found, frontier, seen = [], [unit.pk], {unit.pk}
    through = Unit.predecessors.through
    while frontier:
        ids = set(through.objects.filter(to_unit_id__in=frontier).values_list("from_unit_id", flat=True)) - seen
        if not ids:
            break
        batch = list(Unit.objects.filter(pk__in=ids))
        found += batch
        seen |= ids
        frontier = list(ids)
    unit._successors = found
    return found


def _covers(assignment: RoleAssignment, unit: Unit | None) -> bool:
    """Whether the assignment covers ``unit``; a role on a successor covers its predecessors, so after the
    2025 mergers the successor's managers act for the merged unit's history."""
    if unit is None or assignment.scope == RoleScope.SECTOR:
        return True
    if _covers_directly(assignment, unit):
        return True
    return not unit.is_active and any(_covers_directly(assignment, successor) for successor in successors_of(unit))


def has_role(user, role: str | Role, unit: Unit | None = None) -> bool:
    """Whether the account holds ``role`` for ``unit`` (any unit when ``unit`` is None)."""
    return any(a.role == role and _covers(a, unit) for a in get_scope(user).assignments)


def has_any_role(user, roles, unit: Unit | None = None) -> bool:
    return any(has_role(user, role, unit) for role in roles)


def acts_for(user, unit: Unit | None) -> bool:
    """Whether the account belongs to or acts for ``unit`` itself: its own unit, any role held on that very
    unit, or a unit officer's or signer's role that covers it. Nobody approves what they act for."""
    if unit is None or user is None or not user.is_authenticated:
        return False
    if user.unit_id == unit.pk:
        return True
    for assignment in get_scope(user).assignments:
        if assignment.unit_id == unit.pk:
            return True
        if assignment.role in (Role.UNIT_OFFICER, Role.SIGNER) and assignment.scope != RoleScope.SECTOR and _covers(assignment, unit):
            return True
    return False


def is_system_admin(user) -> bool:
    return bool(user.is_authenticated and (user.is_superuser or has_role(user, Role.SYSTEM_ADMIN)))


def role_units(user, role: str | Role):
    """Units on which the account holds ``role`` (for pickers such as 'issue as…')."""
    scope = get_scope(user)
    query = Q(pk__in=[])
    for a in scope.assignments:
        if a.role != role:
            continue
        if a.scope == RoleScope.SECTOR:
            return Unit.objects.all()
        query |= Q(pk=a.unit_id) if a.scope == RoleScope.UNIT else Q(path__startswith=a.unit.path)
    base = set(Unit.objects.filter(query).values_list("pk", flat=True))
    if not base:
        return Unit.objects.none()
    # the units merged into them come along: their history is kept by the successor
    return Unit.objects.filter(pk__in=sorted(_with_predecessors(base)))


def holds_for_sector(user, role: str | Role) -> bool:
    """Whether the account holds ``role`` for the whole sector: a sector-wide assignment, or one on the
    Ministry with its subtree (the Ministry's managers set up the sector's catalogues and clusters)."""
    return any(
        a.role == role and (a.scope == RoleScope.SECTOR or (a.scope == RoleScope.SUBTREE and a.unit.kind == UnitKind.MINISTRY))
        for a in get_scope(user).assignments
    )


def acts_as(user, roles, unit: Unit | None) -> bool:
    """Whether the account holds one of ``roles`` on ``unit`` or on a unit above it, sector-wide roles
    excepted: acting in a unit's name (signing for it, leading its cluster) is never sector-wide."""
    if unit is None:
        return False
    return any(
        a.role in roles and a.scope != RoleScope.SECTOR and _covers(a, unit) for a in get_scope(user).assignments
    )


def assigned_units(user, role: str | Role):
    """The units on which the account holds ``role`` itself (not their subtrees): who an account manages for."""
    return Unit.objects.filter(pk__in=[a.unit_id for a in get_scope(user).assignments if a.role == role])


def acting_units(user, roles):
    """The units ``acts_as`` is true for, as a queryset (sector-wide roles excepted)."""
    query = Q(pk__in=[])
    for a in get_scope(user).assignments:
        if a.role in roles and a.scope != RoleScope.SECTOR:
            query |= Q(pk=a.unit_id) if a.scope == RoleScope.UNIT else Q(path__startswith=a.unit.path)
    return Unit.objects.filter(query)
