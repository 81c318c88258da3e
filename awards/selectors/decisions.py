"""Reads for decisions: reward money and the award records a certificate prints."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Q
from django.shortcuts import get_object_or_404

from units.models import Unit

from ..models import AwardRecord, BaseSalary, Council, DecisionBasis, Nomination
from .rules import rule_for, ruleset_on


def reward_money(*, nomination: Nomination, on: datetime.date) -> int | None:
    """Base salary valid on the decision date × the title's multiple (ND 98/2023 Art 54)."""
    rule = rule_for(nomination.award_kind.code, nomination.round.achievement_year)
    salary = BaseSalary.objects.filter(valid_from__lte=on).first()
    if rule is None or rule.reward_multiple is None or salary is None:
        return None
    return int(Decimal(salary.amount) * rule.reward_multiple)


def decision_bases(decider: Unit, on: datetime.date) -> list[str]:
    """The căn cứ of an award decision: the text giving the decider its powers (when declared), then the Law
    and the decree detailing it in force on the decision date. Nothing undeclared is written."""
    basis = DecisionBasis.objects.filter(unit=decider).first()
    ruleset = ruleset_on(on)
    return ([basis.functions_basis] if basis else []) + list(ruleset.decision_bases if ruleset else [])


def proposer_of(decider: Unit) -> str:
    """"Xét đề nghị của …": the declared proposer (the council's standing body), else the decider's council."""
    basis = DecisionBasis.objects.filter(unit=decider).first()
    if basis and basis.proposer:
        return basis.proposer
    council = Council.objects.filter(unit=decider).first()
    return council.name if council else f"Hội đồng Thi đua - Khen thưởng {decider.name}"


def certificate_record_get_for_user(user, pk) -> AwardRecord:
    """An award record given by a decision of this app, within the account's units."""
    visible = Unit.objects.visible_to(user).values("pk")
    return get_object_or_404(
        AwardRecord.objects.filter(Q(unit__in=visible) | Q(person__unit__in=visible)).select_related(
            "award_kind", "person__unit", "unit", "nomination__decision", "nomination__round__deciding_unit"
        ),
        pk=pk,
        nomination__isnull=False,
    )


def decision_records(document) -> list[AwardRecord]:
    """The awards a decision gave, in the order of its annex."""
    return list(
        AwardRecord.objects.filter(nomination__decision=document)
        .select_related("award_kind", "person__unit", "unit", "nomination__decision", "nomination__round__deciding_unit")
        .order_by("nomination_id")
    )


def certificate_job(record: AwardRecord):
    """The newest finished job of a record's certificate, if any."""
    from documents.models import PdfJob, PdfJobKind, PdfJobState

    return (
        PdfJob.objects.filter(document=record.nomination.decision, kind=PdfJobKind.CERTIFICATE, subject_id=record.pk, state=PdfJobState.DONE)
        .order_by("-pk")
        .first()
    )
