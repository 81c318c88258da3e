"""Screens of campaigns: list, detail, launch, registration, progress reports, evidence, dashboard."""

import re
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, Q, When
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from common import ratelimit
from common.excel import xlsx_response
from common.pagination import paginate
from common.web import run_service
from units.audit import audit_record
from units.models import Cluster, Role, Unit, UnitKind
from units.scoping import has_role, role_units

from . import imports, selectors, services
from .forms import CampaignForm
from .models import (
    Campaign,
    CampaignStatus,
    Direction,
    Evidence,
    PeriodType,
    Registration,
    RegistrationStatus,
    ReportStatus,
)
from .periods import REPORT_GRACE_DAYS


@login_required
def campaign_list(request):
    query = request.GET.get("q", "").strip()[:100]
    status = request.GET.get("status", "")
    campaigns = Campaign.objects.visible_to(request.user).prefetch_related("issuer_links__unit")
    if query:
        campaigns = campaigns.filter(name__icontains=query)
    if status in CampaignStatus.values:
        campaigns = campaigns.filter(status=status)
    return render(
        request,
        "campaigns/campaign_list.html",
        {
            "page": paginate(request, campaigns),
            "query": query,
            "status": status,
            "statuses": CampaignStatus.choices,
            "can_create": role_units(request.user, Role.CAMPAIGN_MANAGER).exists(),
        },
    )


@login_required
def campaign_create(request):
    issuer_choices = role_units(request.user, Role.CAMPAIGN_MANAGER).filter(is_active=True).exclude(short_name="").order_by("name")
    if not issuer_choices.exists():
        raise PermissionDenied("Chỉ cán bộ quản lý phong trào được tạo phong trào thi đua.")
    form = CampaignForm(request.POST or None, issuer_choices=issuer_choices, user=request.user)
    if request.method == "POST" and form.is_valid():
        campaign = run_service(request, lambda: services.campaign_create(actor=request.user, **form.service_kwargs()), "Đã lưu dự thảo phong trào.")
        if campaign is not None:
            return redirect(campaign)
    return render(request, "campaigns/campaign_form.html", {"form": form})


@login_required
def campaign_edit(request, pk):
    """Edit a draft before launch (a campaign manager of its lead issuer)."""
    campaign = selectors.campaign_get_for_user(request.user, pk)
    if not has_role(request.user, Role.CAMPAIGN_MANAGER, campaign.lead_issuer):
        raise PermissionDenied("Chỉ cán bộ quản lý phong trào của cơ quan phát động được sửa dự thảo.")
    if campaign.status != CampaignStatus.DRAFT:
        messages.error(request, "Phong trào đã phát động: không sửa được.")
        return redirect(campaign)
    issuer_choices = role_units(request.user, Role.CAMPAIGN_MANAGER).filter(is_active=True).exclude(short_name="").order_by("name")
    form = CampaignForm(request.POST or None, issuer_choices=issuer_choices, user=request.user, initial=CampaignForm.initial_for(campaign))
    form.fields["parent"].queryset = form.fields["parent"].queryset.exclude(pk=campaign.pk)
    if request.method == "POST" and form.is_valid():
        updated = run_service(
            request, lambda: services.campaign_update(campaign=campaign, actor=request.user, **form.service_kwargs()), "Đã lưu dự thảo phong trào."
        )
        if updated is not None:
            return redirect(updated)
    return render(request, "campaigns/campaign_form.html", {"form": form, "campaign": campaign})


