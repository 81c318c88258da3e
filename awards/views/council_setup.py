"""Screens to set up councils: the list, a unit's new council, and its members, chair, secretary and rules."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from common.pagination import paginate
from common.policies import allowed

from .. import policies, selectors, services
from ..forms import CouncilForm, SearchForm
from ..models import BallotBox

SMALL_POOL = 80  # a pool this small (a Sở's accounts) is listed whole; a larger one is searched


@login_required
def council_list(request):
    search = SearchForm(request.GET)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    councils = selectors.councils_visible_to(request.user).order_by("unit__path")
    if query:
        councils = councils.filter(name__icontains=query)
    page = paginate(request, councils)
    for council in page:
        council.can_edit = allowed(policies.edit_council_refusal(request.user, council))
    return render(request, "awards/council_list.html", {
        "page": page, "query": query, "new_units": selectors.council_unit_choices(request.user)[:20],
    })


def _page(request, *, form, council=None, unit, query):
    pool = selectors.council_account_pool(request.user, unit)
    small = pool.count() <= SMALL_POOL
    chosen = set()
    if council is not None:
        chosen = set(council.members.all()) | {council.chair, council.secretary}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        chosen |= set(data["members"]) | {u for u in (data.get("chair"), data.get("secretary")) if u}
    shown = set(chosen)
    if small:
        shown |= set(pool)
    elif query:
        shown |= set(pool.filter(full_name__icontains=query)[:50])
    ticked = {str(pk) for pk in (form["members"].value() or [])}
    rows = [{"user": u, "checked": str(u.pk) in ticked} for u in sorted(shown, key=lambda u: (str(u.pk) not in ticked, u.get_full_name()))]
    return render(request, "awards/council_form.html", {
        "form": form, "council": council, "unit": unit, "rows": rows, "small": small, "query": query,
        "posted_chair": str(form["chair"].value() or ""), "posted_secretary": str(form["secretary"].value() or ""),
    })


def _errors(form, call):
    try:
        return call()
    except (ValidationError, PermissionDenied) as error:
        form.add_error(None, getattr(error, "messages", None) or str(error))
        return None


@login_required
def council_create(request, unit_pk):
    unit = get_object_or_404(selectors.council_unit_choices(request.user), pk=unit_pk)
    search = SearchForm(request.GET)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    accounts = selectors.council_account_pool(request.user, unit)
    form = CouncilForm(request.POST or None, accounts=accounts, initial={"name": f"Hội đồng Thi đua - Khen thưởng {unit.name}"})
    if request.method == "POST" and form.is_valid():
        council = _errors(form, lambda: services.council_create(actor=request.user, unit=unit, **form.service_kwargs()))
        if council is not None:
            messages.success(request, f"Đã lập {council.name}. Thư ký Hội đồng lập phiên họp tại mục Hội đồng.")
            return redirect("awards:council-list")
    return _page(request, form=form, unit=unit, query=query)


@login_required
def council_update(request, pk):
    council = selectors.council_get_for_user(request.user, pk)
    ballot_open = BallotBox.objects.filter(session__council=council, is_open=True).exists()
    refusal = policies.edit_council_refusal(request.user, council)
    if refusal:
        raise PermissionDenied(refusal.message)
    search = SearchForm(request.GET)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    accounts = selectors.council_account_pool(request.user, council.unit) | council.members.all()
    initial = {
        "name": council.name, "chair": council.chair_id, "secretary": council.secretary_id, "members": [m.pk for m in council.members.all()],
        "quorum_percent": council.quorum_fraction * 100 if council.quorum_fraction else None,
        "threshold_percent": council.pass_threshold * 100 if council.pass_threshold else None,
    }
    form = CouncilForm(request.POST or None, accounts=accounts.distinct(), initial=initial)
    if ballot_open and request.method != "POST":
        form.add_error(None, policies.edit_council_refusal(request.user, council, ballot_open=True).message)
    if request.method == "POST" and form.is_valid():
        if _errors(form, lambda: services.council_update(actor=request.user, council=council, **form.service_kwargs())):
            messages.success(request, f"Đã lưu {form.cleaned_data['name']}.")
            return redirect("awards:council-list")
    return _page(request, form=form, council=council, unit=council.unit, query=query)
