"""Reads for award rounds: the rounds an account may open, and the units where it may open one."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404

from units.models import Role, Unit
from units.scoping import is_system_admin, role_units

from ..models import AwardRound, DecisionBasis, Nomination
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


ROUND_PAGE_SIZE = 50


def round_page(award_round: AwardRound, *, user, params=None) -> dict:
    """The round's nominations (a page, with counts by status), its decisions, the awards given (a page)
    with their certificates' jobs, and the print bundles: a fixed number of queries, whatever the number
    of nominations. ``params`` (the query string) chooses the status, the search words and the pages."""
    from documents.models import OfficialDocument, PdfJob, PdfJobKind

    from .. import policies
    from ..models import AwardKind, NominationStatus

    params = params or {}
    # Only what the account may open: a cluster peer sees the round, not the peer's nominees.
    visible = nominations_visible_to(user).filter(round=award_round)
    counts = dict(visible.order_by().values_list("status").annotate(n=Count("pk")))
    status = params.get("status", "")
    status = status if status in NominationStatus.values else ""
    query = (params.get("q") or "").strip()[:100]
    listed = visible.filter(status=status) if status else visible
    if query:
        listed = listed.filter(Q(person__full_name__icontains=query) | Q(unit__name__icontains=query))
    # the page's ids in order first (a narrow sort), then their rows with what the table shows
    nominations = Paginator(listed.order_by("award_kind__sort_order", "pk").values_list("pk", flat=True), ROUND_PAGE_SIZE).get_page(
        params.get("page")
    )
    rows = listed.select_related("award_kind", "person__unit", "unit", "decision").in_bulk(list(nominations.object_list))
    nominations.object_list = [rows[pk] for pk in nominations.object_list if pk in rows]
    decisions = list(OfficialDocument.objects.filter(pk__in=visible.exclude(decision=None).values("decision_id")).order_by("pk"))
    # A round's awards are those of its decided nominations (``decision_issued``), whoever proposed them: a
    # record is seen by its unit. Asked as ``nomination_id IN (decided nominations)``, not as a join: until
    # statistics catch up with the first awards decided in the app, PostgreSQL takes every record's
    # nomination for empty and joined the sector's whole history (806,000 records, 50–120 ms) to find them.
    decided = Nomination.objects.filter(round=award_round, decision__isnull=False).values("pk")
    given = records_visible_to(user).filter(nomination__in=decided)
    records = Paginator(
        given.select_related("award_kind", "person", "unit").order_by("rank", "pk"), ROUND_PAGE_SIZE
    ).get_page(params.get("records_page"))
    records.object_list = list(records.object_list)
    jobs = PdfJob.objects.filter(
        Q(kind=PdfJobKind.CERTIFICATE, subject_id__in=[r.pk for r in records.object_list]) | Q(kind=PdfJobKind.CERTIFICATE_BUNDLE),
        document__in=[d.pk for d in decisions],
    ).order_by("pk")
    certificate_jobs, bundles = {}, []
    for job in jobs:
        if job.kind == PdfJobKind.CERTIFICATE:
            certificate_jobs[job.subject_id] = job
        else:
            bundles.append(job)
    for record in records.object_list:
        record.certificate_job = certificate_jobs.get(record.pk)
    pending = visible.filter(status=NominationStatus.PASSED, decision=None).values("award_kind_id")
    return {
        "round": award_round,
        "nominations": nominations,
        "status_counts": [(value, label, counts.get(value, 0)) for value, label in NominationStatus.choices if counts.get(value)],
        "total": sum(counts.values()),
        "status": status,
        "query": query,
        "decisions": decisions,
        "records": records,
        "bundles": bundles,
        # One decision per title or form: those with passed nominations still waiting for theirs.
        "pending_kinds": list(AwardKind.objects.filter(pk__in=pending).order_by("sort_order", "name")),
        # A decision cites the text giving the decider its power; none declared: the page says so.
        "basis_missing": not DecisionBasis.objects.filter(unit_id=award_round.deciding_unit_id).exists(),
        "can_decide": policies.decide_round_refusal(user, award_round) is None,
    }
