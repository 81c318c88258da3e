"""Writes for campaigns: create and edit a draft, launch it with its directive, move it on, review it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from common.policies import ensure
from common.text import nfc
from documents.models import SigningPosition
from documents.services import document_create, document_submit
from units.audit import audit_record
from units.models import Unit, User

from .. import policies
from ..models import Campaign, CampaignContent, CampaignIssuer, CampaignStatus
from .campaign_documents import launch_annexes, launch_document_body, recipients, review_document, signature_blocks
from .notifications import notify_units


@transaction.atomic
def campaign_create(
    *,
    actor: User | None,
    name: str,
    issuers: Sequence[Unit],
    start_date: date,
    end_date: date,
    contents: Sequence[str] = (),
    participants: Sequence[Unit] = (),
    clusters=(),
    indicators=(),
    **fields,
) -> Campaign:
    """Create a draft campaign; ``issuers`` lists the lead first (two for a joint campaign)."""
    if not issuers:
        raise ValidationError("Phong trào phải có cơ quan phát động.", code="no_issuer")
    if actor is not None:
        ensure(policies.issue_campaign_as_refusal(actor, issuers[0]))
    campaign = Campaign(name=nfc(name), start_date=start_date, end_date=end_date, created_by=actor, **fields)
    if end_date < start_date:
        raise ValidationError({"end_date": "Ngày kết thúc phải sau ngày bắt đầu."}, code="dates")
    campaign.full_clean(exclude=["directive"])
    campaign.save()
    CampaignIssuer.objects.bulk_create(
        [CampaignIssuer(campaign=campaign, unit=unit, order=index) for index, unit in enumerate(issuers)]
    )
    CampaignContent.objects.bulk_create(
        [CampaignContent(campaign=campaign, order=index, text=nfc(text)) for index, text in enumerate(contents, start=1) if nfc(text)]
    )
    campaign.participants.set(participants)
    campaign.clusters.set(clusters)
    campaign.indicators.set(indicators)
    audit_record(actor=actor, action="campaign_create", obj=campaign, unit=issuers[0], summary=f"Tạo phong trào {campaign.name[:200]}")
    return campaign


@transaction.atomic
def campaign_update(
    *,
    campaign: Campaign,
    actor: User,
    name: str,
    issuers: Sequence[Unit],
    start_date: date,
    end_date: date,
    contents: Sequence[str] = (),
    participants: Sequence[Unit] = (),
    clusters=(),
    indicators=(),
    **fields,
) -> Campaign:
    """Edit a draft: only before launch, and only by a campaign manager of the lead issuer (old and new)."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    ensure(policies.edit_campaign_refusal(actor, campaign))
    if not issuers:
        raise ValidationError("Phong trào phải có cơ quan phát động.", code="no_issuer")
    ensure(policies.issue_campaign_as_refusal(actor, issuers[0]))
    if end_date < start_date:
        raise ValidationError({"end_date": "Ngày kết thúc phải sau ngày bắt đầu."}, code="dates")
    if fields.get("parent") is not None and fields["parent"].pk == campaign.pk:
        raise ValidationError("Phong trào không thực hiện chính nó.", code="self_parent")
    campaign.name, campaign.start_date, campaign.end_date = nfc(name), start_date, end_date
    for key, value in fields.items():
        setattr(campaign, key, value)
    campaign.full_clean(exclude=["directive"])
    campaign.save()
    campaign.issuer_links.all().delete()
    CampaignIssuer.objects.bulk_create([CampaignIssuer(campaign=campaign, unit=unit, order=i) for i, unit in enumerate(issuers)])
    campaign.contents.all().delete()
    CampaignContent.objects.bulk_create(
        [CampaignContent(campaign=campaign, order=i, text=nfc(text)) for i, text in enumerate((t for t in contents if nfc(t)), start=1)]
    )
    campaign.participants.set(participants)
    campaign.clusters.set(clusters)
    campaign.indicators.set(indicators)
    audit_record(actor=actor, action="campaign_update", obj=campaign, unit=issuers[0], summary=f"Sửa dự thảo phong trào {campaign.name[:200]}")
    return campaign


@transaction.atomic
def campaign_transition(*, campaign: Campaign, actor: User | None, to: str) -> Campaign:
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if actor is not None:
        ensure(policies.transition_refusal(actor, locked, to))
    elif to not in policies.CAMPAIGN_TRANSITIONS[CampaignStatus(locked.status)]:
        raise ValidationError(f"Không thể chuyển phong trào sang “{CampaignStatus(to).label}”.", code="bad_transition")
    locked.status = to
    locked.save(update_fields=["status"])
    audit_record(actor=actor, action="campaign_transition", obj=locked, unit=locked.lead_issuer, summary=f"Chuyển sang {locked.get_status_display()}")
    return locked


@transaction.atomic
def campaign_launch(*, campaign: Campaign, actor: User, signer: SigningPosition | None = None) -> Campaign:
    """Launch: create the directive or plan from the campaign's data, submit it, notify participants.

    ``signer``: the lead issuer's signing position that signs (else any of its leaders holding one)."""
    campaign = campaign_transition(campaign=campaign, actor=actor, to=CampaignStatus.LAUNCHED)
    issuers = [link.unit for link in campaign.issuer_links.select_related("unit").order_by("order")]
    document = document_create(
        actor=actor,
        doc_type=campaign.launch_document_type,
        issuers=issuers,
        subject=f"Phát động {campaign.name}" if not campaign.name.lower().startswith("phát động") else campaign.name,
        legal_bases=campaign.legal_bases(),
        body=launch_document_body(campaign),
        recipients=recipients(campaign),
        signers=signature_blocks(issuers, signer),
        annexes=launch_annexes(campaign),
    )
    document_submit(document=document, actor=actor)
    campaign.directive = document
    campaign.save(update_fields=["directive"])
    notify_units(
        units=campaign.participants.all(),
        key=f"campaign-launch-{campaign.pk}",
        text=f"{campaign.lead_issuer.name} phát động “{campaign.name}”; văn bản phát động đang chờ lãnh đạo ký ban hành. "
        "Đơn vị xem nội dung và chuẩn bị đăng ký thi đua"
        + (f" trước ngày {campaign.registration_deadline:%d/%m/%Y}." if campaign.registration_deadline else "."),
        link=campaign.get_absolute_url(),
    )
    return campaign


@transaction.atomic
def campaign_review(*, campaign: Campaign, actor: User, final: bool, signer: SigningPosition | None = None):
    """Generate the Báo cáo sơ kết / tổng kết from the data (tables and a chart) and move the campaign on."""
    from documents.models import DocumentType

    from ..selectors import STATUS_LABELS, dashboard_rows, dashboard_summary

    target_status = CampaignStatus.FINAL_REVIEWED if final else CampaignStatus.MIDTERM_REVIEWED
    campaign = campaign_transition(campaign=campaign, actor=actor, to=target_status)
    rows = dashboard_rows(campaign=campaign, sort="-percent")
    parts = review_document(campaign=campaign, rows=rows, summary=dashboard_summary(rows), final=final, status_labels=STATUS_LABELS)
    issuers = [link.unit for link in campaign.issuer_links.select_related("unit").order_by("order")]
    document = document_create(
        actor=actor,
        doc_type=DocumentType.REPORT,
        issuers=issuers,
        signers=signature_blocks(issuers, signer),
        **parts,
    )
    label = "tổng kết" if final else "sơ kết"
    audit_record(actor=actor, action="campaign_review", obj=campaign, unit=campaign.lead_issuer, summary=f"Lập báo cáo {label}")
    return campaign, document
