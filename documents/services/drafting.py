"""Drafting: create a draft and edit it while it is a draft (issuers, signers, body, annexes)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from common.text import nfc
from units.audit import audit_record
from units.models import Unit, User

from ..models import AdvisoryBody, DocumentIssuer, DocumentSigner, DocumentStatus, OfficialDocument, Series
from ..numbering import council_body
from ..policies import signing_position


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
        account = signer.get("account")
        meeting_role = nfc(signer.get("meeting_role", ""))
        if meeting_role and account is None:
            raise ValidationError("Người ký theo chức trách cuộc họp phải là một tài khoản cụ thể.", code="meeting_role_account")
        row = DocumentSigner(
            document=document,
            unit=unit,
            account=account,
            meeting_role=meeting_role,
            # Until the block is signed these are only what the drafter expects; signing replaces them
            # with the signing account's position and full name.
            authority=signer.get("authority", ""),
            authority_body=nfc(signer.get("authority_body", "")),
            title=nfc(signer.get("title", "")),
            name=nfc(signer.get("name", "")),
            order=index,
        )
        if account is not None:
            fill_from_account(row, account)
        rows.append(row)
    for row in rows:
        row.full_clean(exclude=["document"])
    DocumentSigner.objects.bulk_create(rows)


def fill_from_account(block: DocumentSigner, account: User) -> None:
    """Print the block as the account signs: its position for the unit (or its meeting role) and its name.

    Raises ``ValidationError`` (code ``no_position``) when the account has no signing position for the unit.
    """
    if block.meeting_role:
        block.authority, block.authority_body, block.title = "", "", block.meeting_role
    else:
        position = signing_position(account, block.unit)
        if position is None:
            raise ValidationError(
                f"Tài khoản {account.get_full_name()} chưa được khai báo chức vụ ký văn bản của {block.unit}. "
                "Quản trị hệ thống khai báo “Chức vụ ký văn bản” cho tài khoản này.",
                code="no_position",
            )
        block.authority, block.authority_body, block.title = position.authority, position.authority_body, position.title
    block.name = account.get_full_name()


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
    advisory_body: AdvisoryBody | None = None,
    dated_on: date | None = None,
    source_note: str = "",
) -> OfficialDocument:
    """Create a draft. ``issuers`` lists the lead first; a joint document has one signer per issuer.

    ``signers``: one dict per signature block, ``{"unit", "account", "meeting_role"}``. Without an
    account, any leader holding the signer role of the unit signs; the printed authority, title and
    name come from the signing account when it signs (``documents.policies.signing_position``).
    ``title``, ``name``, ``authority`` and ``authority_body`` are still accepted as what the drafter
    expects to see on the draft preview; signing replaces them.

    ``advisory_body`` (or ``series=Series.COUNCIL``, which means the lead's Hội đồng Thi đua - Khen
    thưởng): the document is issued by that council, board or team with its own heading and series.
    ``dated_on``: the date the document must carry (minutes carry the meeting day).
    ``source_note``: a historical document transcribed from a source; nothing is defaulted on paper.
    """
    issuers = list(issuers)
    if not issuers:
        raise ValidationError("Văn bản phải có ít nhất một cơ quan ban hành.", code="no_issuer")
    lead = issuers[0]
    if series == Series.COUNCIL and advisory_body is None:
        advisory_body = council_body(lead)
    if advisory_body is not None:
        if advisory_body.unit_id != lead.pk or len(issuers) > 1:
            raise ValidationError("Tổ chức tư vấn ban hành văn bản thay cho chính cơ quan của mình.", code="advisory_unit")
        series = Series.COUNCIL
    source_note = nfc(source_note)
    document = OfficialDocument(
        doc_type=doc_type,
        subject=nfc(subject),
        place_name=nfc(place_name) or lead.place_name,
        legal_bases=_clean_lines(legal_bases),
        body=_clean_body(body),
        annexes=_clean_annexes(annexes),
        recipients=_clean_lines(recipients),
        archive_note=nfc(archive_note) or ("" if source_note else "VT"),
        series=Series.SECRET if is_secret else (series or Series.MAIN),
        advisory_body=advisory_body,
        dated_on=dated_on,
        source_note=source_note,
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
