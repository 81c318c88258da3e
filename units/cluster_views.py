"""Screens of clusters and blocks (cụm, khối thi đua): list, set up, and each year's members with lead and deputy."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from common.pagination import paginate
from common.parsing import MAX_YEAR, MIN_YEAR, query_year
from common.policies import allowed
from common.web import run_service

from . import policies, selectors, services
from .extensions import membership_settled
from .forms import ClusterEditForm, ClusterForm, ClusterYearForm
from .models import ClusterKind

SMALL_POOL = 60  # a pool this small (a Sở's phòng and Chi cục) is listed whole; a larger one is searched


def _refuse(refusal) -> None:
    if refusal is not None:
        raise PermissionDenied(refusal.message)


@login_required
def cluster_list(request):
    query = request.GET.get("q", "").strip()[:100]
    page = paginate(request, selectors.cluster_list(user=request.user, query=query))
    can_create = selectors.cluster_organiser_choices(request.user).exists()
    return render(request, "units/cluster_list.html", {"page": page, "query": query, "can_create": can_create})


@login_required
def cluster_create(request):
    organisers = selectors.cluster_organiser_choices(request.user)
    if not organisers.exists():
        raise PermissionDenied("Chỉ cán bộ quản lý phong trào được lập cụm, khối thi đua.")
    form = ClusterForm(request.POST or None, organisers=organisers, initial={"kind": ClusterKind.BLOCK, "organiser": organisers.first()})
    if request.method == "POST" and form.is_valid():
        cluster = run_service(request, lambda: services.cluster_create(actor=request.user, **form.cleaned_data), "Đã lập cụm, khối thi đua; hãy chọn các đơn vị thành viên.")
        if cluster is not None:
            return redirect("units:cluster-year", pk=cluster.pk, year=_this_year())
    return render(request, "units/cluster_form.html", {"form": form, "organisers": organisers, "kinds": ClusterKind.choices})


@login_required
def cluster_detail(request, pk):
    cluster = selectors.cluster_get_for_user(request.user, pk)
    years = selectors.cluster_members_by_year(cluster=cluster)
    return render(request, "units/cluster_detail.html", {
        "cluster": cluster, "years": years, "can_edit": allowed(policies.edit_cluster_refusal(request.user, cluster)),
        "this_year": _this_year(),
    })


@login_required
def cluster_update(request, pk):
    cluster = selectors.cluster_get_for_user(request.user, pk)
    _refuse(policies.edit_cluster_refusal(request.user, cluster))
    initial = {"name": cluster.name, "kind": cluster.kind, "description": cluster.description, "is_active": cluster.is_active}
    form = ClusterEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if run_service(request, lambda: services.cluster_update(actor=request.user, cluster=cluster, **form.cleaned_data), "Đã lưu cụm, khối."):
            return redirect(cluster)
    return render(request, "units/cluster_form.html", {"form": form, "cluster": cluster, "kinds": ClusterKind.choices})


@login_required
def cluster_year_pick(request, pk):
    """The "năm" box of the cluster page: go to that year's members."""
    cluster = selectors.cluster_get_for_user(request.user, pk)
    year = query_year(request.GET)
    if year is None:
        messages.error(request, f"Năm không hợp lệ: nhập năm từ {MIN_YEAR} đến {MAX_YEAR}.")
        return redirect(cluster)
    return redirect("units:cluster-year", pk=cluster.pk, year=year)


@login_required
def cluster_year(request, pk, year):
    """A year's members with lead and deputy. A small pool is listed whole; a large one is searched."""
    cluster = selectors.cluster_get_for_user(request.user, pk)
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Http404
    _refuse(policies.edit_cluster_refusal(request.user, cluster))
    pool = selectors.cluster_member_pool(request.user, cluster)
    current = selectors.cluster_year_memberships(cluster, year)
    copied_from = None
    if not current and (copied_from := selectors.cluster_latest_year_before(cluster, year)):
        current = selectors.cluster_year_memberships(cluster, copied_from)
    roles = {m.unit_id: m.role for m in current}
    form = ClusterYearForm(request.POST or None, pool=pool, initial={
        "members": list(roles), "lead": next((u for u, r in roles.items() if r == "lead"), None),
        "deputy": next((u for u, r in roles.items() if r == "deputy"), None),
    })
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            request,
            lambda: services.cluster_year_save(actor=request.user, cluster=cluster, year=year, **form.cleaned_data),
            f"Đã lưu thành viên {cluster.name} năm {year}.",
        )
        if saved is not None:
            return redirect(cluster)
    query = request.GET.get("q", "").strip()[:100]
    small = pool.count() <= SMALL_POOL
    shown = {m.unit for m in current}
    if form.is_bound and form.is_valid():
        shown |= set(form.cleaned_data["members"])
    if small:
        shown |= set(pool)
    elif query:
        shown |= set(pool.filter(name__icontains=query)[:50])
    checked = {u.pk for u in form.cleaned_data["members"]} if form.is_bound and form.is_valid() else set(roles)
    rows = [{"unit": u, "checked": u.pk in checked, "role": roles.get(u.pk)} for u in sorted(shown, key=lambda u: (u.pk not in checked, u.path))]
    lead_unit = next((m.unit for m in current if m.role == "lead"), None)
    return render(request, "units/cluster_year.html", {
        "cluster": cluster, "year": year, "form": form, "rows": rows, "small": small, "query": query, "copied_from": copied_from,
        "settled": membership_settled(cluster, year), "lead_unit": lead_unit,
        "lead_accounts": selectors.lead_accounts(lead_unit) if lead_unit else None,
        "posted_lead": form["lead"].value(), "posted_deputy": form["deputy"].value(),
    })


def _this_year() -> int:
    return timezone.localdate().year
