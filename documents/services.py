"""Writes for official documents: draft, submit, sign, issue (number), revoke, replace, PDF jobs."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from units.audit import audit_record
from units.models import Role, Unit, User
from units.scoping import has_role
from units.services import nfc

from .models import (
    DocumentIssuer,
    DocumentSigner,
    DocumentStatus,
    DocumentType,
    OfficialDocument,
    PdfJob,
    PdfJobKind,
    PdfJobState,
    Series,
)
from .numbering import build_symbol, issuer_settings, local_today, register_key, register_next_number

logger = logging.getLogger(__name__)


def _clean_lines(lines: Sequence[str]) -> list[str]:
    return [nfc(line) for line in lines if line and nfc(line)]


def _clean_body(body: Sequence[dict]) -> list[dict]:
    sections = []
    for section in body:
        heading = nfc(section.get("heading", ""))
        text = nfc(section.get("text", ""))
        items = _clean_lines(section.get("items", ()))
        chart = [
            {"label": nfc(str(bar["label"])), "width": max(0, min(int(bar["width"]), 165)), "text": nfc(str(bar.get("text", "")))}
            for bar in section.get("chart", ())
        ]
        if heading or text or items or chart:
            part = {"heading": heading, "text": text, "items": items}
            if chart:
                part.update(chart=chart, chart_height=len(chart) * 16 + 4, caption=nfc(section.get("caption", "")))
            sections.append(part)
    return sections


def _clean_annexes(annexes: Sequence[dict]) -> list[dict]:
    cleaned = []
    for annex in annexes:
        headers = [nfc(str(h)) for h in annex.get("headers", ())]
        rows = [[nfc(str(c)) if c is not None else "" for c in row] for row in annex.get("rows", ())]
        if any(len(row) != len(headers) for row in rows):
            raise ValidationError("Mỗi dòng phụ lục phải có đủ số cột như tiêu đề.", code="annex_shape")
        cleaned.append(
            {"title": nfc(annex.get("title", "")), "headers": headers, "rows": rows, "landscape": bool(annex.get("landscape"))}
        )
    return cleaned


def _set_parts(document: OfficialDocument, *, issuers: Sequence[Unit], signers: Sequence[dict]) -> None:
    if not issuers:
        raise ValidationError("Văn bản phải có ít nhất một cơ quan ban hành.", code="no_issuer")
    if len({u.pk for u in issuers}) != len(issuers):
        raise ValidationError("Một cơ quan chỉ được ghi một lần trong danh sách cơ quan ban hành.", code="dup_issuer")
    document.issuer_links.all().delete()
    DocumentIssuer.objects.bulk_create(
        [DocumentIssuer(document=document, unit=unit, order=index) for index, unit in enumerate(issuers)]
    )
    document.signers.all().delete()
    issuer_ids = {u.pk for u in issuers}
    rows = []
    for index, signer in enumerate(signers):
        unit = signer.get("unit") or issuers[0]
        if unit.pk not in issuer_ids:
            raise ValidationError("Người ký phải thuộc một cơ quan ban hành.", code="signer_unit")
        rows.append(
            DocumentSigner(
                document=document,
                unit=unit,
                authority=signer.get("authority", ""),
                authority_body=nfc(signer.get("authority_body", "")),
                title=nfc(signer.get("title", "")),
                name=nfc(signer.get("name", "")),
                order=index,
            )
        )
    for row in rows:
        row.full_clean(exclude=["document"])
    DocumentSigner.objects.bulk_create(rows)


@transaction.atomic
def document_create(
    *,
    actor: User | None,
    doc_type: str,
    issuers: Sequence[Unit],
    subject: str,
    body: Sequence[dict] = (),
    legal_bases: Sequence[str] = (),
    recipients: Sequence[str] = (),
    signers: Sequence[dict] = (),
    annexes: Sequence[dict] = (),
    place_name: str = "",
    series: str = "",
    is_secret: bool = False,
    archive_note: str = "",
    drafting_unit: Unit | None = None,
) -> OfficialDocument:
    """Create a draft. ``issuers`` lists the lead first; a joint document has one signer per issuer."""
    issuers = list(issuers)
    if not issuers:
        raise ValidationError("Văn bản phải có ít nhất một cơ quan ban hành.", code="no_issuer")
    lead = issuers[0]
    document = OfficialDocument(
        doc_type=doc_type,
        subject=nfc(subject),
        place_name=nfc(place_name) or lead.place_name,
        legal_bases=_clean_lines(legal_bases),
        body=_clean_body(body),
        annexes=_clean_annexes(annexes),
        recipients=_clean_lines(recipients),
        archive_note=nfc(archive_note) or "VT",
        series=Series.SECRET if is_secret else (series or Series.MAIN),
        lead_issuer=lead,
        drafting_unit=drafting_unit,
        created_by=actor,
    )
    document.full_clean(exclude=["register_key"])
    document.save()
    _set_parts(document, issuers=issuers, signers=signers)
    audit_record(
        actor=actor, action="document_create", obj=document, unit=lead, summary=f"Soạn {document.get_doc_type_display()}: {document.subject[:200]}"
    )
    return document


def _require_editable(document: OfficialDocument) -> None:
    if document.status != DocumentStatus.DRAFT:
        raise ValidationError(
            "Chỉ sửa được văn bản đang ở trạng thái dự thảo. Văn bản đã ban hành không được sửa; hãy ban hành văn bản thay thế.",
            code="not_editable",
        )


@transaction.atomic
def document_update_draft(
    *,
    actor: User,
    document: OfficialDocument,
    subject: str,
    issuers: Sequence[Unit],
    signers: Sequence[dict],
    body: Sequence[dict] = (),
    legal_bases: Sequence[str] = (),
    recipients: Sequence[str] = (),
    annexes: Sequence[dict] | None = None,
    place_name: str = "",
    doc_type: str | None = None,
) -> OfficialDocument:
    document = OfficialDocument.objects.select_for_update().get(pk=document.pk)
    _require_editable(document)
    issuers = list(issuers)
    document.subject = nfc(subject)
    document.doc_type = doc_type or document.doc_type
    document.body = _clean_body(body)
    document.legal_bases = _clean_lines(legal_bases)
    document.recipients = _clean_lines(recipients)
    if annexes is not None:
        document.annexes = _clean_annexes(annexes)
    document.place_name = nfc(place_name) or issuers[0].place_name
    document.lead_issuer = issuers[0]
    document.full_clean(exclude=["register_key"])
    document.save()
    _set_parts(document, issuers=issuers, signers=signers)
    audit_record(actor=actor, action="document_update", obj=document, unit=document.lead_issuer, summary="Sửa dự thảo")
    return document


def _transition(document: OfficialDocument, expected: str, message: str, code: str) -> OfficialDocument:
    locked = OfficialDocument.objects.select_for_update().get(pk=document.pk)
    if locked.status != expected:
        raise ValidationError(message, code=code)
    return locked


@transaction.atomic
def document_submit(*, document: OfficialDocument, actor: User) -> OfficialDocument:
    document = _transition(document, DocumentStatus.DRAFT, "Chỉ trình ký văn bản đang là dự thảo.", "not_draft")
    if not document.signers.exists():
        raise ValidationError("Văn bản chưa có người ký.", code="no_signer")
    document.status = DocumentStatus.SUBMITTED
    document.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="document_submit", obj=document, unit=document.lead_issuer, summary="Trình ký")
    return document


@transaction.atomic
def document_return_to_draft(*, document: OfficialDocument, actor: User) -> OfficialDocument:
    document = _transition(document, DocumentStatus.SUBMITTED, "Chỉ trả lại văn bản đang trình ký.", "not_submitted")
    if not any(has_role(actor, Role.SIGNER, unit) for unit in document.ordered_issuers()):
        raise PermissionDenied("Chỉ lãnh đạo có thẩm quyền ký mới trả lại văn bản.")
    document.signers.update(signed_by=None, signed_at=None)
    document.status = DocumentStatus.DRAFT
    document.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="document_return", obj=document, unit=document.lead_issuer, summary="Trả lại dự thảo")
    return document


@transaction.atomic
def document_sign(*, document: OfficialDocument, actor: User) -> OfficialDocument:
    """Sign every block of an issuer on which ``actor`` holds the signer role.

    A joint document becomes "signed" when every issuer's block is signed.
    """
    document = _transition(document, DocumentStatus.SUBMITTED, "Chỉ ký văn bản đang trình ký.", "not_submitted")
    pending = [s for s in document.signers.select_related("unit") if s.signed_at is None]
    mine = [s for s in pending if has_role(actor, Role.SIGNER, s.unit)]
    if not mine:
        raise PermissionDenied("Tài khoản không có thẩm quyền ký văn bản này.")
    from .signing.services import after_sign, sign_check

    sign_check(actor=actor)  # an expired or revoked certificate cannot sign (docs/signatures.md)
    now = timezone.now().replace(microsecond=0)
    for signer in mine:
        signer.signed_by, signer.signed_at = actor, now
        signer.save(update_fields=["signed_by", "signed_at"])
    if len(mine) == len(pending):
        document.status = DocumentStatus.SIGNED
        document.save(update_fields=["status", "updated_at"])
    after_sign(document)
    audit_record(
        actor=actor,
        action="document_sign",
        obj=document,
        unit=mine[0].unit,
        summary=f"Ký văn bản ({', '.join(s.unit.short_name for s in mine)})",
    )
    if document.status == DocumentStatus.SIGNED and issuer_settings(document.lead_issuer).auto_number:
        return _issue(document=document, actor=actor, issued_on=None)
    return document


@transaction.atomic
def document_record_signatures(*, document: OfficialDocument, signed_by: dict[int, User]) -> OfficialDocument:
    """Record signatures given outside the document screens (a covenant signed by each member in the app).

    ``signed_by`` maps an issuer's unit id to the account that signed for it; every block must be covered.
    """
    document = _transition(document, DocumentStatus.DRAFT, "Chỉ ghi nhận chữ ký cho văn bản dự thảo.", "not_draft")
    now = timezone.now()
    for signer in document.signers.all():
        if signer.unit_id not in signed_by:
            raise ValidationError(f"{signer.unit} chưa ký.", code="unsigned")
        signer.signed_by, signer.signed_at = signed_by[signer.unit_id], now
        signer.save(update_fields=["signed_by", "signed_at"])
    document.status = DocumentStatus.SIGNED
    document.save(update_fields=["status", "updated_at"])
    audit_record(actor=None, action="document_sign", obj=document, unit=document.lead_issuer, summary="Ghi nhận chữ ký của các đơn vị")
    return document


@transaction.atomic
def document_issue(*, document: OfficialDocument, actor: User, issued_on: date | None = None) -> OfficialDocument:
    """Give a signed document its number and date, then queue its PDF (ND 30/2020, Art 15)."""
    if not has_role(actor, Role.CLERK, document.lead_issuer):
        raise PermissionDenied("Chỉ văn thư của cơ quan chủ trì được cấp số văn bản.")
    document = _transition(document, DocumentStatus.SIGNED, "Chỉ cấp số cho văn bản đã ký.", "not_signed")
    return _issue(document=document, actor=actor, issued_on=issued_on)


def _issue(*, document: OfficialDocument, actor: User | None, issued_on: date | None, number: int | None = None):
    issuers = document.ordered_issuers()
    lead = issuers[0]
    issued_on = issued_on or local_today()
    key = register_key(issuer=lead, series=document.series, doc_type=document.doc_type)
    if number is None:
        number = register_next_number(issuer=lead, year=issued_on.year, key=key)
    document.number = number
    document.year = issued_on.year
    document.register_key = key
    document.issued_on = issued_on
    document.symbol = build_symbol(
        number=number, doc_type=document.doc_type, issuers=issuers, drafting_unit=document.drafting_unit
    )
    document.status, document.issued_by = DocumentStatus.ISSUED, actor
    document.save()
    audit_record(
        actor=actor, action="document_issue", obj=document, unit=lead, summary=f"Cấp số {document.symbol} ngày {issued_on:%d/%m/%Y}"
    )
    mark_replaced_on_issue(document)
    pdf_job_request(document=document, actor=actor, kind=PdfJobKind.DOCUMENT)
    return document


@transaction.atomic
def document_revoke(*, document: OfficialDocument, actor: User, reason: str) -> OfficialDocument:
    """Revoke an issued document. It keeps its number; the number is never reused."""
    if not has_role(actor, Role.SIGNER, document.lead_issuer) and not has_role(actor, Role.CLERK, document.lead_issuer):
        raise PermissionDenied("Tài khoản không có quyền thu hồi văn bản này.")
    document = _transition(document, DocumentStatus.ISSUED, "Chỉ thu hồi văn bản đã ban hành.", "not_issued")
    if not nfc(reason):
        raise ValidationError("Cần nêu lý do thu hồi.", code="no_reason")
    document.status, document.revoked_reason = DocumentStatus.REVOKED, nfc(reason)
    document.save(update_fields=["status", "revoked_reason", "updated_at"])
    audit_record(actor=actor, action="document_revoke", obj=document, unit=document.lead_issuer, summary=f"Thu hồi {document.symbol}")
    return document


@transaction.atomic
def document_replace(*, document: OfficialDocument, actor: User) -> OfficialDocument:
    """Start a correction: a new draft copied from an issued document and linked to it."""
    if document.status != DocumentStatus.ISSUED:
        raise ValidationError("Chỉ thay thế văn bản đã ban hành.", code="not_issued")
    signers = [
        {"unit": s.unit, "authority": s.authority, "authority_body": s.authority_body, "title": s.title, "name": s.name}
        for s in document.signers.all()
    ]
    draft = document_create(
        actor=actor,
        doc_type=document.doc_type,
        issuers=document.ordered_issuers(),
        subject=document.subject,
        body=document.body,
        legal_bases=document.legal_bases,
        recipients=document.recipients,
        signers=signers,
        annexes=document.annexes,
        place_name=document.place_name,
        series=document.series,
        archive_note=document.archive_note,
        drafting_unit=document.drafting_unit,
    )
    draft.replaces = document
    draft.save(update_fields=["replaces"])
    return draft


def mark_replaced_on_issue(document: OfficialDocument) -> None:
    if document.replaces_id:
        OfficialDocument.objects.filter(pk=document.replaces_id, status=DocumentStatus.ISSUED).update(
            status=DocumentStatus.REPLACED
        )


@transaction.atomic
def pdf_job_request(*, document: OfficialDocument, actor: User | None, kind: str = PdfJobKind.DOCUMENT) -> PdfJob:
    """Create the job row in this transaction and dispatch it after commit."""
    if kind == PdfJobKind.DOCUMENT and document.status not in (
        DocumentStatus.ISSUED,
        DocumentStatus.REVOKED,
        DocumentStatus.REPLACED,
    ):
        raise ValidationError("Bản PDF chính thức chỉ tạo cho văn bản đã ban hành.", code="not_issued")
    job = PdfJob.objects.create(document=document, kind=kind, requested_by=actor)
    transaction.on_commit(lambda: pdf_job_dispatch(job.pk))
    return job


@transaction.atomic
def pdf_job_retry(*, job: PdfJob, actor: User) -> PdfJob:
    locked = PdfJob.objects.select_for_update().get(pk=job.pk)
    if locked.state != PdfJobState.FAILED:
        raise ValidationError("Chỉ thử lại yêu cầu bị lỗi.", code="not_failed")
    locked.state, locked.attempts, locked.error = PdfJobState.PENDING, 0, ""
    locked.save(update_fields=["state", "attempts", "error"])
    audit_record(actor=actor, action="pdf_retry", obj=locked.document, unit=locked.document.lead_issuer, summary=f"Thử lại PDF #{locked.pk}")
    transaction.on_commit(lambda: pdf_job_dispatch(locked.pk))
    return locked


def pdf_job_dispatch(job_id: int) -> bool:
    """Send the job to the queue. A broker outage only delays it: the sweeper sends it again."""
    from .tasks import pdf_job_render

    try:
        pdf_job_render.apply_async(args=[job_id], retry=False)
    except Exception as error:  # noqa: BLE001 - any broker failure leaves the job pending
        logger.warning("Không gửi được yêu cầu PDF #%s tới hàng đợi (%s); sẽ gửi lại sau.", job_id, error.__class__.__name__)
        return False
    PdfJob.objects.filter(pk=job_id).update(dispatched_at=timezone.now())
    return True


@transaction.atomic
def document_seed_issued(
    *, document: OfficialDocument, number: int, issued_on: date, signed_by: User | None = None
) -> OfficialDocument:
    """Record a historical document as issued with its real number (demo data and imports)."""
    from .numbering import register_reserve_at_least

    lead = document.lead_issuer
    key = register_key(issuer=lead, series=document.series, doc_type=document.doc_type)
    register_reserve_at_least(issuer=lead, year=issued_on.year, key=key, number=number)
    document.signers.update(signed_by=signed_by, signed_at=timezone.now())
    return _issue(document=document, actor=signed_by, issued_on=issued_on, number=number)


__all__ = [
    "DocumentType",
    "document_create",
    "document_update_draft",
    "document_submit",
    "document_return_to_draft",
    "document_sign",
    "document_issue",
    "document_revoke",
    "document_replace",
    "pdf_job_request",
    "pdf_job_retry",
    "pdf_job_dispatch",
]
