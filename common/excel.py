"""Excel export shared by every app: Vietnamese headers, Vietnamese number formats."""

from __future__ import annotations

import datetime
import re
import tempfile
import zipfile
from collections.abc import Collection, Iterable, Sequence
from decimal import Decimal
from itertools import chain, islice

from django.conf import settings
from django.http import FileResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Excel shows these with the reader's locale separators: 38.300 and 8,2 on a Vietnamese system.
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.0#"
DATE_FORMAT = "dd/mm/yyyy"
# Years, ids, codes, ordinals and revision numbers are labels, not quantities: "2026", never "2,026".
PLAIN_FORMAT = "0"
# A header that names one of those: "Năm", "Năm thành tích", "Mã đơn vị", "STT", "Lần", "Số sổ vàng".
# "Năm trước" (last year's value) and "Năm …" read as a value stay quantities.
PLAIN_HEADER = re.compile(r"^(năm(?! trước)(\s|$)|mã(\s|$)|id$|stt$|lần$|số sổ vàng|số, ký hiệu|số hiệu|số đến$|số đi$)", re.IGNORECASE)


def is_plain_header(header: str) -> bool:
    """Whether a column holds a year, an id or a code (written without grouping)."""
    return bool(PLAIN_HEADER.match(str(header).strip()))


# A text cell starting with one of these is a formula (or becomes one) in Excel, LibreOffice and
# Google Sheets: "=HYPERLINK(…)", "+cmd|…", "-2+3", "@SUM(…)", or after a tab or carriage return.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell) -> None:
    """Keep a text cell text: stored as a string (never a formula), shown with Excel's quote prefix,
    so that editing it does not turn it into a formula either (OWASP CSV injection)."""
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS):
        cell.data_type = "s"
        cell.quotePrefix = True


