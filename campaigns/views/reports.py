"""Screens of progress reports: create one for a period, fill and submit it, accept or return it, revise it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from common.uploads import max_upload_bytes
from common.web import form_error_messages, run_service

from .. import imports, policies, selectors, services
from ..forms import DecisionForm, EvidenceForm, ReportCreateForm, ReportForm, UploadForm


@login_required
@require_POST
def report_create(request, pk):
    registration = selectors.registration_get_for_user(request.user, pk)
    form = ReportCreateForm(request.POST, choices=selectors.period_choices(registration))
    if not form.is_valid():
        form_error_messages(request, form)
        return redirect(registration)
    report = run_service(
        request, lambda: services.report_create(registration=registration, actor=request.user, **form.period_kwargs()), "Đã tạo báo cáo."
    )
    return redirect(report or registration)


def _report_context(request, report, form=None, **extra):
    rows = selectors.report_rows(report)
    if form is not None:  # show back what was typed, so a refused save loses nothing
        for row in rows:
            pk = row["target"].pk
            row["typed"] = {"v": form.data.get(f"v-{pk}", ""), "s": form.data.get(f"s-{pk}", ""), "d": bool(form.data.get(f"d-{pk}"))}
    return {
        "report": report,
        "rows": rows,
        "form": form,
        "evidence": report.evidence.select_related("target__indicator"),
        "max_upload_mb": max_upload_bytes() // (1024 * 1024),
        "actions": policies.report_actions(request.user, report),
        **extra,
    }


def save_typed_values(request, report, *, refused_note: str = ""):
    """Save the values and narrative the report form sent, as a draft.

    Returns ``(report, form, None)`` once saved, or ``(None, form, response)``: the page to show instead, with what
    was typed (a refused value, a refusal) or both versions side by side (someone saved meanwhile).
    Saving and uploading evidence both go through here, so neither loses what the other typed.
    ``refused_note`` is added to the page when the values are refused.
    """
    form = ReportForm(request.POST, targets=report.registration.targets.select_related("indicator"))
    if not form.is_valid():
        for error in form.error_list():
            messages.error(request, error)
        if refused_note:
            messages.warning(request, refused_note)
        return None, form, render(request, "campaigns/report_detail.html", _report_context(request, report, form), status=400)
    try:
        saved = services.report_save(
            report=report,
            actor=request.user,
            version=form.cleaned_data["version"],
            narrative=form.cleaned_data["narrative"],
            values=form.values(),
            same_period=form.same_period(),
        )
    except services.ReportConflict as conflict:
        mine = {"narrative": form.cleaned_data["narrative"], "values": form.values()}
        return None, form, render(
            request,
            "campaigns/report_conflict.html",
            {"report": conflict.current, "mine": mine, "theirs": _report_context(request, conflict.current)},
            status=409,
        )
    except (ValidationError, PermissionDenied) as error:  # a refusal: shown with what was typed
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        if refused_note:
            messages.warning(request, refused_note)
        return None, form, render(request, "campaigns/report_detail.html", _report_context(request, report, form), status=400)
    return saved, form, None


def add_attached_evidence(request, report) -> None:
    """Add the evidence file chosen in the report form, if one was chosen (its refusal is a message)."""
    upload = EvidenceForm(request.POST, request.FILES, report=report)
    if not upload.has_file():
        return
    if upload.is_valid():
        run_service(
            request,
            lambda: services.evidence_add(report=report, actor=request.user, upload=upload.cleaned_data["file"], target=upload.cleaned_data["target"]),
            "Đã nộp minh chứng.",
        )
    else:
        form_error_messages(request, upload)


@login_required
def report_detail(request, pk):
    report = selectors.report_get_for_user(request.user, pk)
    if request.method != "POST":
        return render(request, "campaigns/report_detail.html", _report_context(request, report))
    saved, form, refusal = save_typed_values(request, report)
    if refusal is not None:
        return refusal
    add_attached_evidence(request, saved)  # a file chosen before "Lưu" is kept too (a milestone needs it to be sent)
    if form.cleaned_data["submit"]:
        run_service(request, lambda: services.report_submit(report=saved, actor=request.user), "Đã gửi báo cáo.")
    else:
        messages.success(request, "Đã lưu báo cáo.")
    return redirect(saved)


@login_required
@require_POST
def report_decide(request, pk):
    report = selectors.report_get_for_user(request.user, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        form_error_messages(request, form)
        return redirect(report)
    run_service(
        request,
        lambda: services.report_decide(report=report, actor=request.user, accept=form.approve, comment=form.cleaned_data["comment"]),
        "Đã tiếp nhận báo cáo." if form.approve else "Đã trả lại báo cáo.",
    )
    return redirect(report)


@login_required
@require_POST
def report_revise(request, pk):
    report = selectors.report_get_for_user(request.user, pk)
    revision = run_service(request, lambda: services.report_revise(report=report, actor=request.user), "Đã tạo bản sửa đổi của báo cáo.")
    return redirect(revision or report)


@login_required
@require_POST
def report_import(request, pk):
    report = selectors.report_get_for_user(request.user, pk)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        values, same_period, errors = imports.values_from_upload(form.cleaned_data["file"], registration=report.registration)
    else:
        values, same_period, errors = {}, {}, [(0, "Chưa chọn tệp.")]
    if errors:
        for row, message in errors:
            messages.error(request, f"Dòng {row}: {message}" if row else message)
        messages.error(request, "Không nhập được tệp: chưa lưu số liệu nào.")
        return redirect(report)

    def save():
        try:
            return services.report_save(
                report=report, actor=request.user, version=report.version, narrative=report.narrative, values=values, same_period=same_period
            )
        except services.ReportConflict:
            raise ValidationError("Báo cáo vừa được người khác lưu; hãy mở lại và nhập lại.") from None

    run_service(request, save, f"Đã nhập số liệu {len(values)} chỉ tiêu từ Excel.")
    return redirect(report)
