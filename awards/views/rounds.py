"""Award rounds: open one (annual, thematic with its campaign, sudden), list and search them, a round's page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from campaigns.models import Campaign, CampaignStatus
from common.pagination import paginate
from common.web import form_error_messages, run_service

from .. import selectors, services
from ..forms import RoundForm, SearchForm
from ..models import RoundKind


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
    return render(request, "awards/round_list.html", context)


@login_required
def round_detail(request, pk):
    award_round = selectors.round_get_for_user(request.user, pk)
    return render(request, "awards/round_detail.html", selectors.round_page(award_round, user=request.user))
