"""Hand-overs of documents: who is told, and what waits in each account's to-do list.

- submitted → the accounts that may sign a pending block are told;
- signed (every block) → the records clerks of the lead issuer are told it waits for a number;
- issued → the drafter is told the number and date.
"""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from units.models import Role, User
from units.notifications import notify_users, role_holders
from units.scoping import role_units

from .models import DocumentSigner, DocumentStatus, OfficialDocument

MAX_LINKS = 5


def _label(document: OfficialDocument) -> str:
    return f"{document.type_title} {document.symbol or ''} – {document.subject[:120]}".replace("  ", " ")


def notify_signers(document: OfficialDocument) -> None:
    blocks = list(document.signers.filter(signed_at__isnull=True).select_related("unit"))
    users = set(User.objects.filter(pk__in=[b.account_id for b in blocks if b.account_id]))
    users |= set(role_holders([b.unit for b in blocks if b.account_id is None], Role.SIGNER))
    notify_users(users=users, key=f"document-submitted-{document.pk}-{document.updated_at:%Y%m%d%H%M%S}",
                 text=f"Văn bản chờ ký: {_label(document)}", link=document.get_absolute_url())


def notify_clerks(document: OfficialDocument) -> None:
    notify_users(users=role_holders([document.lead_issuer], Role.CLERK), key=f"document-signed-{document.pk}",
                 text=f"Văn bản đã ký, chờ cấp số: {_label(document)}", link=document.get_absolute_url())


def notify_issued(document: OfficialDocument) -> None:
    if document.created_by_id:
        notify_users(users=[document.created_by], key=f"document-issued-{document.pk}",
                     text=f"Văn bản đã ban hành: {_label(document)}, ngày {document.issued_on:%d/%m/%Y}", link=document.get_absolute_url())


def todo(user) -> list[dict]:
    """Documents waiting for this account's signature, and signed ones waiting for its number."""
    signer_units = role_units(user, Role.SIGNER).values("pk")
    to_sign = OfficialDocument.objects.filter(
        status=DocumentStatus.SUBMITTED,
        pk__in=DocumentSigner.objects.filter(signed_at__isnull=True).filter(
            Q(account=user) | Q(account__isnull=True, unit__in=signer_units)
        ).values("document_id"),
    ).order_by("updated_at")
    to_number = OfficialDocument.objects.filter(
        status=DocumentStatus.SIGNED, lead_issuer__in=role_units(user, Role.CLERK).values("pk")
    ).order_by("updated_at")
    items = []
    for label, queryset, status in (("Văn bản chờ tôi ký", to_sign, "submitted"), ("Văn bản đã ký chờ cấp số", to_number, "signed")):
        rows = list(queryset[:MAX_LINKS])
        if rows:
            items.append({
                "label": label, "count": queryset.count(), "url": f"{reverse('documents:document-list')}?status={status}",
                "links": [(_label(d), d.get_absolute_url()) for d in rows],
            })
    return items
