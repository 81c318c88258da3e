"""Notices in the app and by e-mail after commit, once per account and key."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q

from units.models import Role, RoleAssignment, RoleScope, User

from ..models import Notification


def notify_units(*, units, key: str, text: str, link: str = "", role: str = Role.UNIT_OFFICER) -> int:
    """Notify the holders of ``role`` (unit officers by default) in ``units`` in the app, and by e-mail
    after commit; never twice per key."""
    if role == Role.UNIT_OFFICER:
        holders = RoleAssignment.objects.active().filter(role=role, unit__in=units)
    else:
        holders = _assignments_covering(units, role)
    users = User.objects.filter(is_active=True, pk__in=holders.values("user_id"))
    created = 0
    for user in users:
        _, is_new = Notification.objects.get_or_create(user=user, key=key, defaults={"text": text[:500], "link": link})
        if is_new:
            created += 1
            if user.email:
                transaction.on_commit(
                    lambda email=user.email: send_mail(
                        "[thidua] " + text[:120], f"{text}\n\n{link}", settings.DEFAULT_FROM_EMAIL, [email], fail_silently=True
                    )
                )
    return created


def _assignments_covering(units, role):
    """Active assignments of ``role`` that cover one of ``units``: on the unit, on an ancestor with its
    subtree, or sector-wide; sector-wide holders only when nobody closer holds the role."""
    closer = Q(pk__in=[])
    for unit in units:
        segments = [part for part in unit.path.split(".") if part]
        ancestors = [".".join(segments[: i + 1]) + "." for i in range(len(segments))]
        closer |= Q(unit=unit) | Q(scope=RoleScope.SUBTREE, unit__path__in=ancestors)
    assignments = RoleAssignment.objects.active().filter(role=role)
    near = assignments.filter(closer).exclude(scope=RoleScope.SECTOR)
    return near if near.exists() else assignments.filter(scope=RoleScope.SECTOR)
