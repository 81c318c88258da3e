"""Historical documents recorded as their source gives them (demo data and imports).

Nothing the source does not give is made up: an unknown number leaves the document without a
number and symbol, an unknown day and month leave the date line blank but for the year, and an
unknown signer leaves the signature block without a name. The blocks count as signed on the
document's own date, never on the day the record is made.
"""

from __future__ import annotations

import datetime
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from units.audit import audit_record
from units.models import User

from ..models import DocumentStatus, OfficialDocument, PdfJobKind
from ..numbering import build_symbol, register_key, register_reserve_at_least
from .pdfjobs import pdf_job_request


@transaction.atomic
def document_seed_issued(
    *,
    document: OfficialDocument,
    number: int | None,
    issued_on: date | None,
    year: int | None = None,
    signed_by: User | None = None,
) -> OfficialDocument:
    """Record a historical document as issued with its real number and date, where the source gives them.

    ``year`` is needed only when the date is unknown (the register year of the number).
    """
    year = issued_on.year if issued_on else year
    if year is None:
        raise ValidationError("Cần năm ban hành của văn bản lịch sử.", code="no_year")
    lead = document.lead_issuer
    issuers = document.ordered_issuers()
    key = register_key(
        issuer=lead, series=document.series, doc_type=document.doc_type, advisory_body=document.advisory_body
    )
    if number is not None:
        register_reserve_at_least(issuer=lead, year=year, key=key, number=number)
        document.symbol = build_symbol(
            number=number,
            doc_type=document.doc_type,
            issuers=issuers,
            drafting_unit=document.drafting_unit,
            advisory_body=document.advisory_body,
            series=document.series,
        )
    signed_at = (
        timezone.make_aware(datetime.datetime.combine(issued_on, datetime.time(0, 0))) if issued_on else None
    )
    document.signers.update(signed_by=signed_by, signed_at=signed_at)
    document.number, document.year, document.register_key, document.issued_on = number, year, key, issued_on
    document.status, document.issued_by = DocumentStatus.ISSUED, signed_by
    document.save()
    label = document.symbol or "không rõ số"
    when = f"{issued_on:%d/%m/%Y}" if issued_on else f"năm {year}"
    audit_record(
        actor=signed_by, action="document_issue", obj=document, unit=lead, summary=f"Nhập văn bản lịch sử {label}, {when}"
    )
    pdf_job_request(document=document, actor=signed_by, kind=PdfJobKind.DOCUMENT)
    return document
