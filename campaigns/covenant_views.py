"""Screens of cluster covenants."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from common.pagination import paginate
from common.web import run_service
from units.models import Cluster, ClusterMembership, ClusterRole, Role, Unit
from units.scoping import has_any_role, has_role, role_units

from . import covenants
from .models import Covenant, CovenantScore


def _visible(user):
    return Covenant.objects.filter(cluster__in=Cluster.objects.visible_to(user)).select_related("cluster", "lead_unit", "document")




def _number(text: str) -> Decimal:
    try:
        return Decimal((text or "").strip().replace(",", "."))
    except InvalidOperation:
        raise ValidationError(f"“{text}” không phải là số.") from None


@login_required
def covenant_list(request):
    lead_clusters = ClusterMembership.objects.filter(
        role=ClusterRole.LEAD, unit__in=role_units(request.user, Role.CLUSTER_LEAD)
    ).select_related("cluster")
    return render(
        request,
        "campaigns/covenant_list.html",
        {"page": paginate(request, _visible(request.user)), "lead_clusters": lead_clusters, "year": timezone.localdate().year},
    )


@login_required
def covenant_create(request, cluster_pk, year):
    membership = get_object_or_404(
        ClusterMembership, cluster_id=cluster_pk, year=year, role=ClusterRole.LEAD, unit__in=role_units(request.user, Role.CLUSTER_LEAD)
    )
    errors, criteria = [], []
    if request.method == "POST":
        for number, line in enumerate((request.POST.get("criteria") or "").splitlines(), start=1):
            if not line.strip():
                continue
            text, _, points = line.rpartition("|")
            try:
                criteria.append((text.strip(), _number(points)))
            except ValidationError:
                errors.append(f"Dòng {number}: cần dạng “tiêu chí | điểm tối đa”.")
        if not errors:
            try:
                covenant = covenants.covenant_create(
                    actor=request.user, cluster=membership.cluster, year=year, criteria=criteria, content=request.POST.get("content", "")[:5000]
                )
            except (ValidationError, PermissionDenied) as error:
                errors += getattr(error, "messages", [str(error)])
            else:
                messages.success(request, "Đã soạn giao ước; các đơn vị thành viên ký trên hệ thống.")
                return redirect(covenant)
    return render(request, "campaigns/covenant_form.html", {"membership": membership, "errors": errors, "posted": request.POST})


@login_required
def covenant_detail(request, pk):
    covenant = get_object_or_404(_visible(request.user), pk=pk)
    member_units = covenants.members(covenant)
    signed = {s.unit_id: s for s in covenant.signatures.select_related("signed_by")}
    my_units = [u for u in member_units if has_any_role(request.user, covenants.SIGNING_ROLES, u)]
    scores = {(s.unit_id, s.criterion_id): s for s in CovenantScore.objects.filter(covenant=covenant)}
    criteria = list(covenant.criteria.all())
    return render(
        request,
        "campaigns/covenant_detail.html",
        {
            "covenant": covenant,
            "members": [{"unit": u, "signature": signed.get(u.pk)} for u in member_units],
            "my_units": [
                {"unit": u, "signed": u.pk in signed, "scores": [{"criterion": c, "score": scores.get((u.pk, c.pk))} for c in criteria]}
                for u in my_units
            ],
            "criteria": criteria,
            "ranking": covenants.covenant_ranking(covenant),
            "is_lead": has_role(request.user, Role.CLUSTER_LEAD, covenant.lead_unit),
            "vote": getattr(covenant, "leader_vote", None),
        },
    )


def _member_unit(request, covenant):
    unit = get_object_or_404(Unit, pk=request.POST.get("unit") or 0)
    if unit not in covenants.members(covenant):
        raise PermissionDenied("Đơn vị không phải thành viên của cụm.")
    return unit


@login_required
@require_POST
def covenant_sign(request, pk):
    covenant = get_object_or_404(_visible(request.user), pk=pk)
    unit = _member_unit(request, covenant)
    run_service(
        request,
        lambda: covenants.covenant_sign(covenant=covenant, actor=request.user, unit=unit, signer_title=request.POST.get("title", "")[:160]),
        f"{unit.name} đã ký giao ước.",
    )
    return redirect(covenant)


@login_required
@require_POST
def covenant_score(request, pk):
    covenant = get_object_or_404(_visible(request.user), pk=pk)
    unit = _member_unit(request, covenant)
    try:
        scores = {c.pk: _number(request.POST.get(f"c-{c.pk}", "")) for c in covenant.criteria.all()}
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(covenant)
    run_service(request, lambda: covenants.covenant_self_score(covenant=covenant, actor=request.user, unit=unit, scores=scores), "Đã lưu điểm tự chấm.")
    return redirect(covenant)


@login_required
@require_POST
def covenant_confirm(request, pk):
    covenant = get_object_or_404(_visible(request.user), pk=pk)
    run_service(request, lambda: covenants.covenant_confirm_scores(covenant=covenant, actor=request.user), "Đã xác nhận điểm; bảng xếp hạng đã cập nhật.")
    return redirect(covenant)


@login_required
@require_POST
def covenant_vote(request, pk):
    covenant = get_object_or_404(_visible(request.user), pk=pk)
    unit = _member_unit(request, covenant)
    votes_for, total = request.POST.get("votes_for", ""), request.POST.get("votes_total", "")
    if not votes_for.isdigit() or not total.isdigit():
        messages.error(request, "Số phiếu phải là số nguyên.")
        return redirect(covenant)
    run_service(
        request,
        lambda: covenants.covenant_record_leader_vote(covenant=covenant, actor=request.user, unit=unit, votes_for=int(votes_for), votes_total=int(total)),
        f"Đã ghi nhận kết quả suy tôn {unit.name}.",
    )
    return redirect(covenant)
