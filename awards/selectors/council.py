"""Reads for the council: the sessions an account may open, a session's agenda with findings, tallies."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from units.scoping import get_scope

from .. import policies
from ..models import BallotBox, Council, CouncilSession, Nomination, NominationStatus
from .eligibility import findings_many, quota_status


def sessions_visible_to(user):
    return CouncilSession.objects.filter(Q(council__members=user) | Q(council__secretary=user)).distinct().select_related("council")


def session_get_for_user(user, pk) -> CouncilSession:
    """A session, for its council's members and secretary (and sector-wide accounts); 404 for anyone else."""
    session = get_object_or_404(CouncilSession.objects.select_related("council__unit", "council__secretary", "minutes"), pk=pk)
    council = session.council
    if not (user.pk == council.secretary_id or council.members.filter(pk=user.pk).exists() or get_scope(user).everything):
        raise Http404
    return session


def box_get_for_user(user, pk) -> BallotBox:
    box = get_object_or_404(BallotBox.objects.select_related("session__council", "nomination__proposing_unit", "nomination__person__unit", "nomination__unit"), pk=pk)
    session_get_for_user(user, box.session_id)
    return box


def councils_of_secretary(user):
    return Council.objects.filter(secretary=user)


def vote_minimums(council: Council, rule) -> tuple[Decimal, Decimal]:
    """Quorum and pass threshold of a ballot: the title's vote rule, raised (never lowered) by the council's own
    rules of procedure (quy chế hoạt động)."""
    quorum = rule.quorum_fraction if rule else Decimal("0.5")
    threshold = rule.pass_threshold if rule else Decimal("0.5")
    return max(quorum, council.quorum_fraction or Decimal(0)), max(threshold, council.pass_threshold or Decimal(0))


def tally(*, box: BallotBox) -> dict:
    """The count, only once the ballot is closed (nobody sees it while voting goes on)."""
    if not box.closed:
        raise PermissionDenied("Kết quả chỉ công bố khi kết thúc bỏ phiếu.")
    denominator = box.denominator_count if box.denominator_count is not None else box.eligible_voters
    percent = (Decimal(box.votes_for) * 100 / denominator).quantize(Decimal("0.1")) if denominator else Decimal(0)
    return {
        "for": box.votes_for, "against": box.votes_against, "voters": box.eligible_voters, "present": box.present_count,
        "denominator": denominator, "percent": percent, "passed": box.passed,
    }


def session_page(user, session: CouncilSession) -> dict:
    """The agenda with each nomination's findings, what waits for the agenda, quotas and attendance."""
    council = session.council
    is_secretary = user.pk == council.secretary_id
    is_member = council.members.filter(pk=user.pk).exists()
    boxes = list(
        session.boxes.select_related(
            "nomination__award_kind", "nomination__person__unit", "nomination__unit", "nomination__round__deciding_unit", "nomination__proposing_unit"
        ).prefetch_related("nomination__files").order_by("pk")
    )
    voted = set(session.boxes.filter(participations__member=user).values_list("pk", flat=True))
    findings = findings_many([box.nomination for box in boxes])
    items = [{
        "box": box, "findings": findings[box.nomination_id], "voted": box.pk in voted,
        "conflicted": policies.conflicted(user, box.nomination), "tally": tally(box=box) if box.closed else None,
        "can_vote": policies.vote_refusal(user, box, is_member=is_member, voted=box.pk in voted) is None,
    } for box in boxes]
    waiting = list(
        Nomination.objects.filter(status=NominationStatus.SUBMITTED, round__deciding_unit=council.unit)
        .select_related("award_kind", "person", "unit", "round")
    ) if is_secretary else []
    quotas = []
    pairs = {(n.award_kind.code, n.round.achievement_year) for n in waiting}
    pairs |= {(i["box"].nomination.award_kind.code, i["box"].nomination.round.achievement_year) for i in items}
    for code, year in sorted(pairs):
        status = quota_status(code=code, year=year, decider=council.unit)
        if status:
            quotas.append(status)
    present = set(session.present.values_list("pk", flat=True))
    members = [{"user": m, "present": m.pk in present} for m in council.members.order_by("full_name")]
    return {
        "session": session, "items": items, "waiting": waiting, "quotas": quotas, "members": members,
        "attendance_recorded": bool(present), "is_secretary": is_secretary, "is_member": is_member,
    }
