"""The indicator catalogue: list and search; campaign managers add, correct and stop using indicators."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from common.pagination import paginate
from common.policies import allowed
from common.web import run_service

from .. import policies, selectors, services
from ..forms import IndicatorEditForm, IndicatorFilterForm, IndicatorForm
from ..models import IndicatorDirection, IndicatorKind


def _errors(form, error: ValidationError) -> None:
    """Put a service's refusal on the form, beside the field it names; the posted values stay."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


@login_required
def indicator_list(request):
    refusal = policies.manage_indicators_refusal(request.user)
    sector = selectors.may_keep_sector_catalogue(request.user)
    owners = selectors.indicator_owner_choices(request.user)
    form = IndicatorForm(request.POST or None, owners=owners, sector=sector, initial={"direction": IndicatorDirection.HIGHER})
    if request.method == "POST":
        if refusal:
            raise PermissionDenied(refusal.message)
        if form.is_valid():
            try:
                indicator = services.indicator_create(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                _errors(form, error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"Đã thêm chỉ tiêu “{indicator.name}” ({indicator.direction_label.lower()}).")
                return redirect("campaigns:indicator-list")
    search = IndicatorFilterForm(request.GET)
    query, active = (search.cleaned_data["q"].strip(), search.cleaned_data["active"]) if search.is_valid() else ("", "")
    page = paginate(request, selectors.indicator_search(request.user, query=query, active=active))
    for indicator in page:
        indicator.can_edit = allowed(policies.edit_indicator_refusal(request.user, indicator))
    return render(request, "campaigns/indicator_list.html", {
        "page": page, "query": query, "active": active, "can_edit": allowed(refusal), "form": form,
        "kinds": IndicatorKind.choices, "directions": IndicatorDirection.choices, "sector": sector, "owners": owners,
    })


@login_required
def indicator_update(request, pk):
    indicator = selectors.indicator_get_for_user(request.user, pk)
    refusal = policies.edit_indicator_refusal(request.user, indicator)
    if refusal:
        raise PermissionDenied(refusal.message)
    initial = {name: getattr(indicator, name) for name in ("name", "unit_of_measure", "kind", "direction", "is_active")}
    form = IndicatorEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.indicator_update(actor=request.user, indicator=indicator, **form.cleaned_data)
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, f"Đã lưu chỉ tiêu “{form.cleaned_data['name']}”.")
            return redirect("campaigns:indicator-list")
    return render(request, "campaigns/indicator_form.html", {
        "indicator": indicator, "form": form, "kinds": IndicatorKind.choices, "directions": IndicatorDirection.choices,
        "targets": indicator.targets.count(),
    })


@login_required
@require_POST
def indicator_toggle(request, pk):
    indicator = selectors.indicator_get_for_user(request.user, pk)
    if refusal := policies.edit_indicator_refusal(request.user, indicator):
        raise PermissionDenied(refusal.message)
    active = not indicator.is_active
    run_service(
        request, lambda: services.indicator_set_active(actor=request.user, indicator=indicator, is_active=active),
        f"{'Đã dùng lại' if active else 'Đã ngừng dùng'} chỉ tiêu “{indicator.name}”.",
    )
    return redirect("campaigns:indicator-list")
