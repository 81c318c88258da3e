"""The indicator catalogue: the sector's, kept by the Ministry's managers, and a unit's own, kept by its managers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from common.policies import ensure
from common.text import nfc
from units.audit import audit_record
from units.models import User

from .. import policies
from ..models import Indicator, IndicatorDirection, IndicatorKind, Target


def _kind_and_direction(kind: str, direction: str) -> tuple[str, str]:
    """A milestone is done or not: choosing it as the kind or as the direction makes both a milestone."""
    if kind not in IndicatorKind.values:
        raise ValidationError("Loại chỉ tiêu không hợp lệ.", code="bad_kind")
    if direction not in IndicatorDirection.values:
        raise ValidationError("Chiều đánh giá không hợp lệ.", code="bad_direction")
    if IndicatorKind.MILESTONE in (kind, direction):
        return IndicatorKind.MILESTONE, IndicatorDirection.MILESTONE
    return kind, direction


def _check_name(name: str, unit_of_measure: str, *, exclude: int | None = None) -> None:
    if not name:
        raise ValidationError("Cần nhập tên chỉ tiêu.", code="no_name")
    same = Indicator.objects.filter(name__iexact=name, unit_of_measure__iexact=unit_of_measure).exclude(pk=exclude)
    if same.exists():
        raise ValidationError(f"Chỉ tiêu “{name}” đã có trong danh mục.", code="duplicate_name")


@transaction.atomic
def indicator_create(
    *, actor: User, name: str, kind: str, unit_of_measure: str = "", code: str = "",
    direction: str = IndicatorDirection.HIGHER, owner=None,
) -> Indicator:
    """Add an indicator to the sector's catalogue (``owner`` None) or to a unit's; the code is made from
    the name if not given and never changes afterwards (Excel templates carry it)."""
    ensure(policies.manage_indicators_refusal(actor))
    ensure(policies.indicator_owner_refusal(actor, owner))
    name, unit_of_measure = nfc(name)[:300], nfc(unit_of_measure)[:40]
    kind, direction = _kind_and_direction(kind, direction)
    _check_name(name, unit_of_measure)
    code = slugify((code or name).replace("đ", "d").replace("Đ", "D"))[:60]
    if not code:
        raise ValidationError("Cần nhập mã chỉ tiêu (chữ không dấu, số, gạch ngang).", code="no_code")
    if Indicator.objects.filter(code=code).exists():
        raise ValidationError(f"Mã chỉ tiêu “{code}” đã có.", code="duplicate")
    indicator = Indicator.objects.create(
        code=code, name=name, kind=kind, unit_of_measure=unit_of_measure, direction=direction, owner=owner
    )
    audit_record(
        actor=actor, action="indicator_create", obj=indicator, unit=owner or actor.unit,
        summary=f"Thêm chỉ tiêu {name[:200]} ({indicator.direction_label})",
    )
    return indicator


@transaction.atomic
def indicator_update(
    *, actor: User, indicator: Indicator, name: str, kind: str, unit_of_measure: str = "", direction: str, is_active: bool = True
) -> Indicator:
    """Correct an indicator. Targets already registered keep their own comparison; a registered indicator
    cannot become a milestone or stop being one (its targets hold values, or done / not done)."""
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    ensure(policies.edit_indicator_refusal(actor, indicator))
    name, unit_of_measure = nfc(name)[:300], nfc(unit_of_measure)[:40]
    kind, direction = _kind_and_direction(kind, direction)
    _check_name(name, unit_of_measure, exclude=indicator.pk)
    was_milestone = indicator.kind == IndicatorKind.MILESTONE
    if was_milestone != (kind == IndicatorKind.MILESTONE) and Target.objects.filter(indicator=indicator).exists():
        raise ValidationError(
            "Chỉ tiêu đã có đơn vị đăng ký: không đổi được giữa mốc hoàn thành và chỉ tiêu định lượng; hãy thêm chỉ tiêu mới.",
            code="kind_in_use",
        )
    changes = [
        label for label, old, new in (
            ("tên", indicator.name, name), ("đơn vị tính", indicator.unit_of_measure, unit_of_measure), ("loại", indicator.kind, kind),
            ("chiều đánh giá", indicator.direction, direction), ("trạng thái", indicator.is_active, is_active),
        ) if old != new
    ]
    indicator.name, indicator.unit_of_measure, indicator.kind, indicator.direction = name, unit_of_measure, kind, direction
    indicator.is_active = is_active
    indicator.full_clean()
    indicator.save()
    audit_record(
        actor=actor, action="indicator_update", obj=indicator, unit=indicator.owner or actor.unit,
        summary=f"Sửa chỉ tiêu {name[:200]}: {', '.join(changes) or 'không thay đổi'}",
    )
    return indicator


@transaction.atomic
def indicator_set_active(*, actor: User, indicator: Indicator, is_active: bool) -> Indicator:
    """Stop offering an indicator to new campaigns (or offer it again); campaigns that use it keep it."""
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    ensure(policies.edit_indicator_refusal(actor, indicator))
    indicator.is_active = is_active
    indicator.save(update_fields=["is_active"])
    audit_record(
        actor=actor, action="indicator_activate" if is_active else "indicator_deactivate", obj=indicator,
        unit=indicator.owner or actor.unit, summary=f"{'Dùng lại' if is_active else 'Ngừng dùng'} chỉ tiêu {indicator.name[:200]}",
    )
    return indicator
