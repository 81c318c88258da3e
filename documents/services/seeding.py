"""Historical documents recorded with their real number and date (demo data and imports)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from units.models import User

from ..models import OfficialDocument
from ..numbering import register_key, register_reserve_at_least
from .lifecycle import _issue


@transaction.atomic
def document_seed_issued(
    *, document: OfficialDocument, number: int, issued_on: date, signed_by: User | None = None
) -> OfficialDocument:
    """Record a historical document as issued with its real number (demo data and imports)."""
    lead = document.lead_issuer
    key = register_key(issuer=lead, series=document.series, doc_type=document.doc_type)
    register_reserve_at_least(issuer=lead, year=issued_on.year, key=key, number=number)
    document.signers.update(signed_by=signed_by, signed_at=timezone.now())
    return _issue(document=document, actor=signed_by, issued_on=issued_on, number=number)
