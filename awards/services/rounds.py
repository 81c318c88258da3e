"""Award rounds: annual, thematic (the tổng kết of a campaign) and sudden (đột xuất)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from common.policies import ensure
from common.text import nfc
from units.audit import audit_record
from units.models import User

from .. import policies
from ..models import AwardRound, RoundKind


@transaction.atomic
def award_round_create(*, actor: User, name: str, kind: str, deciding_unit, achievement_year: int, opens_on, closes_on, campaign=None) -> AwardRound:
    """Open a round: annual, thematic (the tổng kết of a campaign) or sudden (đột xuất)."""
    ensure(policies.manage_rounds_refusal(actor, deciding_unit))
    if kind not in RoundKind.values:
        raise ValidationError("Loại đợt xét không hợp lệ.", code="kind")
    if kind == RoundKind.THEMATIC and campaign is None:
        raise ValidationError("Đợt xét theo chuyên đề phải gắn với một phong trào thi đua (tổng kết phong trào).", code="campaign")
    if kind != RoundKind.THEMATIC:
        campaign = None
    if closes_on < opens_on:
        raise ValidationError("Hạn nộp hồ sơ phải sau ngày mở đợt xét.", code="dates")
    if not 1945 <= achievement_year <= opens_on.year + 1:
        raise ValidationError("Năm thành tích không hợp lệ.", code="year")
    award_round = AwardRound(
        name=nfc(name)[:300], kind=kind, deciding_unit=deciding_unit, achievement_year=achievement_year,
        opens_on=opens_on, closes_on=closes_on, campaign=campaign,
    )
    award_round.full_clean()
    award_round.save()
    audit_record(actor=actor, action="award_round_create", obj=award_round, unit=deciding_unit, summary=award_round.name)
    return award_round