@login_required
def campaign_detail(request, pk):
    campaign = selectors.campaign_get_for_user(request.user, pk)
    user = request.user
    is_manager = has_role(user, Role.CAMPAIGN_MANAGER, campaign.lead_issuer)
    registrations = (
        campaign.registrations.current()
        .visible_to(user)
        .select_related("unit")
        .order_by(Case(When(status=RegistrationStatus.SUBMITTED, then=0), default=1), "unit__name")
    )
    own_units = role_units(user, Role.UNIT_OFFICER).filter(pk__in=campaign.participants.values("pk"))
    pending_reports = (
        selectors.ProgressReport.objects.visible_to(user)
        .filter(registration__campaign=campaign, status=ReportStatus.SUBMITTED)
        .select_related("registration__unit")
        .order_by("submitted_at")
        if is_manager
        else []
    )
    return render(
        request,
        "campaigns/campaign_detail.html",
        {
            "campaign": campaign,
            "is_manager": is_manager,
            "registrations": registrations,
            "own_units": own_units,
            "participants": campaign.participants.order_by("name"),
            "next_statuses": [CampaignStatus(s) for s in sorted(services.CAMPAIGN_TRANSITIONS[CampaignStatus(campaign.status)])]
            if campaign.status != CampaignStatus.DRAFT
            else [],
            "children": campaign.children.all(),
            "grace_days": REPORT_GRACE_DAYS,
            "pending_reports": pending_reports[:30] if is_manager else [],
            "indicators": campaign.indicators.order_by("name"),
        },
    )


@login_required
@require_POST
def campaign_launch(request, pk):
    campaign = selectors.campaign_get_for_user(request.user, pk)
    title = request.POST.get("signer_title", "").strip()[:160]
    name = request.POST.get("signer_name", "").strip()[:120]
    if not title or not name:
        messages.error(request, "Cần nhập chức vụ và họ tên người ký văn bản phát động.")
        return redirect(campaign)
    launched = run_service(
        request,
        lambda: services.campaign_launch(campaign=campaign, actor=request.user, signer_title=title, signer_name=name),
        "Đã phát động phong trào. Văn bản phát động đã được trình ký.",
    )
    return redirect(launched.directive if launched and launched.directive else campaign)


@login_required
@require_POST
def campaign_transition(request, pk):
    campaign = selectors.campaign_get_for_user(request.user, pk)
    target = request.POST.get("to", "")
    if target not in CampaignStatus.values:
        messages.error(request, "Trạng thái không hợp lệ.")
    else:
        run_service(request, lambda: services.campaign_transition(campaign=campaign, actor=request.user, to=target), "Đã chuyển trạng thái phong trào.")
    return redirect(campaign)


