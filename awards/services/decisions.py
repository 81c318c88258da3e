"""The decision (Quyết định khen thưởng) for passed nominations; at its issue, the award history and the
certificates it gives."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from campaigns.services import notify_units
from common.policies import ensure
from documents.drafts import award_decision
from documents.models import DocumentStatus, DocumentType, OfficialDocument
from documents.numbering import golden_book_numbers
from documents.services import document_create
from units.audit import audit_record
from units.models import User

from .. import policies
from ..models import AwardCategory, AwardKind, AwardRecord, AwardRound, Nomination, NominationStatus, RoundKind
from ..selectors.decisions import decision_bases, proposer_of, reward_money
from .certificates import certificates_request


@transaction.atomic
def decision_draft(*, award_round: AwardRound, actor: User, award_kind: AwardKind | None = None) -> OfficialDocument:
    """Draft the Quyết định "Tặng {award} …" for the round's passed nominations of one title or form.

    Căn cứ: the text that gives the deciding body its power (``DecisionBasis``), the Law and the decree
    detailing it in force today (``RuleSet.decision_bases``), then "Xét đề nghị của …" (the council or its
    standing body); the council's vote is not a căn cứ. The annex lists each recipient and amount (blank
    where the law's multiple is not confirmed). The signer is whoever signs for the deciding body: the
    title and name come from the signing account (``documents.document_sign``).
    """
    ensure(policies.decide_round_refusal(actor, award_round))
    pending = (
        Nomination.objects.select_for_update(of=("self",)).filter(round=award_round, status=NominationStatus.PASSED, decision__isnull=True)
        .select_related("award_kind", "person__unit", "unit__parent", "round__campaign").order_by("pk")
    )
    nominations = list(pending)
    if not nominations:
        raise ValidationError("Chưa có hồ sơ nào được Hội đồng thông qua để lập quyết định.", code="empty")
    kinds = {n.award_kind for n in nominations}
    if award_kind is None and len(kinds) > 1:
        names = "; ".join(sorted(k.name for k in kinds))
        raise ValidationError(f"Mỗi quyết định tặng một danh hiệu, hình thức: chọn một trong {names}.", code="choose_kind")
    kind = award_kind or kinds.pop()
    nominations = [n for n in nominations if n.award_kind_id == kind.pk]
    if not nominations:
        raise ValidationError(f"Không có hồ sơ {kind.name} nào chờ lập quyết định.", code="empty")
    decider = award_round.deciding_unit
    today = timezone.localdate()
    rows = [(str(n.subject), _unit_column(n), reward_money(nomination=n, on=today)) for n in nominations]
    award = kind.name if kind.category == AwardCategory.FORM else f"danh hiệu “{kind.name}”"
    parts = award_decision(
        decider=decider.name, award=award, achievement=_achievement(award_round), legal_bases=decision_bases(decider, today),
        proposer=proposer_of(decider), recipients_rows=rows, executors="Thủ trưởng các cơ quan, đơn vị có liên quan",
    )
    document = document_create(
        actor=actor,
        doc_type=DocumentType.DECISION,
        issuers=[decider],
        subject=f"Về việc tặng {award}",
        recipients=["Như Điều 3"],
        signers=[{"unit": decider}],
        archive_note="VT",
        **parts,
    )
    Nomination.objects.filter(pk__in=[n.pk for n in nominations]).update(decision=document)
    audit_record(actor=actor, action="decision_draft", obj=document, unit=decider, summary=f"Dự thảo quyết định tặng {kind.name}: {len(nominations)} trường hợp")
    return document


def _unit_column(nomination: Nomination) -> str:
    if nomination.person_id:
        return nomination.person.unit.label
    return nomination.unit.parent.label if nomination.unit.parent_id else ""


def _achievement(award_round: AwardRound) -> str:
    year = award_round.achievement_year
    if award_round.kind == RoundKind.SUDDEN:
        return "đã có thành tích xuất sắc đột xuất"
    if award_round.campaign_id:
        return f"đã có thành tích xuất sắc trong {award_round.campaign.name} năm {year}"
    return f"đã có thành tích xuất sắc trong thực hiện nhiệm vụ năm {year}"


def decision_issued(*, document: OfficialDocument, actor: User | None) -> list[AwardRecord]:
    """Run when a document is issued (``documents.extensions.on_issue``): if it is the decision of passed
    nominations, write the award history with each award's số sổ vàng, queue the certificates and tell the
    proposing units. The issue itself was the authorised act; this is its consequence, in its transaction."""
    if document.status != DocumentStatus.ISSUED:
        return []
    nominations = list(
        Nomination.objects.select_for_update(of=("self",)).filter(decision=document, status=NominationStatus.PASSED)
        .select_related("round", "award_kind", "proposing_unit", "person", "unit").order_by("pk")
    )
    if not nominations:
        return []
    # In the order of the annex; one lock of the golden-book register for the whole decision.
    numbers = golden_book_numbers(issuer=document.lead_issuer, year=document.issued_on.year, count=len(nominations))
    decision = f"Quyết định số {document.symbol} ngày {document.issued_on:%d/%m/%Y}"
    records = AwardRecord.objects.bulk_create([
        AwardRecord(
            person=nomination.person, unit=nomination.unit, award_kind=nomination.award_kind, year=nomination.round.achievement_year,
            decision=decision, decided_on=document.issued_on, achievement=nomination.achievement[:300], nomination=nomination,
            deciding_unit_id=nomination.round.deciding_unit_id, golden_book_number=number, rank=nomination.award_kind.sort_order,
        )
        for nomination, number in zip(nominations, numbers, strict=True)
    ], batch_size=500)
    Nomination.objects.filter(pk__in=[n.pk for n in nominations]).update(status=NominationStatus.DECIDED)
    audit_record(actor=actor, action="decision_record", obj=document, unit=document.lead_issuer, summary=f"Ghi nhận {len(records)} khen thưởng, cấp số sổ vàng")
    certificates_request(document=document, actor=actor, records=records)
    for unit in {n.proposing_unit for n in nominations}:
        names = "; ".join(f"{n.subject} – {n.award_kind.name}" for n in nominations if n.proposing_unit_id == unit.pk)
        notify_units(
            units=[unit],
            key=f"decision-issued-{document.pk}-{unit.pk}",
            text=f"Quyết định {document.symbol} ngày {document.issued_on:%d/%m/%Y} khen thưởng: {names}"[:500],
            link=document.get_absolute_url(),
        )
    return records
