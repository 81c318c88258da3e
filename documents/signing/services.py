"""Writes for digital signatures: credentials, the persons' signatures, the issued file.

The persons sign when they act (``document_sign``): their signatures are applied in the worker
right after, on the content with blank number and date. The clerk's issue fills the number and
date and adds the organisations' signatures (ND 30/2020 Art 8 and Phụ lục I). Both steps lock the
document's ``Verification`` row, so they never run at the same time and a second run does nothing.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from documents.models import DocumentStatus, OfficialDocument
from units.models import User

from . import appearance, keys, pades, trust
from .credentials import (  # noqa: F401 - re-exported: the credential services keep their old address
    can_manage_unit_credential,
    clean_image,
    credential_deactivate,
    credential_for_unit,
    credential_for_user,
    credential_register_pkcs11,
    credential_upload_pkcs12,
)
from .models import AppliedSignature, SignatureRole, SigningCredential, Verification
from .render import (
    annex_field,
    layout_from_json,
    layout_to_json,
    organisation_field,
    render_for_signing,
    signer_field,
)

logger = logging.getLogger(__name__)

# --- the person's act ------------------------------------------------------------------------


def sign_check(*, actor: User) -> SigningCredential | None:
    """Before a person's signature is recorded: the certificate must be able to sign now."""
    credential = credential_for_user(actor)
    if credential is None:
        if settings.THIDUA_SIGNING_REQUIRED:
            raise ValidationError(
                "Tài khoản chưa có chứng thư số. Hãy tải lên chứng thư số (mục “Chứng thư số của tôi”) trước khi ký.",
                code="no_credential",
            )
        return None
    trust.check_certificate(credential.certificate, chain_pem=credential.chain)
    return credential


def after_sign(document: OfficialDocument) -> None:
    """Apply the persons' signatures in the worker once the signing is committed."""
    transaction.on_commit(lambda: _dispatch(document.pk))


def _dispatch(document_id: int) -> None:
    from .tasks import signatures_apply

    try:
        signatures_apply.apply_async(args=[document_id], retry=False)
    except Exception as error:  # noqa: BLE001 - the issue job applies them anyway
        logger.warning("Không gửi được yêu cầu ký số văn bản #%s (%s); sẽ ký khi cấp số.", document_id, error.__class__.__name__)


# --- worker side -------------------------------------------------------------------------------


def _verification_locked(document: OfficialDocument) -> Verification:
    if not Verification.objects.filter(document=document).exists():
        try:
            with transaction.atomic():
                Verification.objects.create(document=document)
        except IntegrityError:
            pass  # created by a concurrent run
    return Verification.objects.select_for_update().get(document=document)


def _save(name: str, data: bytes) -> str:
    if default_storage.exists(name):
        default_storage.delete(name)
    return default_storage.save(name, ContentFile(data))


def _read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def _size(layout: pades.Layout, name: str) -> tuple[float, float]:
    box = layout.signature(name).box
    return box.width, box.height


def _record(document, *, role, field_name, order, unit, credential, signed_at, level, signer=None, signed_by=None,
            signer_name="") -> AppliedSignature:
    return AppliedSignature.objects.create(
        document=document, role=role, field_name=field_name, order=order, signer=signer, unit=unit, signed_by=signed_by,
        signed_at=signed_at, signer_name=signer_name, subject=credential.subject, issuer=credential.issuer,
        serial=credential.serial, not_before=credential.not_before, not_after=credential.not_after, level=level,
    )


def _sign(pdf: bytes, *, credential: SigningCredential, field_name: str, appearance_pdf: bytes, signed_at, certify=False,
          reason="", location="", embed=True) -> bytes:
    level = trust.signature_level()
    chain = pades.load_certificates([bytes(credential.chain)]) if credential.chain else []
    with keys.open_signer(credential) as signer:
        try:
            return pades.sign_field(
                pdf, field_name=field_name, signer=signer, appearance_pdf=appearance_pdf, signed_at=signed_at,
                certify=certify, validation_context=trust.validation_context(other_certs=chain),
                timestamper=trust.timestamper(), embed_validation_info=embed and level == trust.LEVEL_BLT, reason=reason,
                location=location,
            )
        except pades.SignatureRefused as error:
            raise ValidationError(f"Không ký được bằng chứng thư số {credential.subject}: {error}", code="refused") from error


