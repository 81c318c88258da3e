"""§6 The clerk's register opened on an empty unit: it opens on the unit where the account is the clerk."""

import pytest
from django.urls import reverse

from tests.conftest import make_user
from tests.factories import UnitFactory
from units.models import Role, RoleAssignment, RoleScope, UnitKind

pytestmark = pytest.mark.django_db


def test_register_opens_on_the_unit_the_account_keeps_records_for(client, ministry):
    office = UnitFactory(code="van-phong", name="Văn phòng Bộ", kind=UnitKind.OFFICE, parent=ministry)
    UnitFactory(code="a-vu", name="A – Vụ đứng trước theo tên", kind=UnitKind.DEPARTMENT, parent=ministry)
    clerk = make_user("van-thu-bo", office, Role.CLERK, scope=RoleScope.SUBTREE, role_unit=ministry)
    client.force_login(clerk)
    response = client.get(reverse("documents:register"))
    assert response.status_code == 200
    assert response.context["issuer"] == ministry


def test_register_prefers_the_clerk_role_over_a_signer_role(client, ministry, province_pair):
    so = province_pair["vinh-long"]
    office = UnitFactory(code="vp-so", name="Văn phòng Sở", kind=UnitKind.OFFICE, parent=so)
    user = make_user("vt-ky", office, Role.SIGNER, role_unit=ministry, scope=RoleScope.UNIT)
    RoleAssignment.objects.create(user=user, role=Role.CLERK, unit=so, scope=RoleScope.UNIT)
    client.force_login(user)
    assert client.get(reverse("documents:register")).context["issuer"] == so


def test_register_still_opens_the_issuer_asked_for(client, ministry, province_pair):
    office = UnitFactory(code="van-phong", name="Văn phòng Bộ", kind=UnitKind.OFFICE, parent=ministry)
    clerk = make_user("van-thu-bo", office, Role.CLERK, scope=RoleScope.SUBTREE, role_unit=ministry)
    client.force_login(clerk)
    assert client.get(reverse("documents:register"), {"issuer": office.pk}).context["issuer"] == office
