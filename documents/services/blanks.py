"""Per-printer calibration of pre-printed blanks (phôi Bằng khen, Giấy khen), kept by the clerk."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction

from units.audit import audit_record
from units.models import Role, Unit, User
from units.scoping import has_role
from units.services import nfc

from ..models import BlankPrintProfile


@transaction.atomic
def blank_profile_save(
    *,
    actor: User,
    unit: Unit,
    form: str,
    printer_name: str,
    paper_width_mm: Decimal,
    paper_height_mm: Decimal,
    offset_x_mm: Decimal,
    offset_y_mm: Decimal,
    profile: BlankPrintProfile | None = None,
) -> BlankPrintProfile:
    """Create or correct a printer's offsets; only the unit's clerk (văn thư) does this."""
    if not has_role(actor, Role.CLERK, unit):
        raise PermissionDenied("Chỉ văn thư của cơ quan được căn chỉnh in phôi.")
    if profile is not None:
        profile = BlankPrintProfile.objects.select_for_update().get(pk=profile.pk)
    else:
        profile = BlankPrintProfile(unit=unit)
    profile.unit, profile.form, profile.printer_name = unit, form, nfc(printer_name)
    profile.paper_width_mm, profile.paper_height_mm = paper_width_mm, paper_height_mm
    profile.offset_x_mm, profile.offset_y_mm = offset_x_mm, offset_y_mm
    profile.full_clean()
    profile.save()
    audit_record(
        actor=actor,
        action="blank_profile_save",
        obj=profile,
        unit=unit,
        summary=f"Căn chỉnh in phôi {profile.get_form_display()} – {profile.printer_name}: lệch {offset_x_mm}/{offset_y_mm} mm",
    )
    return profile