def _apply_persons(document: OfficialDocument, verification: Verification) -> int:
    signers = list(document.signers.select_related("signed_by", "unit"))
    current = {s.pk: s for s in signers}
    applied = list(AppliedSignature.objects.filter(document=document, role=SignatureRole.SIGNER))
    stale = any(a.signer_id not in current or current[a.signer_id].signed_at != a.signed_at for a in applied)
    if stale or (verification.content and not applied):
        # Returned to draft and signed again, or a run that died half-way: start from the content.
        AppliedSignature.objects.filter(document=document).delete()
        verification.content, verification.layout, applied = "", {}, []
    done = {a.signer_id for a in applied}
    todo = []
    for signer in sorted(signers, key=lambda s: (s.signed_at or timezone.now(), s.order)):
        if signer.signed_at and signer.pk not in done:
            credential = credential_for_user(signer.signed_by)
            if credential is not None:
                todo.append((signer, credential))
    if not todo:
        verification.save()
        return 0
    if verification.content:
        pdf, layout = _read(verification.content), layout_from_json(verification.layout)
    else:
        rendered = render_for_signing(document, code=verification.code, blanks=True)
        pdf, layout = pades.prepare(rendered.pdf, rendered.layout), rendered.layout
    level = trust.signature_level()
    order = len(applied)
    for signer, credential in todo:
        field_name = signer_field(signer.order)
        width, height = _size(layout, field_name)
        pdf = _sign(
            pdf, credential=credential, field_name=field_name,
            appearance_pdf=appearance.signer_appearance(bytes(credential.image) or None, width_pt=width, height_pt=height),
            signed_at=signer.signed_at, certify=order == 0,
            reason=f"{signer.title} {signer.name} ký văn bản", location=document.place_name,
        )
        _record(document, role=SignatureRole.SIGNER, field_name=field_name, order=order, unit=signer.unit,
                credential=credential, signed_at=signer.signed_at, level=level, signer=signer, signed_by=signer.signed_by,
                signer_name=signer.name)
        order += 1
    verification.content = _save(f"signing/{document.pk}/content.pdf", pdf)
    verification.layout = layout_to_json(layout)
    verification.save()
    return len(todo)


def signatures_apply(document_id: int) -> int:
    """Apply the recorded persons' signatures not yet in the PDF. Safe to run twice."""
    with transaction.atomic():
        document = OfficialDocument.objects.select_related("lead_issuer").get(pk=document_id)
        if document.status not in (DocumentStatus.SUBMITTED, DocumentStatus.SIGNED, DocumentStatus.ISSUED):
            return 0
        verification = _verification_locked(document)
        if verification.issued_sha256:
            return 0
        return _apply_persons(document, verification)


def _two_digits_month(month: int) -> str:
    # ND 30/2020 Phụ lục I: a leading zero for months 01 and 02 only.
    return f"{month:02d}" if month < 3 else str(month)


def fill_values(document: OfficialDocument) -> dict[str, str]:
    issued: date = document.issued_on
    return {
        "so": f"{document.number:02d}",
        "ngay": f"{issued.day:02d}",
        "thang": _two_digits_month(issued.month),
        "nam": str(issued.year),
    }


def issued_pdf(document: OfficialDocument) -> bytes:
    """The issued file: persons' signatures, the clerk's number and date, the organisations' signatures.

    Built once; a later call (a retried job, a revoked document's PDF) returns the same bytes.
    """
    with transaction.atomic():
        document = OfficialDocument.objects.select_related("lead_issuer", "issued_by").get(pk=document.pk)
        verification = _verification_locked(document)
        if verification.issued_sha256 and verification.issued_file:
            return _read(verification.issued_file)
        _apply_persons(document, verification)
        persons = AppliedSignature.objects.filter(document=document, role=SignatureRole.SIGNER).count()
        if persons:
            pdf, layout = _read(verification.content), layout_from_json(verification.layout)
            values = {}
            for name, text in fill_values(document).items():
                if any(f.name == name for f in layout.fills):
                    box = layout.fill(name).box
                    italic = name != "so"
                    values[name] = (text, appearance.text_appearance(
                        text, width_pt=box.width, height_pt=box.height, size_pt=14 if italic else 13, italic=italic,
                        align="center" if italic else "right"))
            pdf = pades.fill(pdf, values)
        else:
            rendered = render_for_signing(document, code=verification.code, blanks=False, digital_signers=set())
            pdf, layout = pades.prepare(rendered.pdf, rendered.layout), rendered.layout
        pdf = _apply_organisations(document, pdf, layout, order=persons)
        digest = hashlib.sha256(pdf).hexdigest()
        verification.issued_file = _save(f"signing/{document.pk}/issued-{digest[:12]}.pdf", pdf)
        verification.issued_sha256, verification.issued_size = digest, len(pdf)
        verification.level = trust.signature_level() if document.digital_signatures.exists() else ""
        verification.layout = layout_to_json(layout)
        verification.save()
        return pdf


