"""Campaigns recorded as they happened (nhập bổ sung): a unit's past campaign, or its predecessor's after the
2025 mergers, with its real plan number and date, then its participants' registrations and results.

Nothing here sends a notice or enforces a deadline, and no report of such a campaign is ever late: the
work was done at the time; the app only records it. The plan's number is reserved in the register of its
year, so it is never given again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from common.policies import ensure
from documents.services import document_create, document_seed_issued
from units.audit import audit_record
from units.models import Unit, User

from .. import policies
from ..models import (
    Campaign,
    CampaignStatus,
    ProgressReport,
    Registration,
    RegistrationStatus,
    ReportStatus,
    ReportValue,
    Target,
)
from ..periods import validate_period
from .campaign_documents import launch_annexes, launch_document_body, recipients
from .campaigns import campaign_create

PAST_STATUSES = (CampaignStatus.IN_PROGRESS, CampaignStatus.MIDTERM_REVIEWED, CampaignStatus.FINAL_REVIEWED, CampaignStatus.CLOSED)


@transaction.atomic
def campaign_record_past(
    *,
    actor: User,
    plan_number: int | None,
    plan_date: date,
    status: str = CampaignStatus.CLOSED,
    issuers: Sequence[Unit],
    **fields,
) -> Campaign:
    """Record a past campaign with the plan that launched it, as issued then (number and date kept)."""
    if status not in PAST_STATUSES:
        raise ValidationError("Trạng thái của phong trào đã thực hiện không hợp lệ.", code="status")
    if plan_date > timezone.localdate():
        raise ValidationError({"plan_date": "Ngày ban hành kế hoạch của phong trào đã thực hiện không được sau hôm nay."}, code="future")
    if plan_number is not None and plan_number < 1:
        raise ValidationError({"plan_number": "Số văn bản phải từ 1."}, code="number")
    campaign = campaign_create(actor=actor, issuers=issuers, **fields)
    campaign.is_historical, campaign.status = True, status
    campaign.save(update_fields=["is_historical", "status"])
    document = document_create(
        actor=actor,
        doc_type=campaign.launch_document_type,
        issuers=list(issuers),
        subject=campaign.name if campaign.name.lower().startswith("phát động") else f"Phát động {campaign.name}",
        legal_bases=campaign.legal_bases(),
        body=launch_document_body(campaign),
        recipients=recipients(campaign),
        signers=[{"unit": issuers[0]}],
        annexes=launch_annexes(campaign),
        source_note="Nhập bổ sung: kế hoạch đã ban hành, ghi lại số và ngày thật; người ký không ghi vì không có trong hồ sơ nhập.",
    )
    campaign.directive = document_seed_issued(document=document, number=plan_number, issued_on=plan_date)
    campaign.save(update_fields=["directive"])
    audit_record(actor=actor, action="campaign_record_past", obj=campaign, unit=issuers[0],
                 summary=f"Nhập bổ sung phong trào {campaign.name[:150]} ({campaign.directive.symbol or 'không số'})")
    return campaign


@transaction.atomic
def registration_record_past(*, campaign: Campaign, unit: Unit, actor: User, targets: Sequence[dict], titles: str = "") -> Registration:
    """A participant's registration as it was approved at the time."""
    ensure(policies.record_past_refusal(actor, campaign))
    if not campaign.participants.filter(pk=unit.pk).exists():
        raise ValidationError("Đơn vị không thuộc danh sách tham gia phong trào.", code="not_participant")
    if not targets:
        raise ValidationError("Cần ít nhất một chỉ tiêu đăng ký.", code="no_targets")
    # the unit's revisions are locked in order (as progress_refresh locks them) before one is superseded
    revisions = list(Registration.objects.select_for_update().filter(campaign=campaign, unit=unit).order_by("revision"))
    Registration.objects.filter(campaign=campaign, unit=unit, status=RegistrationStatus.APPROVED).update(status=RegistrationStatus.SUPERSEDED)
    revision = (revisions[-1].revision if revisions else 0) + 1
    registration = Registration.objects.create(
        campaign=campaign, unit=unit, revision=revision, titles=titles, status=RegistrationStatus.APPROVED,
        decided_by=actor, decided_at=timezone.now(), comment="Nhập bổ sung",
    )
    for row in targets:
        target = Target(registration=registration, **row)
        target.full_clean(exclude=["registration"])
        target.save()
    audit_record(actor=actor, action="registration_record_past", obj=registration, unit=unit, summary="Nhập bổ sung đăng ký thi đua")
    return registration


@transaction.atomic
def report_record_past(
    *, registration: Registration, actor: User, period_type: str, period_index: int, year: int,
    values: dict[int, tuple[Decimal | None, bool]], narrative: str = "",
) -> ProgressReport:
    """A period's result as it was accepted at the time; never late, never overdue."""
    campaign = registration.campaign
    ensure(policies.record_past_refusal(actor, campaign))
    period = validate_period(period_type, period_index, year, start=campaign.start_date, end=campaign.end_date)
    ProgressReport.objects.filter(
        registration__campaign=campaign, registration__unit=registration.unit, period_type=period_type, period_index=period_index, year=year,
    ).exclude(status=ReportStatus.SUPERSEDED).update(status=ReportStatus.SUPERSEDED)
    report = ProgressReport.objects.create(
        registration=registration, period_type=period_type, period_index=period_index, year=year, status=ReportStatus.ACCEPTED,
        narrative=narrative, comment="Nhập bổ sung", period_key=period.key, due_date=None, updated_by=actor,
    )
    targets = {t.pk for t in registration.targets.all()}
    for target_id, (value, done) in values.items():
        if target_id not in targets:
            raise ValidationError("Chỉ tiêu không thuộc bản đăng ký này.", code="foreign_target")
        if value is not None and value < 0:
            raise ValidationError("Giá trị không được âm.", code="negative")
        if value is not None or done:
            ReportValue.objects.create(report=report, target_id=target_id, value=value, done=done)
    audit_record(actor=actor, action="report_record_past", obj=report, unit=registration.unit, summary=f"Nhập bổ sung kết quả {report.period_label}")
    return report
