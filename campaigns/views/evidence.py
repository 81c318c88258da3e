"""Evidence files of a progress report: upload, remove from a draft, download after an access check."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from common.ratelimit import rate_limited
from common.uploads import download_name
from common.web import form_error_messages, run_service
from units.audit import audit_record

from .. import selectors, services
from ..forms import EvidenceForm, ReportForm
from .reports import save_typed_values


@login_required
@require_POST
@rate_limited("evidence_upload")
def evidence_upload(request, pk):
    """Upload evidence. Sent from the report form, the values typed there are saved first, through the
    same form and service as "Lưu", so choosing a file never costs what was typed."""
    report = selectors.report_get_for_user(request.user, pk)
    if ReportForm(request.POST, targets=()).sent():
        report, _, refusal = save_typed_values(request, report, refused_note="Chưa nộp minh chứng: hãy sửa số liệu rồi chọn lại tệp.")
        if refusal is not None:
            return refusal
        messages.success(request, "Đã lưu số liệu đã nhập.")
    form = EvidenceForm(request.POST, request.FILES, report=report)
    if form.is_valid():
        run_service(
            request,
            lambda: services.evidence_add(report=report, actor=request.user, upload=form.cleaned_data["file"], target=form.cleaned_data["target"]),
            "Đã nộp minh chứng.",
        )
    else:
        form_error_messages(request, form)
    return redirect(report)


@login_required
@require_POST
def evidence_delete(request, pk):
    evidence = selectors.evidence_get_for_user(request.user, pk)
    run_service(request, lambda: services.evidence_delete(evidence=evidence, actor=request.user), "Đã xóa minh chứng.")
    return redirect(evidence.report)


@login_required
def evidence_download(request, pk):
    evidence = selectors.evidence_get_for_user(request.user, pk)
    audit_record(actor=request.user, action="evidence_download", obj=evidence.report, unit=evidence.report.registration.unit, summary=evidence.original_name[:200])
    name = download_name(evidence.original_name, evidence.content_type)  # files stored before names followed types
    prefix = getattr(settings, "EVIDENCE_X_ACCEL_PREFIX", "")
    if prefix:  # nginx serves the file from an `internal` location after this access check
        response = HttpResponse(content_type=evidence.content_type)
        response["X-Accel-Redirect"] = f"{prefix.rstrip('/')}/{evidence.file.name}"
        response["Content-Disposition"] = content_disposition_header(True, name)
        return response
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=name, content_type=evidence.content_type)
