"""Keep the progress tables true in the transaction that changes what counts.

A report leaving its draft, a value of a counted report, a registration or a target of a registration in
force: each refreshes the unit's progress rows (``services.progress.progress_refresh``) at once, in the
same transaction, whichever service or script saved it. A change of a campaign's participants adds or
removes their "not registered" lines. Drafts cost nothing: their saves return before any query.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_save

from .models import Campaign, ProgressReport, Registration, RegistrationStatus, ReportStatus, ReportValue, Target

QUIET_REGISTRATION = (RegistrationStatus.DRAFT,)


def _refresh(campaign_id: int, unit_id: int) -> None:
    from .services.progress import progress_refresh

    progress_refresh(campaign_id=campaign_id, unit_ids=[unit_id])


def report_saved(sender, instance: ProgressReport, raw=False, **kwargs):
    if raw or instance.status == ReportStatus.DRAFT:
        return
    registration = instance.registration
    _refresh(registration.campaign_id, registration.unit_id)


def value_saved(sender, instance: ReportValue, raw=False, **kwargs):
    if raw:
        return
    report = instance.report
    if report.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
        _refresh(report.registration.campaign_id, report.registration.unit_id)


def registration_saved(sender, instance: Registration, raw=False, **kwargs):
    if raw or instance.status in QUIET_REGISTRATION:
        return
    _refresh(instance.campaign_id, instance.unit_id)


def target_saved(sender, instance: Target, raw=False, **kwargs):
    if raw:
        return
    registration = instance.registration
    if registration.status in (RegistrationStatus.APPROVED, RegistrationStatus.SUBMITTED):
        _refresh(registration.campaign_id, registration.unit_id)


def participants_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    from .services.progress import progress_refresh

    if reverse:  # unit.campaigns.add(...): instance is the unit
        for campaign_id in pk_set or Campaign.objects.values_list("pk", flat=True):
            progress_refresh(campaign_id=campaign_id, unit_ids=[instance.pk])
    elif action == "post_clear":
        progress_refresh(campaign_id=instance.pk)
    else:
        progress_refresh(campaign_id=instance.pk, unit_ids=pk_set)


def unit_renamed(sender, instance, raw=False, created=False, **kwargs):
    if raw or created:
        return
    from .models import UnitProgress

    UnitProgress.objects.filter(unit_id=instance.pk).exclude(unit_name=instance.name).update(unit_name=instance.name)


def connect() -> None:
    from units.models import Unit

    post_save.connect(unit_renamed, sender=Unit, dispatch_uid="progress-unit-name")
    post_save.connect(report_saved, sender=ProgressReport, dispatch_uid="progress-report")
    post_save.connect(value_saved, sender=ReportValue, dispatch_uid="progress-value")
    post_save.connect(registration_saved, sender=Registration, dispatch_uid="progress-registration")
    post_save.connect(target_saved, sender=Target, dispatch_uid="progress-target")
    m2m_changed.connect(participants_changed, sender=Campaign.participants.through, dispatch_uid="progress-participants")
