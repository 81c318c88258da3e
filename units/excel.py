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
    for row in rows:
        sheet.append(list(row))
        for index, value in enumerate(row):
            cell = sheet.cell(row=sheet.max_row, column=index + 1)
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
