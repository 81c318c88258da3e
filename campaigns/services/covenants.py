"""Cluster covenants (giao ước thi đua): drafting, signing, scoring and the suy tôn vote.

Hướng dẫn 1479/HD-BTĐKT (2016) and Thông tư 22/2023/TT-BCT Art 6: units in a cụm/khối sign one covenant with a scoring table; members
self-score, the lead confirms, the ranking follows, and the cluster elects its leading unit.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models, transaction

from common.policies import ensure
from common.text import nfc
from documents.models import DocumentType
from documents.policies import signing_position
from documents.services import document_create, document_record_signatures
from units.audit import audit_record
from units.models import User

from .. import policies
from ..models import Covenant, CovenantCriterion, CovenantScore, CovenantSignature, CovenantStatus, LeaderVote
from ..selectors.covenants import lead_membership, members
from . import handovers


@transaction.atomic
def covenant_create(*, actor: User, cluster, year: int, criteria: Sequence[tuple[str, Decimal]], content: str = "", campaign=None) -> Covenant:
    """The cluster lead drafts the covenant and its criteria table."""
    lead = lead_membership(cluster, year)
    exists = Covenant.objects.filter(cluster=cluster, year=year).exists()
    ensure(policies.draft_covenant_refusal(actor, lead_unit=lead.unit if lead else None, exists=exists))
    if not criteria:
        raise ValidationError("Giao ước cần bảng tiêu chí chấm điểm.", code="no_criteria")
    covenant = Covenant.objects.create(cluster=cluster, year=year, lead_unit=lead.unit, content=nfc(content), campaign=campaign, created_by=actor)
    for order, (text, points) in enumerate(criteria, start=1):
        if points is None or points <= 0:
            raise ValidationError(f"Tiêu chí “{text}”: điểm tối đa phải lớn hơn 0.", code="points")
        CovenantCriterion.objects.create(covenant=covenant, order=order, text=nfc(text), max_points=points)
    covenant.status = CovenantStatus.SIGNING
    covenant.save(update_fields=["status"])
    audit_record(actor=actor, action="covenant_create", obj=covenant, unit=lead.unit, summary=str(covenant))
    handovers.covenant_to_sign(covenant, members(covenant))
    return covenant


@transaction.atomic
def covenant_sign(*, covenant: Covenant, actor: User, unit, signer_title: str = "") -> Covenant:
    """A member signs in the app; when the last member signs, the covenant document is produced.

    The title is the account's signing position for the unit when one is declared (``documents.SigningPosition``);
    only an account without one gives its title, and the app never supplies one for it."""
    covenant = Covenant.objects.select_for_update().get(pk=covenant.pk)
    signed = CovenantSignature.objects.filter(covenant=covenant, unit=unit).exists()
    ensure(policies.sign_covenant_refusal(actor, covenant, unit, members=members(covenant), signed=signed))
    position = signing_position(actor, unit)
    title = position_title(position) if position else nfc(signer_title)[:160]
    if not title:
        raise ValidationError("Tài khoản chưa có chức vụ ký của đơn vị: cần ghi chức vụ người ký.", code="no_title")
    CovenantSignature.objects.create(covenant=covenant, unit=unit, signed_by=actor, signer_title=title)
    audit_record(actor=actor, action="covenant_sign", obj=covenant, unit=unit, summary=f"{unit} ký giao ước")
    if covenant.signatures.count() == len(members(covenant)):
        _produce_document(covenant)
        handovers.covenant_to_score(covenant, members(covenant))
    return covenant


def _produce_document(covenant: Covenant) -> None:
    signatures = {s.unit_id: s for s in covenant.signatures.select_related("unit", "signed_by")}
    units = members(covenant)
    document = document_create(
        actor=None,
        doc_type=DocumentType.COVENANT,
        issuers=units,
        subject=f"Giao ước thi đua năm {covenant.year} của {covenant.cluster.name}",
        body=[
            {"text": covenant.content or f"Các đơn vị thành viên {covenant.cluster.name} cùng giao ước thi đua năm {covenant.year} với các tiêu chí sau:"},
        ],
        annexes=[
            {
                "title": "BẢNG TIÊU CHÍ CHẤM ĐIỂM THI ĐUA",
                "headers": ["STT", "Tiêu chí", "Điểm tối đa"],
                "rows": [[str(c.order), c.text, f"{c.max_points:g}".replace(".", ",")] for c in covenant.criteria.all()],
            }
        ],
        # the council of the level that organises the cluster: the Ministry's, or a Sở's for a block of its phòng
        recipients=[f"Hội đồng Thi đua - Khen thưởng {covenant.cluster.organiser.name}", "Các đơn vị thành viên"],
        signers=[
            {"unit": unit, "title": signatures[unit.pk].signer_title, "name": signatures[unit.pk].signed_by.get_full_name()}
            for unit in units
        ],
        place_name=covenant.lead_unit.place_name,
    )
    document_record_signatures(document=document, signed_by={u.pk: signatures[u.pk].signed_by for u in units})
    covenant.document, covenant.status = document, CovenantStatus.SIGNED
    covenant.save(update_fields=["document", "status"])


def position_title(position) -> str:
    """"KT. Giám đốc – Phó Giám đốc" as the signature list shows it; the document prints it in its own layout."""
    return f"{position.authority} {position.authority_body} – {position.title}" if position.authority else position.title


@transaction.atomic
def covenant_self_score(*, covenant: Covenant, actor: User, unit, scores: dict[int, Decimal]) -> None:
    covenant = Covenant.objects.select_for_update().get(pk=covenant.pk)
    ensure(policies.score_covenant_refusal(actor, covenant, unit, members=members(covenant)))
    criteria = {c.pk: c for c in covenant.criteria.all()}
    for criterion_id, score in scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is None:
            raise ValidationError("Tiêu chí không thuộc giao ước.", code="foreign_criterion")
        if score < 0 or score > criterion.max_points:
            raise ValidationError(f"Điểm tiêu chí “{criterion.text}” phải từ 0 đến {criterion.max_points:g}.", code="range")
        CovenantScore.objects.update_or_create(criterion=criterion, unit=unit, defaults={"covenant": covenant, "self_score": score})
    audit_record(actor=actor, action="covenant_self_score", obj=covenant, unit=unit, summary="Tự chấm điểm thi đua")
    if CovenantScore.objects.filter(covenant=covenant).count() == len(criteria) * len(members(covenant)):
        handovers.covenant_to_confirm(covenant)


@transaction.atomic
def covenant_confirm_scores(*, covenant: Covenant, actor: User, adjustments: dict[tuple[int, int], Decimal] | None = None) -> Covenant:
    """The lead confirms every member's scores (adjusting some if needed); the ranking follows."""
    covenant = Covenant.objects.select_for_update().select_related("lead_unit").get(pk=covenant.pk)
    ensure(policies.confirm_covenant_refusal(actor, covenant))
    adjustments = adjustments or {}
    criteria_count = covenant.criteria.count()
    scored = {
        row["unit"]: row["n"]
        for row in CovenantScore.objects.filter(covenant=covenant).values("unit").annotate(n=models.Count("criterion"))
    }
    missing = [unit.label for unit in members(covenant) if scored.get(unit.pk, 0) < criteria_count]
    if missing:
        raise ValidationError(f"Các đơn vị chưa tự chấm đủ các tiêu chí: {'; '.join(missing)}.", code="missing_scores")
    for score in CovenantScore.objects.filter(covenant=covenant).select_related("criterion"):
        value = adjustments.get((score.unit_id, score.criterion_id), score.self_score)
        if value < 0 or value > score.criterion.max_points:
            raise ValidationError("Điểm xác nhận vượt điểm tối đa của tiêu chí.", code="range")
        score.confirmed_score = value
        score.save(update_fields=["confirmed_score"])
    covenant.scores_confirmed = True
    covenant.save(update_fields=["scores_confirmed"])
    audit_record(actor=actor, action="covenant_confirm", obj=covenant, unit=covenant.lead_unit, summary="Xác nhận điểm thi đua của cụm")
    return covenant


