"""Recording past campaigns (nhập bổ sung): the campaign with its plan, then registrations and results."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from common.web import refused, run_service
from units.models import Role
from units.scoping import role_units

from .. import policies, selectors, services
from ..forms import PastCampaignForm, RegistrationForm, ReportCreateForm, ReportForm


@login_required
def campaign_record_past(request):
    issuers = role_units(request.user, Role.CAMPAIGN_MANAGER).exclude(short_name="").order_by("-is_active", "name")
    if not issuers.exists():
        raise PermissionDenied("Chỉ cán bộ quản lý phong trào được nhập bổ sung phong trào đã thực hiện.")
    form = PastCampaignForm(request.POST or None, issuer_choices=issuers, user=request.user)
    if request.method == "POST" and form.is_valid():
        kwargs = form.service_kwargs()
        campaign = run_service(
            request,
            lambda: services.campaign_record_past(
                actor=request.user, plan_number=kwargs.pop("plan_number"), plan_date=kwargs.pop("plan_date"), status=kwargs.pop("status"), **kwargs
            ),
            "Đã nhập bổ sung phong trào với văn bản phát động đã ban hành; nhập tiếp đăng ký và kết quả của các đơn vị.",
        )
        if campaign is not None:
            return redirect(campaign)
    return render(request, "campaigns/campaign_form.html", {"form": form, "past": True})


@login_required
def registration_record_past(request, pk, unit_pk):
    campaign = selectors.campaign_get_for_user(request.user, pk)
    # the page is the campaign issuer's alone: anyone else is refused outright, whichever unit is asked for
    if reason := policies.record_past_refusal(request.user, campaign):
        raise PermissionDenied(reason)
    unit = get_object_or_404(campaign.participants.all(), pk=unit_pk)
    current = selectors.current_registration(campaign, unit)
    form = RegistrationForm(request.POST or None, campaign=campaign, indicators=campaign.indicators.order_by("name"), current=current)
    if request.method == "POST" and form.is_valid():
        registration = run_service(
            request,
            lambda: services.registration_record_past(
                campaign=campaign, unit=unit, actor=request.user, targets=form.targets(), titles=form.cleaned_data["titles"]
            ),
            "Đã nhập bổ sung bản đăng ký (đã duyệt).",
        )
        if registration is not None:
            return redirect(registration)
    return render(request, "campaigns/registration_form.html", {"campaign": campaign, "unit": unit, "form": form, "current": current, "past": True})


@login_required
def report_record_past(request, pk):
    registration = selectors.registration_get_for_user(request.user, pk)
    if response := refused(request, policies.record_past_refusal(request.user, registration.campaign), registration):
        return response
    choices = [{"value": f"{p.period_type}-{p.index}-{p.year}", "label": p.label} for p in registration.campaign.report_periods]
    targets = list(registration.targets.select_related("indicator"))
    period_form = ReportCreateForm(request.POST or None, choices=choices)
    values_form = ReportForm(request.POST or None, targets=targets, initial={"version": 0})
    if request.method == "POST" and period_form.is_valid() and values_form.is_valid():
        report = run_service(
            request,
            lambda: services.report_record_past(
                registration=registration, actor=request.user, values=values_form.values(),
                narrative=values_form.cleaned_data["narrative"], **period_form.period_kwargs()
            ),
            "Đã nhập bổ sung kết quả của kỳ báo cáo.",
        )
        if report is not None:
            return redirect(report)
    typed = values_form.data  # shown back after a refusal, so nothing typed is lost
    rows = [{"target": t, "value": typed.get(f"v-{t.pk}", ""), "done": bool(typed.get(f"d-{t.pk}"))} for t in targets]
    return render(request, "campaigns/report_record_past.html", {
        "registration": registration, "period_form": period_form, "values_form": values_form, "rows": rows, "choices": choices,
    })
