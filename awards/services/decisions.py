"""The decision (Quyết định khen thưởng) for passed nominations; at its issue, the award history and the
certificates it gives."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from campaigns.services import notify_units
from common.policies import ensure
from documents.models import DocumentStatus, DocumentType, OfficialDocument
from documents.numbering import golden_book_next
from documents.services import document_create
from units.audit import audit_record
from units.models import User

from .. import policies
from ..models import AwardRecord, AwardRound, Nomination, NominationStatus
from ..selectors.decisions import reward_money
from .certificates import certificates_request


@transaction.atomic
def decision_draft(*, award_round: AwardRound, actor: User, signer_title: str, signer_name: str) -> OfficialDocument:
    """Draft the Quyết định for the round's passed nominations, with the annex of recipients and money."""
    ensure(policies.decide_round_refusal(actor, award_round))
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
            str(index), str(nomination.subject), nomination.subject_unit.label if nomination.person_id else "", nomination.award_kind.name,
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


def decision_issued(*, document: OfficialDocument, actor: User | None) -> list[AwardRecord]:
    """Run when a document is issued (``documents.extensions.on_issue``): if it is the decision of passed
    nominations, write the award history with each award's số sổ vàng, queue the certificates and tell the
    proposing units. The issue itself was the authorised act; this is its consequence, in its transaction."""
    if document.status != DocumentStatus.ISSUED:
        return []
    nominations = list(
        Nomination.objects.select_for_update(of=("self",)).filter(decision=document, status=NominationStatus.PASSED)
        .select_related("round", "award_kind", "proposing_unit", "person", "unit")
    )
    if not nominations:
        return []
    records = []
    for nomination in nominations:
        records.append(AwardRecord.objects.create(
            person=nomination.person, unit=nomination.unit, award_kind=nomination.award_kind, year=nomination.round.achievement_year,
            decision=f"Quyết định số {document.symbol} ngày {document.issued_on:%d/%m/%Y}", decided_on=document.issued_on,
            achievement=nomination.achievement[:300], nomination=nomination, deciding_unit=nomination.round.deciding_unit,
            golden_book_number=golden_book_next(issuer=document.lead_issuer, year=document.issued_on.year),
        ))
        nomination.status = NominationStatus.DECIDED
        nomination.save(update_fields=["status"])
    audit_record(actor=actor, action="decision_record", obj=document, unit=document.lead_issuer, summary=f"Ghi nhận {len(records)} khen thưởng, cấp số sổ vàng")
    certificates_request(document=document, actor=actor)
    for unit in {n.proposing_unit for n in nominations}:
        names = "; ".join(f"{n.subject} – {n.award_kind.name}" for n in nominations if n.proposing_unit_id == unit.pk)
        notify_units(
            units=[unit],
            key=f"decision-issued-{document.pk}-{unit.pk}",
            text=f"Quyết định {document.symbol} ngày {document.issued_on:%d/%m/%Y} khen thưởng: {names}"[:500],
            link=document.get_absolute_url(),
        )
    return records
