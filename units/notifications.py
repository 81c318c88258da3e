"""Notices at every hand-over, in the app and by e-mail after commit, never twice for one key.

Every app notifies through here: a document awaiting signature, a report to accept, a dossier before the
council, a covenant to sign, a decision issued to a unit.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q

from .models import Notification, Role, RoleAssignment, RoleScope, User


def notify_users(*, users: Iterable[User], key: str, text: str, link: str = "") -> int:
    """One notice per account and key; an e-mail goes after commit with each new notice."""
    created = 0
    for user in users:
        if not user.is_active:
            continue
        _, is_new = Notification.objects.get_or_create(user=user, key=key[:160], defaults={"text": text[:500], "link": link[:300]})
        if is_new:
            created += 1
            if user.email:
                transaction.on_commit(
                    lambda email=user.email: send_mail(
                        "[thidua] " + text[:120], f"{text}\n\n{link}", settings.DEFAULT_FROM_EMAIL, [email], fail_silently=True
                    )
                )
    return created


def role_holders(units, role: str) -> Iterable[User]:
    """Active accounts holding ``role`` for one of ``units``: unit officers on the unit itself; other roles on
    the unit, on an ancestor with its subtree, or sector-wide when nobody closer holds it."""
    units = list(units)
    if not units:
        return User.objects.none()
    if role == Role.UNIT_OFFICER:
        holders = RoleAssignment.objects.active().filter(role=role, unit__in=units)
    else:
        holders = _assignments_covering(units, role)
    return User.objects.filter(is_active=True, pk__in=holders.values("user_id"))


def notify_units(*, units, key: str, text: str, link: str = "", role: str = Role.UNIT_OFFICER) -> int:
    """Notify the holders of ``role`` (unit officers by default) for ``units``."""
    return notify_users(users=role_holders(units, role), key=key, text=text, link=link)


def _assignments_covering(units, role):
    closer = Q(pk__in=[])
    for unit in units:
        segments = [part for part in unit.path.split(".") if part]
        ancestors = [".".join(segments[: i + 1]) + "." for i in range(len(segments))]
        closer |= Q(unit=unit) | Q(scope=RoleScope.SUBTREE, unit__path__in=ancestors)
    assignments = RoleAssignment.objects.active().filter(role=role)
    near = assignments.filter(closer).exclude(scope=RoleScope.SECTOR)
    return near if near.exists() else assignments.filter(scope=RoleScope.SECTOR)


def unread_count(user) -> int:
    return Notification.objects.filter(user=user, is_read=False).count()
