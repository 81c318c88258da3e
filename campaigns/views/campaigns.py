"""Screens of campaigns: list, create and edit a draft, detail, launch, transitions, reviews."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from common.pagination import paginate
from common.policies import allowed, ensure
from common.web import form_error_messages, refused, run_service
from units.models import Role
from units.scoping import role_units

from .. import policies, selectors, services
from ..forms import CampaignFilterForm, CampaignForm, LaunchForm, ReviewForm, SignerForm, TransitionForm
from ..models import Campaign, CampaignStatus
from ..periods import REPORT_GRACE_DAYS


@login_required
def campaign_list(request):
    filters = CampaignFilterForm(request.GET)
    filters.is_valid()
    query, status = filters.cleaned_data.get("q", "").strip(), filters.cleaned_data.get("status", "")
    campaigns = Campaign.objects.visible_to(request.user).prefetch_related("issuer_links__unit")
    if query:
        campaigns = campaigns.filter(name__icontains=query)
    if status:
        campaigns = campaigns.filter(status=status)
    return render(
        request,
        "campaigns/campaign_list.html",
        {
            "page": paginate(request, campaigns),
            "query": query,
            "status": status,
            "statuses": CampaignStatus.choices,
            "can_create": allowed(policies.create_campaign_refusal(request.user)),
        },
    )


def _issuer_choices(user):
    return role_units(user, Role.CAMPAIGN_MANAGER).filter(is_active=True).exclude(short_name="").order_by("name")


@login_required
def campaign_create(request):
    refusal = policies.create_campaign_refusal(request.user)
    if refusal:
        raise PermissionDenied(refusal.message)
    form = CampaignForm(request.POST or None, issuer_choices=_issuer_choices(request.user), user=request.user)
    if request.method == "POST" and form.is_valid():
        campaign = run_service(request, lambda: services.campaign_create(actor=request.user, **form.service_kwargs()), "Đã lưu dự thảo phong trào.")
        if campaign is not None:
            return redirect(campaign)
    return render(request, "campaigns/campaign_form.html", {"form": form})


@login_required
def campaign_edit(request, pk):
    """Edit a draft before launch (a campaign manager of its lead issuer)."""
    campaign = selectors.campaign_get_for_user(request.user, pk)
    ensure(policies.manage_campaign_refusal(request.user, campaign))
    if refusal := policies.edit_campaign_refusal(request.user, campaign):
        messages.error(request, refusal.message)
        return redirect(campaign)
    form = CampaignForm(
        request.POST or None,
        issuer_choices=_issuer_choices(request.user),
        user=request.user,
        initial=CampaignForm.initial_for(campaign),
        exclude_parent=campaign,
    )
    if request.method == "POST" and form.is_valid():
        updated = run_service(
            request, lambda: services.campaign_update(campaign=campaign, actor=request.user, **form.service_kwargs()), "Đã lưu dự thảo phong trào."
        )
        if updated is not None:
            return redirect(updated)
    return render(request, "campaigns/campaign_form.html", {"form": form, "campaign": campaign})


@login_required
def campaign_detail(request, pk):
    campaign = selectors.campaign_get_for_user(request.user, pk)
    user = request.user
    is_manager = allowed(policies.manage_campaign_refusal(user, campaign))
    return render(
        request,
        "campaigns/campaign_detail.html",
        {
            "campaign": campaign,
            "is_manager": is_manager,
            "can_launch": allowed(policies.launch_campaign_refusal(user, campaign)),
            "can_review": allowed(policies.review_refusal(user, campaign, final=True)) and not campaign.is_historical,
            "can_record_past": allowed(policies.record_past_refusal(user, campaign)),
            "signer_form": SignerForm(issuer=campaign.lead_issuer),
            "next_statuses": policies.next_statuses(user, campaign),
            "grace_days": REPORT_GRACE_DAYS,
            **selectors.campaign_detail_lists(user, campaign, is_manager=is_manager, params=request.GET),
        },
    )


@login_required
@require_POST
def campaign_launch(request, pk):
    campaign = selectors.campaign_get_for_user(request.user, pk)
    form = LaunchForm(request.POST, issuer=campaign.lead_issuer)
    if not form.is_valid():
        form_error_messages(request, form)
        return redirect(campaign)
    if not form.cleaned_data["confirmed"]:  # a launch notifies every unit: confirm what it will do first
        if response := refused(request, policies.launch_campaign_refusal(request.user, campaign), campaign):
            return response
        return render(request, "campaigns/launch_confirm.html", {
            "campaign": campaign, "signer": form.cleaned_data["signer"], "participants": campaign.participants.count(),
            "legal_bases": campaign.legal_bases(), "indicators": campaign.indicators.count(),
        })
    launched = run_service(
        request,
        lambda: services.campaign_launch(campaign=campaign, actor=request.user, signer=form.cleaned_data["signer"]),
        "Đã phát động phong trào. Văn bản phát động đã được trình ký.",
    )
    return redirect(launched.directive if launched and launched.directive else campaign)


@login_required
@require_POST
def campaign_transition(request, pk):
    campaign = selectors.campaign_get_for_user(request.user, pk)
    form = TransitionForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: services.campaign_transition(campaign=campaign, actor=request.user, to=form.cleaned_data["to"]),
            "Đã chuyển trạng thái phong trào.",
        )
    else:
        form_error_messages(request, form)
    return redirect(campaign)


@login_required
@require_POST
def campaign_review(request, pk):
    campaign = selectors.campaign_get_for_user(request.user, pk)
    form = ReviewForm(request.POST, issuer=campaign.lead_issuer)
    if not form.is_valid():
        form_error_messages(request, form)
        return redirect(campaign)
    result = run_service(
        request,
        lambda: services.campaign_review(
            campaign=campaign,
            actor=request.user,
            final=form.final,
            signer=form.cleaned_data["signer"],
        ),
        "Đã lập báo cáo tổng kết." if form.final else "Đã lập báo cáo sơ kết.",
    )
    return redirect(result[1] if result else campaign)
