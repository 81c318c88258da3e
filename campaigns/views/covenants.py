"""Screens of cluster covenants (giao ước thi đua)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from common.pagination import paginate
from common.policies import allowed
from common.web import form_error_messages, run_service
from units.scoping import has_any_role

from .. import policies, selectors, services
from ..forms import CovenantForm, CovenantScoreForm, CovenantSignForm, LeaderVoteForm
from ..models import Covenant, CovenantScore


@login_required
def covenant_list(request):
    year = timezone.localdate().year
    lead_clusters = selectors.lead_memberships_for(request.user).order_by("-year", "cluster__name")
    drafted = set(Covenant.objects.filter(cluster__in=[m.cluster_id for m in lead_clusters]).values_list("cluster_id", "year"))
    for membership in lead_clusters:
        membership.covenant_exists = (membership.cluster_id, membership.year) in drafted
    return render(
        request,
        "campaigns/covenant_list.html",
        {"page": paginate(request, selectors.covenants_visible_to(request.user)), "lead_clusters": lead_clusters, "year": year},
    )


@login_required
def covenant_create(request, cluster_pk, year):
    membership = get_object_or_404(selectors.lead_memberships_for(request.user), cluster_id=cluster_pk, year=year)
    existing = Covenant.objects.filter(cluster_id=cluster_pk, year=year).first()
    if existing is not None:
        messages.info(request, "Cụm đã có giao ước thi đua của năm này.")
        return redirect(existing)
    form, errors = CovenantForm(request.POST or None), []
    if request.method == "POST":
        if form.is_valid():
            try:
                covenant = services.covenant_create(
                    actor=request.user, cluster=membership.cluster, year=year, criteria=form.cleaned_data["criteria"], content=form.cleaned_data["content"]
                )
            except (ValidationError, PermissionDenied) as error:
                errors += getattr(error, "messages", [str(error)])
            else:
                messages.success(request, "Đã soạn giao ước; các đơn vị thành viên ký trên hệ thống.")
                return redirect(covenant)
        else:
            errors += [e for field_errors in form.errors.values() for e in field_errors]
    return render(request, "campaigns/covenant_form.html", {"membership": membership, "errors": errors, "posted": form.data})


@login_required
def covenant_detail(request, pk):
    covenant = selectors.covenant_get_for_user(request.user, pk)
    member_units = selectors.members(covenant)
    signed = {s.unit_id: s for s in covenant.signatures.select_related("signed_by")}
    my_units = [u for u in member_units if has_any_role(request.user, policies.COVENANT_SIGNING_ROLES, u)]
    scores = {(s.unit_id, s.criterion_id): s for s in CovenantScore.objects.filter(covenant=covenant)}
    criteria = list(covenant.criteria.all())
    return render(
        request,
        "campaigns/covenant_detail.html",
        {
            "covenant": covenant,
            "members": [{"unit": u, "signature": signed.get(u.pk)} for u in member_units],
            "my_units": [
                {
                    "unit": u,
                    "signed": u.pk in signed,
                    "can_sign": allowed(policies.sign_covenant_refusal(request.user, covenant, u, members=member_units, signed=u.pk in signed)),
                    "can_score": allowed(policies.score_covenant_refusal(request.user, covenant, u, members=member_units)),
                    "scores": [{"criterion": c, "score": scores.get((u.pk, c.pk))} for c in criteria],
                }
                for u in my_units
            ],
            "criteria": criteria,
            "ranking": selectors.covenant_ranking(covenant),
            "is_lead": allowed(policies.confirm_covenant_refusal(request.user, covenant)) or allowed(policies.leader_vote_refusal(request.user, covenant)),
            "can_confirm": allowed(policies.confirm_covenant_refusal(request.user, covenant)),
            "can_vote": allowed(policies.leader_vote_refusal(request.user, covenant)),
            "vote": getattr(covenant, "leader_vote", None),
        },
    )


def _member_form(request, covenant, form_class, **kwargs):
    form = form_class(request.POST, members=selectors.members(covenant), **kwargs)
    if not form.is_valid():
        form_error_messages(request, form)
        return None
    return form


@login_required
@require_POST
def covenant_sign(request, pk):
    covenant = selectors.covenant_get_for_user(request.user, pk)
    if form := _member_form(request, covenant, CovenantSignForm):
        unit = form.cleaned_data["unit"]
        run_service(
            request,
            lambda: services.covenant_sign(covenant=covenant, actor=request.user, unit=unit, signer_title=form.cleaned_data["title"]),
            f"{unit.label} đã ký giao ước.",
        )
    return redirect(covenant)


@login_required
@require_POST
def covenant_score(request, pk):
    covenant = selectors.covenant_get_for_user(request.user, pk)
    if form := _member_form(request, covenant, CovenantScoreForm, criteria=covenant.criteria.all()):
        run_service(
            request,
            lambda: services.covenant_self_score(covenant=covenant, actor=request.user, unit=form.cleaned_data["unit"], scores=form.scores()),
            "Đã lưu điểm tự chấm.",
        )
    return redirect(covenant)


@login_required
@require_POST
def covenant_confirm(request, pk):
    covenant = selectors.covenant_get_for_user(request.user, pk)
    run_service(request, lambda: services.covenant_confirm_scores(covenant=covenant, actor=request.user), "Đã xác nhận điểm; bảng xếp hạng đã cập nhật.")
    return redirect(covenant)


@login_required
@require_POST
def covenant_vote(request, pk):
    covenant = selectors.covenant_get_for_user(request.user, pk)
    if form := _member_form(request, covenant, LeaderVoteForm):
        unit = form.cleaned_data["unit"]
        run_service(
            request,
            lambda: services.covenant_record_leader_vote(
                covenant=covenant, actor=request.user, unit=unit, votes_for=form.cleaned_data["votes_for"], votes_total=form.cleaned_data["votes_total"]
            ),
            f"Đã ghi nhận kết quả suy tôn {unit.label}.",
        )
    return redirect(covenant)
