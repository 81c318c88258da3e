"""§6 Excel wrote a year as 2,026: years, ids and codes are written plain, quantities keep their grouping."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from awards import imports as award_imports
from awards.selectors import nominations as nomination_selectors
from campaigns import imports as campaign_imports
from campaigns.selectors import exports as campaign_exports
from common.excel import INTEGER_FORMAT, PLAIN_FORMAT, build_workbook, is_plain_header
from tests.awards.conftest import catalogue, council_setup, nominate  # noqa: F401


def column(response, header):
    """The cells under ``header`` in an xlsx response, header excluded."""
    assert response.status_code == 200
    if not hasattr(response, "body"):  # a streamed download is read once: keep its bytes
        response.body = response.getvalue()
    sheet = load_workbook(io.BytesIO(response.body)).active
    headers = [cell.value for cell in sheet[1]]
    index = headers.index(header) + 1
    return [sheet.cell(row=row, column=index) for row in range(2, sheet.max_row + 1)]


def test_year_and_code_columns_are_plain_quantities_grouped():
    sheet = build_workbook(
        title="t", headers=["STT", "Năm", "Năm thành tích", "Mã đơn vị", "Năm trước", "Số lượng"],
        rows=[(1, 2026, 2025, 101, 38300, 38300)],
    ).active
    formats = [cell.number_format for cell in sheet[2]]
    assert formats == [PLAIN_FORMAT] * 4 + [INTEGER_FORMAT] * 2


def test_plain_columns_can_be_named_by_the_caller():
    sheet = build_workbook(title="t", headers=["Niên độ"], rows=[(2026,)], plain_columns={"Niên độ"}).active
    assert sheet["A2"].number_format == PLAIN_FORMAT


@pytest.mark.parametrize("header", ["Năm", "Năm thành tích", "Mã chỉ tiêu", "Mã đơn vị", "STT", "Lần", "Số sổ vàng", "Số đến"])
def test_year_id_and_code_headers_are_plain(header):
    assert is_plain_header(header)


@pytest.mark.parametrize("header", ["Năm trước", "Cùng kỳ năm trước", "Giá trị năm trước", "Đăng ký", "Thực hiện lũy kế", "% kế hoạch"])
def test_value_headers_are_quantities(header):
    assert not is_plain_header(header)


def test_every_export_header_naming_a_year_is_plain():
    """Each export's and template's header that names a year (Năm …, not a value of last year) is plain."""
    headers = (
        list(nomination_selectors.EXPORT_HEADERS) + campaign_exports.CAMPAIGN_HEADERS + campaign_exports.REPORTS_HEADERS
        + campaign_exports.DASHBOARD_HEADERS + [c.header for c in award_imports.IMPORT_COLUMNS]
        + [c.header for c in campaign_imports.TARGET_COLUMNS + campaign_imports.VALUE_COLUMNS]
    )
    years = [h for h in headers if h.split()[0] == "Năm" and h != "Năm trước"]
    assert years and all(is_plain_header(h) for h in years)


@pytest.mark.django_db
def test_nominations_export_writes_the_year_plain(client, council_setup, officer_vl, province_pair):  # noqa: F811
    nominate(officer_vl, council_setup["round"], province_pair["vinh-long"], files=())
    client.force_login(officer_vl)
    cells = column(client.get(reverse("awards:nomination-list"), {"format": "xlsx"}), "Năm thành tích")
    assert [c.value for c in cells] == [2025] and cells[0].number_format == PLAIN_FORMAT


@pytest.mark.django_db
def test_history_import_template_writes_the_year_plain(client, system_admin):
    client.force_login(system_admin)
    cells = column(client.get(reverse("awards:history-import"), {"template": "1"}), "Năm")
    assert cells and all(isinstance(c.value, int) and c.number_format == PLAIN_FORMAT for c in cells)


@pytest.mark.django_db
def test_incoming_register_export_writes_the_year_and_number_plain(client, province_pair):
    import datetime

    from documents.services import incoming_register
    from tests.conftest import make_user
    from tests.factories import UnitFactory
    from units.models import Role, UnitKind

    so = province_pair["vinh-long"]
    clerk = make_user("vt-vl", so, Role.CLERK)
    ttg = UnitFactory(code="thu-tuong", name="Thủ tướng Chính phủ", kind=UnitKind.GOVERNMENT, is_external=True, short_name="TTg")
    incoming_register(actor=clerk, receiving_unit=so, issuer=ttg, type_name="Chỉ thị", symbol="19/CT-TTg",
                      issued_on=datetime.date(2021, 6, 25), subject="Về đẩy mạnh phong trào thi đua yêu nước",
                      received_on=datetime.date(2021, 6, 30))
    client.force_login(clerk)
    response = client.get(reverse("documents:incoming-list"), {"export": "xlsx"})
    years, numbers = column(response, "Năm"), column(response, "Số đến")
    assert [c.value for c in years] == [2021] and years[0].number_format == PLAIN_FORMAT
    assert numbers[0].number_format == PLAIN_FORMAT
