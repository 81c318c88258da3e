"""Who may see what: one central mechanism, 404 outside the account's scope."""

import pytest
from django.urls import reverse

from tests.factories import PersonFactory, UnitFactory
from units.models import ClusterMembership, Person, Role, RoleScope, Unit, UnitKind
from units.scoping import get_scope, has_role
from units.selectors import unit_get_for_user

from ..conftest import make_user

pytestmark = pytest.mark.django_db


def test_officer_sees_own_subtree_and_not_other_province(client, province_pair, officer_vl):
    vl, na = province_pair["vinh-long"], province_pair["nghe-an"]
    division = UnitFactory(code="vl-qlcn", name="Phòng Quản lý công nghiệp", parent=vl)
    client.force_login(officer_vl)
    assert client.get(reverse("units:unit-detail", args=[vl.pk])).status_code == 200
    assert client.get(reverse("units:unit-detail", args=[division.pk])).status_code == 200
    assert client.get(reverse("units:unit-detail", args=[na.pk])).status_code == 404


def test_officer_cannot_open_other_province_person(client, province_pair, officer_vl):
    own = PersonFactory(unit=province_pair["vinh-long"])
    other = PersonFactory(unit=province_pair["nghe-an"])
    client.force_login(officer_vl)
    assert client.get(reverse("units:person-detail", args=[own.pk])).status_code == 200
    assert client.get(reverse("units:person-detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("units:person-update", args=[other.pk])).status_code == 404


def test_cluster_peer_page_visible_but_persons_hidden(client, province_pair, officer_vl, ministry):
    from units.models import Cluster

    vl, na = province_pair["vinh-long"], province_pair["nghe-an"]
    cluster = Cluster.objects.create(code="c1", name="Cụm thử", organiser=ministry)
    ClusterMembership.objects.create(cluster=cluster, unit=vl, year=2026)
    ClusterMembership.objects.create(cluster=cluster, unit=na, year=2026)
    person = PersonFactory(unit=na)
    client.force_login(officer_vl)
    response = client.get(reverse("units:unit-detail", args=[na.pk]))
    assert response.status_code == 200
    assert person.full_name not in response.content.decode()
    assert client.get(reverse("units:person-detail", args=[person.pk])).status_code == 404
    assert client.get(reverse("units:cluster-detail", args=[cluster.pk])).status_code == 200


def test_ministry_manager_sees_all(client, province_pair, ministry_manager):
    client.force_login(ministry_manager)
    for unit in province_pair.values():
        assert client.get(reverse("units:unit-detail", args=[unit.pk])).status_code == 200
    person = PersonFactory(unit=province_pair["nghe-an"])
    assert client.get(reverse("units:person-detail", args=[person.pk])).status_code == 200
    assert Unit.objects.visible_to(ministry_manager).count() == Unit.objects.count()


def test_predecessor_history_reachable_from_successor(province_pair, officer_vl):
    old_ubnd = UnitFactory(code="ubnd-ben-tre", name="Ủy ban nhân dân tỉnh Bến Tre", kind=UnitKind.PROVINCE, is_active=False)
    old_so = UnitFactory(code="sct-ben-tre", name="Sở Công Thương tỉnh Bến Tre", parent=old_ubnd, is_active=False)
    province_pair["vinh-long"].predecessors.add(old_so)
    assert unit_get_for_user(officer_vl, old_so.pk) == old_so
    assert old_so.pk in get_scope(officer_vl).own_unit_ids


def test_anonymous_and_roleless_see_nothing(province_pair, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert not Unit.objects.visible_to(AnonymousUser()).exists()
    loner = django_user_model.objects.create(username="loner")
    assert not Person.objects.visible_to(loner).exists()


def test_role_scope_unit_does_not_cover_children(province_pair):
    vl = province_pair["vinh-long"]
    child = UnitFactory(code="vl-child", parent=vl)
    user = make_user("lead", vl, Role.CLUSTER_LEAD, scope=RoleScope.UNIT)
    assert has_role(user, Role.CLUSTER_LEAD, vl)
    assert not has_role(user, Role.CLUSTER_LEAD, child)
    assert not has_role(user, Role.CLUSTER_LEAD, province_pair["nghe-an"])


def test_unit_move_rebuilds_subtree_paths(province_pair):
    vl, na = province_pair["vinh-long"], province_pair["nghe-an"]
    child = UnitFactory(code="moving", parent=vl)
    grandchild = UnitFactory(code="moving-child", parent=child)
    child.parent = na
    child.save()
    grandchild.refresh_from_db()
    assert grandchild.path.startswith(na.path)
    assert list(Unit.objects.subtree_of(na).values_list("code", flat=True)) == ["sct-nghe-an", "moving", "moving-child"]


def test_unit_list_search_and_scope(client, province_pair, officer_vl):
    client.force_login(officer_vl)
    response = client.get(reverse("units:unit-list"), {"q": "Sở Công Thương"})
    body = response.content.decode()
    assert "Sở Công Thương tỉnh Vĩnh Long" in body
    assert "Nghệ An" not in body
