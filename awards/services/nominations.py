"""Nominations: create one in an open round, add its dossier, submit it (Art 84), withdraw it."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from common.policies import ensure
from common.text import nfc
from common.uploads import safe_original_name, sniff_upload
from units.audit import audit_record
from units.models import User
from units.scoping import get_scope

from .. import policies
from ..models import (
    AwardCategory,
    DossierDocument,
    DossierFile,
    Nomination,
    NominationStatus,
    Rating,
    RatingLevel,
    RoundKind,
)
from ..selectors.eligibility import FAIL, PASS, check_authority, check_dossier
from . import handovers

DOSSIER_EXTENSIONS = {"pdf", "docx", "png", "jpg"}


@transaction.atomic
def nomination_create(*, actor: User, round, proposing_unit, award_kind, achievement: str, person=None, unit=None) -> Nomination:
    ensure(policies.nominate_refusal(actor, proposing_unit))
    subject_unit = person.unit if person is not None else unit
    scope = get_scope(actor)
    if subject_unit is None or not (scope.everything or subject_unit.pk in scope.own_unit_ids):
        raise PermissionDenied("Chỉ đề nghị khen thưởng cho cá nhân, tập thể thuộc đơn vị mình.")
    today = timezone.localdate()
    if not round.opens_on <= today <= round.closes_on:
        raise ValidationError(f"Đợt xét không nhận hồ sơ (từ {round.opens_on:%d/%m/%Y} đến {round.closes_on:%d/%m/%Y}).", code="closed")
    if round.kind == RoundKind.SUDDEN and award_kind.category != AwardCategory.FORM:
        raise ValidationError(
            f"Đợt xét đột xuất chỉ xét hình thức khen thưởng (bằng khen, giấy khen) cho thành tích đột xuất; "
            f"“{award_kind.name}” là danh hiệu thi đua, xét theo năm hoặc theo đợt.",
            code="sudden_title",
        )
    if award_kind.subject == "individual" and person is None or award_kind.subject == "collective" and unit is None:
        raise ValidationError(f"“{award_kind.name}” dành cho {award_kind.get_subject_display().lower()}.", code="subject_kind")
    authority = check_authority(code=award_kind.code, year=round.achievement_year, decider=round.deciding_unit)
    if authority.result == FAIL:
        raise ValidationError(authority.reason, code="authority")  # rule 9
    same = Nomination.objects.filter(
        round__achievement_year=round.achievement_year, award_kind=award_kind, person=person, unit=unit,
    ).exclude(status__in=(NominationStatus.WITHDRAWN, NominationStatus.FAILED))
    earlier = same.select_related("round").first()
    if earlier is not None:  # Art 5: one achievement backs one award, whichever round it is sent to
        raise ValidationError(
            f"Thành tích năm {round.achievement_year} của đối tượng này đã được đề nghị {award_kind.name} (đợt “{earlier.round.name}”); "
            f"một thành tích không đề nghị khen thưởng hai lần (Điều 5 Luật Thi đua, khen thưởng 2022).",
            code="same_achievement",
        )
    nomination = Nomination(
        round=round, proposing_unit=proposing_unit, person=person, unit=unit, award_kind=award_kind,
        achievement=nfc(achievement), created_by=actor,
    )
    nomination.full_clean()
    nomination.save()
    audit_record(actor=actor, action="nomination_create", obj=nomination, unit=proposing_unit, summary=str(nomination))
    return nomination


@transaction.atomic
def dossier_add(*, nomination: Nomination, actor: User, document: str, upload) -> DossierFile:
    ensure(policies.edit_nomination_refusal(actor, nomination))
    if document not in DossierDocument.values:
        raise ValidationError("Thành phần hồ sơ không hợp lệ.", code="document")
    kind, extension = sniff_upload(upload)
    if extension not in DOSSIER_EXTENSIONS:
        raise ValidationError("Tệp hồ sơ phải là PDF, Word (.docx) hoặc ảnh PNG/JPEG.", code="bad_type")
    key = f"{uuid.uuid4().hex}.{extension}"
    upload.seek(0)
    item = DossierFile(nomination=nomination, document=document, storage_key=key, original_name=safe_original_name(upload.name, "ho-so", extension=extension), content_type=kind, size=upload.size)
    item.file.save(key, upload, save=False)
    item.full_clean(exclude=["file"])
    item.save()
    audit_record(actor=actor, action="dossier_upload", obj=nomination, unit=nomination.proposing_unit, summary=item.get_document_display())
    return item


@transaction.atomic
def nomination_submit(*, nomination: Nomination, actor: User) -> Nomination:
    """Refused until the dossier is complete (Art 84)."""
    nomination = Nomination.objects.select_for_update().select_related("round", "award_kind", "proposing_unit").get(pk=nomination.pk)
    ensure(policies.submit_nomination_refusal(actor, nomination))
    year = nomination.round.achievement_year
    subject = {"person_id": nomination.person_id} if nomination.person_id else {"unit_id": nomination.unit_id}
    dossier = check_dossier(
        code=nomination.award_kind.code, year=year, provided=set(nomination.files.values_list("document", flat=True)),
        excellent=Rating.objects.filter(year=year, level=RatingLevel.EXCELLENT, **subject).exists(),
    )
    if dossier.result != PASS:
        raise ValidationError(dossier.reason, code="dossier")
    nomination.status, nomination.submitted_at = NominationStatus.SUBMITTED, timezone.now()
    nomination.save(update_fields=["status", "submitted_at"])
    audit_record(actor=actor, action="nomination_submit", obj=nomination, unit=nomination.proposing_unit, summary=str(nomination))
    handovers.dossier_submitted(nomination)
    return nomination


@transaction.atomic
def nomination_withdraw(*, nomination: Nomination, actor: User) -> Nomination:
    """The proposing unit withdraws a nomination before the council takes it up; the record stays."""
    nomination = Nomination.objects.select_for_update().select_related("proposing_unit").get(pk=nomination.pk)
    ensure(policies.withdraw_nomination_refusal(actor, nomination))
    nomination.status = NominationStatus.WITHDRAWN
    nomination.save(update_fields=["status"])
    audit_record(actor=actor, action="nomination_withdraw", obj=nomination, unit=nomination.proposing_unit, summary=str(nomination))
    return nomination
