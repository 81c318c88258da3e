"""§5 The eligibility check and the nomination form take a name, not an internal id."""

import pytest
from django.urls import reverse

from awards.models import Nomination
from tests.factories import PersonFactory, UnitFactory
from units.models import UnitKind

pytestmark = pytest.mark.django_db


def test_eligibility_check_takes_a_persons_name(client, officer_vl, province_pair):
    PersonFactory(unit=province_pair["vinh-long"], full_name="Huỳnh Thị Ngọc Bích")
    client.force_login(officer_vl)
    page = client.get(reverse("awards:eligibility-check"))
    html = page.content.decode()
    assert 'name="person_q"' in html and "Mã cá nhân" not in html and "Mã đơn vị" not in html
    body = client.get(reverse("awards:eligibility-check"), {"award": "cstd-bo", "year": "2025", "person_q": "huynh thi ngoc bich"}).content.decode()
    assert 'data-testid="finding"><strong>Huỳnh Thị Ngọc Bích: ' in body and "Chiến sĩ thi đua cơ sở" in body


def test_eligibility_check_lists_namesakes_to_choose_from(client, officer_vl, province_pair):
    office = UnitFactory(code="vp-vl", name="Văn phòng Sở", kind=UnitKind.OFFICE, parent=province_pair["vinh-long"])
    PersonFactory(unit=province_pair["vinh-long"], full_name="Phan Văn Tài")
    PersonFactory(unit=office, full_name="Phan Văn Tài")
    client.force_login(officer_vl)
    body = client.get(reverse("awards:eligibility-check"), {"award": "cstd-bo", "year": "2025", "person_q": "Phan Văn Tài"}).content.decode()
    assert 'data-testid="finding"' not in body and body.count('name="person_pick"') == 2
    assert "Phan Văn Tài – Văn phòng Sở – Sở Công Thương tỉnh Vĩnh Long" in body


def test_eligibility_check_finds_no_one_outside_the_scope(client, officer_vl, province_pair):
    PersonFactory(unit=province_pair["nghe-an"], full_name="Trịnh Văn Xa")
    client.force_login(officer_vl)
    body = client.get(reverse("awards:eligibility-check"), {"award": "cstd-bo", "year": "2025", "person_q": "Trịnh Văn Xa"}).content.decode()
    assert "Không tìm thấy cá nhân" in body and 'data-testid="finding"' not in body


def test_nomination_form_takes_the_person_by_name(client, council_setup, officer_vl, province_pair):
    person = PersonFactory(unit=province_pair["vinh-long"], full_name="Võ Thị Thu Hằng")
    client.force_login(officer_vl)
    html = client.get(reverse("awards:nomination-create")).content.decode()
    assert 'name="person_q"' in html and 'name="unit_q"' in html
    response = client.post(reverse("awards:nomination-create"), {
        "round": council_setup["round"].pk, "proposing_unit": province_pair["vinh-long"].pk,
        "award_kind": Nomination._meta.get_field("award_kind").related_model.objects.get(code="bk-bo").pk,
        "person_q": "vo thi thu hang", "achievement": "Hoàn thành xuất sắc nhiệm vụ",
    })
    assert response.status_code == 302, [str(m) for m in response.context["messages"]]
    assert Nomination.objects.get().person == person


def test_an_outside_award_names_its_deciding_body_by_name(client, province_pair, officer_vl):
    from awards.models import AwardKind
    from tests.factories import UnitFactory as Units

    vl = province_pair["vinh-long"]
    chair = Units(code="ubnd-vl", name="Ủy ban nhân dân tỉnh Vĩnh Long", kind=UnitKind.PROVINCE, is_external=True, place_name="Vĩnh Long")
    Units(code="ubnd-dt", name="Ủy ban nhân dân tỉnh Đồng Tháp", kind=UnitKind.PROVINCE, is_external=True, place_name="Đồng Tháp")
    client.force_login(officer_vl)
    page = client.get(reverse("awards:unit-history", args=[vl.pk])).content.decode()
    assert 'name="deciding_unit_q"' in page and "kinds=ministry" in page
    entry = {"unit": vl.pk, "award_kind": AwardKind.objects.get(code="giay-khen").pk, "year": "2024", "decision": "1234/QĐ-UBND"}
    ambiguous = client.post(reverse("awards:record-add"), {**entry, "deciding_unit_q": "Ủy ban nhân dân tỉnh"})
    html = ambiguous.content.decode()
    assert ambiguous.status_code == 400 and html.count('name="deciding_unit_pick"') == 2 and 'value="1234/QĐ-UBND"' in html
    assert not vl.award_records.exists()
    response = client.post(reverse("awards:record-add"), {**entry, "deciding_unit_q": "ubnd vinh long"})
    assert response.status_code == 302 and vl.award_records.get().deciding_unit == chair
