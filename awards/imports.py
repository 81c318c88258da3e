"""The Excel import of award history: every bad row listed, nothing saved if one is bad."""

from __future__ import annotations

from django.db.models import Q

from common.excel import ImportColumn, read_import
from common.parsing import parse_year
from units.models import Person, Unit

from .models import AwardKind


def kind_by_name(value) -> AwardKind:
    kind = AwardKind.objects.filter(Q(code=str(value).strip()) | Q(name__iexact=str(value).strip())).first()
    if kind is None:
        raise ValueError(f"không có danh hiệu, hình thức “{value}”")
    return kind


IMPORT_COLUMNS = [
    ImportColumn("Mã đơn vị", "unit_code", lambda v: str(v).strip()),
    ImportColumn("Họ và tên cá nhân (để trống nếu là tập thể)", "person_name", str, required=False),
    ImportColumn("Danh hiệu, hình thức", "award_kind", kind_by_name),
    ImportColumn("Năm", "year", parse_year),
    ImportColumn("Quyết định", "decision", str),
]
TEMPLATE_ROWS = [("cuc-ctdp", "", "Tập thể lao động xuất sắc", 2013, "QĐ số …/QĐ-BCT ngày …")]


def history_rows_from_upload(upload, *, user) -> tuple[list[dict], list[tuple[int, str]]]:
    """Rows ready for ``award_records_import``, with units and persons found within the account's scope."""
    result = read_import(upload, IMPORT_COLUMNS)
    errors, rows = list(result.errors), []
    visible = Unit.objects.visible_to(user)
    for row in result.rows:
        unit = visible.filter(code=row["unit_code"]).first()
        if unit is None:
            errors.append((row["row"], f"không có đơn vị mã “{row['unit_code']}” trong phạm vi."))
            continue
        person = None
        if row["person_name"]:
            person = Person.objects.filter(unit=unit, full_name=str(row["person_name"]).strip()).first()
            if person is None:
                errors.append((row["row"], f"không có cá nhân “{row['person_name']}” ở {unit.label}."))
                continue
        rows.append({"row": row["row"], "award_kind": row["award_kind"], "year": row["year"], "decision": row["decision"],
                     "person": person, "unit": None if person else unit})
    return rows, sorted(errors)
