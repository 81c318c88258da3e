"""The audit trail: one insert per action, with the request's id and address."""

from __future__ import annotations

import contextvars
import re

from django.db import models

from .models import AuditEvent

current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
current_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("ip", default=None)

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _clean(text: str, limit: int) -> str:
    """Escape control characters so a crafted name cannot forge log lines (ASVS 7.3.1)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", str(text))[:limit]


def audit_record(
    *,
    actor=None,
    action: str,
    obj: models.Model | None = None,
    unit=None,
    summary: str = "",
    actor_label: str = "",
) -> AuditEvent:
    """Insert one audit event. Never store passwords, tokens or full personal records here."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if unit is None and obj is not None:
        unit = getattr(obj, "unit", None) if not hasattr(obj, "path") else obj
    return AuditEvent.objects.create(
        actor=actor,
        actor_label=_clean(actor_label or (actor.username if actor else ""), 150),
        unit=unit if unit is not None and getattr(unit, "pk", None) else None,
        action=_clean(action, 64),
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=_clean(summary, 500),
        ip_address=current_ip.get(),
        request_id=current_request_id.get(),
    )
