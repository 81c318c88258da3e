"""The indicator catalogue: campaign managers extend it."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from common.policies import ensure
from common.text import nfc
from units.audit import audit_record
from units.models import User

from .. import policies
from ..models import Indicator, IndicatorKind


@transaction.atomic
def indicator_create(*, actor: User, name: str, kind: str, unit_of_measure: str = "", code: str = ""):
    """A campaign manager extends the indicator catalogue; the code is made from the name if not given."""
    ensure(policies.manage_indicators_refusal(actor))
    name, unit_of_measure = nfc(name)[:300], nfc(unit_of_measure)[:40]
    if not name:
        raise ValidationError("Cần nhập tên chỉ tiêu.", code="no_name")
    if kind not in IndicatorKind.values:
        raise ValidationError("Loại chỉ tiêu không hợp lệ.", code="bad_kind")
    code = slugify((code or name).replace("đ", "d").replace("Đ", "D"))[:60]
    if not code:
        raise ValidationError("Cần nhập mã chỉ tiêu (chữ không dấu, số, gạch ngang).", code="no_code")
    if Indicator.objects.filter(code=code).exists():
        raise ValidationError(f"Mã chỉ tiêu “{code}” đã có.", code="duplicate")
    if Indicator.objects.filter(name__iexact=name, unit_of_measure__iexact=unit_of_measure).exists():
        raise ValidationError(f"Chỉ tiêu “{name}” đã có trong danh mục.", code="duplicate_name")
    indicator = Indicator.objects.create(code=code, name=name, kind=kind, unit_of_measure=unit_of_measure)
    audit_record(actor=actor, action="indicator_create", obj=indicator, unit=actor.unit, summary=f"Thêm chỉ tiêu {name[:200]}")
    return indicator
