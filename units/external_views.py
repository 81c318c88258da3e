"""Bodies outside the sector (cơ quan ngoài ngành): listed for everyone, added by managers."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from common.pagination import paginate
from common.web import run_service

from . import services
from .forms import ExternalBodyForm
from .models import Role, Unit
from .scoping import is_system_admin, role_units


@login_required
def external_list(request):
    can_add = is_system_admin(request.user) or role_units(request.user, Role.CAMPAIGN_MANAGER).exists()
    form = ExternalBodyForm(request.POST or None) if can_add else None
    if request.method == "POST" and form is not None and form.is_valid():
        unit = run_service(request, lambda: services.external_body_create(actor=request.user, **form.cleaned_data), "Đã thêm cơ quan ngoài ngành.")
        if unit is not None:
            return redirect("units:external-list")
    query = request.GET.get("q", "").strip()[:100]
    bodies = Unit.objects.external().order_by("-is_active", "kind", "name")
    if query:
        bodies = bodies.filter(name__icontains=query)
    return render(request, "units/external_list.html", {"page": paginate(request, bodies), "form": form, "query": query})
