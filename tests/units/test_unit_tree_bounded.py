"""The unit list's tree stays the same size whatever the number of enterprises and sub-units (issue 13)."""

import pytest
from django.urls import reverse

from tests.factories import UnitFactory
from units.models import UnitKind

pytestmark = pytest.mark.django_db


def test_tree_shows_twelve_children_and_links_to_the_rest(client, system_admin, province_pair):
    so = province_pair["vinh-long"]
    for index in range(20):
        office = UnitFactory(code=f"phong-{index}", name=f"Phòng nghiệp vụ {index:02d}", kind=UnitKind.DIVISION, parent=so)
        UnitFactory(code=f"doi-{index}", name=f"Đội thuộc phòng {index:02d}", kind=UnitKind.DIVISION, parent=office)
    client.force_login(system_admin)
    body = client.get(reverse("units:unit-list")).content.decode()
    assert "Phòng nghiệp vụ 00" in body and "Phòng nghiệp vụ 11" in body and "Phòng nghiệp vụ 12" not in body
    assert "… và 8 đơn vị trực thuộc khác" in body and "20 đơn vị trực thuộc" in body
    assert "Đội thuộc phòng" not in body  # below the third level: opened from the office's page
    assert "Phòng nghiệp vụ 19" in client.get(reverse("units:unit-list"), {"q": "nghiệp vụ 19"}).content.decode()


def test_tree_escapes_names_and_marks_inactive_units(client, system_admin, province_pair):
    so = province_pair["vinh-long"]
    UnitFactory(code="phong-la", name='Phòng <b>"Thử"</b> & Co', kind=UnitKind.DIVISION, parent=so, is_active=False)
    client.force_login(system_admin)
    body = client.get(reverse("units:unit-list")).content.decode()
    assert "Phòng &lt;b&gt;&quot;Thử&quot;&lt;/b&gt; &amp; Co" in body and "<b>\"Thử\"</b>" not in body
    assert 'Co</a> <span class="badge text-bg-light badge-kind">Phòng</span> <span class="badge text-bg-secondary">Không còn hoạt động</span>' in body
