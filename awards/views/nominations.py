"""Screens of nominations: list with eligibility, Excel export, create, dossier, submit, withdraw."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from common.excel import xlsx_response
from common.pagination import paginate
from common.policies import allowed
from common.uploads import download_name
from common.web import form_error_messages, run_service
from units.models import Role
from units.scoping import role_units

from .. import policies, selectors, services
from ..forms import DossierForm, NominationFilterForm, NominationForm
from ..models import AwardKind, AwardRound, DossierDocument, NominationStatus


@login_required
def nomination_list(request):
    form = NominationFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    nominations = selectors.nomination_search(
        selectors.nominations_visible_to(request.user), query=data.get("q", "").strip(), status=data.get("status", "")
    ).select_related("round")
    if data.get("format") == "xlsx":
        return xlsx_response(
            filename="de-nghi-khen-thuong.xlsx", title="Đề nghị khen thưởng", headers=selectors.EXPORT_HEADERS,
            rows=selectors.nomination_export_rows(nominations[: selectors.EXPORT_LIMIT]),
        )
    page = paginate(request, nominations)
    findings = selectors.evaluate_many(page.object_list)
    rows = [{"nomination": n, "finding": findings[n.pk]} for n in page.object_list]
    return render(request, "awards/nomination_list.html", {
        "page": page, "rows": rows, "can_nominate": role_units(request.user, Role.UNIT_OFFICER).exists(),
        "statuses": NominationStatus.choices, "params": request.GET,
    })


@login_required
def nomination_create(request):
    units = role_units(request.user, Role.UNIT_OFFICER).filter(is_active=True).order_by("path")
    if not units.exists():
        raise PermissionDenied("Chỉ cán bộ đầu mối của đơn vị được lập hồ sơ đề nghị khen thưởng.")
    today = timezone.localdate()
    rounds = AwardRound.objects.filter(opens_on__lte=today, closes_on__gte=today)
    form = NominationForm(request.POST or None, user=request.user, units=units, rounds=rounds)
    if request.method == "POST":
        if form.is_valid():
            nomination = run_service(
                request,
                lambda: services.nomination_create(actor=request.user, **form.service_kwargs()),
                "Đã lập hồ sơ đề nghị; hãy nộp các thành phần hồ sơ rồi trình.",
            )
            if nomination is not None:
                return redirect(nomination)
        else:
            form_error_messages(request, form)
    return render(request, "awards/nomination_form.html", {
        "units": units, "rounds": rounds, "kinds": AwardKind.objects.filter(is_active=True).available_to(request.user), "form": form, "posted": form.data,
    })


@login_required
def nomination_detail(request, pk):
    nomination = selectors.nomination_get_for_user(request.user, pk)
    return render(request, "awards/nomination_detail.html", {
        "nomination": nomination,
        "findings": selectors.findings_for(nomination),
        "files": nomination.files.all(),
        "documents": DossierDocument.choices,
        "can_edit": allowed(policies.edit_nomination_refusal(request.user, nomination)),
        "can_withdraw": allowed(policies.withdraw_nomination_refusal(request.user, nomination)),
    })


@login_required
@require_POST
def dossier_upload(request, pk):
    nomination = selectors.nomination_get_for_user(request.user, pk)
    form = DossierForm(request.POST, request.FILES)
    if form.is_valid():
        run_service(
            request,
            lambda: services.dossier_add(nomination=nomination, actor=request.user, document=form.cleaned_data["document"], upload=form.cleaned_data["file"]),
            "Đã nộp tệp hồ sơ.",
        )
    else:
        form_error_messages(request, form)
    return redirect(nomination)


@login_required
def dossier_download(request, pk):
    item = selectors.dossier_file_get_for_user(request.user, pk)
    name = download_name(item.original_name, item.content_type)  # its type's extension, whatever the client called it
    return FileResponse(item.file.open("rb"), as_attachment=True, filename=name, content_type=item.content_type)


@login_required
@require_POST
def nomination_submit(request, pk):
    nomination = selectors.nomination_get_for_user(request.user, pk)
    run_service(request, lambda: services.nomination_submit(nomination=nomination, actor=request.user), "Đã trình hồ sơ đề nghị khen thưởng.")
    return redirect(nomination)


@login_required
@require_POST
def nomination_withdraw(request, pk):
    nomination = selectors.nomination_get_for_user(request.user, pk)
    run_service(request, lambda: services.nomination_withdraw(nomination=nomination, actor=request.user), "Đã rút hồ sơ đề nghị.")
    return redirect(nomination)
