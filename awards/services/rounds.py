"""Award rounds: annual, thematic (the tổng kết of a campaign) and sudden (đột xuất)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from common.policies import ensure
from common.text import nfc
from units.audit import audit_record
from units.models import User

from .. import policies
from ..models import AwardRound, NominationStatus, RoundKind


def _check_round(*, name: str, kind: str, achievement_year: int, opens_on, closes_on, campaign):
    name = nfc(name).strip()[:300]
    if not name:
        raise ValidationError("Cần nhập tên đợt xét.", code="name")
    if kind not in RoundKind.values:
        raise ValidationError("Loại đợt xét không hợp lệ.", code="kind")
    if kind == RoundKind.THEMATIC and campaign is None:
        raise ValidationError("Đợt xét theo chuyên đề phải gắn với một phong trào thi đua (tổng kết phong trào).", code="campaign")
    if closes_on < opens_on:
        raise ValidationError("Hạn nộp hồ sơ phải sau ngày mở đợt xét.", code="dates")
    if not 1945 <= achievement_year <= opens_on.year + 1:
        raise ValidationError("Năm thành tích không hợp lệ.", code="year")
    return name, (campaign if kind == RoundKind.THEMATIC else None)


@transaction.atomic
def award_round_create(*, actor: User, name: str, kind: str, deciding_unit, achievement_year: int, opens_on, closes_on, campaign=None) -> AwardRound:
    """Open a round: annual, thematic (the tổng kết of a campaign) or sudden (đột xuất)."""
    ensure(policies.manage_rounds_refusal(actor, deciding_unit))
    name, campaign = _check_round(name=name, kind=kind, achievement_year=achievement_year, opens_on=opens_on, closes_on=closes_on, campaign=campaign)
    award_round = AwardRound(
        name=name, kind=kind, deciding_unit=deciding_unit, achievement_year=achievement_year,
        opens_on=opens_on, closes_on=closes_on, campaign=campaign,
    )
    award_round.full_clean()
    award_round.save()
    audit_record(actor=actor, action="award_round_create", obj=award_round, unit=deciding_unit, summary=award_round.name)
    return award_round


@transaction.atomic
def award_round_update(*, actor: User, award_round: AwardRound, name: str, kind: str, achievement_year: int, opens_on, closes_on, campaign=None) -> AwardRound:
    """Correct a round until its deadline passes or a council takes up one of its nominations. Its kind and
    achievement year stay once a nomination is made in it (the nomination was checked against them)."""
    award_round = AwardRound.objects.select_for_update().select_related("deciding_unit").get(pk=award_round.pk)
    nominations = award_round.nominations.exclude(status=NominationStatus.WITHDRAWN)
    taken_up = nominations.exclude(status__in=(NominationStatus.DRAFT, NominationStatus.SUBMITTED)).exists()
    ensure(policies.edit_round_refusal(actor, award_round, taken_up=taken_up, today=timezone.localdate()))
    name, campaign = _check_round(name=name, kind=kind, achievement_year=achievement_year, opens_on=opens_on, closes_on=closes_on, campaign=campaign)
    if (kind, achievement_year) != (award_round.kind, award_round.achievement_year) and nominations.exists():
        raise ValidationError("Đợt xét đã có hồ sơ đề nghị: không đổi loại đợt xét, năm thành tích (chỉ sửa tên, thời gian).", code="nominated")
    changes = [label for label, old, new in (
        ("tên", award_round.name, name), ("loại", award_round.kind, kind), ("năm thành tích", award_round.achievement_year, achievement_year),
        ("ngày mở", award_round.opens_on, opens_on), ("hạn nộp", award_round.closes_on, closes_on), ("phong trào", award_round.campaign_id, getattr(campaign, "pk", None)),
    ) if old != new]
    award_round.name, award_round.kind, award_round.achievement_year = name, kind, achievement_year
    award_round.opens_on, award_round.closes_on, award_round.campaign = opens_on, closes_on, campaign
    award_round.full_clean()
    award_round.save()
    audit_record(actor=actor, action="award_round_update", obj=award_round, unit=award_round.deciding_unit,
                 summary=f"{award_round.name}: sửa {', '.join(changes) or 'không thay đổi'}")
    return award_round