def number_format(value, index: int, plain: Collection[int]) -> str | None:
    """The format of a cell: grouped quantities, plain years, ids and codes, dd/mm/yyyy dates."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return PLAIN_FORMAT if index in plain else INTEGER_FORMAT
    if isinstance(value, float | Decimal):
        return DECIMAL_FORMAT
    if isinstance(value, datetime.date):
        return DATE_FORMAT
    return None


def _plain_indices(headers: Sequence[str], plain_columns: Collection[str]) -> set[int]:
    return {index for index, header in enumerate(headers) if header in plain_columns or is_plain_header(header)}


def _style_header(cell) -> None:
    neutralise(cell)
    cell.font = Font(bold=True, color="FFFFFF")
    cell.fill = PatternFill("solid", fgColor="1F4E79")
    cell.alignment = Alignment(wrap_text=True, vertical="center")


def _widths(headers: Sequence[str], rows: Iterable[Sequence]) -> list[int]:
    widths = [len(h) for h in headers]
    for row in rows:
        for index, value in enumerate(row[: len(widths)]):
            widths[index] = max(widths[index], min(len(str(value)), 60))
    return widths


def build_workbook(
    *, title: str, headers: Sequence[str], rows: Iterable[Sequence], plain_columns: Collection[str] = ()
) -> Workbook:
    """One sheet in memory (to read back or add to): a header row, then the rows; numbers grouped as
    quantities except in the columns whose header names a year, an id or a code (``is_plain_header``)
    or is listed in ``plain_columns``. Downloads use ``write_workbook``, which streams."""
    plain = _plain_indices(headers, plain_columns)
    rows = [list(row) for row in rows]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append(list(headers))
    for cell in sheet[1]:
        _style_header(cell)
    for row_number, row in enumerate(rows, start=2):
        sheet.append(row)
        for index, value in enumerate(row):
            cell = sheet.cell(row=row_number, column=index + 1)
            neutralise(cell)
            cell.number_format = number_format(value, index, plain) or cell.number_format
    for index, width in enumerate(_widths(headers, rows), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    return workbook


WIDTH_SAMPLE = 200  # column widths follow the header and the first rows; the rest stream through


def write_workbook(
    target, *, title: str, headers: Sequence[str], rows: Iterable[Sequence], plain_columns: Collection[str] = ()
) -> int:
    """The same sheet as ``build_workbook``, written to ``target`` in openpyxl's write-only mode: rows go
    to disk as they come, so memory does not grow with them. Returns the number of data rows."""
    plain = _plain_indices(headers, plain_columns)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    rows = iter(rows)
    head = [list(row) for row in islice(rows, WIDTH_SAMPLE)]
    for index, width in enumerate(_widths(headers, head), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    header = []
    for value in headers:
        cell = WriteOnlyCell(sheet, value=value)
        _style_header(cell)
        header.append(cell)
    sheet.append(header)
    # one style per number format, shared by every cell that has it (setting a format cell by cell costs
    # a look-up in the workbook's registry each time)
    styles: dict[str, object] = {}

    def styled(value, fmt):
        cell = WriteOnlyCell(sheet, value=value)
        if fmt not in styles:
            cell.number_format = fmt
            styles[fmt] = cell._style
        cell._style = styles[fmt]
        return cell

    count = 0
    for row in chain(head, rows):
        cells = []
        for index, value in enumerate(row):
            if value is None or isinstance(value, bool):
                cells.append(value)
            elif isinstance(value, str):
                if value.startswith(FORMULA_TRIGGERS):
                    cell = WriteOnlyCell(sheet, value=value)
                    neutralise(cell)  # kept text, never a formula
                    value = cell
                cells.append(value)  # plain text needs no cell object
            else:
                fmt = number_format(value, index, plain)
                cells.append(styled(value, fmt) if fmt else value)
        sheet.append(cells)
        count += 1
    workbook.save(target)
    return count


def xlsx_response(
    *, filename: str, title: str, headers: Sequence[str], rows: Iterable[Sequence], plain_columns: Collection[str] = ()
) -> FileResponse:
    """A download written in write-only mode to a temporary file, then streamed from it."""
    spool = tempfile.TemporaryFile()
    write_workbook(spool, title=title, headers=headers, rows=rows, plain_columns=plain_columns)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX)


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
ECHO_CHARS = 60  # how much of a cell an error message repeats
MAX_ERRORS_LISTED = 200


def import_limit(name: str, default: int) -> int:
    return int(getattr(settings, "IMPORT_LIMITS", {}).get(name, default))


def limits() -> dict:
    """Bytes of the upload, bytes once unpacked (all parts together), rows, columns, characters in a cell."""
    return {
        "bytes": import_limit("bytes", 5 * 1024 * 1024),
        "unpacked": import_limit("unpacked", 10 * 1024 * 1024),
        "rows": import_limit("rows", MAX_IMPORT_ROWS),
        "columns": import_limit("columns", 50),
        "cell": import_limit("cell", 2000),
        # openpyxl reads every shared string before the first row (about 16 µs each): bound them.
        "strings": import_limit("strings", 50_000),
    }


def shorten(value, length: int = ECHO_CHARS) -> str:
    text = str(value)
    return text if len(text) <= length else text[: length - 1] + "…"


class ImportRefused(Exception):
    """The file breaks a limit; the message says which, in Vietnamese."""


def check_package(file, limit: dict) -> None:
    """Refuse a workbook before parsing it: too big as uploaded, or once unpacked (a zip bomb).

    The sizes come from the zip's directory; a part that unpacks to more than it declares fails its
    check while it is read, so the declared sizes bound what parsing can take.
    """
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
    file.seek(0)
    if size > limit["bytes"]:
        raise ImportRefused(f"Tệp quá lớn: tối đa {limit['bytes'] // (1024 * 1024)} MB.")
    try:
        with zipfile.ZipFile(file) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
            if unpacked > limit["unpacked"]:
                raise ImportRefused(
                    f"Bảng tính quá lớn khi giải nén ({unpacked // (1024 * 1024)} MB; tối đa "
                    f"{limit['unpacked'] // (1024 * 1024)} MB): hãy chia thành nhiều tệp."
                )
            strings = count_shared_strings(archive)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ImportRefused("Tệp không phải bảng tính Excel (.xlsx) hợp lệ.") from error
    finally:
        file.seek(0)
    if strings > limit["strings"]:
        raise ImportRefused(f"Bảng tính có quá nhiều ô chữ khác nhau ({strings}; tối đa {limit['strings']}).")


SHARED_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")


def count_shared_strings(archive: zipfile.ZipFile) -> int:
    """Count the ``<si>`` items of the shared strings part, reading it in chunks (no parsing)."""
    name = next((n for n in archive.namelist() if n.lower().endswith("sharedstrings.xml")), None)
    if name is None:
        return 0
    count, tail = 0, b""
    with archive.open(name) as stream:
        while chunk := stream.read(1024 * 1024):
            data = tail + chunk
            count += len(SHARED_STRING.findall(data))
            tail = data[-64:]
            count -= len(SHARED_STRING.findall(tail))  # counted again with the next chunk
    return count + len(SHARED_STRING.findall(tail))


def read_import(file, columns: Sequence[ImportColumn]) -> ImportResult:
    """Read an uploaded workbook against ``columns``; every bad row is listed, none is dropped.

    The workbook is read in streaming mode within limits on bytes, rows, columns and cell length
    (``IMPORT_LIMITS``); an error message repeats at most ``ECHO_CHARS`` characters of a cell.
    """
    from openpyxl import load_workbook

    result = ImportResult()
    limit = limits()
    try:
        check_package(file, limit)
        sheet = load_workbook(file, read_only=True, data_only=True).active
        read_rows(sheet, columns, limit, result)
    except ImportRefused as refused:
        result.rows.clear()
        result.errors = [(0, str(refused))]
    except Exception:  # noqa: BLE001 - any unreadable upload is the same error to the user
        result.rows.clear()
        result.errors = [(0, "Tệp không phải bảng tính Excel (.xlsx) hợp lệ.")]
    if len(result.errors) > MAX_ERRORS_LISTED:
        more = len(result.errors) - MAX_ERRORS_LISTED
        result.errors = result.errors[:MAX_ERRORS_LISTED] + [(0, f"… và {more} lỗi khác.")]
    return result


def checked_cells(values, number: int, limit: dict):
    if values is None:
        return ()
    if len(values) > limit["columns"] and any(v not in (None, "") for v in values[limit["columns"]:]):
        raise ImportRefused(f"Dòng {number}: bảng tính có quá {limit['columns']} cột.")
    for value in values:
        if isinstance(value, str) and len(value) > limit["cell"]:
            raise ImportRefused(f"Dòng {number}: một ô dài quá {limit['cell']} ký tự (“{shorten(value)}”).")
    return values


def read_rows(sheet, columns: Sequence[ImportColumn], limit: dict, result: ImportResult) -> None:
    # max_col bounds every row, whatever width the sheet claims; max_row spares openpyxl a first pass
    # over the whole sheet to find its size when the sheet does not declare it.
    rows = sheet.iter_rows(values_only=True, max_col=limit["columns"] + 1, max_row=1_048_576)
    header = [str(value).strip() if value is not None else "" for value in checked_cells(next(rows, ()), 1, limit)]
    missing = [c.header for c in columns if c.header not in header]
    if missing:
        result.errors.append((1, "Thiếu cột: " + ", ".join(shorten(m) for m in missing) + "."))
        return
    positions = {c.key: header.index(c.header) for c in columns}
    data_rows = 0
    for number, values in enumerate(rows, start=2):
        if values.count(None) == len(values):  # a gap or a formatted blank row: cheap to pass over
            continue
        values = checked_cells(values, number, limit)
        if all(v is None or str(v).strip() == "" for v in values):
            continue
        data_rows += 1
        if data_rows > limit["rows"]:
            raise ImportRefused(f"Tệp có quá {limit['rows']} dòng dữ liệu: hãy chia thành nhiều tệp.")
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
                problems.append(f"cột “{column.header}”: {shorten(error, 2 * ECHO_CHARS)}")
        if problems:
            result.errors.append((number, "; ".join(problems) + "."))
        else:
            result.rows.append({"row": number, **row})
    if not result.rows and not result.errors:
        result.errors.append((2, "Tệp không có dòng dữ liệu nào."))
