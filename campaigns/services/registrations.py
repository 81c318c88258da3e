"""Registrations (đăng ký thi đua): save a draft, submit it, approve or return it."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from common.policies import ensure
from common.text import nfc
from units.audit import audit_record
from units.models import Role, Unit, User

from .. import policies
from ..models import Campaign, Registration, RegistrationStatus, Target
from .notifications import notify_units


@transaction.atomic
def registration_save(*, campaign: Campaign, unit: Unit, actor: User, targets: Sequence[dict], titles: str = "") -> Registration:
    """Create or replace the draft registration of ``unit``; a change after approval is a new revision."""
    ensure(policies.edit_registration_refusal(actor, campaign, unit))
    if not campaign.participants.filter(pk=unit.pk).exists():
        raise ValidationError("Đơn vị không thuộc danh sách tham gia phong trào.", code="not_participant")
    rows = list(
        Registration.objects.select_for_update()
        .filter(campaign=campaign, unit=unit)
        .exclude(status=RegistrationStatus.SUPERSEDED)
        .order_by("-revision")
    )
    in_force = next((r for r in rows if r.status == RegistrationStatus.APPROVED), None)
    pending = next((r for r in rows if r.status != RegistrationStatus.APPROVED), None)
    if pending is not None and pending.status == RegistrationStatus.SUBMITTED:
        raise ValidationError("Bản đăng ký đang chờ duyệt, chưa sửa được.", code="pending")
    if pending is not None:
        registration = pending
        registration.titles, registration.status = nfc(titles), RegistrationStatus.DRAFT
        registration.save(update_fields=["titles", "status"])
        registration.targets.all().delete()
    elif in_force is not None:
        # A change after approval is a new revision; the approved one stays in force until it is approved.
        registration = Registration.objects.create(campaign=campaign, unit=unit, titles=nfc(titles), revision=in_force.revision + 1)
    else:
        _check_deadline(campaign)
        latest = Registration.objects.filter(campaign=campaign, unit=unit).order_by("-revision").first()
        registration = Registration.objects.create(
            campaign=campaign, unit=unit, titles=nfc(titles), revision=latest.revision + 1 if latest else 1
        )
    indicators = [row["indicator"].pk for row in targets]
    if len(indicators) != len(set(indicators)):
        raise ValidationError("Mỗi chỉ tiêu chỉ đăng ký một lần.", code="duplicate_indicator")
    if not targets:
        raise ValidationError("Cần ít nhất một chỉ tiêu đăng ký.", code="no_targets")
    for row in targets:
        target = Target(registration=registration, **row)
        target.full_clean(exclude=["registration"])
        if not target.is_milestone and target.target_value is None:
            raise ValidationError(f"Chỉ tiêu “{target.indicator.name}” cần giá trị đăng ký.", code="no_value")
        target.save()
    audit_record(actor=actor, action="registration_save", obj=registration, unit=unit, summary=f"Lưu đăng ký thi đua (lần {registration.revision})")
    return registration


def _check_deadline(campaign: Campaign) -> None:
    if campaign.registration_deadline and timezone.localdate() > campaign.registration_deadline:
        raise ValidationError(
            f"Đã quá hạn đăng ký thi đua ({campaign.registration_deadline:%d/%m/%Y}).", code="deadline"
        )


@transaction.atomic
def registration_submit(*, registration: Registration, actor: User) -> Registration:
    registration = Registration.objects.select_for_update().select_related("campaign", "unit").get(pk=registration.pk)
    ensure(policies.submit_registration_refusal(actor, registration))
    if registration.revision == 1:
        _check_deadline(registration.campaign)
    registration.status, registration.submitted_at = RegistrationStatus.SUBMITTED, timezone.now()
    registration.save(update_fields=["status", "submitted_at"])
    audit_record(actor=actor, action="registration_submit", obj=registration, unit=registration.unit, summary="Gửi đăng ký thi đua")
    notify_units(
        units=[registration.campaign.lead_issuer],
        role=Role.CAMPAIGN_MANAGER,
        key=f"registration-submitted-{registration.pk}-{registration.submitted_at:%Y%m%d%H%M%S%f}",
        text=f"{registration.unit.label} gửi đăng ký thi đua (lần {registration.revision}) – “{registration.campaign.name}”: chờ duyệt.",
        link=registration.get_absolute_url(),
    )
    return registration


@transaction.atomic
def registration_decide(*, registration: Registration, actor: User, approve: bool, comment: str = "") -> Registration:
    """Approve, or return with a comment. Nobody approves their own unit's registration."""
    # every revision of the unit is locked in order, as progress_refresh locks them: no deadlock with a
    # report accepted at the same moment
    siblings = Registration.objects.filter(pk=registration.pk).values("campaign_id", "unit_id")
    list(Registration.objects.select_for_update().filter(
        campaign_id__in=siblings.values("campaign_id"), unit_id__in=siblings.values("unit_id")
    ).order_by("unit_id", "revision").values_list("pk", flat=True))
    registration = Registration.objects.select_for_update().select_related("campaign", "unit").get(pk=registration.pk)
    ensure(policies.approve_registration_refusal(actor, registration))
    if not approve and not nfc(comment):
        raise ValidationError("Trả lại bản đăng ký cần nêu ý kiến.", code="no_comment")
    if approve:
        # the revision approved now replaces the one in force
        Registration.objects.filter(
            campaign_id=registration.campaign_id, unit_id=registration.unit_id, status=RegistrationStatus.APPROVED
        ).exclude(pk=registration.pk).update(status=RegistrationStatus.SUPERSEDED)
    registration.status = RegistrationStatus.APPROVED if approve else RegistrationStatus.RETURNED
    registration.comment, registration.decided_at, registration.decided_by = nfc(comment), timezone.now(), actor
    registration.save(update_fields=["status", "comment", "decided_at", "decided_by"])
    audit_record(
        actor=actor,
        action="registration_approve" if approve else "registration_return",
        obj=registration,
        unit=registration.unit,
        summary="Duyệt đăng ký thi đua" if approve else f"Trả lại đăng ký: {registration.comment[:200]}",
    )
    notify_units(
        units=[registration.unit],
        key=f"registration-decided-{registration.pk}-{registration.decided_at:%Y%m%d%H%M%S%f}",
        text=(
            f"Đăng ký thi đua “{registration.campaign.name}” đã được duyệt."
            if approve
            else f"Đăng ký thi đua “{registration.campaign.name}” bị trả lại: {registration.comment}"
        ),
        link=registration.get_absolute_url(),
    )
    return registration
