"""Excel import of units: every bad row listed, nothing saved unless every row is good."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from units.models import AuditEvent, Unit

pytestmark = pytest.mark.django_db

HEADERS = ["Mã đơn vị", "Tên đơn vị", "Chữ viết tắt", "Loại đơn vị", "Mã đơn vị cấp trên", "Địa danh"]


def workbook(rows, headers=HEADERS):
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "don-vi.xlsx"
    return buffer


def test_template_download_has_the_columns(client, system_admin):
    client.force_login(system_admin)
    response = client.get(reverse("units:unit-import"), {"template": 1})
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert [c.value for c in sheet[1]] == HEADERS


def test_import_creates_units_with_parent_from_same_file(client, system_admin, province_pair):
    client.force_login(system_admin)
    rows = [
        ("vl-qlnl", "Phòng Quản lý năng lượng", "QLNL", "Phòng", "sct-vinh-long", "Vĩnh Long"),
        ("vl-qlnl-to1", "Tổ điện gió", "", "Phòng", "vl-qlnl", "Vĩnh Long"),
    ]
    response = client.post(reverse("units:unit-import"), {"file": workbook(rows)})
    assert response.status_code == 302
    child = Unit.objects.get(code="vl-qlnl-to1")
    assert child.parent.code == "vl-qlnl" and child.parent.parent == province_pair["vinh-long"]
    assert AuditEvent.objects.filter(action="units_import").count() == 1


def test_import_with_a_bad_row_saves_nothing_and_lists_rows(client, system_admin, province_pair):
    client.force_login(system_admin)
    before = Unit.objects.count()
    rows = [
        ("ok-1", "Phòng A", "A", "Phòng", "sct-vinh-long", ""),
        ("bad-kind", "Phòng B", "B", "Không rõ", "sct-vinh-long", ""),
        ("", "Phòng C", "C", "Phòng", "", ""),
    ]
    response = client.post(reverse("units:unit-import"), {"file": workbook(rows)})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Dòng 3" in body and "loại đơn vị không hợp lệ" in body
    assert "Dòng 4" in body and "Mã đơn vị" in body
    assert Unit.objects.count() == before


def test_import_unknown_parent_rolls_back(client, system_admin, province_pair):
    client.force_login(system_admin)
    before = Unit.objects.count()
    rows = [
        ("ok-2", "Phòng A", "A", "Phòng", "sct-vinh-long", ""),
        ("orphan", "Phòng B", "B", "Phòng", "khong-ton-tai", ""),
    ]
    body = client.post(reverse("units:unit-import"), {"file": workbook(rows)}).content.decode()
    assert "khong-ton-tai" in body
    assert Unit.objects.count() == before


def test_import_rejects_non_excel_and_missing_columns(client, system_admin):
    client.force_login(system_admin)
    fake = io.BytesIO(b"<html>not excel</html>")
    fake.name = "x.xlsx"
    assert "không phải bảng tính Excel" in client.post(reverse("units:unit-import"), {"file": fake}).content.decode()
    body = client.post(reverse("units:unit-import"), {"file": workbook([], headers=["Tên"])}).content.decode()
    assert "Thiếu cột" in body


def test_import_is_for_administrators_only(client, officer_vl):
    client.force_login(officer_vl)
    assert client.get(reverse("units:unit-import")).status_code == 403
