"""The public honour board (bảng vinh danh): no login, awards by year, unit and title."""

from django.db.models import Q
from django.shortcuts import render

from common.pagination import paginate

from ..forms import HonourBoardForm
from ..models import AwardKind, AwardRecord


def honour_board(request):
    form = HonourBoardForm(request.GET)
    records = AwardRecord.objects.filter(revoked=False).select_related("award_kind", "person__unit", "unit__parent")
    if (year := form.value("year")) is not None:
        records = records.filter(year=year)
    if unit := (form.value("unit") or "").strip():
        records = records.filter(Q(unit__name__icontains=unit) | Q(person__unit__name__icontains=unit))
    if kind := form.value("award"):
        records = records.filter(award_kind=kind)
    return render(
        request,
        "awards/honour_board.html",
        {"page": paginate(request, records.order_by("-year", "award_kind__sort_order", "pk")), "kinds": AwardKind.objects.all(), "params": request.GET},
    )
