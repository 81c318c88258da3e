"""Writes for the award history: awards held, ratings, initiatives, discipline, Excel import, revocation."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from common.policies import ensure
from common.text import nfc
from units.audit import audit_record
from units.models import User

from .. import policies
from ..models import AwardKind, AwardRecord, Discipline, Initiative, Rating, RatingLevel

HISTORY_ROLES = policies.HISTORY_ROLES


@transaction.atomic
def award_record_create(
    *, actor: User, award_kind: AwardKind, year: int, decision: str, person=None, unit=None, decided_on=None, achievement: str = "",
    deciding_unit=None,
) -> AwardRecord:
    """An award decided outside the app (any deciding body, the sector's or not), in a person's or a unit's
    history, a merged unit's included. An officer's own entry waits for a manager's check before the public
    honour board shows it."""
    owner_unit = _subject_unit(person, unit)
    ensure(policies.edit_history_refusal(actor, owner_unit))
    if decided_on is not None and decided_on.year < year:
        raise ValidationError("Ngày quyết định không được trước năm của thành tích.", code="decided_before")
    if award_kind.subject == "individual" and person is None or award_kind.subject == "collective" and unit is None:
        raise ValidationError(f"“{award_kind.name}” dành cho {award_kind.get_subject_display().lower()}.", code="subject_kind")
    if AwardRecord.objects.filter(award_kind=award_kind, year=year, person=person, unit=unit, revoked=False).exists():
        raise ValidationError(f"Đã có {award_kind.name} năm {year} cho đối tượng này (Điều 5 Luật Thi đua, khen thưởng 2022).", code="duplicate")
    verified = policies.verify_role(actor, owner_unit)
    record = AwardRecord(
        award_kind=award_kind, year=year, decision=nfc(decision), person=person, unit=unit, decided_on=decided_on, achievement=nfc(achievement),
        deciding_unit=deciding_unit, entered_by=actor, verified=verified, verified_by=actor if verified else None,
    )
    record.full_clean()
    record.save()
    audit_record(actor=actor, action="award_record_create", obj=record, unit=owner_unit,
                 summary=f"{award_kind.name} {year}: {record.person or record.unit}" + ("" if verified else " (chờ xác nhận)"))
    return record


@transaction.atomic
def award_record_verify(*, actor: User, record: AwardRecord) -> AwardRecord:
    """A manager checks an officer's entry against its decision; the honour board shows it from then on."""
    record = AwardRecord.objects.select_for_update().select_related("unit", "person__unit").get(pk=record.pk)
    ensure(policies.verify_record_refusal(actor, record))
    record.verified, record.verified_by = True, actor
    record.save(update_fields=["verified", "verified_by"])
    audit_record(actor=actor, action="award_record_verify", obj=record, unit=record.unit or record.person.unit, summary=f"Xác nhận {record}")
    return record


@transaction.atomic
def award_records_import(*, actor: User, rows: list[dict]) -> int:
    """Create every row or none: a failing row rolls the whole file back with all row errors listed."""
    errors = []
    for row in rows:
        try:
            with transaction.atomic():
                award_record_create(actor=actor, **{k: v for k, v in row.items() if k != "row"})
        except (ValidationError, PermissionDenied) as error:
            messages = getattr(error, "messages", [str(error)])
            errors.append(f"Dòng {row['row']}: " + " ".join(messages))
    if errors:
        raise ValidationError(errors, code="import_rows")
    return len(rows)


@transaction.atomic
def award_record_revoke(*, actor: User, record: AwardRecord, revoking_decision: str) -> AwardRecord:
    """Revocation needs a revoking decision; the record stays and stops counting for eligibility."""
    record = AwardRecord.objects.select_for_update(of=("self",)).select_related("nomination__round__deciding_unit", "unit", "person__unit").get(pk=record.pk)
    ensure(policies.revoke_record_refusal(actor, record))
    if not nfc(revoking_decision):
        raise ValidationError("Cần số, ngày quyết định hủy bỏ.", code="no_decision")
    record.revoked, record.revoking_decision = True, nfc(revoking_decision)
    record.save(update_fields=["revoked", "revoking_decision"])
    audit_record(actor=actor, action="award_revoke", obj=record, unit=record.unit or record.person.unit, summary=f"Hủy bỏ {record}")
    return record


def _subject_unit(person, unit):
    if (person is None) == (unit is None):
        raise ValidationError("Chọn đúng một đối tượng: cá nhân hoặc tập thể.", code="subject")
    return person.unit if person is not None else unit


def _check_year(year: int) -> None:
    if not 1945 <= year <= datetime.date.today().year:
        raise ValidationError("Năm không hợp lệ.", code="year")


@transaction.atomic
def rating_set(*, actor: User, year: int, level: str, person=None, unit=None) -> Rating:
    """The yearly rating (HTXS, HTT, HT, KHT) of a person or a collective; one per year, corrected in place."""
    owner_unit = _subject_unit(person, unit)
    ensure(policies.edit_history_refusal(actor, owner_unit))
    _check_year(year)
    if level not in RatingLevel.values:
        raise ValidationError("Mức xếp loại không hợp lệ.", code="level")
    rating, created = Rating.objects.select_for_update().get_or_create(person=person, unit=unit, year=year, defaults={"level": level})
    if not created and rating.level != level:
        rating.level = level
        rating.save(update_fields=["level"])
    audit_record(actor=actor, action="rating_set", obj=rating, unit=owner_unit, summary=f"{rating.person or rating.unit} {year}: {rating.get_level_display()}")
    return rating


@transaction.atomic
def initiative_create(*, actor: User, title: str, scope: str, year: int, recognising_decision: str, is_topic: bool = False, person=None, unit=None) -> Initiative:
    """A recognised initiative or topic; its scope decides which title it can support (Luật Thi đua, khen thưởng 2022 Art 3 khoản 4, Art 21–23)."""
    owner_unit = _subject_unit(person, unit)
    ensure(policies.edit_history_refusal(actor, owner_unit))
    _check_year(year)
    if not nfc(recognising_decision):
        raise ValidationError("Cần quyết định công nhận sáng kiến, đề tài (Điều 84 Luật Thi đua, khen thưởng 2022).", code="decision")
    initiative = Initiative(
        person=person, unit=unit, title=nfc(title)[:300], scope=scope, year=year, is_topic=is_topic,
        recognising_decision=nfc(recognising_decision)[:200],
    )
    initiative.full_clean()
    initiative.save()
    audit_record(actor=actor, action="initiative_create", obj=initiative, unit=owner_unit, summary=initiative.title)
    return initiative


@transaction.atomic
def discipline_create(*, actor: User, person, year: int, level: str, decision: str) -> Discipline:
    """A discipline record; from "cảnh cáo" up it bars the collective's TLĐTT that year (Art 28)."""
    ensure(policies.edit_history_refusal(actor, person.unit))
    _check_year(year)
    if not nfc(decision):
        raise ValidationError("Cần số, ngày quyết định kỷ luật.", code="decision")
    discipline = Discipline(person=person, year=year, level=level, decision=nfc(decision)[:200])
    discipline.full_clean()
    discipline.save()
    audit_record(actor=actor, action="discipline_create", obj=discipline, unit=person.unit, summary=f"{person} {year}")
    return discipline