def rate_limited(action: str):
    """Answer 429 with a Vietnamese message once the account passes the per-minute limit for ``action``."""
    from functools import wraps

    def decorate(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not ratelimit.allow(request.user, action):
                return HttpResponse(
                    "Quá nhiều yêu cầu trong một phút; vui lòng thử lại sau ít phút.", status=429, content_type="text/plain; charset=utf-8"
                )
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


# --- Registrations -------------------------------------------------------------------------


GROUPED = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def _parse_decimal(text: str, label: str, errors: list[str]) -> Decimal | None:
    """Read a number as Vietnamese users type it: 38.300 and 8,2 (a plain 140.5 also works)."""
    text = (text or "").strip().replace(" ", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif GROUPED.match(text):
        text = text.replace(".", "")
    if not text:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        errors.append(f"{label}: “{text}” không phải là số.")
        return None


def _parse_date(text: str, label: str, errors: list[str], campaign):
    """A target's deadline (yyyy-mm-dd from the date picker, or dd/mm/yyyy), inside the campaign."""
    import datetime

    text = (text or "").strip()
    if not text:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            value = datetime.datetime.strptime(text, pattern).date()
            break
        except ValueError:
            continue
    else:
        errors.append(f"{label}: thời hạn “{text}” không phải là ngày (dd/mm/yyyy).")
        return None
    if not campaign.start_date <= value <= campaign.end_date:
        errors.append(f"{label}: thời hạn {value:%d/%m/%Y} nằm ngoài thời gian phong trào.")
        return None
    return value


@login_required
def registration_edit(request, pk, unit_pk):
    campaign = selectors.campaign_get_for_user(request.user, pk)
    unit = get_object_or_404(role_units(request.user, Role.UNIT_OFFICER), pk=unit_pk)
    current = campaign.registrations.current().filter(unit=unit).prefetch_related("targets").first()
    existing = {t.indicator_id: t for t in current.targets.all()} if current else {}
    indicators = list(campaign.indicators.order_by("name"))
    errors: list[str] = []
    if request.method == "POST":
        rows = []
        for indicator in indicators:
            prefix = f"t-{indicator.pk}-"
            if not request.POST.get(prefix + "include"):
                continue
            label = indicator.name
            rows.append(
                {
                    "indicator": indicator,
                    "target_value": _parse_decimal(request.POST.get(prefix + "value"), label, errors),
                    "baseline": _parse_decimal(request.POST.get(prefix + "baseline"), label, errors),
                    "direction": request.POST.get(prefix + "direction") if request.POST.get(prefix + "direction") in Direction.values else Direction.AT_LEAST,
                    "deadline": _parse_date(request.POST.get(prefix + "deadline"), label, errors, campaign),
                    "note": request.POST.get(prefix + "note", "").strip()[:500],
                }
            )
        if not errors:
            registration = run_service(
                request,
                lambda: services.registration_save(
                    campaign=campaign, unit=unit, actor=request.user, targets=rows, titles=request.POST.get("titles", "")[:500]
                ),
                "Đã lưu bản đăng ký thi đua.",
            )
            if registration is not None:
                if request.POST.get("submit"):
                    run_service(request, lambda: services.registration_submit(registration=registration, actor=request.user), "Đã gửi đăng ký để duyệt.")
                return redirect(registration)
    form_rows = [
        {
            "indicator": i,
            "target": existing.get(i.pk),
            "posted": {k: request.POST.get(f"t-{i.pk}-{k}", "") for k in ("value", "baseline", "direction", "deadline", "note", "include")}
            if request.method == "POST"
            else None,
        }
        for i in indicators
    ]
    return render(
        request,
        "campaigns/registration_form.html",
        {"campaign": campaign, "unit": unit, "rows": form_rows, "current": current, "errors": errors, "directions": Direction.choices},
    )


@login_required
def registration_detail(request, pk):
    registration = selectors.registration_get_for_user(request.user, pk)
    targets = [selectors.describe_target(t) for t in selectors.targets_with_latest(registration.targets.all())]
    return render(
        request,
        "campaigns/registration_detail.html",
        {
            "registration": registration,
            "targets": targets,
            "reports": selectors.unit_reports(registration),
            "in_force": registration.campaign.registrations.filter(unit=registration.unit, status=RegistrationStatus.APPROVED)
            .exclude(pk=registration.pk)
            .first(),
            "pending": registration.campaign.registrations.filter(
                unit=registration.unit, status__in=(RegistrationStatus.DRAFT, RegistrationStatus.SUBMITTED, RegistrationStatus.RETURNED)
            )
            .exclude(pk=registration.pk)
            .first(),
            "can_decide": registration.status == RegistrationStatus.SUBMITTED
            and has_role(request.user, Role.CAMPAIGN_MANAGER, registration.campaign.lead_issuer),
            "can_edit": has_role(request.user, Role.UNIT_OFFICER, registration.unit),
            "period_choices": _period_choices(registration),
        },
    )


def _period_choices(registration) -> list[dict]:
    """The campaign's periods the unit has not reported yet; the earliest one already ended is preselected."""
    reported = set(
        selectors.ProgressReport.objects.filter(
            registration__campaign_id=registration.campaign_id, registration__unit_id=registration.unit_id
        )
        .exclude(status=ReportStatus.SUPERSEDED)
        .values_list("period_type", "period_index", "year")
    )
    today = timezone.localdate()
    choices = [
        {"value": f"{p.period_type}-{p.index}-{p.year}", "label": p.label, "due": p.due_date, "ended": p.end < today}
        for p in registration.campaign.report_periods
        if (p.period_type, p.index, p.year) not in reported
    ]
    default = next((c for c in choices if c["ended"]), choices[0] if choices else None)
    for choice in choices:
        choice["selected"] = choice is default
    return choices


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
    approve = request.POST.get("decision") == "approve"
    run_service(
        request,
        lambda: services.registration_decide(
            registration=registration, actor=request.user, approve=approve, comment=request.POST.get("comment", "")[:2000]
        ),
        "Đã duyệt bản đăng ký." if approve else "Đã trả lại bản đăng ký.",
    )
    return redirect(registration)


# --- Reports -------------------------------------------------------------------------------


@login_required
@require_POST
def report_create(request, pk):
    registration = selectors.registration_get_for_user(request.user, pk)
    if request.POST.get("period"):  # "quarter-2-2026" from the list of the campaign's periods
        period_type, _, rest = request.POST["period"].partition("-")
        index, _, year = rest.partition("-")
    else:
        period_type = request.POST.get("period_type", "")
        index, year = request.POST.get("period_index", "1"), request.POST.get("year", "")
    if period_type not in PeriodType.values or not index.isdigit() or not year.isdigit():
        messages.error(request, "Kỳ báo cáo không hợp lệ.")
        return redirect(registration)
    report = run_service(
        request,
        lambda: services.report_create(
            registration=registration, actor=request.user, period_type=period_type, period_index=int(index), year=int(year)
        ),
        "Đã tạo báo cáo.",
    )
    return redirect(report or registration)


def _report_row(target, value):
    """A report line with the status its own value gives (đạt, vượt, chưa đạt, chưa báo cáo)."""
    status, percent = selectors.target_status(
        kind=target.indicator.kind,
        direction=target.direction,
        target_value=target.target_value,
        value=value.value if value else None,
        done=value.done if value else None,
    )
    growth = None
    if value and not target.is_milestone:
        growth = selectors.same_period_change(
            value=value.value, same_period=value.same_period, baseline=target.baseline, period_key=value.report.period_key
        )
    return {"target": target, "value": value, "status": status, "label": selectors.STATUS_LABELS[status], "percent": percent, "growth": growth}


def _report_context(request, report, **extra):
    from common.uploads import max_upload_bytes

    targets = list(report.registration.targets.select_related("indicator"))
    values = {v.target_id: v for v in report.values.select_related("report")}
    return {
        "report": report,
        "rows": [_report_row(t, values.get(t.pk)) for t in targets],
        "evidence": report.evidence.select_related("target__indicator"),
        "max_upload_mb": max_upload_bytes() // (1024 * 1024),
        "can_edit": report.status in (ReportStatus.DRAFT, ReportStatus.RETURNED)
        and has_role(request.user, Role.UNIT_OFFICER, report.registration.unit),
        "can_revise": report.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
        and has_role(request.user, Role.UNIT_OFFICER, report.registration.unit),
        "can_decide": report.status == ReportStatus.SUBMITTED
        and has_role(request.user, Role.CAMPAIGN_MANAGER, report.registration.campaign.lead_issuer),
        **extra,
    }


@login_required
def report_detail(request, pk):
    report = selectors.report_get_for_user(request.user, pk)
    if request.method == "POST":
        errors: list[str] = []
        values = {}
        same_period = {}
        for target in report.registration.targets.select_related("indicator"):
            value = _parse_decimal(request.POST.get(f"v-{target.pk}"), target.indicator.name, errors)
            values[target.pk] = (value, bool(request.POST.get(f"d-{target.pk}")))
            same_period[target.pk] = _parse_decimal(request.POST.get(f"s-{target.pk}"), f"{target.indicator.name} (cùng kỳ)", errors)
        version = int(request.POST.get("version", "0") or 0)
        if errors:
            for error in errors:
                messages.error(request, error)
            return render(request, "campaigns/report_detail.html", _report_context(request, report), status=400)
        try:
            report = services.report_save(
                report=report,
                actor=request.user,
                version=version,
                narrative=request.POST.get("narrative", "")[:20000],
                values=values,
                same_period=same_period,
            )
        except services.ReportConflict as conflict:
            mine = {"narrative": request.POST.get("narrative", ""), "values": values}
            return render(
                request,
                "campaigns/report_conflict.html",
                {"report": conflict.current, "mine": mine, "theirs": _report_context(request, conflict.current)},
                status=409,
            )
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            return redirect(report)
        if request.POST.get("submit"):
            run_service(request, lambda: services.report_submit(report=report, actor=request.user), "Đã gửi báo cáo.")
        else:
            messages.success(request, "Đã lưu báo cáo.")
        return redirect(report)
    return render(request, "campaigns/report_detail.html", _report_context(request, report))


@login_required
@require_POST
def report_decide(request, pk):
    report = selectors.report_get_for_user(request.user, pk)
    accept = request.POST.get("decision") == "accept"
    run_service(
        request,
        lambda: services.report_decide(report=report, actor=request.user, accept=accept, comment=request.POST.get("comment", "")[:2000]),
        "Đã tiếp nhận báo cáo." if accept else "Đã trả lại báo cáo.",
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
@rate_limited("evidence_upload")
def evidence_upload(request, pk):
    report = selectors.report_get_for_user(request.user, pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "Chưa chọn tệp minh chứng.")
    else:
        target_id = request.POST.get("target", "")
        target = report.registration.targets.filter(pk=int(target_id)).first() if target_id.isdigit() else None
        run_service(
            request, lambda: services.evidence_add(report=report, actor=request.user, upload=upload, target=target), "Đã nộp minh chứng."
        )
    return redirect(report)


@login_required
@require_POST
def evidence_delete(request, pk):
    visible = selectors.ProgressReport.objects.visible_to(request.user).values("pk")
    evidence = get_object_or_404(Evidence.objects.select_related("report"), pk=pk, report_id__in=visible)
    run_service(request, lambda: services.evidence_delete(evidence=evidence, actor=request.user), "Đã xóa minh chứng.")
    return redirect(evidence.report)


@login_required
def evidence_download(request, pk):
    visible = selectors.ProgressReport.objects.visible_to(request.user).values("pk")
    evidence = get_object_or_404(Evidence.objects.select_related("report__registration__unit"), pk=pk, report_id__in=visible)
    audit_record(actor=request.user, action="evidence_download", obj=evidence.report, unit=evidence.report.registration.unit, summary=evidence.original_name[:200])
    prefix = getattr(settings, "EVIDENCE_X_ACCEL_PREFIX", "")
    if prefix:  # nginx serves the file from an `internal` location after this access check
        response = HttpResponse(content_type=evidence.content_type)
        response["X-Accel-Redirect"] = f"{prefix.rstrip('/')}/{evidence.file.name}"
        response["Content-Disposition"] = content_disposition_header(True, evidence.original_name)
        return response
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name, content_type=evidence.content_type)


# --- Dashboard -----------------------------------------------------------------------------

SORT_CHOICES = [
    ("-percent", "% hoàn thành giảm dần"),
    ("percent", "% hoàn thành tăng dần"),
    ("unit", "Tên đơn vị"),
    ("-achieved", "Nhiều chỉ tiêu đạt, vượt"),
    ("-behind", "Nhiều chỉ tiêu chưa đạt"),
]


@login_required
def dashboard(request, pk):
    campaign = selectors.campaign_get_for_user(request.user, pk)
    filters = {key: request.GET.get(key, "").strip()[:40] for key in ("province", "cluster", "kind")}
    sort = request.GET.get("sort", "-percent")
    sort = sort if sort in dict(SORT_CHOICES) else "-percent"
    kind = filters["kind"] if filters["kind"] in UnitKind.values else ""
    rows = selectors.dashboard_rows(
        campaign=campaign, province=filters["province"], cluster=filters["cluster"], kind=kind, sort=sort, include_unregistered=True
    )
    visible_registrations = set(Registration.objects.visible_to(request.user).filter(campaign=campaign).values_list("pk", flat=True))
    if request.GET.get("export") == "xlsx":
        if not ratelimit.allow(request.user, "export"):
            return HttpResponse("Quá nhiều yêu cầu xuất Excel trong một phút; vui lòng thử lại sau.", status=429, content_type="text/plain; charset=utf-8")
        # target-level detail only for registrations the account may open; others keep their status line
        return xlsx_response(
            filename=f"bang-theo-doi-phong-trao-{campaign.pk}.xlsx",
            title="Bảng theo dõi",
            headers=["Đơn vị", "Chỉ tiêu", "Đơn vị tính", "Đăng ký", "Thực hiện lũy kế", "% kế hoạch", "So với cùng kỳ (%)", "Trạng thái"],
            rows=_dashboard_export_rows(rows, visible_registrations),
        )
    children = selectors.child_rollup(campaign=campaign) if campaign.children.exists() else []
    overdue = selectors.overdue_reports(campaign=campaign, today=timezone.localdate())
    if overdue is not None:
        overdue["registrations"] = list(overdue["registrations"])
    context = {
        "campaign": campaign,
        "page": paginate(request, rows, 25),
        "summary": selectors.dashboard_summary(rows),
        "ranking": sorted((r for r in rows if r.registration), key=selectors.SORT_KEYS["percent"], reverse=True)[:10],
        "cluster_ranking": selectors.cluster_ranking(campaign=campaign, rows=rows),
        "series": selectors.progress_over_periods(campaign=campaign),
        "overdue": overdue,
        "visible_registrations": visible_registrations,
        "children": children,
        "tree": selectors.tree_summary(rows=rows, children=children) if children else None,
        "filters": filters,
        "filter_query": urlencode({key: value for key, value in filters.items() if value}),
        "sort": sort,
        "sorts": SORT_CHOICES,
        "provinces": Unit.objects.filter(kind=UnitKind.PROVINCE, is_active=True).order_by("name"),
        "clusters": Cluster.objects.filter(
            Q(campaigns=campaign)
            | Q(memberships__year=campaign.start_date.year, memberships__unit__in=campaign.participants.values("pk"))
        )
        .distinct()
        .order_by("name"),
        "kinds": UnitKind.choices,
    }
    return render(request, "campaigns/dashboard.html", context)


@login_required
def dashboard_unit(request, pk, unit_pk):
    """One unit's page in the dashboard: its targets with status, its progress over the periods, its reports."""
    campaign = selectors.campaign_get_for_user(request.user, pk)
    registration = (
        Registration.objects.visible_to(request.user)
        .current()
        .filter(campaign=campaign, unit_id=unit_pk)
        .select_related("unit", "campaign")
        .order_by(Case(When(status=RegistrationStatus.APPROVED, then=0), default=1), "-revision")
        .first()
    )
    if registration is None:
        raise Http404("Đơn vị chưa đăng ký thi đua trong phong trào này.")
    targets = [selectors.describe_target(t) for t in selectors.targets_with_latest(registration.targets.all())]
    row = selectors.UnitRow(unit=registration.unit, registration=registration, targets=targets)
    return render(
        request,
        "campaigns/dashboard_unit.html",
        {
            "campaign": campaign,
            "registration": registration,
            "row": row,
            "series": selectors.progress_over_periods(campaign=campaign, registration=registration),
            "reports": selectors.unit_reports(registration),
        },
    )


def _number(value):
    return float(value) if value is not None else None


def _dashboard_export_rows(rows, visible: set[int]):
    """One line per target of a registration the account may open; any other unit gets one line with its
    status and average (as on the dashboard), a unit that has not registered one line saying so."""
    for row in rows:
        if row.registration is None or row.registration.pk not in visible:
            yield (row.unit.name, "", "", None, None, _number(row.average_percent), None, row.status_label)
            continue
        for t in row.targets:
            target = t["target"]
            yield (
                row.unit.name,
                target.indicator.name,
                target.indicator.unit_of_measure,
                _number(target.target_value),
                _number(target.latest_value),
                _number(t["percent"]),
                _number(t["growth"]),
                t["label"],
            )


@login_required
def notification_list(request):
    from .models import Notification

    notifications = Notification.objects.filter(user=request.user)
    if request.method == "POST":
        notifications.filter(is_read=False).update(is_read=True)
        messages.success(request, "Đã đánh dấu tất cả thông báo là đã đọc.")
        return redirect("campaigns:notification-list")
    return render(request, "campaigns/notification_list.html", {"page": paginate(request, notifications)})


@login_required
def registration_template(request, pk):
    """The Excel template for a campaign's targets (or, with ?report=<id>, for a report's values)."""
    campaign = selectors.campaign_get_for_user(request.user, pk)
    report_id = request.GET.get("report", "")
    if report_id.isdigit():
        report = selectors.report_get_for_user(request.user, int(report_id))
        return xlsx_response(
            filename=f"mau-bao-cao-{report.pk}.xlsx",
            title="Báo cáo",
            headers=[c.header for c in imports.VALUE_COLUMNS],
            rows=((t.indicator.code, t.indicator.name, None, "", None) for t in report.registration.targets.select_related("indicator")),
        )
    return xlsx_response(
        filename=f"mau-dang-ky-{campaign.pk}.xlsx",
        title="Đăng ký",
        headers=[c.header for c in imports.TARGET_COLUMNS],
        rows=(
            (i.code, f"{i.name} ({i.unit_of_measure})" if i.unit_of_measure else i.name, None, None, "≥", "", None)
            for i in campaign.indicators.order_by("name")
        ),
    )


@login_required
@require_POST
def registration_import(request, pk, unit_pk):
    campaign = selectors.campaign_get_for_user(request.user, pk)
    unit = get_object_or_404(role_units(request.user, Role.UNIT_OFFICER), pk=unit_pk)
    upload = request.FILES.get("file")
    rows, errors = imports.targets_from_upload(upload, campaign=campaign) if upload else ([], [(0, "Chưa chọn tệp.")])
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
@require_POST
def report_import(request, pk):
    report = selectors.report_get_for_user(request.user, pk)
    upload = request.FILES.get("file")
    values, same_period, errors = (
        imports.values_from_upload(upload, registration=report.registration) if upload else ({}, {}, [(0, "Chưa chọn tệp.")])
    )
    if errors:
        for row, message in errors:
            messages.error(request, f"Dòng {row}: {message}" if row else message)
        messages.error(request, "Không nhập được tệp: chưa lưu số liệu nào.")
        return redirect(report)
    try:
        services.report_save(
            report=report, actor=request.user, version=report.version, narrative=report.narrative, values=values, same_period=same_period
        )
    except services.ReportConflict:
        messages.error(request, "Báo cáo vừa được người khác lưu; hãy mở lại và nhập lại.")
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, f"Đã nhập số liệu {len(values)} chỉ tiêu từ Excel.")
    return redirect(report)


@login_required
@rate_limited("export")
def campaign_export(request, pk):
    """Registrations and the latest counted report values of a campaign, as one sheet."""
    campaign = selectors.campaign_get_for_user(request.user, pk)
    registrations = Registration.objects.visible_to(request.user).current().filter(campaign=campaign)
    targets = selectors.targets_with_latest(selectors.Target.objects.filter(registration__in=registrations)).order_by(
        "registration__unit__name", "pk"
    )
    rows = []
    for target in targets:
        described = selectors.describe_target(target)
        rows.append(
            (
                target.registration.unit.name,
                target.registration.get_status_display(),
                target.indicator.name,
                target.indicator.unit_of_measure,
                float(target.baseline) if target.baseline is not None else None,
                float(target.target_value) if target.target_value is not None else None,
                float(target.latest_value) if target.latest_value is not None else None,
                float(described["percent"]) if described["percent"] is not None else None,
                described["label"],
            )
        )
    return xlsx_response(
        filename=f"dang-ky-va-bao-cao-{campaign.pk}.xlsx",
        title="Đăng ký và báo cáo",
        headers=["Đơn vị", "Trạng thái đăng ký", "Chỉ tiêu", "Đơn vị tính", "Năm trước", "Đăng ký", "Thực hiện lũy kế", "% kế hoạch", "Đánh giá"],
        rows=rows,
    )


@login_required
@rate_limited("export")
def reports_export(request, pk):
    """Every current progress report of the campaign the account may see, one line per target."""
    from .models import ReportValue

    campaign = selectors.campaign_get_for_user(request.user, pk)
    reports = selectors.ProgressReport.objects.visible_to(request.user).filter(registration__campaign=campaign).exclude(
        status=ReportStatus.SUPERSEDED
    )
    values = (
        ReportValue.objects.filter(report__in=reports)
        .select_related("report__registration__unit", "target__indicator")
        .order_by("report__registration__unit__name", "report__period_key", "target_id")
    )
    rows = []
    for value in values:
        report, target = value.report, value.target
        _, percent = selectors.target_status(
            kind=target.indicator.kind, direction=target.direction, target_value=target.target_value, value=value.value, done=value.done
        )
        rows.append(
            (
                report.registration.unit.name,
                report.period_label,
                report.revision,
                report.get_status_display(),
                timezone.localtime(report.submitted_at).date() if report.submitted_at else None,
                target.indicator.name,
                target.indicator.unit_of_measure,
                _number(target.target_value),
                ("Đã hoàn thành" if value.done else "Chưa hoàn thành") if target.is_milestone else _number(value.value),
                _number(percent),
            )
        )
    return xlsx_response(
        filename=f"bao-cao-tien-do-{campaign.pk}.xlsx",
        title="Báo cáo tiến độ",
        headers=["Đơn vị", "Kỳ báo cáo", "Lần", "Trạng thái", "Ngày gửi", "Chỉ tiêu", "Đơn vị tính", "Đăng ký", "Thực hiện lũy kế", "% kế hoạch"],
        rows=rows,
    )


@login_required
@require_POST
def campaign_review(request, pk):
    campaign = selectors.campaign_get_for_user(request.user, pk)
    final = request.POST.get("kind") == "final"
    title = request.POST.get("signer_title", "").strip()[:160]
    name = request.POST.get("signer_name", "").strip()[:120]
    if not title or not name:
        messages.error(request, "Cần nhập chức vụ và họ tên người ký báo cáo.")
        return redirect(campaign)
    result = run_service(
        request,
        lambda: services.campaign_review(campaign=campaign, actor=request.user, final=final, signer_title=title, signer_name=name),
        "Đã lập báo cáo tổng kết." if final else "Đã lập báo cáo sơ kết.",
    )
    return redirect(result[1] if result else campaign)


@login_required
def indicator_list(request):
    """The indicator catalogue; campaign managers extend it."""
    from .models import Indicator, IndicatorKind

    can_edit = role_units(request.user, Role.CAMPAIGN_MANAGER).exists()
    errors = []
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("Chỉ cán bộ quản lý phong trào được bổ sung danh mục chỉ tiêu.")
        try:
            indicator = services.indicator_create(
                actor=request.user,
                name=request.POST.get("name", ""),
                kind=request.POST.get("kind", ""),
                unit_of_measure=request.POST.get("unit_of_measure", ""),
                code=request.POST.get("code", ""),
            )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, f"Đã thêm chỉ tiêu “{indicator.name}”.")
            return redirect("campaigns:indicator-list")
    query = request.GET.get("q", "").strip()[:100]
    indicators = Indicator.objects.all()
    if query:
        indicators = indicators.filter(name__icontains=query)
    return render(
        request,
        "campaigns/indicator_list.html",
        {"page": paginate(request, indicators), "query": query, "can_edit": can_edit, "kinds": IndicatorKind.choices, "errors": errors, "posted": request.POST},
    )
