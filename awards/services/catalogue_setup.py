"""Keeping the award catalogue in the app: titles and forms with their deciding body, certificate, eligibility
check and article, and their rule in the rule set in force (deciding bodies, dossier, vote rule, reward multiple).

The sector's catalogue is the Ministry's; a Sở keeps its province's own titles and forms (a Bằng khen of the
provincial chair, for instance), decided by a body outside the sector and printed with that body's name.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from common.policies import ensure
from common.text import nfc
from units.audit import audit_record
from units.models import UnitKind, User

from .. import policies
from ..models import (
    AwardCategory,
    AwardKind,
    AwardLevel,
    AwardRule,
    CertificateLayout,
    Denominator,
    DossierDocument,
    EligibilityCheck,
    Subject,
)
from ..selectors.catalogue_setup import ruleset_in_force
from ..selectors.checks import CHECKS

KIND_FIELDS = ("name", "subject", "category", "level", "eligibility_check", "article", "certificate_title", "certificate_layout", "deciding_body")
RULE_FIELDS = ("decider_unit_kinds", "dossier", "reward_multiple", "vote_secret", "quorum_fraction", "pass_threshold", "denominator", "absentee_votes")


def _clean(values: dict) -> dict:
    values = dict(values)
    for field in ("name", "article", "certificate_title", "deciding_body"):
        values[field] = nfc(values.get(field) or "").strip()
    if not values["name"]:
        raise ValidationError("Cần nhập tên danh hiệu, hình thức.", code="no_name")
    for field, choices, label in (
        ("subject", Subject, "Đối tượng"), ("category", AwardCategory, "Loại"), ("level", AwardLevel, "Cấp"),
        ("eligibility_check", EligibilityCheck, "Cách xét điều kiện"), ("certificate_layout", CertificateLayout, "Mẫu in"),
        ("denominator", Denominator, "Mẫu số tính tỷ lệ tán thành"),
    ):
        if values.get(field) not in choices.values:
            raise ValidationError(f"{label} không hợp lệ.", code=field)
    if bad := [k for k in values["decider_unit_kinds"] if k not in UnitKind.values]:
        raise ValidationError(f"Loại cơ quan quyết định không hợp lệ: {', '.join(bad)}.", code="deciders")
    if bad := [d for d in values["dossier"] if d not in DossierDocument.values]:
        raise ValidationError(f"Thành phần hồ sơ không hợp lệ: {', '.join(bad)}.", code="dossier")
    check = CHECKS.get(values["eligibility_check"])
    subject = {Subject.INDIVIDUAL: "person", Subject.COLLECTIVE: "unit"}.get(values["subject"])
    if check is not None and subject is not None and check.subject not in (subject, "both"):
        raise ValidationError(
            f"Cách xét “{EligibilityCheck(values['eligibility_check']).label}” dành cho {'cá nhân' if check.subject == 'person' else 'tập thể'}, "
            f"không dùng được cho {Subject(values['subject']).label.lower()}.",
            code="check_subject",
        )
    multiple = values.get("reward_multiple")
    if multiple is not None and not Decimal(0) <= multiple < Decimal(1000):
        raise ValidationError("Hệ số tiền thưởng phải từ 0 đến dưới 1.000 lần mức lương cơ sở.", code="multiple")
    for field, label in (("quorum_fraction", "Tỷ lệ có mặt"), ("pass_threshold", "Tỷ lệ tán thành")):
        if not Decimal(0) <= values[field] <= Decimal(1):
            raise ValidationError(f"{label} phải từ 0 % đến 100 %.", code=field)
    if not values["dossier"]:
        raise ValidationError("Chọn ít nhất một thành phần hồ sơ bắt buộc (Điều 84 Luật Thi đua, khen thưởng 2022).", code="no_dossier")
    return values


def _unique_name(name: str, owner, *, exclude: int | None = None) -> None:
    if AwardKind.objects.filter(name__iexact=name, owner=owner).exclude(pk=exclude).exists():
        raise ValidationError(f"Danh mục đã có “{name}”.", code="duplicate")


def _code(name: str) -> str:
    base = slugify(name.replace("đ", "d").replace("Đ", "D"))[:34] or "khen-thuong"
    code, number = base, 1
    while AwardKind.objects.filter(code=code).exists():
        number += 1
        code = f"{base}-{number}"
    return code


def _save_rule(kind: AwardKind, values: dict, *, actor: User) -> AwardRule:
    ruleset = ruleset_in_force()
    if ruleset is None:
        raise ValidationError("Chưa có bộ quy tắc khen thưởng đang có hiệu lực; đề nghị quản trị hệ thống bổ sung.", code="no_ruleset")
    rule = AwardRule.objects.filter(ruleset=ruleset, award_kind=kind).first() or AwardRule(ruleset=ruleset, award_kind=kind)
    for field in RULE_FIELDS:
        setattr(rule, field, values[field])
    rule.article = rule.article or ""
    # entered by a manager, not checked against the text: the catalogue shows it as unconfirmed, and says by whom
    rule.source = rule.source or f"Nhập trên hệ thống: {actor.get_full_name()}{f' ({actor.unit.name})' if actor.unit_id else ''}"[:300]
    rule.full_clean()
    rule.save()
    return rule


@transaction.atomic
def award_kind_create(*, actor: User, owner=None, **values) -> AwardKind:
    """Add a title or form to the sector's catalogue (``owner`` None) or to a unit's, with its rule in the rule set in force."""
    ensure(policies.catalogue_owner_refusal(actor, owner))
    values = _clean(values)
    _unique_name(values["name"], owner)
    kind = AwardKind(code=_code(values["name"]), owner=owner, sort_order=100, **{f: values[f] for f in KIND_FIELDS})
    kind.full_clean()
    kind.save()
    rule = _save_rule(kind, values, actor=actor)
    audit_record(actor=actor, action="award_kind_create", obj=kind, unit=owner or actor.unit,
                 summary=f"Thêm {kind.name} ({kind.deciding_body or 'cơ quan quyết định theo quy tắc'}; {rule.ruleset.name[:80]})")
    return kind


@transaction.atomic
def award_kind_update(*, actor: User, kind: AwardKind, is_active: bool = True, **values) -> AwardKind:
    """Correct a title or form and its rule in the rule set in force; earlier rule sets stay as they were."""
    kind = AwardKind.objects.select_for_update().get(pk=kind.pk)
    ensure(policies.edit_award_kind_refusal(actor, kind))
    values = _clean(values)
    _unique_name(values["name"], kind.owner, exclude=kind.pk)
    for field in KIND_FIELDS:
        setattr(kind, field, values[field])
    kind.is_active = is_active
    kind.full_clean()
    kind.save()
    rule = _save_rule(kind, values, actor=actor)
    audit_record(actor=actor, action="award_kind_update", obj=kind, unit=kind.owner or actor.unit,
                 summary=f"Sửa {kind.name}{'' if is_active else ' (ngừng dùng)'}; quy tắc {rule.ruleset.name[:80]}")
    return kind
