"""Reads for registrations: the revision in force and the pending one, and the rows of the form."""

from __future__ import annotations

from ..models import Campaign, Registration, RegistrationStatus

PENDING = (RegistrationStatus.DRAFT, RegistrationStatus.SUBMITTED, RegistrationStatus.RETURNED)


def current_registration(campaign: Campaign, unit) -> Registration | None:
    """The unit's registration being edited: the pending revision, else the one in force."""
    return (
        campaign.registrations.current().filter(unit=unit).prefetch_related("targets__indicator").order_by("-revision").first()
    )


def registration_versions(registration: Registration) -> dict:
    """The other revisions a registration page points to: the one in force and the pending one."""
    others = registration.campaign.registrations.filter(unit=registration.unit).exclude(pk=registration.pk)
    return {
        "in_force": others.filter(status=RegistrationStatus.APPROVED).first(),
        "pending": others.filter(status__in=PENDING).first(),
    }


def registration_form_rows(campaign: Campaign, current: Registration | None) -> list[dict]:
    """One row per indicator the campaign proposes, with the target already registered for it."""
    existing = {t.indicator_id: t for t in current.targets.all()} if current else {}
    return [{"indicator": i, "target": existing.get(i.pk)} for i in campaign.indicators.order_by("name")]
