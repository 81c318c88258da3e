"""The decision of a round, its certificates (rendered by the workers) and their print bundle."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from common.web import form_error_messages, run_service
from documents.selectors import document_get_for_user

from .. import selectors, services
from ..forms import DecisionDraftForm


@login_required
@require_POST
def decision_draft(request, pk):
    award_round = selectors.round_get_for_user(request.user, pk)
    form = DecisionDraftForm(request.POST)
    if not form.is_valid():
        form_error_messages(request, form)
        return redirect("awards:round-detail", pk=pk)
    document = run_service(
        request,
        lambda: services.decision_draft(award_round=award_round, actor=request.user, **form.cleaned_data),
        "Đã lập dự thảo quyết định khen thưởng; trình lãnh đạo ký. Chức vụ, họ tên người ký lấy từ tài khoản ký.",
    )
    return redirect(document) if document else redirect("awards:round-detail", pk=pk)


@login_required
def certificate_download(request, pk):
    """The certificate of one award, once its job is done; until then the round page shows its progress."""
    record = selectors.certificate_record_get_for_user(request.user, pk)
    job = selectors.certificate_job(record)
    if job is None or not job.file:
        messages.info(request, "Bằng đang được tạo; tải lại sau ít phút.")
        return redirect("awards:round-detail", pk=record.nomination.round_id)
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=f"bang-{record.golden_book_number.replace('/', '-')}.pdf", content_type="application/pdf")


@login_required
@require_POST
def certificate_bundle(request, pk, document_pk):
    """"In tất cả": queue the bundle of a decision's certificates; the round page shows the job and its file."""
    award_round = selectors.round_get_for_user(request.user, pk)
    document = document_get_for_user(request.user, document_pk)
    run_service(
        request,
        lambda: services.certificate_bundle_request(award_round=award_round, document=document, actor=request.user),
        "Đã gửi yêu cầu in tất cả bằng, giấy khen; tệp sẽ có trên trang này khi tạo xong.",
    )
    return redirect("awards:round-detail", pk=pk)
