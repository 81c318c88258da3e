"""The register of incoming documents (văn bản đến) and the căn cứ they give a unit's plan."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from documents.services import incoming_register
from tests.conftest import make_user
from tests.factories import UnitFactory
from units.models import Role, UnitKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def outside(db):
    return {
        "ttg": UnitFactory(code="thu-tuong", name="Thủ tướng Chính phủ", kind=UnitKind.GOVERNMENT, is_external=True, short_name="TTg"),
        "ubnd": UnitFactory(code="ubnd-x", name="Ủy ban nhân dân tỉnh Vĩnh Long", kind=UnitKind.PROVINCE, is_external=True, short_name="UBND"),
    }


def test_incoming_documents_are_numbered_per_unit_and_year_and_chain_their_legal_bases(province_pair, outside):
    so = province_pair["vinh-long"]
    clerk = make_user("vt-vl", so, Role.CLERK)
    directive = incoming_register(actor=clerk, receiving_unit=so, issuer=outside["ttg"], type_name="Chỉ thị", symbol="19/CT-TTg",
                                  issued_on=datetime.date(2021, 6, 25), subject="Về đẩy mạnh phong trào thi đua yêu nước",
                                  received_on=datetime.date(2021, 6, 30))
    plan = incoming_register(actor=clerk, receiving_unit=so, issuer=outside["ubnd"], type_name="Kế hoạch", symbol="120/KH-UBND",
                             issued_on=datetime.date(2021, 8, 2), subject="Thực hiện Chỉ thị số 19/CT-TTg", implements=directive,
                             received_on=datetime.date(2021, 8, 5))
    later = incoming_register(actor=clerk, receiving_unit=so, issuer=outside["ubnd"], type_name="Công văn", symbol="15/UBND-TH",
                              issued_on=datetime.date(2022, 1, 4), subject="V/v tổng kết", received_on=datetime.date(2022, 1, 5))
    assert (directive.incoming_number, plan.incoming_number, later.incoming_number) == (1, 2, 1)  # a new register each year
    assert directive.is_historical and plan.is_historical
    assert [d.legal_basis() for d in plan.chain()] == [
        "Căn cứ Chỉ thị số 19/CT-TTg ngày 25 tháng 6 năm 2021 của Thủ tướng Chính phủ về đẩy mạnh phong trào thi đua yêu nước;",
        "Căn cứ Kế hoạch số 120/KH-UBND ngày 02 tháng 8 năm 2021 của Ủy ban nhân dân tỉnh Vĩnh Long về thực hiện Chỉ thị số 19/CT-TTg;",
    ]
    assert later.legal_basis().endswith("của Ủy ban nhân dân tỉnh Vĩnh Long về việc tổng kết;")
    with pytest.raises(ValidationError, match="đã có"):
        incoming_register(actor=clerk, receiving_unit=so, issuer=outside["ttg"], type_name="Chỉ thị", symbol="19/CT-TTg",
                          issued_on=datetime.date(2021, 6, 25), subject="x", received_on=datetime.date(2021, 7, 1))
    with pytest.raises(ValidationError, match="không được sau hôm nay"):
        incoming_register(actor=clerk, receiving_unit=so, issuer=outside["ttg"], type_name="Chỉ thị", symbol="20/CT-TTg",
                          issued_on=datetime.date(2021, 6, 25), subject="x", received_on=datetime.date(2999, 1, 1))


def test_only_the_units_clerk_or_manager_registers_and_others_get_404(client, province_pair, outside):
    so, other = province_pair["vinh-long"], province_pair["nghe-an"]
    officer = make_user("cb", so, Role.UNIT_OFFICER)
    with pytest.raises(PermissionDenied):
        incoming_register(actor=officer, receiving_unit=so, issuer=outside["ttg"], type_name="Chỉ thị", symbol="1/CT-TTg",
                          issued_on=datetime.date(2024, 1, 2), subject="x")
    clerk = make_user("vt", so, Role.CLERK)
    document = incoming_register(actor=clerk, receiving_unit=so, issuer=outside["ttg"], type_name="Chỉ thị", symbol="1/CT-TTg",
                                 issued_on=datetime.date(2024, 1, 2), subject="Về thi đua")
    client.force_login(make_user("vt-na", other, Role.CLERK))
    assert client.get(reverse("documents:incoming-detail", args=[document.pk])).status_code == 404
    client.force_login(clerk)
    page = client.get(reverse("documents:incoming-list")).content.decode()
    assert "1/CT-TTg" in page and "Thủ tướng Chính phủ" in page
    response = client.post(reverse("documents:incoming-list"), {"receiving_unit": so.pk, "issuer": outside["ubnd"].pk, "type_name": "Kế hoạch",
                                                                 "symbol": "9/KH-UBND", "issued_on": "32/13/2024", "subject": "x"})
    assert response.status_code == 200 and "không phải là ngày" in response.content.decode()
