"""The campaign dashboard (bảng theo dõi) and its page per unit."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from common.excel import xlsx_response
from common.pagination import paginate
from common.ratelimit import allow, too_many_response
from units.models import Cluster, UnitKind

from .. import selectors
from ..forms import SORT_CHOICES, DashboardFilterForm
from ..models import Registration


def _campaign_clusters(campaign):
    return (
        Cluster.objects.filter(
            Q(campaigns=campaign) | Q(memberships__year=campaign.start_date.year, memberships__unit__in=campaign.participants.values("pk"))
        )
        .distinct()
        .order_by("name")
    )


@login_required
def dashboard(request, pk):
    campaign = selectors.campaign_get_for_user(request.user, pk)
    form = DashboardFilterForm(request.GET, clusters=_campaign_clusters(campaign))
    province, cluster, kind = form.value("province"), form.value("cluster"), form.value("kind", "")
    sort = form.value("sort", "-percent")
    rows = selectors.dashboard_rows(
        campaign=campaign,
        province=province.pk if province else None,
        cluster=cluster.pk if cluster else None,
        kind=kind,
        sort=sort,
        include_unregistered=True,
    )
    visible_registrations = set(Registration.objects.visible_to(request.user).filter(campaign=campaign).values_list("pk", flat=True))
    if form.value("export") == "xlsx":
        if not allow(request.user, "export"):
            return too_many_response("Quá nhiều yêu cầu xuất Excel trong một phút; vui lòng thử lại sau.")
        # target-level detail only for registrations the account may open; others keep their status line
        return xlsx_response(
            filename=f"bang-theo-doi-phong-trao-{campaign.pk}.xlsx",
            title="Bảng theo dõi",
            headers=selectors.exports.DASHBOARD_HEADERS,
            rows=selectors.dashboard_export_rows(rows, visible_registrations),
        )
    children = selectors.child_rollup(campaign=campaign) if campaign.children.exists() else []
    overdue = selectors.overdue_reports(campaign=campaign, today=timezone.localdate())
    if overdue is not None:
        overdue["registrations"] = list(overdue["registrations"])
    filters = {"province": str(province.pk) if province else "", "cluster": str(cluster.pk) if cluster else "", "kind": kind}
    context = {
        "campaign": campaign,
        "page": paginate(request, rows, 25),
        "summary": selectors.dashboard_summary(rows),
        "ranking": sorted((r for r in rows if r.registration), key=selectors.SORT_KEYS["percent"], reverse=True)[:10],
        "cluster_ranking": selectors.cluster_ranking(campaign=campaign, rows=rows),
        "series": selectors.progress_over_periods(campaign=campaign),
        "overdue": overdue,
        "visible_registrations": visible_registrations,
        "children": children,
        "tree": selectors.tree_summary(rows=rows, children=children) if children else None,
        "filters": filters,
        "filter_query": urlencode({key: value for key, value in filters.items() if value}),
        "sort": sort,
        "sorts": SORT_CHOICES,
        "provinces": form.fields["province"].queryset,
        "clusters": form.fields["cluster"].queryset,
        "kinds": UnitKind.choices,
    }
    return render(request, "campaigns/dashboard.html", context)


@login_required
def dashboard_unit(request, pk, unit_pk):
    """One unit's page in the dashboard: its targets with status, its progress over the periods, its reports."""
    campaign = selectors.campaign_get_for_user(request.user, pk)
    registration = selectors.dashboard_registration(request.user, campaign, unit_pk)
    targets = [selectors.describe_target(t) for t in selectors.targets_with_latest(registration.targets.all())]
    return render(
        request,
        "campaigns/dashboard_unit.html",
        {
            "campaign": campaign,
            "registration": registration,
            "row": selectors.UnitRow(unit=registration.unit, registration=registration, targets=targets),
            "series": selectors.progress_over_periods(campaign=campaign, registration=registration),
            "reports": selectors.unit_reports(registration),
        },
    )
