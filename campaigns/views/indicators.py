"""The indicator catalogue; campaign managers extend it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from common.pagination import paginate
from common.policies import allowed

from .. import policies, services
from ..forms import IndicatorForm, SearchForm
from ..models import Indicator, IndicatorKind


@login_required
def indicator_list(request):
    refusal = policies.manage_indicators_refusal(request.user)
    form, errors = IndicatorForm(request.POST or None), []
    if request.method == "POST":
        if refusal:
            raise PermissionDenied(refusal.message)
        if form.is_valid():
            try:
                indicator = services.indicator_create(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(request, f"Đã thêm chỉ tiêu “{indicator.name}”.")
                return redirect("campaigns:indicator-list")
        else:
            errors = [e for field_errors in form.errors.values() for e in field_errors]
    search = SearchForm(request.GET)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    indicators = Indicator.objects.all()
    if query:
        indicators = indicators.filter(name__icontains=query)
    return render(
        request,
        "campaigns/indicator_list.html",
        {
            "page": paginate(request, indicators),
            "query": query,
            "can_edit": allowed(refusal),
            "kinds": IndicatorKind.choices,
            "errors": errors,
            "posted": form.data,
        },
    )
