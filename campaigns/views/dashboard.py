"""The campaign dashboard (bảng theo dõi) and its page per unit."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone

from common.excel import xlsx_response
from common.pagination import paginate
from common.ratelimit import allow, too_many_response
from units.models import Cluster, ClusterMembership, UnitKind

from .. import selectors
from ..forms import SORT_CHOICES, DashboardFilterForm
from ..models import UnitProgress


def _campaign_clusters(campaign):
    """The campaign's clusters and those its units belong to in its first year (the filter's choices)."""
    members = ClusterMembership.objects.filter(
        year=campaign.start_date.year, unit_id__in=UnitProgress.objects.filter(campaign=campaign).values("unit_id")
    ).values("cluster_id")
    return Cluster.objects.filter(Q(campaigns=campaign) | Q(pk__in=members)).distinct().order_by("name")


def _filtered(request, pk):
    """The campaign, its filter form, the chosen filters and the unit lines within them, and what the
    filter bar shows (shared by the dashboard and the per-indicator view)."""
    campaign = selectors.campaign_get_for_user(request.user, pk, full=False)
    choices = selectors.dashboard_choices(campaign=campaign, clusters=_campaign_clusters(campaign))
    form = DashboardFilterForm(request.GET, **choices)
    chosen = {"province": form.value("province"), "cluster": form.value("cluster"), "kind": form.value("kind", "")}
    filters = {key: str(value) if value else "" for key, value in chosen.items()}
    bar = {
        "campaign": campaign,
        "filters": filters,
        "filter_query": urlencode({key: value for key, value in filters.items() if value}),
        "kinds": UnitKind.choices,
        **choices,
    }
    return form, chosen, selectors.progress_lines(campaign=campaign, **chosen), bar


def _export(request, *, filename: str, title: str, headers, rows):
    if not allow(request.user, "export"):
        return too_many_response("Quá nhiều yêu cầu xuất Excel trong một phút; vui lòng thử lại sau.")
    return xlsx_response(filename=filename, title=title, headers=headers, rows=rows)


@login_required
def dashboard(request, pk):
    """The campaign's dashboard: every figure read from the progress tables, one page of unit lines."""
    form, chosen, lines, bar = _filtered(request, pk)
    campaign = bar["campaign"]
    sort = form.value("sort", "-percent")
    if form.value("export") == "xlsx":
        # target-level detail only for registrations the account may open; others keep their status line
        return _export(request, filename=f"bang-theo-doi-phong-trao-{campaign.pk}.xlsx", title="Bảng theo dõi",
                       headers=selectors.exports.DASHBOARD_HEADERS,
                       rows=selectors.dashboard_export_rows(lines=lines, user=request.user, sort=sort))
    panels = selectors.dashboard_panels(campaign=campaign, lines=lines, chosen=chosen)
    page = selectors.dashboard_page(lines=lines, user=request.user, sort=sort, page_number=form.value("page"),
                                    count=panels["summary"]["participants"])
    return render(request, "campaigns/dashboard.html", {
        **bar,
        **panels,
        "page": page,
        "overdue": selectors.overdue_lines(campaign=campaign, today=timezone.localdate(), user=request.user),
        "sort": sort,
        "sorts": SORT_CHOICES,
    })


@login_required
def dashboard_indicators(request, pk):
    """Per indicator: what the units registered and achieved, and who is achieved, behind or not reporting."""
    form, chosen, lines, bar = _filtered(request, pk)
    campaign = bar["campaign"]
    panels = selectors.indicator_panels(campaign=campaign, lines=lines, chosen=chosen)
    indicators = panels["indicators"]
    if form.value("export") == "xlsx":
        return _export(request, filename=f"tong-hop-chi-tieu-phong-trao-{campaign.pk}.xlsx", title="Tổng hợp theo chỉ tiêu",
                       headers=selectors.exports.INDICATOR_HEADERS, rows=selectors.indicator_export_rows(indicators))
    chosen_indicator = next((i for i in indicators if i["indicator_id"] == form.value("indicator")), None)
    status = form.value("status", "")
    units = None
    if chosen_indicator is not None:
        units = paginate(request, selectors.indicator_units(campaign=campaign, indicator_id=chosen_indicator["indicator_id"], status=status,
                                                            lines=lines), 50)
    return render(request, "campaigns/dashboard_indicators.html", {
        **bar, **panels, "chosen": chosen_indicator, "status": status, "status_labels": selectors.STATUS_LABELS, "units": units,
    })


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
