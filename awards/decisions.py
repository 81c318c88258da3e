"""The decision (Quyết định khen thưởng) for passed nominations, the award history it writes, and certificates."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from pypdf import PdfWriter

from documents.models import DocumentStatus, DocumentType, OfficialDocument
from documents.numbering import golden_book_next
from documents.pdf import render_certificate_pdf
from documents.services import document_create
from units.audit import audit_record
from units.models import Role, User
from units.scoping import has_any_role

from .eligibility import rule_for
from .models import AwardRecord, AwardRound, BaseSalary, Nomination, NominationStatus


def reward_money(*, nomination: Nomination, on: datetime.date) -> int | None:
    """Base salary valid on the decision date × the title's multiple (ND 98/2023 Art 54)."""
    rule = rule_for(nomination.award_kind.code, nomination.round.achievement_year)
    salary = BaseSalary.objects.filter(valid_from__lte=on).first()
    if rule is None or rule.reward_multiple is None or salary is None:
        return None
    return int(Decimal(salary.amount) * rule.reward_multiple)


def _require(actor: User, award_round: AwardRound) -> None:
    if not has_any_role(actor, (Role.COUNCIL_SECRETARY, Role.CAMPAIGN_MANAGER, Role.CLERK), award_round.deciding_unit):
        raise PermissionDenied("Chỉ thư ký Hội đồng hoặc cán bộ thi đua của cơ quan quyết định được lập quyết định.")


@transaction.atomic
def decision_draft(*, award_round: AwardRound, actor: User, signer_title: str, signer_name: str) -> OfficialDocument:
    """Draft the Quyết định for the round's passed nominations, with the annex of recipients and money."""
    _require(actor, award_round)
    nominations = list(
        Nomination.objects.select_for_update(of=("self",)).filter(round=award_round, status=NominationStatus.PASSED, decision__isnull=True)
        .select_related("award_kind", "person__unit", "unit", "round")
    )
    if not nominations:
        raise ValidationError("Chưa có hồ sơ nào được Hội đồng thông qua để lập quyết định.", code="empty")
    today = datetime.date.today()
    rows = []
    for index, nomination in enumerate(nominations, start=1):
        money = reward_money(nomination=nomination, on=today)
        rows.append([
            str(index), str(nomination.subject), nomination.subject_unit.name if nomination.person_id else "", nomination.award_kind.name,
            f"{money:,}".replace(",", ".") if money else "Theo quy định",
        ])
    decider = award_round.deciding_unit
    document = document_create(
        actor=actor,
        doc_type=DocumentType.DECISION,
        issuers=[decider],
        subject=f"Về việc khen thưởng thành tích năm {award_round.achievement_year}",
        legal_bases=[
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
            "Căn cứ kết quả bỏ phiếu của Hội đồng Thi đua - Khen thưởng;",
        ],
        body=[
            {"heading": "Điều 1.", "text": f"Khen thưởng {len(nominations)} tập thể, cá nhân có tên tại Phụ lục kèm theo, đã có thành tích năm {award_round.achievement_year}."},
            {"heading": "Điều 2.", "text": "Tiền thưởng thực hiện theo quy định hiện hành, mức tại Phụ lục."},
            {"heading": "Điều 3.", "text": "Quyết định có hiệu lực kể từ ngày ký. Thủ trưởng các đơn vị liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này."},
        ],
        annexes=[{"title": "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG", "headers": ["STT", "Tập thể, cá nhân", "Đơn vị", "Hình thức", "Tiền thưởng (đồng)"], "rows": rows}],
        recipients=["Như Điều 3", "Hội đồng Thi đua - Khen thưởng"],
        signers=[{"unit": decider, "title": signer_title, "name": signer_name}],
    )
    Nomination.objects.filter(pk__in=[n.pk for n in nominations]).update(decision=document)
    audit_record(actor=actor, action="decision_draft", obj=document, unit=decider, summary=f"Dự thảo quyết định khen thưởng {len(nominations)} trường hợp")
    return document


@transaction.atomic
def decision_record(*, document: OfficialDocument, actor: User) -> list[AwardRecord]:
    """After the decision is issued: write the award history and give each award its số sổ vàng."""
    if document.status != DocumentStatus.ISSUED:
        raise ValidationError("Quyết định chưa được cấp số, ban hành.", code="not_issued")
    nominations = list(Nomination.objects.select_for_update().filter(decision=document, status=NominationStatus.PASSED).select_related("round", "award_kind"))
    if not nominations:
        raise ValidationError("Quyết định này đã được ghi nhận vào lịch sử.", code="done")
    _require(actor, nominations[0].round)
    records = []
    for nomination in nominations:
        records.append(AwardRecord.objects.create(
            person=nomination.person, unit=nomination.unit, award_kind=nomination.award_kind, year=nomination.round.achievement_year,
            decision=f"Quyết định số {document.symbol} ngày {document.issued_on:%d/%m/%Y}", decided_on=document.issued_on,
            achievement=nomination.achievement[:300], nomination=nomination,
            golden_book_number=golden_book_next(issuer=document.lead_issuer, year=document.issued_on.year),
        ))
        nomination.status = NominationStatus.DECIDED
        nomination.save(update_fields=["status"])
    audit_record(actor=actor, action="decision_record", obj=document, unit=document.lead_issuer, summary=f"Ghi nhận {len(records)} khen thưởng, cấp số sổ vàng")
    return records


def certificate_pdf(record: AwardRecord) -> bytes:
    """The certificate of one award (Bằng khen, Giấy khen, Cờ thi đua), with its số sổ vàng."""
    nomination = record.nomination
    document = nomination.decision if nomination else None
    decider = nomination.round.deciding_unit if nomination else None
    signer = document.signers.first() if document else None
    giver = f"{signer.title} {decider.name}" if signer and decider else (decider.name if decider else "")
    return render_certificate_pdf(
        form_name=_certificate_title(record.award_kind.code, record.award_kind.name),
        giver_title=giver,
        recipient=str(record.person or record.unit),
        recipient_detail=record.person.unit.name if record.person_id else "",
        achievement=f"Đã có thành tích xuất sắc năm {record.year}. {record.achievement}".strip(),
        decision_symbol=document.symbol if document else record.decision,
        decision_date=record.decided_on,
        golden_book_number=record.golden_book_number,
        place_name=decider.place_name if decider else "",
        signer_title=signer.title if signer else "",
        signer_name=signer.name if signer else "",
    )


def _certificate_title(code: str, name: str) -> str:
    if code.startswith("bk"):
        return "Bằng khen"
    if code.startswith("co"):
        return "Cờ thi đua"
    if code == "giay-khen":
        return "Giấy khen"
    return name


def certificates_bundle(records) -> bytes:
    """All certificates of a decision in one PDF for printing."""
    writer = PdfWriter()
    for record in records:
        writer.append(io.BytesIO(certificate_pdf(record)))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
