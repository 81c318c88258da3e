"""The register of incoming documents (sổ đăng ký văn bản đến) of the account's units."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render

from common.excel import xlsx_response
from common.pagination import paginate
from common.web import run_service
from units.models import Role
from units.scoping import role_units

from . import services
from .forms import IncomingFilterForm, IncomingForm
from .models import INCOMING_TYPES, IncomingDocument


def _register_units(user):
    return (role_units(user, Role.CLERK) | role_units(user, Role.CAMPAIGN_MANAGER)).distinct().order_by("-is_active", "name")


@login_required
def incoming_list(request):
    units = _register_units(request.user)
    documents = IncomingDocument.objects.visible_to(request.user).select_related("issuer", "receiving_unit", "implements__issuer")
    filters = IncomingFilterForm(request.GET, units=units)
    data = filters.cleaned_data if filters.is_valid() else {}
    if query := (data.get("q") or "").strip():
        documents = documents.filter(Q(symbol__icontains=query) | Q(subject__icontains=query) | Q(issuer__name__icontains=query))
    if data.get("unit"):
        documents = documents.filter(receiving_unit=data["unit"])
    if data.get("year"):
        documents = documents.filter(year=data["year"])
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename="so-van-ban-den.xlsx", title="Sổ văn bản đến",
            headers=["Năm", "Số đến", "Ngày đến", "Đơn vị nhận", "Cơ quan ban hành", "Loại", "Số, ký hiệu", "Ngày ban hành", "Trích yếu", "Nhập bổ sung"],
            rows=((d.year, d.incoming_number, d.received_on, d.receiving_unit.label, d.issuer.label, d.type_name, d.symbol, d.issued_on,
                   d.subject, "Có" if d.is_historical else "") for d in documents[:5000]),
        )
    form = None
    if units.exists():
        form = IncomingForm(request.POST or None, receiving_units=units, user=request.user, initial={"receiving_unit": request.user.unit_id})
        if request.method == "POST" and form.is_valid():
            document = run_service(request, lambda: services.incoming_register(actor=request.user, **form.cleaned_data),
                                   "Đã vào sổ văn bản đến.")
            if document is not None:
                return redirect(document)
    elif request.method == "POST":
        raise PermissionDenied("Chỉ văn thư hoặc cán bộ thi đua của đơn vị được vào sổ văn bản đến.")
    return render(request, "documents/incoming_list.html", {
        "page": paginate(request, documents), "form": form, "filters": filters, "types": INCOMING_TYPES, "params": request.GET,
    })


@login_required
def incoming_detail(request, pk):
    document = get_object_or_404(IncomingDocument.objects.visible_to(request.user).select_related("issuer", "receiving_unit"), pk=pk)
    return render(request, "documents/incoming_detail.html", {"document": document, "chain": document.chain()})
