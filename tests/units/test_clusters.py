"""Clusters and blocks set up in the app: a Sở's block of its own phòng and Chi cục, with lead and deputy,
signs its covenant without the Ministry; scope, 404, Vietnamese messages and settled members."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from campaigns import services as covenants
from campaigns.models import CovenantStatus
from common.policies import allowed
from tests.conftest import make_user
from tests.factories import UnitFactory
from units import policies, services
from units.models import AuditEvent, Cluster, ClusterKind, ClusterMembership, Role, UnitKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def so(province_pair):
    """Sở Vĩnh Long with its office, two phòng and the Chi cục."""
    so = province_pair["vinh-long"]
    subs = {
        key: UnitFactory(code=f"sct-vl-{key}", name=name, kind=kind, parent=so, short_name=key.upper())
        for key, name, kind in [
            ("vp", "Văn phòng Sở", UnitKind.OFFICE), ("qlcn", "Phòng Quản lý công nghiệp", UnitKind.DIVISION),
            ("qltm", "Phòng Quản lý thương mại", UnitKind.DIVISION), ("qltt", "Chi cục Quản lý thị trường", UnitKind.SUB_AGENCY),
        ]
    }
    return {"so": so, **subs}


@pytest.fixture
def so_manager(so):
    return make_user("so-ql", so["so"], Role.CAMPAIGN_MANAGER)


@pytest.fixture
def block(so, so_manager):
    block = services.cluster_create(actor=so_manager, organiser=so["so"], name="Khối các phòng, Chi cục thuộc Sở", kind=ClusterKind.BLOCK)
    services.cluster_year_save(
        actor=so_manager, cluster=block, year=2026, members=[so["vp"], so["qlcn"], so["qltm"], so["qltt"]], lead=so["qlcn"], deputy=so["qltt"]
    )
    return block


def test_so_manager_sets_up_a_block_of_its_sub_units(block, so, so_manager):
    roles = dict(ClusterMembership.objects.filter(cluster=block, year=2026).values_list("unit__code", "role"))
    assert roles == {"sct-vl-vp": "member", "sct-vl-qlcn": "lead", "sct-vl-qltm": "member", "sct-vl-qltt": "deputy"}
    assert block.organiser == so["so"] and block.code.startswith("khoi-cac-phong")
    actions = list(AuditEvent.objects.filter(object_id=str(block.pk)).values_list("action", flat=True))
    assert sorted(actions) == ["cluster_create", "cluster_year_save"]
    assert "khối trưởng Phòng Quản lý công nghiệp" in AuditEvent.objects.get(action="cluster_year_save").summary


def test_the_blocks_members_sign_their_covenant_without_the_ministry(block, so):
    lead_officer = make_user("qlcn-officer", so["qlcn"], Role.UNIT_OFFICER)
    covenant = covenants.covenant_create(
        actor=lead_officer, cluster=block, year=2026, criteria=[("Hoàn thành nhiệm vụ", Decimal("60")), ("Cải cách hành chính", Decimal("40"))]
    )
    signer = make_user("so-lanhdao", so["so"], Role.SIGNER)  # the Sở's leader signs for each phòng and the Chi cục
    for key in ("vp", "qlcn", "qltm", "qltt"):
        covenants.covenant_sign(covenant=covenant, actor=signer, unit=so[key], signer_title="Trưởng phòng")
    covenant.refresh_from_db()
    assert covenant.status == CovenantStatus.SIGNED and covenant.document.signers.count() == 4
    assert "Sở Công Thương tỉnh Vĩnh Long" in " ".join(covenant.document.recipients)
    with pytest.raises(ValidationError, match="đã có giao ước thi đua năm 2026"):
        services.cluster_year_save(actor=make_user("x", so["so"], Role.CAMPAIGN_MANAGER), cluster=block, year=2026,
                                   members=[so["vp"], so["qlcn"]], lead=so["vp"])


def test_a_member_officer_cannot_draft_but_the_lead_can(block, so):
    other = make_user("qltm-officer", so["qltm"], Role.UNIT_OFFICER)
    with pytest.raises(PermissionDenied):
        covenants.covenant_create(actor=other, cluster=block, year=2026, criteria=[("Tiêu chí", Decimal("10"))])
    sector_signer = make_user("bo-signer", so["so"], Role.SIGNER, scope="sector")  # sector-wide roles never act for a unit
    with pytest.raises(PermissionDenied):
        covenants.covenant_create(actor=sector_signer, cluster=block, year=2026, criteria=[("Tiêu chí", Decimal("10"))])


def test_a_block_holds_only_the_organisers_subtree(so, so_manager, province_pair, block):
    with pytest.raises(ValidationError, match="Chỉ chọn đơn vị trực thuộc Sở Công Thương tỉnh Vĩnh Long"):
        services.cluster_year_save(actor=so_manager, cluster=block, year=2025, members=[so["vp"], province_pair["nghe-an"]], lead=so["vp"])
    with pytest.raises(PermissionDenied):
        services.cluster_create(actor=so_manager, organiser=province_pair["nghe-an"], name="Khối khác", kind=ClusterKind.BLOCK)


def test_ministry_manager_keeps_the_sectors_clusters(ministry, ministry_manager, province_pair, so_manager):
    cluster = services.cluster_create(actor=ministry_manager, organiser=ministry, name="Cụm thi đua số VIII", kind=ClusterKind.CLUSTER)
    services.cluster_year_save(actor=ministry_manager, cluster=cluster, year=2026, members=list(province_pair.values()), lead=province_pair["vinh-long"])
    assert cluster.memberships.count() == 2
    with pytest.raises(PermissionDenied):  # a Sở's manager does not edit the Ministry's cluster its Sở belongs to
        services.cluster_update(actor=so_manager, cluster=cluster, name="Đổi tên", kind=ClusterKind.CLUSTER)


@pytest.mark.parametrize(
    ("members", "lead", "deputy", "message"),
    [
        (["vp"], "vp", None, "ít nhất hai đơn vị"),
        (["vp", "qlcn"], None, None, "Chọn khối trưởng"),
        (["vp", "qlcn"], "qltm", None, "Chọn khối trưởng"),
        (["vp", "qlcn"], "vp", "vp", "Khối phó là một đơn vị thành viên khác"),
    ],
)
def test_bad_year_membership_is_refused_in_vietnamese(so, so_manager, block, members, lead, deputy, message):
    with pytest.raises(ValidationError, match=message):
        services.cluster_year_save(
            actor=so_manager, cluster=block, year=2025, members=[so[k] for k in members], lead=so[lead] if lead else None,
            deputy=so[deputy] if deputy else None,
        )


def test_year_page_keeps_what_was_posted_when_refused(client, so, so_manager, block):
    client.force_login(so_manager)
    url = reverse("units:cluster-year", args=[block.pk, 2025])
    response = client.post(url, {"members": [so["vp"].pk, so["qltm"].pk], "lead": so["qlcn"].pk})
    page = response.content.decode()
    assert response.status_code == 200 and "Chọn khối trưởng trong các đơn vị thành viên đã đánh dấu." in page
    assert f'value="{so["qltm"].pk}" id="m-{so["qltm"].pk}" checked' in page
    assert f'value="{so["qlcn"].pk}" id="m-{so["qlcn"].pk}">' in page  # not ticked: as posted
    assert not ClusterMembership.objects.filter(cluster=block, year=2025).exists()
    response = client.post(url, {"members": [so["vp"].pk, so["qltm"].pk], "lead": so["qltm"].pk})
    assert response.status_code == 302 and ClusterMembership.objects.get(cluster=block, year=2025, role="lead").unit == so["qltm"]


def test_new_year_starts_from_the_last_one(client, so, so_manager, block):
    client.force_login(so_manager)
    page = client.get(reverse("units:cluster-year", args=[block.pk, 2027])).content.decode()
    assert "lấy từ năm 2026" in page and f'<option value="{so["qlcn"].pk}" selected>' in page


def test_another_sos_block_is_404_and_its_screens_403(client, block, province_pair, so, so_manager):
    outsider = make_user("na-ql", province_pair["nghe-an"], Role.CAMPAIGN_MANAGER)
    client.force_login(outsider)
    for name, args in (("units:cluster-detail", [block.pk]), ("units:cluster-update", [block.pk]), ("units:cluster-year", [block.pk, 2026])):
        assert client.get(reverse(name, args=args)).status_code == 404
    member = make_user("vp-officer", so["vp"], Role.UNIT_OFFICER)  # a member sees its block, without the edit screens
    client.force_login(member)
    assert client.get(reverse("units:cluster-detail", args=[block.pk])).status_code == 200
    assert client.get(reverse("units:cluster-update", args=[block.pk])).status_code == 403


@pytest.mark.parametrize("who", ["so_manager", "member", "ministry_manager", "outsider"])
def test_edit_cluster_page_and_service_agree(client, block, so, who, request, province_pair):
    users = {
        "so_manager": lambda: request.getfixturevalue("so_manager"),
        "member": lambda: make_user("vp-officer", so["vp"], Role.UNIT_OFFICER),
        "ministry_manager": lambda: request.getfixturevalue("ministry_manager"),
        "outsider": lambda: make_user("na-ql", province_pair["nghe-an"], Role.CAMPAIGN_MANAGER),
    }
    user = users[who]()
    client.force_login(user)
    page = client.get(reverse("units:cluster-detail", args=[block.pk]))
    shows = page.status_code == 200 and "Sửa tên, loại" in page.content.decode()
    try:
        services.cluster_update(actor=user, cluster=block, name=block.name, kind=block.kind)
        accepts = True
    except (PermissionDenied, ValidationError):
        accepts = False
    assert shows == accepts == allowed(policies.edit_cluster_refusal(user, block))
    assert accepts == (who in ("so_manager", "ministry_manager"))


def test_cluster_create_screen(client, so, so_manager):
    client.force_login(so_manager)
    assert "Lập cụm, khối" in client.get(reverse("units:cluster-list")).content.decode()
    response = client.post(reverse("units:cluster-create"), {"organiser": so["so"].pk, "name": "  ", "kind": "block"})
    assert "Cần nhập tên cụm, khối thi đua." in response.content.decode()
    response = client.post(reverse("units:cluster-create"), {"organiser": so["so"].pk, "name": "Khối các phòng", "kind": "block"})
    cluster = Cluster.objects.get(name="Khối các phòng")
    assert response.status_code == 302 and response.url == reverse("units:cluster-year", args=[cluster.pk, timezone.localdate().year])
