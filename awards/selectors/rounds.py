"""Reads for award rounds: the rounds an account may open, and the units where it may open one."""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404

from units.models import Role, Unit
from units.scoping import is_system_admin, role_units

from ..models import AwardRound, DecisionBasis
from .history import records_visible_to
from .nominations import nominations_visible_to


def rounds_visible_to(user):
    return AwardRound.objects.filter(deciding_unit__in=Unit.objects.visible_to(user)).select_related("deciding_unit", "campaign")


def round_get_for_user(user, pk) -> AwardRound:
    return get_object_or_404(rounds_visible_to(user), pk=pk)


def round_units(user):
    """Deciding units (those with a council) where the account may open rounds."""
    units = Unit.objects.filter(council__isnull=False, is_active=True)
    if is_system_admin(user):
        return units
    allowed = role_units(user, Role.COUNCIL_SECRETARY) | role_units(user, Role.CAMPAIGN_MANAGER)
    return units.filter(pk__in=allowed.values("pk"))


def round_search(queryset, *, query: str = ""):
    if query:
        queryset = queryset.filter(Q(name__icontains=query) | Q(deciding_unit__name__icontains=query))
    return queryset


def round_page(award_round: AwardRound, *, user) -> dict:
    """The round's nominations, decisions, awards given with their certificates' jobs, and print bundles."""
    from documents.models import PdfJob, PdfJobKind

    from .. import policies

    # Only what the account may open: a cluster peer sees the round, not the peer's nominees.
    nominations = list(
        nominations_visible_to(user).filter(round=award_round).select_related("award_kind", "person__unit", "unit", "decision")
    )
    decisions = sorted({n.decision for n in nominations if n.decision_id}, key=lambda d: d.pk)
    records = list(records_visible_to(user).filter(nomination__round=award_round).select_related("award_kind", "person", "unit"))
    jobs = PdfJob.objects.filter(document__in=decisions, kind__in=(PdfJobKind.CERTIFICATE, PdfJobKind.CERTIFICATE_BUNDLE)).order_by("pk")
    certificate_jobs, bundles = {}, []
    for job in jobs:
        if job.kind == PdfJobKind.CERTIFICATE:
            certificate_jobs[job.subject_id] = job
        else:
            bundles.append(job)
    for record in records:
        record.certificate_job = certificate_jobs.get(record.pk)
    return {
        "round": award_round,
        "nominations": nominations,
        "decisions": decisions,
        "records": records,
        "bundles": bundles,
        # One decision per title or form: those with passed nominations still waiting for theirs.
        "pending_kinds": sorted({n.award_kind for n in nominations if n.status == "passed" and not n.decision_id}, key=lambda k: k.sort_order),
        # A decision cites the text giving the decider its power; none declared: the page says so.
        "basis_missing": not DecisionBasis.objects.filter(unit_id=award_round.deciding_unit_id).exists(),
        "can_decide": policies.decide_round_refusal(user, award_round) is None,
    }
