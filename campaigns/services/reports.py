"""Progress reports: one per period, saved with optimistic locking, submitted, accepted or returned,
and corrected by a new revision."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from common.policies import ensure
from common.text import nfc
from units.audit import audit_record
from units.models import Role, User

from .. import policies
from ..models import Evidence, IndicatorKind, ProgressReport, Registration, ReportStatus, ReportValue
from ..periods import validate_period
from .notifications import notify_units


class ReportConflict(Exception):
    """Someone saved the draft first: the caller shows both versions; nothing was written."""

    def __init__(self, current: ProgressReport):
        super().__init__("conflict")
        self.current = current


@transaction.atomic
def report_create(*, registration: Registration, actor: User, period_type: str, period_index: int, year: int, due_date=None) -> ProgressReport:
    registration = Registration.objects.select_related("campaign", "unit").get(pk=registration.pk)  # current statuses
    ensure(policies.create_report_refusal(actor, registration))
    campaign = registration.campaign
    period = validate_period(period_type, period_index, year, start=campaign.start_date, end=campaign.end_date)
    existing = ProgressReport.objects.filter(  # across revisions of the registration: one report per period
        registration__campaign_id=registration.campaign_id,
        registration__unit_id=registration.unit_id,
        period_type=period_type,
        period_index=period_index,
        year=year,
    ).exclude(status=ReportStatus.SUPERSEDED)
    if existing.exists():
        raise ValidationError("Kỳ báo cáo này đã có báo cáo; hãy mở báo cáo đó.", code="exists")
    report = ProgressReport(
        registration=registration,
        period_type=period_type,
        period_index=period_index,
        year=year,
        due_date=due_date or period.due_date,
        updated_by=actor,
        period_key=period.key,
    )
    report.full_clean()
    report.save()
    audit_record(actor=actor, action="report_create", obj=report, unit=registration.unit, summary=f"Tạo báo cáo {report.period_label}")
    return report


@transaction.atomic
def report_save(
    *,
    report: ProgressReport,
    actor: User,
    version: int,
    narrative: str,
    values: dict[int, tuple[Decimal | None, bool]],
    same_period: dict[int, Decimal | None] | None = None,
) -> ProgressReport:
    """Save a draft with optimistic locking: a stale ``version`` raises ``ReportConflict``.

    ``values`` maps a target to its cumulative value and done flag; ``same_period`` (optional) to the
    value of the same period a year before, for the comparison."""
    ensure(policies.register_refusal(actor, report.registration.unit))
    updated = ProgressReport.objects.filter(
        pk=report.pk, version=version, status__in=(ReportStatus.DRAFT, ReportStatus.RETURNED)
    ).update(version=version + 1, narrative=nfc(narrative), updated_by=actor, updated_at=timezone.now())
    if not updated:
        current = ProgressReport.objects.get(pk=report.pk)
        if current.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
            raise ValidationError("Báo cáo đã gửi không sửa được; hãy tạo bản sửa đổi.", code="immutable")
        raise ReportConflict(current)
    targets = {t.pk: t for t in report.registration.targets.all()}
    same_period = same_period or {}
    for target_id, (value, done) in values.items():
        if target_id not in targets:
            raise ValidationError("Chỉ tiêu không thuộc bản đăng ký này.", code="foreign_target")
        if value is not None and value < 0 or same_period.get(target_id) is not None and same_period[target_id] < 0:
            raise ValidationError(f"Chỉ tiêu “{targets[target_id].indicator.name}”: giá trị không được âm.", code="negative")
        ReportValue.objects.update_or_create(
            report=report, target_id=target_id, defaults={"value": value, "done": done, "same_period": same_period.get(target_id)}
        )
    report.refresh_from_db()
    audit_record(actor=actor, action="report_save", obj=report, unit=report.registration.unit, summary=f"Lưu báo cáo {report.period_label} (phiên bản {report.version})")
    return report


@transaction.atomic
def report_submit(*, report: ProgressReport, actor: User) -> ProgressReport:
    report = ProgressReport.objects.select_for_update().select_related("registration__unit", "registration__campaign").get(pk=report.pk)
    ensure(policies.submit_report_refusal(actor, report))
    if not report.values.exists():
        raise ValidationError("Báo cáo chưa có số liệu chỉ tiêu nào.", code="empty")
    # a milestone once proven stays proven: evidence on this report, an earlier revision or an earlier period counts
    proven = Evidence.objects.filter(
        report__registration_id=report.registration_id, report__period_key__lte=report.period_key, target__isnull=False
    ).values("target_id")
    unproven = (
        report.values.filter(done=True, target__indicator__kind=IndicatorKind.MILESTONE)
        .exclude(target_id__in=proven)
        .select_related("target__indicator")
    )
    if unproven:
        names = "; ".join(f"“{v.target.indicator.name}”" for v in unproven)
        raise ValidationError(f"Chỉ tiêu mốc đã hoàn thành cần minh chứng kèm theo: {names}.", code="milestone_evidence")
    report.status, report.submitted_at = ReportStatus.SUBMITTED, timezone.now()
    report.save(update_fields=["status", "submitted_at"])
    audit_record(actor=actor, action="report_submit", obj=report, unit=report.registration.unit, summary=f"Gửi báo cáo {report.period_label}")
    notify_units(
        units=[report.registration.campaign.lead_issuer],
        role=Role.CAMPAIGN_MANAGER,
        key=f"report-submitted-{report.pk}",
        text=f"{report.registration.unit.label} gửi báo cáo {report.period_label} – “{report.registration.campaign.name}”: chờ tiếp nhận.",
        link=report.get_absolute_url(),
    )
    return report


@transaction.atomic
def report_decide(*, report: ProgressReport, actor: User, accept: bool, comment: str = "") -> ProgressReport:
    report = ProgressReport.objects.select_for_update().select_related("registration__campaign", "registration__unit").get(pk=report.pk)
    ensure(policies.accept_report_refusal(actor, report))
    if not accept and not nfc(comment):
        raise ValidationError("Trả lại báo cáo cần nêu ý kiến.", code="no_comment")
    report.status = ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED
    report.comment = nfc(comment)
    report.version += 1
    report.save(update_fields=["status", "comment", "version"])
    audit_record(actor=actor, action="report_accept" if accept else "report_return", obj=report, unit=report.registration.unit, summary=report.period_label)
    notify_units(
        units=[report.registration.unit],
        key=f"report-decided-{report.pk}-v{report.version}",
        text=(
            f"Báo cáo {report.period_label} – “{report.registration.campaign.name}” đã được tiếp nhận."
            if accept
            else f"Báo cáo {report.period_label} – “{report.registration.campaign.name}” bị trả lại: {report.comment}"
        ),
        link=report.get_absolute_url(),
    )
    return report


@transaction.atomic
def report_revise(*, report: ProgressReport, actor: User) -> ProgressReport:
    """A correction of a submitted or accepted report: a new draft revision with the same values."""
    report = ProgressReport.objects.select_for_update().select_related("registration__unit").get(pk=report.pk)
    ensure(policies.revise_report_refusal(actor, report))
    report.status = ReportStatus.SUPERSEDED
    report.save(update_fields=["status"])
    values = list(report.values.all())
    report.pk, report.revision, report.status, report.version, report.submitted_at = None, report.revision + 1, ReportStatus.DRAFT, 1, None
    report.save()
    ReportValue.objects.bulk_create(
        [ReportValue(report=report, target_id=v.target_id, value=v.value, done=v.done, same_period=v.same_period) for v in values]
    )
    audit_record(actor=actor, action="report_revise", obj=report, unit=report.registration.unit, summary=f"Sửa đổi báo cáo (lần {report.revision})")
    return report
