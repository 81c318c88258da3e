"""Certificates and flags given by an issued decision: their own verification code, their QR code,
and the deciding organisation's signature.

A Bằng khen, Giấy khen or Cờ thi đua is issued as a consequence of the decision that the competent
person signed and the clerk issued (ND 30/2020 Art 8): the certificate carries the organisation's
digital signature, made with the certificate of the decision's lead issuer, and prints a QR code and
short code of its own. Its public page shows the certificate and the decision it belongs to, so a
visitor holding one certificate learns whom it was given to, by which decision, and whether both
still stand. On a certificate the signature shows in the signature space (seal, organisation's name,
time, as Phụ lục I sets out); on a flag it is invisible (nothing is printed on the cloth but the
verification mark).

Built once, like the issued document: a retried job or a second download returns the same bytes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from documents.models import OfficialDocument

from . import appearance, pades, trust
from .credentials import credential_for_unit
from .models import CertificateVerification, Verification, new_code
from .qr import verify_mark
from .render import render_page
from .selectors import PUBLIC_STATUSES
from .services import _read, _save, _sign

FIELD = "co-quan-1"


@dataclass(frozen=True)
class CertificateFacts:
    """What the certificate says, as its public page repeats it."""

    title: str
    recipient: str
    recipient_detail: str = ""
    golden_book_number: str = ""


def _fresh_code() -> str:
    # One code space for documents and certificates: a code leads to exactly one page.
    while True:
        code = new_code()
        if not Verification.objects.filter(code=code).exists() and not CertificateVerification.objects.filter(code=code).exists():
            return code


def _locked(document: OfficialDocument, subject_id: int, facts: CertificateFacts) -> CertificateVerification:
    if not CertificateVerification.objects.filter(document=document, subject_id=subject_id).exists():
        try:
            with transaction.atomic():
                CertificateVerification.objects.create(
                    document=document, subject_id=subject_id, code=_fresh_code(), title=facts.title[:300],
                    recipient=facts.recipient[:300], recipient_detail=facts.recipient_detail[:300],
                    golden_book_number=facts.golden_book_number[:40],
                )
        except IntegrityError:
            pass  # created by a concurrent run
    return CertificateVerification.objects.select_for_update().get(document=document, subject_id=subject_id)


def certificate_issued_pdf(
    *, document: OfficialDocument, subject_id: int, facts: CertificateFacts, html: Callable[[dict], str]
) -> bytes:
    """The issued certificate: ``html(verify_mark)`` is its page with the mark and, on a certificate,
    the empty place ``#co-quan-1`` of the signature; the lead issuer's certificate signs it."""
    if document.status not in PUBLIC_STATUSES or document.issued_on is None:
        raise ValidationError("Chỉ cấp bằng, giấy khen, cờ theo quyết định đã ban hành.", code="not_issued")
    with transaction.atomic():
        row = _locked(document, subject_id, facts)
        if row.issued_sha256 and row.issued_file:
            return _read(row.issued_file)
        row.title, row.recipient = facts.title[:300], facts.recipient[:300]
        row.recipient_detail, row.golden_book_number = facts.recipient_detail[:300], facts.golden_book_number[:40]
        pdf, anchors = render_page(html(verify_mark(row.code)))
        unit = document.lead_issuer
        credential = credential_for_unit(unit)
        if credential is None and settings.THIDUA_SIGNING_REQUIRED:
            raise ValidationError(f"{unit.name} chưa có chứng thư số của cơ quan.", code="no_unit_credential")
        if credential is not None:
            box = anchors.get(FIELD)
            # A flag has no place for a signature: its field has no area and nothing is drawn.
            slot = pades.SignatureSlot(FIELD, box or pades.Box(0, 0, 0, 0, 0))
            pdf = pades.prepare(pdf, pades.Layout(signatures=[slot]))
            signed_at = timezone.now().replace(microsecond=0)
            seal = None
            if box is not None:
                seal = appearance.organisation_appearance(
                    bytes(credential.image) or None, organisation=unit.name, signed_at=signed_at, width_pt=box.width,
                    height_pt=box.height, seal_pt=settings.THIDUA_SEAL_DIAMETER_MM * pades.MM,
                )
            pdf = _sign(
                pdf, credential=credential, field_name=FIELD, appearance_pdf=seal, signed_at=signed_at,
                reason=f"{unit.name} cấp {facts.title} theo Quyết định số {document.symbol}", location=document.place_name,
            )
            row.signed_by_unit, row.signed_at, row.level = unit, signed_at, trust.signature_level()
        digest = hashlib.sha256(pdf).hexdigest()
        row.issued_file = _save(f"signing/{document.pk}/certificate-{subject_id}-{digest[:12]}.pdf", pdf)
        row.issued_sha256, row.issued_size = digest, len(pdf)
        row.save()
        return pdf