@transaction.atomic
def covenant_record_leader_vote(*, covenant: Covenant, actor: User, unit, votes_for: int, votes_total: int) -> LeaderVote:
    """Record the suy tôn vote (TT 22/2023/TT-BCT Art 6: one leading unit per cluster per year)."""
    covenant = Covenant.objects.select_for_update().select_related("lead_unit").get(pk=covenant.pk)
    ensure(policies.leader_vote_refusal(actor, covenant))
    if unit not in members(covenant):
        raise ValidationError("Đơn vị được suy tôn phải là thành viên của cụm.", code="not_member")
    if votes_total != len(members(covenant)) or not 0 <= votes_for <= votes_total:
        raise ValidationError("Số phiếu không hợp lệ: tổng số phiếu bằng số đơn vị thành viên.", code="votes")
    if votes_for * 2 <= votes_total:
        raise ValidationError("Đơn vị được suy tôn cần quá nửa số phiếu.", code="majority")
    vote, _ = LeaderVote.objects.update_or_create(
        covenant=covenant, defaults={"unit": unit, "votes_for": votes_for, "votes_total": votes_total, "recorded_by": actor}
    )
    audit_record(actor=actor, action="covenant_leader_vote", obj=covenant, unit=unit, summary=f"Suy tôn {unit} ({votes_for}/{votes_total})")
    return vote