def _with_issue_validation_data(pdf: bytes, credentials: list[SigningCredential]) -> bytes:
    """B-LT: the organisations' chains and revocation answers go in before they sign (see pades)."""
    if trust.signature_level() != trust.LEVEL_BLT or not credentials:
        return pdf
    certificates = [pades.load_certificates([bytes(c.certificate)])[0] for c in credentials]
    intermediates = [cert for c in credentials if c.chain for cert in pades.load_certificates([bytes(c.chain)])]
    try:
        return pades.add_validation_data(
            pdf, certificates=certificates, intermediates=intermediates,
            validation_context=trust.validation_context(other_certs=intermediates),
        )
    except pades.SignatureRefused as error:
        raise ValidationError(f"Chứng thư số của cơ quan không dùng được để ký: {error}", code="refused") from error


def _apply_organisations(document: OfficialDocument, pdf: bytes, layout: pades.Layout, *, order: int) -> bytes:
    issuers = document.ordered_issuers()
    level = trust.signature_level()
    signed_at = timezone.now().replace(microsecond=0)
    names = {s.name for s in layout.signatures}
    pdf = _with_issue_validation_data(pdf, [c for c in (credential_for_unit(u) for u in issuers) if c is not None])
    lead_credential = credential_for_unit(issuers[0])
    for index in range(len(document.annexes)):
        field_name = annex_field(index)
        if field_name not in names or lead_credential is None:
            continue
        width, height = _size(layout, field_name)
        pdf = _sign(
            pdf, credential=lead_credential, field_name=field_name, signed_at=signed_at,
            appearance_pdf=appearance.annex_appearance(symbol=document.symbol, signed_at=signed_at, width_pt=width, height_pt=height),
            reason=f"Phụ lục {index + 1} kèm theo văn bản số {document.symbol}", location=document.place_name, embed=False,
        )
        _record(document, role=SignatureRole.ANNEX, field_name=field_name, order=order, unit=issuers[0],
                credential=lead_credential, signed_at=signed_at, level=level, signed_by=document.issued_by,
                signer_name=issuers[0].name)
        order += 1
    # Partners first, the lead last: its signature locks the number and date and closes the file.
    for index, unit in reversed(list(enumerate(issuers))):
        field_name = organisation_field(index)
        if field_name not in names:
            continue
        credential = credential_for_unit(unit)
        if credential is None:
            if settings.THIDUA_SIGNING_REQUIRED:
                raise ValidationError(f"{unit.name} chưa có chứng thư số của cơ quan.", code="no_unit_credential")
            continue
        width, height = _size(layout, field_name)
        pdf = _sign(
            pdf, credential=credential, field_name=field_name, signed_at=signed_at,
            appearance_pdf=appearance.organisation_appearance(
                bytes(credential.image) or None, organisation=unit.name, signed_at=signed_at, width_pt=width,
                height_pt=height, seal_pt=settings.THIDUA_SEAL_DIAMETER_MM * pades.MM,
            ),
            reason=f"{unit.name} ban hành văn bản số {document.symbol}", location=document.place_name, embed=False,
        )
        _record(document, role=SignatureRole.ORGANISATION, field_name=field_name, order=order, unit=unit,
                credential=credential, signed_at=signed_at, level=level, signed_by=document.issued_by, signer_name=unit.name)
        order += 1
    return pdf
