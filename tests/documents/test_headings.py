"""§5 The heading of any Sở's document, and of a unit under a Sở, puts the governing body above (upright)
and the issuer below (bold) on the right lines, says the place once, and never breaks a name in the
middle: checked on the rendered PDF by the layout rules of tests/documents/layout.py, for the Sở with
the longest names (also set up without a printed name, as the set-up screens and the import create them)."""

import datetime

import pytest

from documents.models import DocumentType
from documents.pdf import _issuer_heading, render_document_pdf
from documents.services import document_create, document_issue, document_sign, document_submit
from tests.conftest import make_user
from tests.documents.factories import SigningPositionFactory
from tests.documents.layout import document_checks
from tests.documents.test_layout import keep
from tests.factories import UnitFactory
from units.demo import PROVINCES
from units.models import Role, UnitKind

pytestmark = pytest.mark.django_db

PLACES = [(name, city) for name, city, merged in PROVINCES] + [place for _, _, merged in PROVINCES for place in merged]
LONGEST = sorted(PLACES, key=lambda place: -len(place[0]))[:3]  # Bà Rịa - Vũng Tàu, Hồ Chí Minh, …
CASES = LONGEST + [("Vĩnh Long", False), ("Huế", True)]


def full(place: str, city: bool) -> str:
    return f"{'thành phố' if city else 'tỉnh'} {place}"


def sở(place: str, city: bool, *, printed_name: bool):
    ubnd = UnitFactory(name=f"Ủy ban nhân dân {full(place, city)}", kind=UnitKind.PROVINCE, place_name=place)
    return UnitFactory(name=f"Sở Công Thương {full(place, city)}", kind=UnitKind.PROVINCIAL_DEPARTMENT, short_name="SCT",
                       heading_name="Sở Công Thương" if printed_name else "", parent=ubnd, place_name=place)


def issued_plan(unit, short_name: str):
    manager = make_user(f"ql-{unit.pk}", unit, Role.CAMPAIGN_MANAGER)
    signer = make_user(f"gd-{unit.pk}", unit, Role.SIGNER)
    SigningPositionFactory(user=signer, unit=unit, title="Giám đốc" if unit.kind == UnitKind.PROVINCIAL_DEPARTMENT else "Chi cục trưởng")
    clerk = make_user(f"vt-{unit.pk}", unit, Role.CLERK)
    document = document_create(actor=manager, doc_type=DocumentType.PLAN, issuers=[unit], subject="Tổ chức phong trào thi đua năm 2026",
                               body=[{"text": "Các phòng, đơn vị tổ chức thực hiện có hiệu quả các chỉ tiêu thi đua đã đăng ký."}],
                               recipients=["Các phòng, đơn vị thuộc Sở"], signers=[{"unit": unit}], archive_note=f"VT, {short_name}")
    document_submit(document=document, actor=manager)
    document = document_sign(document=document, actor=signer)
    return document_issue(document=document, actor=clerk, issued_on=datetime.date(2026, 2, 5))


def plain(lines):
    return [" ".join(line.replace("\u00a0", " ").replace("\u2060", "").split()) for line in lines]


def assert_layout(document):
    pdf = render_document_pdf(document)
    keep(f"tieu-de-{document.lead_issuer.code}", pdf)  # with THIDUA_PDF_DIR set: the PDF and a PNG of page 1
    report = document_checks(document, pdf)
    assert not report.failures, "\n".join(f"{rule} ({detail})" for _, rule, detail in report.failures)


@pytest.mark.parametrize("printed_name", [True, False], ids=["ten-in", "chua-dat-ten-in"])
@pytest.mark.parametrize(("place", "city"), CASES, ids=[p for p, _ in CASES])
def test_so_heading_names_the_province_once_on_the_right_lines(place, city, printed_name):
    unit = sở(place, city, printed_name=printed_name)
    document = issued_plan(unit, "VP")
    heading = _issuer_heading(document)
    governing = " ".join(plain(heading["governing"]))
    assert governing == f"ỦY BAN NHÂN DÂN {full(place, city).upper()}"
    assert plain(heading["names"]) == ["SỞ CÔNG THƯƠNG"]
    level = "THÀNH PHỐ" if city else "TỈNH"
    # a governing line that breaks does so before the level, never inside the place's name
    assert all(line.startswith(level) or level not in line for line in plain(heading["governing"])[1:])
    assert_layout(document)


@pytest.mark.parametrize(("place", "city"), LONGEST[:2] + [("Vĩnh Long", False)], ids=[p for p, _ in LONGEST[:2]] + ["Vĩnh Long"])
def test_a_unit_under_a_so_prints_the_so_above_its_own_name(place, city):
    so = sở(place, city, printed_name=True)
    chi_cuc = UnitFactory(name=f"Chi cục Quản lý thị trường {full(place, city)}", kind=UnitKind.SUB_AGENCY, short_name="QLTT",
                          parent=so, place_name=place)
    office = UnitFactory(name="Văn phòng Sở", kind=UnitKind.OFFICE, short_name="VP", parent=so, place_name=place)
    for unit, own in ((chi_cuc, "CHI CỤC QUẢN LÝ THỊ TRƯỜNG"), (office, "VĂN PHÒNG SỞ")):
        document = issued_plan(unit, unit.short_name)
        heading = _issuer_heading(document)
        assert " ".join(plain(heading["governing"])) == f"SỞ CÔNG THƯƠNG {full(place, city).upper()}"
        assert plain(heading["names"]) == [own]
        assert_layout(document)
