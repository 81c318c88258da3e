"""Scoped gates of campaigns: every campaign, registration, report or evidence file a user reaches
passes one of these, and another unit's object gives 404."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404

from units.models import Role
from units.scoping import get_scope, role_units

from ..models import Campaign, CampaignIssuer, Evidence, ProgressReport, Registration


def campaign_scope_filter(user) -> Q:
    """Visible: campaigns issued by, or joined by, a unit in the account's scope."""
    scope = get_scope(user)
    if scope.everything:
        return Q()
    units = sorted(scope.unit_ids)
    issued = CampaignIssuer.objects.filter(unit_id__in=units).values("campaign_id")
    joined = Campaign.participants.through.objects.filter(unit_id__in=units).values("campaign_id")
    return Q(pk__in=issued) | Q(pk__in=joined)


def registration_scope_filter(user, *, prefix: str = "") -> Q:
    """A registration is seen by its own unit's subtree, and by managers of the issuing unit."""
    scope = get_scope(user)
    if scope.everything:
        return Q()
    managed = role_units(user, Role.CAMPAIGN_MANAGER).values("pk")
    issued = CampaignIssuer.objects.filter(unit_id__in=managed).values("campaign_id")
    return Q(**{f"{prefix}unit_id__in": sorted(scope.own_unit_ids)}) | Q(**{f"{prefix}campaign_id__in": issued})


def campaign_get_for_user(user, pk, *, full: bool = True) -> Campaign:
    """The campaign if ``user`` may see it, else 404. ``full`` loads its issuers and contents too; without
    it (the dashboard's pages) the campaign comes alone, with ``has_children`` (whether child campaigns
    roll up into it)."""
    campaigns = Campaign.objects.visible_to(user)
    if full:
        campaigns = campaigns.prefetch_related(Prefetch("issuer_links", queryset=CampaignIssuer.objects.select_related("unit")), "contents")
    else:
        campaigns = campaigns.annotate(has_children=Exists(Campaign.objects.filter(parent_id=OuterRef("pk"))))
    return get_object_or_404(campaigns, pk=pk)


def registration_get_for_user(user, pk) -> Registration:
    return get_object_or_404(
        Registration.objects.visible_to(user).select_related("campaign", "unit").prefetch_related("targets__indicator"),
        pk=pk,
    )


def report_get_for_user(user, pk) -> ProgressReport:
    return get_object_or_404(
        ProgressReport.objects.visible_to(user).select_related("registration__campaign", "registration__unit"), pk=pk
    )


def evidence_get_for_user(user, pk) -> Evidence:
    """An evidence file of a report the account may open."""
    visible = ProgressReport.objects.visible_to(user).values("pk")
    return get_object_or_404(Evidence.objects.select_related("report__registration__unit", "report__registration__campaign"), pk=pk, report_id__in=visible)


DETAIL_PAGE_SIZE = 50


def campaign_detail_lists(user, campaign: Campaign, *, is_manager: bool, params=None) -> dict:
    """The registrations (awaiting approval first, a page of them, with a search by unit), the
    participants (a page) and, for a manager, the reports awaiting acceptance: a fixed number of queries."""
    from django.core.paginator import Paginator
    from django.db.models import Case, When

    from ..models import RegistrationStatus, ReportStatus

    params = params or {}
    unit_query = (params.get("unit_q") or "").strip()[:100]
    registrations = (
        campaign.registrations.current()
        .visible_to(user)
        .select_related("unit__parent")
        .order_by(Case(When(status=RegistrationStatus.SUBMITTED, then=0), default=1), "unit__name", "pk")
    )
    participants = campaign.participants.select_related("parent").order_by("name", "pk")
    if unit_query:
        registrations = registrations.filter(unit__name__icontains=unit_query)
        participants = participants.filter(name__icontains=unit_query)
    pending_reports = []
    if is_manager:
        pending_reports = (
            ProgressReport.objects.visible_to(user)
            .filter(registration__campaign=campaign, status=ReportStatus.SUBMITTED)
            .select_related("registration__unit")
            .order_by("submitted_at")[:30]
        )
    return {
        "registrations": Paginator(registrations, DETAIL_PAGE_SIZE).get_page(params.get("reg_page")),
        "pending_reports": pending_reports,
        "own_units": role_units(user, Role.UNIT_OFFICER).filter(pk__in=campaign.participants.values("pk")),
        "participants": Paginator(participants, 2 * DETAIL_PAGE_SIZE).get_page(params.get("units_page")),
        "unit_query": unit_query,
        "children": campaign.children.all(),
        "indicators": campaign.indicators.order_by("name"),
    }


def dashboard_registration(user, campaign: Campaign, unit_pk: int) -> Registration:
    """The registration a dashboard unit page shows: the one in force, else the newest; 404 outside scope."""
    from django.db.models import Case, When
    from django.http import Http404

    from ..models import RegistrationStatus

    registration = (
        Registration.objects.visible_to(user)
        .current()
        .filter(campaign=campaign, unit_id=unit_pk)
        .select_related("unit", "campaign")
        .order_by(Case(When(status=RegistrationStatus.APPROVED, then=0), default=1), "-revision")
        .first()
    )
    if registration is None:
        raise Http404("Đơn vị chưa đăng ký thi đua trong phong trào này.")
    return registration
