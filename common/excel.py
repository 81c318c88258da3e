"""Excel export shared by every app: Vietnamese headers, Vietnamese number formats."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel shows these with the reader's locale separators: 38.300 and 8,2 on a Vietnamese system.
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0#"
DATE_FORMAT = "dd/mm/yyyy"


def build_workbook(*, title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> Workbook:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    widths = [len(h) for h in headers]
    for row_number, row in enumerate(rows, start=2):
        sheet.append(list(row))
        for index, value in enumerate(row):
            cell = sheet.cell(row=row_number, column=index + 1)
            if isinstance(value, bool):
                continue
            if isinstance(value, int):
                cell.number_format = INTEGER_FORMAT
            elif isinstance(value, float | Decimal):
                cell.number_format = DECIMAL_FORMAT
            elif isinstance(value, datetime.date):
                cell.number_format = DATE_FORMAT
            widths[index] = max(widths[index], min(len(str(value)), 60))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    return workbook


def xlsx_response(*, filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    buffer = io.BytesIO()
    build_workbook(title=title, headers=headers, rows=rows).save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ImportColumn:
    """One column of an import template: its Vietnamese header, the key it fills and its parser.

    A parser takes the cell value and returns the cleaned value or raises ``ValueError`` with
    a Vietnamese message.
    """

    def __init__(self, header: str, key: str, parser=None, required: bool = True):
        self.header, self.key, self.parser, self.required = header, key, parser, required


class ImportResult:
    def __init__(self):
        self.rows: list[dict] = []
        self.errors: list[tuple[int, str]] = []  # (row number in the sheet, message)

    @property
    def ok(self) -> bool:
        return not self.errors


MAX_IMPORT_ROWS = 5000


def read_import(file, columns: Sequence[ImportColumn]) -> ImportResult:
    """Read an uploaded workbook against ``columns``; every bad row is listed, none is dropped."""
    from openpyxl import load_workbook

    result = ImportResult()
    try:
        sheet = load_workbook(file, read_only=True, data_only=True).active
    except Exception:  # noqa: BLE001 - any unreadable upload is the same error to the user
        result.errors.append((0, "Tệp không phải bảng tính Excel (.xlsx) hợp lệ."))
        return result
    rows = sheet.iter_rows(values_only=True)
    header = [str(value).strip() if value is not None else "" for value in next(rows, ())]
    missing = [c.header for c in columns if c.header not in header]
    if missing:
        result.errors.append((1, "Thiếu cột: " + ", ".join(missing) + "."))
        return result
    positions = {c.key: header.index(c.header) for c in columns}
    for number, values in enumerate(rows, start=2):
        if number > MAX_IMPORT_ROWS + 1:
            result.errors.append((number, f"Tệp có quá {MAX_IMPORT_ROWS} dòng."))
            break
        if values is None or all(v is None or str(v).strip() == "" for v in values):
            continue
        row, problems = {}, []
        for column in columns:
            index = positions[column.key]
            raw = values[index] if index < len(values) else None
            if isinstance(raw, str):
                raw = raw.strip()
            if raw in (None, ""):
                if column.required:
                    problems.append(f"cột “{column.header}” không được để trống")
                row[column.key] = None
                continue
            try:
                row[column.key] = column.parser(raw) if column.parser else raw
            except ValueError as error:
                problems.append(f"cột “{column.header}”: {error}")
        if problems:
            result.errors.append((number, "; ".join(problems) + "."))
        else:
            result.rows.append({"row": number, **row})
    if not result.rows and not result.errors:
        result.errors.append((2, "Tệp không có dòng dữ liệu nào."))
    return result
