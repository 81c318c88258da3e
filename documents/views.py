"""Screens of official documents: list, editor, detail with actions, PDF jobs, the register."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from common.excel import xlsx_response
from common.pagination import paginate
from common.parsing import parse_id, query_year
from common.web import run_service
from units.models import Role, Unit
from units.scoping import has_any_role, has_role, role_units

from . import selectors, services
from .forms import BlankProfileForm, DocumentForm, RevokeForm, initial_from
from .models import ISSUED_STATUSES, DocumentStatus, DocumentType, PdfJobKind, PdfJobState
from .numbering import local_today
from .policies import can_return, can_sign_block, preview_refusal

DRAFTING_ROLES = (Role.CAMPAIGN_MANAGER, Role.CLERK, Role.SIGNER, Role.COUNCIL_SECRETARY)


def _drafting_units(user):
    units = Unit.objects.none()
    for role in DRAFTING_ROLES:
        units = units | role_units(user, role)
    return units.filter(is_active=True).exclude(short_name="").distinct().order_by("name")


def _can_draft(user, document) -> bool:
    return has_any_role(user, DRAFTING_ROLES, document.lead_issuer)




@login_required
def document_list(request):
    params = {key: request.GET.get(key, "").strip()[:100] for key in ("q", "type", "issuer", "year", "status")}
    documents = selectors.document_list(
        user=request.user,
        query=params["q"],
        doc_type=params["type"] if params["type"] in DocumentType.values else "",
        issuer=parse_id(params["issuer"]),
        year=query_year(params),
        status=params["status"],
    )
    return render(
        request,
        "documents/document_list.html",
        {
            "page": paginate(request, documents),
            "params": params,
            "types": DocumentType.choices,
            "statuses": DocumentStatus.choices,
            "issuers": Unit.objects.filter(
                pk__in=selectors.document_list(user=request.user).values("issuer_links__unit")
            ).order_by("name"),
            "can_create": _drafting_units(request.user).exists(),
        },
    )


@login_required
def document_create(request):
    lead_choices = _drafting_units(request.user)
    if not lead_choices.exists():
        raise PermissionDenied("Tài khoản không có quyền soạn văn bản.")
    form = DocumentForm(request.POST or None, lead_choices=lead_choices)
    if request.method == "POST" and form.is_valid():
        document = run_service(
            request,
            lambda: services.document_create(actor=request.user, **form.service_kwargs()),
            "Đã lưu dự thảo văn bản.",
        )
        if document is not None:
            return redirect(document)
    return render(request, "documents/document_form.html", {"form": form, "document": None})


@login_required
def document_update(request, pk):
    document = selectors.document_get_for_user(request.user, pk)
    if not _can_draft(request.user, document):
        raise PermissionDenied("Tài khoản không có quyền sửa văn bản này.")
    if not document.is_editable:
        messages.error(request, "Văn bản không còn ở trạng thái dự thảo nên không sửa được.")
        return redirect(document)
    form = DocumentForm(request.POST or None, initial=initial_from(document), lead_choices=_drafting_units(request.user))
    if request.method == "POST" and form.is_valid():
        kwargs = form.service_kwargs()
        updated = run_service(
            request,
            lambda: services.document_update_draft(actor=request.user, document=document, **kwargs),
            "Đã lưu dự thảo.",
        )
        if updated is not None:
            return redirect(updated)
    return render(request, "documents/document_form.html", {"form": form, "document": document})


@login_required
def document_detail(request, pk):
    document = selectors.document_get_for_user(request.user, pk)
    user = request.user
    issuers = document.ordered_issuers()
    context = {
        "document": document,
        "issuers": issuers,
        "job": selectors.latest_job(document, PdfJobKind.DOCUMENT),
        "preview_job": selectors.latest_job(document, PdfJobKind.PREVIEW),
        "can_edit": document.is_editable and _can_draft(user, document),
        "can_preview": document.status not in ISSUED_STATUSES
        and preview_refusal(user, document) is None,
        "can_submit": document.status == DocumentStatus.DRAFT and _can_draft(user, document),
        "can_sign": document.status == DocumentStatus.SUBMITTED
        and any(can_sign_block(user, s) for s in document.signers.all()),
        "can_return": document.status == DocumentStatus.SUBMITTED and can_return(user, document),
        "can_issue": document.status == DocumentStatus.SIGNED and has_role(user, Role.CLERK, document.lead_issuer),
        "can_revoke": document.status == DocumentStatus.ISSUED
        and has_any_role(user, (Role.SIGNER, Role.CLERK), document.lead_issuer),
        "can_replace": document.status == DocumentStatus.ISSUED and _can_draft(user, document),
        "revoke_form": RevokeForm(),
        "replaced_by": document.replaced_by.all(),
    }
    return render(request, "documents/document_detail.html", context)


def _action(view):
    """A POST action on a document the user can see; the service decides whether it is allowed."""

    @login_required
    @require_POST
    def wrapped(request, pk):
        document = selectors.document_get_for_user(request.user, pk)
        result = view(request, document)
        return redirect(result if result is not None and hasattr(result, "get_absolute_url") else document)

    wrapped.__name__ = view.__name__
    return wrapped


@_action
def document_submit(request, document):
    if not _can_draft(request.user, document):
        raise PermissionDenied("Tài khoản không có quyền trình ký văn bản này.")
    return run_service(request, lambda: services.document_submit(document=document, actor=request.user), "Đã trình ký.")


@_action
def document_return(request, document):
    return run_service(request, lambda: services.document_return_to_draft(document=document, actor=request.user), "Đã trả lại dự thảo.")


@_action
def document_sign(request, document):
    return run_service(request, lambda: services.document_sign(document=document, actor=request.user), "Đã ký văn bản.")


@_action
def document_issue(request, document):
    issued = run_service(request, lambda: services.document_issue(document=document, actor=request.user), "")
    if issued is not None:
        messages.success(request, f"Đã cấp số {issued.symbol} và ban hành văn bản. Bản PDF đang được tạo.")
    return issued


@_action
def document_revoke(request, document):
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Cần nêu lý do thu hồi.")
        return None
    reason = form.cleaned_data["reason"]
    return run_service(request, lambda: services.document_revoke(document=document, actor=request.user, reason=reason), "Đã thu hồi văn bản.")


@_action
def document_replace(request, document):
    if not _can_draft(request.user, document):
        raise PermissionDenied("Tài khoản không có quyền soạn văn bản thay thế.")
    return run_service(
        request,
        lambda: services.document_replace(document=document, actor=request.user),
        "Đã tạo dự thảo văn bản thay thế. Sửa nội dung rồi trình ký.",
    )


@_action
def document_preview(request, document):
    run_service(
        request,
        lambda: services.pdf_job_request(document=document, actor=request.user, kind=PdfJobKind.PREVIEW),
        "Đang tạo bản xem trước có dấu “DỰ THẢO”.",
    )
    return None


@login_required
def pdf_job_status(request, pk):
    job = selectors.pdf_job_get_for_user(request.user, pk)
    return render(request, "documents/partials/_pdf_job.html", {"job": job, "document": job.document})


@login_required
def pdf_job_download(request, pk):
    job = selectors.pdf_job_get_for_user(request.user, pk)
    if job.state != PdfJobState.DONE or not job.file:
        raise Http404("Bản PDF chưa sẵn sàng.")
    document = job.document
    label = (document.symbol or f"du-thao-{document.pk}").replace("/", "-")
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=f"{label}.pdf", content_type="application/pdf")


@login_required
@require_POST
def pdf_job_retry(request, pk):
    job = selectors.pdf_job_get_for_user(request.user, pk)
    run_service(request, lambda: services.pdf_job_retry(job=job, actor=request.user), "Đã gửi lại yêu cầu tạo PDF.")
    return redirect(job.document)


@login_required
def register(request):
    issuers = selectors.register_issuers(request.user)
    if not issuers.exists():
        raise PermissionDenied("Sổ đăng ký văn bản dành cho văn thư và lãnh đạo đơn vị.")
    issuer_id = parse_id(request.GET.get("issuer"))
    issuer = (issuers.filter(pk=issuer_id).first() if issuer_id else None) or selectors.register_default_issuer(
        request.user, issuers
    )
    year = query_year(request.GET) or local_today().year
    rows = selectors.register_rows(issuer=issuer, year=year)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            filename=f"so-dang-ky-van-ban-di-{issuer.code}-{year}.xlsx",
            title=f"Sổ văn bản đi {year}",
            headers=["Số, ký hiệu", "Ngày tháng", "Loại văn bản", "Trích yếu nội dung", "Người ký", "Nơi nhận", "Trạng thái"],
            rows=(
                (
                    d.symbol,
                    d.issued_on,
                    d.get_doc_type_display(),
                    d.subject,
                    "; ".join(s.name for s in d.signers.all()),
                    "; ".join(d.recipients),
                    d.get_status_display(),
                )
                for d in rows
            ),
        )
    years = sorted({year, local_today().year} | selectors.register_years(issuer=issuer), reverse=True)
    return render(
        request,
        "documents/register.html",
        {"issuers": issuers, "issuer": issuer, "year": year, "years": years, "page": paginate(request, rows, 50)},
    )


@login_required
def blank_profile_list(request):
    units = selectors.blank_units(request.user)
    if not units.exists():
        raise PermissionDenied("Căn chỉnh in phôi dành cho văn thư.")
    return render(request, "documents/blank_profiles.html", {"profiles": selectors.blank_profiles(request.user)})


@login_required
def blank_profile_edit(request, pk=None):
    units = selectors.blank_units(request.user)
    if not units.exists():
        raise PermissionDenied("Căn chỉnh in phôi dành cho văn thư.")
    profile = selectors.blank_profile_get_for_user(request.user, pk) if pk else None
    form = BlankProfileForm(request.POST or None, instance=profile, units=units)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            request,
            lambda: services.blank_profile_save(actor=request.user, profile=profile, **form.service_kwargs()),
            "Đã lưu căn chỉnh. In trang căn chỉnh để kiểm tra trên phôi.",
        )
        if saved is not None:
            return redirect("documents:blank-profile-update", pk=saved.pk)
    return render(request, "documents/blank_profile_form.html", {"form": form, "profile": profile})


@login_required
def blank_profile_calibration(request, pk):
    from .certificates import render_calibration_pdf

    profile = selectors.blank_profile_get_for_user(request.user, pk)
    response = HttpResponse(render_calibration_pdf(profile), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="can-chinh-phoi-{profile.pk}.pdf"'
    return response
