"""Screens of registrations (đăng ký thi đua): the target table, its Excel import, submit and approval."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from common.excel import xlsx_response
from common.web import form_error_messages, run_service
from units.models import Role
from units.scoping import role_units

from .. import imports, policies, selectors, services
from ..forms import DecisionForm, RegistrationForm, UploadForm


def _own_unit(user, unit_pk):
    """A unit the account registers for (its officer's units); another unit gives 404."""
    return get_object_or_404(role_units(user, Role.UNIT_OFFICER), pk=unit_pk)


@login_required
def registration_edit(request, pk, unit_pk):
    campaign = selectors.campaign_get_for_user(request.user, pk)
    unit = _own_unit(request.user, unit_pk)
    current = selectors.current_registration(campaign, unit)
    form = RegistrationForm(request.POST or None, campaign=campaign, indicators=campaign.indicators.order_by("name"), current=current)
    if request.method == "POST" and form.is_valid():
        registration = run_service(
            request,
            lambda: services.registration_save(
                campaign=campaign, unit=unit, actor=request.user, targets=form.targets(), titles=form.cleaned_data["titles"]
            ),
            "Đã lưu bản đăng ký thi đua.",
        )
        if registration is not None:
            if form.cleaned_data["submit"]:
                run_service(request, lambda: services.registration_submit(registration=registration, actor=request.user), "Đã gửi đăng ký để duyệt.")
            return redirect(registration)
    return render(
        request,
        "campaigns/registration_form.html",
        {
            "campaign": campaign,
            "unit": unit,
            "form": form,
            "current": current,
            "refusal": policies.edit_registration_refusal(request.user, campaign, unit),
        },
    )


@login_required
def registration_detail(request, pk):
    registration = selectors.registration_get_for_user(request.user, pk)
    targets = [selectors.describe_target(t) for t in selectors.targets_with_latest(registration.targets.all())]
    actions = policies.registration_actions(request.user, registration)
    return render(
        request,
        "campaigns/registration_detail.html",
        {
            "registration": registration,
            "targets": targets,
            "reports": selectors.unit_reports(registration),
            **selectors.registration_versions(registration),
            "actions": actions,
            "period_choices": selectors.period_choices(registration) if actions["report"] else [],
        },
    )


@login_required
@require_POST
def registration_submit(request, pk):
    registration = selectors.registration_get_for_user(request.user, pk)
    run_service(request, lambda: services.registration_submit(registration=registration, actor=request.user), "Đã gửi đăng ký để duyệt.")
    return redirect(registration)


@login_required
@require_POST
def registration_decide(request, pk):
    registration = selectors.registration_get_for_user(request.user, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        form_error_messages(request, form)
        return redirect(registration)
    run_service(
        request,
        lambda: services.registration_decide(
            registration=registration, actor=request.user, approve=form.approve, comment=form.cleaned_data["comment"]
        ),
        "Đã duyệt bản đăng ký." if form.approve else "Đã trả lại bản đăng ký.",
    )
    return redirect(registration)


@login_required
@require_POST
def registration_import(request, pk, unit_pk):
    campaign = selectors.campaign_get_for_user(request.user, pk)
    unit = _own_unit(request.user, unit_pk)
    form = UploadForm(request.POST, request.FILES)
    rows, errors = imports.targets_from_upload(form.cleaned_data["file"], campaign=campaign) if form.is_valid() else ([], [(0, "Chưa chọn tệp.")])
    if errors:
        for row, message in errors:
            messages.error(request, f"Dòng {row}: {message}" if row else message)
        messages.error(request, "Không nhập được tệp: chưa lưu chỉ tiêu nào.")
        return redirect("campaigns:registration-edit", pk=campaign.pk, unit_pk=unit.pk)
    registration = run_service(
        request,
        lambda: services.registration_save(campaign=campaign, unit=unit, actor=request.user, targets=rows),
        f"Đã nhập {len(rows)} chỉ tiêu từ Excel.",
    )
    return redirect(registration or campaign)


@login_required
def registration_template(request, pk):
    """The Excel template for a campaign's targets (or, with ?report=<id>, for a report's values)."""
    from common.parsing import parse_id

    campaign = selectors.campaign_get_for_user(request.user, pk)
    report_id = parse_id(request.GET.get("report"))
    if report_id is not None:
        report = selectors.report_get_for_user(request.user, report_id)
        return xlsx_response(
            filename=f"mau-bao-cao-{report.pk}.xlsx",
            title="Báo cáo",
            headers=[c.header for c in imports.VALUE_COLUMNS],
            rows=selectors.exports.template_rows_for_report(report),
        )
    return xlsx_response(
        filename=f"mau-dang-ky-{campaign.pk}.xlsx",
        title="Đăng ký",
        headers=[c.header for c in imports.TARGET_COLUMNS],
        rows=selectors.exports.template_rows_for_campaign(campaign),
    )

