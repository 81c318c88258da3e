"""Awards decided outside the app: recorded with their deciding body; an officer's entry waits for a manager."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from awards import services as svc
from awards.models import AwardKind
from tests.conftest import make_user
from tests.factories import UnitFactory
from units.extensions import todo_items
from units.models import Role, UnitKind

pytestmark = pytest.mark.django_db


def test_an_officers_entry_is_public_only_once_a_manager_verified_it(client, province_pair, officer_vl):
    vl = province_pair["vinh-long"]
    chair = UnitFactory(code="ubnd-vl", name="Ủy ban nhân dân tỉnh Vĩnh Long", kind=UnitKind.PROVINCE, is_external=True)
    manager = make_user("ql-vl", vl, Role.CAMPAIGN_MANAGER)
    client.force_login(officer_vl)
    response = client.post(reverse("awards:record-add"), {
        "unit": vl.pk, "award_kind": AwardKind.objects.get(code="giay-khen").pk, "year": "2024",
        "decision": "1234/QĐ-UBND", "decided_on": "15/01/2025", "deciding_unit": chair.pk,
    })
    assert response.status_code == 302
    record = vl.award_records.get()
    assert not record.verified and record.deciding_unit == chair and record.decided_on == datetime.date(2025, 1, 15)
    assert "1234/QĐ-UBND" not in client.get(reverse("awards:honour-board")).content.decode()
    with pytest.raises(PermissionDenied):
        svc.award_record_verify(actor=officer_vl, record=record)
    assert any(item["label"] == "Khen thưởng đơn vị tự khai chờ xác nhận" for item in todo_items(manager))
    client.force_login(manager)
    assert "Xác nhận" in client.get(reverse("awards:unit-history", args=[vl.pk])).content.decode()
    client.post(reverse("awards:record-verify", args=[record.pk]))
    record.refresh_from_db()
    assert record.verified and record.verified_by == manager
    client.logout()
    assert "Sở Công Thương tỉnh Vĩnh Long" in client.get(reverse("awards:honour-board") + "?year=2024").content.decode()


def test_a_managers_own_entry_is_verified_at_once(province_pair):
    vl = province_pair["vinh-long"]
    manager = make_user("ql-vl", vl, Role.CAMPAIGN_MANAGER)
    record = svc.award_record_create(actor=manager, award_kind=AwardKind.objects.get(code="giay-khen"), year=2023, decision="9/QĐ-SCT", unit=vl)
    assert record.verified and record.verified_by == manager
