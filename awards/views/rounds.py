"""Award rounds: open one (annual, thematic with its campaign, sudden), correct it, list and search them, a round's page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone

from campaigns.models import Campaign, CampaignStatus
from common.pagination import paginate
from common.web import form_error_messages, run_service
from units.scoping import has_any_role, is_system_admin

from .. import policies, selectors, services
from ..forms import RoundForm, SearchForm
from ..models import NominationStatus, RoundKind


@login_required
def round_list(request):
    units = selectors.round_units(request.user).order_by("path")
    campaigns = Campaign.objects.visible_to(request.user).exclude(status=CampaignStatus.DRAFT).order_by("-start_date")
    form = RoundForm(request.POST or None, units=units, campaigns=campaigns)
    if request.method == "POST":
        if form.is_valid():
            award_round = run_service(request, lambda: services.award_round_create(actor=request.user, **form.cleaned_data), "Đã mở đợt xét khen thưởng.")
            if award_round is not None:
                return redirect("awards:round-detail", pk=award_round.pk)
        else:
            form_error_messages(request, form)
    search = SearchForm(request.GET)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    rounds = selectors.round_search(selectors.rounds_visible_to(request.user), query=query)
    context = {"page": paginate(request, rounds), "params": request.GET, "posted": form.data}
    if units.exists():
        context.update(units=units, kinds=RoundKind.choices, campaigns=campaigns[:200])
    else:
        context["setup_hint"] = is_system_admin(request.user) or has_any_role(request.user, policies.ROUND_ROLES)
    return render(request, "awards/round_list.html", context)


def _edit_refusal(user, award_round):
    taken_up = award_round.nominations.exclude(
        status__in=(NominationStatus.DRAFT, NominationStatus.SUBMITTED, NominationStatus.WITHDRAWN)
    ).exists()
    return policies.edit_round_refusal(user, award_round, taken_up=taken_up, today=timezone.localdate())


@login_required
def round_detail(request, pk):
    award_round = selectors.round_get_for_user(request.user, pk)
    context = selectors.round_page(award_round, user=request.user, params=request.GET)
    context["can_edit"] = _edit_refusal(request.user, award_round) is None
    return render(request, "awards/round_detail.html", context)


@login_required
def round_update(request, pk):
    award_round = selectors.round_get_for_user(request.user, pk)
    if refusal := _edit_refusal(request.user, award_round):
        raise PermissionDenied(refusal.message)
    campaigns = Campaign.objects.visible_to(request.user).exclude(status=CampaignStatus.DRAFT).order_by("-start_date")
    initial = {f: getattr(award_round, f) for f in ("name", "kind", "campaign", "achievement_year", "opens_on", "closes_on")}
    form = RoundForm(request.POST or None, units=None, campaigns=campaigns, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            saved = run_service(request, lambda: services.award_round_update(actor=request.user, award_round=award_round, **form.cleaned_data), "Đã sửa đợt xét.")
            if saved is not None:
                return redirect("awards:round-detail", pk=award_round.pk)
        else:
            form_error_messages(request, form)
    return render(request, "awards/round_form.html", {
        "round": award_round, "form": form, "kinds": RoundKind.choices, "campaigns": campaigns[:200],
        "nominated": award_round.nominations.exclude(status=NominationStatus.WITHDRAWN).exists(),
    })
