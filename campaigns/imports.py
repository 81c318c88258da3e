"""Excel templates and imports for targets and report values: every bad row listed, nothing saved."""

from __future__ import annotations

from common.excel import ImportColumn, read_import
from common.parsing import parse_date, parse_decimal

from .models import Direction, Indicator

DIRECTIONS = {
    "≥": Direction.AT_LEAST, ">=": Direction.AT_LEAST, "≤": Direction.AT_MOST, "<=": Direction.AT_MOST, "=": Direction.EXACT,
}
YES = {"có", "co", "x", "1", "đã hoàn thành", "hoàn thành", "true"}


def parse_direction(value) -> str:
    direction = DIRECTIONS.get(str(value).strip())
    if direction is None:
        raise ValueError("chiều phải là ≥, ≤ hoặc =")
    return direction


def parse_yes(value) -> bool:
    return str(value).strip().lower() in YES


TARGET_COLUMNS = [
    ImportColumn("Mã chỉ tiêu", "code", lambda v: str(v).strip()),
    ImportColumn("Tên chỉ tiêu", "name", str, required=False),
    ImportColumn("Giá trị đăng ký", "target_value", parse_decimal, required=False),
    ImportColumn("Giá trị năm trước", "baseline", parse_decimal, required=False),
    ImportColumn("Chiều (≥/≤/=)", "direction", parse_direction, required=False),
    ImportColumn("Ghi chú", "note", str, required=False),
    ImportColumn("Thời hạn (dd/mm/yyyy)", "deadline", parse_date, required=False),
]

VALUE_COLUMNS = [
    ImportColumn("Mã chỉ tiêu", "code", lambda v: str(v).strip()),
    ImportColumn("Tên chỉ tiêu", "name", str, required=False),
    ImportColumn("Thực hiện lũy kế", "value", parse_decimal, required=False),
    ImportColumn("Đã hoàn thành (có/không)", "done", parse_yes, required=False),
    ImportColumn("Cùng kỳ năm trước", "same_period", parse_decimal, required=False),
]


def targets_from_upload(upload, *, campaign) -> tuple[list[dict], list[tuple[int, str]]]:
    result = read_import(upload, TARGET_COLUMNS)
    allowed = {i.code: i for i in campaign.indicators.all()} or {i.code: i for i in Indicator.objects.filter(is_active=True)}
    rows, errors = [], list(result.errors)
    for row in result.rows:
        indicator = allowed.get(row["code"])
        if indicator is None:
            errors.append((row["row"], f"mã chỉ tiêu “{row['code']}” không thuộc phong trào."))
            continue
        if indicator.kind != "milestone" and row["target_value"] is None:
            errors.append((row["row"], f"chỉ tiêu “{indicator.name}” cần giá trị đăng ký."))
            continue
        if row["deadline"] and not campaign.start_date <= row["deadline"] <= campaign.end_date:
            errors.append((row["row"], f"thời hạn {row['deadline']:%d/%m/%Y} nằm ngoài thời gian phong trào."))
            continue
        rows.append(
            {
                "indicator": indicator,
                "target_value": row["target_value"],
                "baseline": row["baseline"],
                "direction": row["direction"] or indicator.target_direction,
                "note": (row["note"] or "")[:500],
                "deadline": row["deadline"],
            }
        )
    return rows, sorted(errors)


def values_from_upload(upload, *, registration) -> tuple[dict, dict, list[tuple[int, str]]]:
    """Report values and same-period values by target, and the errors per row."""
    result = read_import(upload, VALUE_COLUMNS)
    targets = {t.indicator.code: t for t in registration.targets.select_related("indicator")}
    values, same_period, errors = {}, {}, list(result.errors)
    for row in result.rows:
        target = targets.get(row["code"])
        if target is None:
            errors.append((row["row"], f"mã chỉ tiêu “{row['code']}” không có trong bản đăng ký."))
            continue
        if any(v is not None and v < 0 for v in (row["value"], row["same_period"])):
            errors.append((row["row"], "giá trị không được âm."))
            continue
        values[target.pk] = (row["value"], bool(row["done"]))
        same_period[target.pk] = row["same_period"]
    return values, same_period, sorted(errors)
