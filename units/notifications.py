"""Notices at every hand-over, in the app and by e-mail after commit, never twice for one key.

Every app notifies through here: a document awaiting signature, a report to accept, a dossier before the
council, a covenant to sign, a decision issued to a unit.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import Notification, Role, RoleAssignment, RoleScope, User

logger = logging.getLogger(__name__)
CLAIM_SECONDS = 300  # a worker that died mid-send gives its claim up after this
MAX_EMAIL_ATTEMPTS = 20  # then the notice stays in the app only (and the log says why)


def notify_users(*, users: Iterable[User], key: str, text: str, link: str = "") -> int:
    """One notice per account and key; its e-mail copy is queued after commit (``units.tasks.notification_email``)."""
    created = 0
    for user in users:
        if not user.is_active:
            continue
        notice, is_new = Notification.objects.get_or_create(user=user, key=key[:160], defaults={"text": text[:500], "link": link[:300]})
        if is_new:
            created += 1
            if user.email:
                transaction.on_commit(lambda pk=notice.pk: email_dispatch(pk))
            else:
                Notification.objects.filter(pk=notice.pk).update(email_sent_at=timezone.now())  # nothing to send
    return created


def email_dispatch(notification_id: int) -> bool:
    """Queue the e-mail of one notice. A broker outage only delays it: the sweeper queues it again."""
    from .tasks import notification_email

    try:
        notification_email.apply_async(args=[notification_id], retry=False)
    except Exception as error:  # noqa: BLE001 - any broker failure leaves the e-mail in the outbox
        logger.warning("Không gửi được thư thông báo #%s tới hàng đợi (%s); sẽ gửi lại sau.", notification_id, error.__class__.__name__)
        return False
    return True


def email_send(notification_id: int) -> str:
    """Send the e-mail of one notice once: claimed by a conditional update, so two workers never both send it;
    a failure releases the claim and the sweeper tries again later."""
    now = timezone.now()
    stale = now - timedelta(seconds=CLAIM_SECONDS)
    claimed = Notification.objects.filter(pk=notification_id, email_sent_at__isnull=True).filter(
        Q(email_claimed_at__isnull=True) | Q(email_claimed_at__lt=stale)
    ).update(email_claimed_at=now, email_attempts=F("email_attempts") + 1)
    if not claimed:
        return "skipped"
    notice = Notification.objects.select_related("user").get(pk=notification_id)
    link = f"{settings.THIDUA_PUBLIC_URL.rstrip('/')}{notice.link}" if notice.link.startswith("/") else notice.link
    try:
        send_mail("[thidua] " + notice.text[:120], f"{notice.text}\n\n{link}".strip(), settings.DEFAULT_FROM_EMAIL, [notice.user.email])
    except Exception as error:  # noqa: BLE001 - SMTP down, refused, timed out: kept for the sweeper
        Notification.objects.filter(pk=notification_id).update(email_claimed_at=None)
        logger.warning("Gửi thư thông báo #%s không thành công (%s); sẽ thử lại.", notification_id, error.__class__.__name__)
        return "failed"
    Notification.objects.filter(pk=notification_id).update(email_sent_at=timezone.now())
    return "sent"


def email_pending(*, older_than_seconds: int = 60, limit: int = 500) -> list[int]:
    """Notices whose e-mail is still to send (not given up after ``MAX_EMAIL_ATTEMPTS``)."""
    cutoff = timezone.now() - timedelta(seconds=older_than_seconds)
    return list(
        Notification.objects.filter(email_sent_at__isnull=True, created_at__lt=cutoff, email_attempts__lt=MAX_EMAIL_ATTEMPTS)
        .exclude(user__email="")
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )


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
