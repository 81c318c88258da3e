"""The life of a document after drafting: submit, return, sign, issue (number), revoke, replace."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from common.text import nfc
from units.audit import audit_record
from units.models import Role, User
from units.scoping import has_role

from .. import todo
from ..extensions import run_issue_hooks
from ..models import DocumentStatus, OfficialDocument, PdfJobKind
from ..numbering import build_symbol, issuer_settings, local_today, register_key, register_next_number
from ..policies import can_return, can_sign_block
from .drafting import document_create, fill_from_account
from .pdfjobs import pdf_job_request


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
    # A joint document binds each issuer only by its own leader's signature (ND 30/2020, Phụ lục I, ô 7):
    # a unit cannot name another body as co-issuer and issue without that body signing.
    signing_units = set(document.signers.values_list("unit_id", flat=True))
    if unsigned := [unit.name for unit in document.ordered_issuers() if unit.pk not in signing_units]:
        raise ValidationError(
            f"Văn bản liên tịch cần chữ ký của lãnh đạo từng cơ quan ban hành; chưa có ô chữ ký của {', '.join(unsigned)}.",
            code="issuer_unsigned",
        )
    document.status = DocumentStatus.SUBMITTED
    document.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="document_submit", obj=document, unit=document.lead_issuer, summary="Trình ký")
    todo.notify_signers(document)
    return document


@transaction.atomic
def document_return_to_draft(*, document: OfficialDocument, actor: User) -> OfficialDocument:
    document = _transition(document, DocumentStatus.SUBMITTED, "Chỉ trả lại văn bản đang trình ký.", "not_submitted")
    if not can_return(actor, document):
        raise PermissionDenied("Chỉ lãnh đạo có thẩm quyền ký mới trả lại văn bản.")
    document.signers.update(signed_by=None, signed_at=None)
    document.status = DocumentStatus.DRAFT
    document.save(update_fields=["status", "updated_at"])
    audit_record(actor=actor, action="document_return", obj=document, unit=document.lead_issuer, summary="Trả lại dự thảo")
    return document


@transaction.atomic
def document_sign(*, document: OfficialDocument, actor: User) -> OfficialDocument:
    """Sign every pending block ``actor`` may sign (``documents.policies.can_sign_block``).

    The block then prints the authority, title and name of the signing account (its signing position
    for the issuer, or its meeting role), never typed text (ND 30/2020, Phụ lục I, ô 7a–7b). A joint
    document, or minutes signed by the chair and the secretary, becomes "signed" when every block is.
    """
    document = _transition(document, DocumentStatus.SUBMITTED, "Chỉ ký văn bản đang trình ký.", "not_submitted")
    pending = [s for s in document.signers.select_related("unit") if s.signed_at is None]
    mine = [s for s in pending if can_sign_block(actor, s)]
    if not mine:
        raise PermissionDenied("Tài khoản không có thẩm quyền ký văn bản này.")
    from ..signing.services import after_sign, sign_check

    sign_check(actor=actor)  # an expired or revoked certificate cannot sign (docs/signatures.md)
    now = timezone.now().replace(microsecond=0)
    for signer in mine:
        fill_from_account(signer, actor)
        signer.signed_by, signer.signed_at = actor, now
        signer.save(update_fields=["authority", "authority_body", "title", "name", "signed_by", "signed_at"])
    if len(mine) == len(pending):
        document.status = DocumentStatus.SIGNED
        document.save(update_fields=["status", "updated_at"])
        if not issuer_settings(document.lead_issuer).auto_number:
            todo.notify_clerks(document)
    after_sign(document)  # the worker applies the digital signature on commit
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
        account = signed_by[signer.unit_id]
        try:
            fill_from_account(signer, account)
        except ValidationError:
            # No signing position declared: the title the member gave when signing in the app stays;
            # the name is always the signing account's.
            signer.name = account.get_full_name()
        signer.signed_by, signer.signed_at = account, now
        signer.save(update_fields=["authority", "authority_body", "title", "name", "signed_by", "signed_at"])
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
    issued_on = issued_on or document.dated_on or local_today()
    key = register_key(
        issuer=lead, series=document.series, doc_type=document.doc_type, advisory_body=document.advisory_body
    )
    def symbol_for(value: int) -> str:
        return build_symbol(
            number=value,
            doc_type=document.doc_type,
            issuers=issuers,
            drafting_unit=document.drafting_unit,
            advisory_body=document.advisory_body,
            series=document.series,
        )

    if number is None:
        number = register_next_number(issuer=lead, year=issued_on.year, key=key)
        # Number and symbol are unique for the issuer within the year across all its series (Art 22 k1):
        # a number whose symbol another register already gave (the series mode changed during the
        # year) is skipped, never given twice.
        while _symbol_taken(lead, issued_on.year, symbol_for(number)):
            number = register_next_number(issuer=lead, year=issued_on.year, key=key)
    document.number = number
    document.year = issued_on.year
    document.register_key = key
    document.issued_on = issued_on
    document.symbol = symbol_for(number)
    document.status, document.issued_by = DocumentStatus.ISSUED, actor
    document.save()
    audit_record(
        actor=actor, action="document_issue", obj=document, unit=lead, summary=f"Cấp số {document.symbol} ngày {issued_on:%d/%m/%Y}"
    )
    mark_replaced_on_issue(document)
    pdf_job_request(document=document, actor=actor, kind=PdfJobKind.DOCUMENT)
    run_issue_hooks(document=document, actor=actor)
    todo.notify_issued(document)
    return document


def _symbol_taken(issuer, year: int, symbol: str) -> bool:
    return OfficialDocument.objects.filter(lead_issuer=issuer, year=year, symbol=symbol, number__isnull=False).exists()


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
        {"unit": s.unit, "account": s.account, "meeting_role": s.meeting_role}
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
        advisory_body=document.advisory_body,
        dated_on=document.dated_on,
    )
    draft.replaces = document
    draft.save(update_fields=["replaces"])
    return draft


def mark_replaced_on_issue(document: OfficialDocument) -> None:
    if document.replaces_id:
        OfficialDocument.objects.filter(pk=document.replaces_id, status=DocumentStatus.ISSUED).update(
            status=DocumentStatus.REPLACED
        )
