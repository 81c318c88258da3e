"""The public honour board (bảng vinh danh): no login, awards by year, unit and title; each award
decided in the app links to its decision's public verification page (docs/signatures.md)."""

from django.db.models import Q
from django.shortcuts import render

from common.pagination import paginate
from documents.signing.selectors import public_verifications

from ..forms import HonourBoardForm
from ..models import AwardKind, AwardRecord


def honour_board(request):
    form = HonourBoardForm(request.GET)
    records = AwardRecord.objects.filter(revoked=False, verified=True).select_related("award_kind", "person__unit", "unit__parent", "nomination")
    if (year := form.value("year")) is not None:
        records = records.filter(year=year)
    if unit := (form.value("unit") or "").strip():
        records = records.filter(Q(unit__name__icontains=unit) | Q(person__unit__name__icontains=unit))
    if kind := form.value("award"):
        records = records.filter(award_kind=kind)
    page = paginate(request, records.order_by("-year", "rank", "pk"))
    # Awards decided outside the app (entered from the history) have no decision here, hence no link.
    pages = public_verifications(r.nomination.decision_id for r in page if r.nomination_id)
    for record in page:
        record.verification = pages.get(record.nomination.decision_id) if record.nomination_id else None
    return render(request, "awards/honour_board.html", {"page": page, "kinds": AwardKind.objects.all(), "params": request.GET})
