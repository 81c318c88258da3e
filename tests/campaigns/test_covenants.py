"""Cluster covenants: the lead drafts, every member signs, the document has one block per member;
members self-score, the lead confirms, the ranking follows, and the suy tôn vote is recorded."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pypdf import PdfReader

from campaigns import selectors as covenant_selectors
from campaigns import services as covenants
from campaigns.models import CovenantStatus
from documents.models import DocumentStatus
from documents.pdf import render_document_pdf
from tests.conftest import make_user
from tests.factories import UnitFactory
from units.models import Cluster, ClusterMembership, Role, RoleScope, UnitKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster(ministry, province_pair):
    third = UnitFactory(code="sct-ha-tinh", name="Sở Công Thương tỉnh Hà Tĩnh", kind=UnitKind.PROVINCIAL_DEPARTMENT, short_name="SCT")
    cluster = Cluster.objects.create(code="cum-vi", name="Cụm thi đua số VI", organiser=ministry)
    ClusterMembership.objects.create(cluster=cluster, unit=province_pair["nghe-an"], year=2026, role="lead")
    ClusterMembership.objects.create(cluster=cluster, unit=province_pair["vinh-long"], year=2026, role="member")
    ClusterMembership.objects.create(cluster=cluster, unit=third, year=2026, role="member")
    return cluster


@pytest.fixture
def lead(province_pair):
    return make_user("cum-truong", province_pair["nghe-an"], Role.CLUSTER_LEAD, scope=RoleScope.UNIT)


CRITERIA = [("Hoàn thành các chỉ tiêu kế hoạch", Decimal("60")), ("Tổ chức phong trào thi đua", Decimal("40"))]


def test_full_covenant_cycle(cluster, lead, province_pair, officer_vl):
    covenant = covenants.covenant_create(actor=lead, cluster=cluster, year=2026, criteria=CRITERIA)
    assert covenant.status == CovenantStatus.SIGNING
    officer_na = make_user("na-officer", province_pair["nghe-an"], Role.UNIT_OFFICER)
    ha_tinh = cluster.memberships.get(unit__code="sct-ha-tinh").unit
    officer_ht = make_user("ht-officer", ha_tinh, Role.SIGNER)
    covenants.covenant_sign(covenant=covenant, actor=officer_na, unit=province_pair["nghe-an"], signer_title="Giám đốc")
    with pytest.raises(ValidationError, match="đã ký"):
        covenants.covenant_sign(covenant=covenant, actor=officer_na, unit=province_pair["nghe-an"], signer_title="Giám đốc")
    with pytest.raises(PermissionDenied):
        covenants.covenant_sign(covenant=covenant, actor=officer_na, unit=province_pair["vinh-long"], signer_title="Giám đốc")
    covenants.covenant_sign(covenant=covenant, actor=officer_vl, unit=province_pair["vinh-long"], signer_title="Phó Giám đốc")
    covenants.covenant_sign(covenant=covenant, actor=officer_ht, unit=ha_tinh, signer_title="Giám đốc")
    covenant.refresh_from_db()
    assert covenant.status == CovenantStatus.SIGNED
    document = covenant.document
    assert document.status == DocumentStatus.SIGNED and document.signers.count() == 3
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(render_document_pdf(document, preview=True))).pages)
    for name in (officer_na.full_name, officer_vl.full_name, officer_ht.full_name):
        assert name in text
    assert "GIAO ƯỚC THI ĐUA" in text and "BẢNG TIÊU CHÍ CHẤM ĐIỂM THI ĐUA" in text

    criteria = list(covenant.criteria.all())
    with pytest.raises(ValidationError, match="chưa tự chấm đủ"):
        covenants.covenant_confirm_scores(covenant=covenant, actor=lead)
    with pytest.raises(ValidationError, match="sau khi cụm trưởng xác nhận"):
        covenants.covenant_record_leader_vote(covenant=covenant, actor=lead, unit=province_pair["vinh-long"], votes_for=3, votes_total=3)
    covenants.covenant_self_score(covenant=covenant, actor=officer_vl, unit=province_pair["vinh-long"], scores={criteria[0].pk: Decimal("55"), criteria[1].pk: Decimal("38")})
    covenants.covenant_self_score(covenant=covenant, actor=officer_na, unit=province_pair["nghe-an"], scores={criteria[0].pk: Decimal("58"), criteria[1].pk: Decimal("39")})
    with pytest.raises(ValidationError, match="từ 0 đến 60"):
        covenants.covenant_self_score(covenant=covenant, actor=officer_ht, unit=ha_tinh, scores={criteria[0].pk: Decimal("61")})
    covenants.covenant_self_score(covenant=covenant, actor=officer_ht, unit=ha_tinh, scores={criteria[0].pk: Decimal("40"), criteria[1].pk: Decimal("30")})
    covenant = covenants.covenant_confirm_scores(covenant=covenant, actor=lead, adjustments={(province_pair["nghe-an"].pk, criteria[0].pk): Decimal("50")})
    ranking = covenant_selectors.covenant_ranking(covenant)
    assert [r["unit"].code for r in ranking][:2] == ["sct-vinh-long", "sct-nghe-an"]
    assert ranking[0]["total"] == Decimal("93")
    with pytest.raises(ValidationError, match="quá nửa"):
        covenants.covenant_record_leader_vote(covenant=covenant, actor=lead, unit=province_pair["vinh-long"], votes_for=1, votes_total=3)
    covenants.covenant_record_leader_vote(covenant=covenant, actor=lead, unit=province_pair["vinh-long"], votes_for=3, votes_total=3)
    assert [v.unit.code for v in covenant_selectors.leading_units(2026)] == ["sct-vinh-long"]


def test_only_the_lead_drafts(cluster, officer_vl):
    with pytest.raises(PermissionDenied):
        covenants.covenant_create(actor=officer_vl, cluster=cluster, year=2026, criteria=CRITERIA)


def test_covenant_screens(client, cluster, lead, officer_vl, province_pair, officer_na):
    client.force_login(lead)
    response = client.post(
        reverse("campaigns:covenant-create", args=[cluster.pk, 2026]),
        {"content": "Cùng thi đua", "criteria": "Hoàn thành kế hoạch | 60\nTổ chức phong trào | 40,5"},
    )
    covenant = cluster.covenants.get()
    assert response.status_code == 302 and covenant.criteria.last().max_points == Decimal("40.5")
    client.force_login(officer_vl)
    client.post(reverse("campaigns:covenant-sign", args=[covenant.pk]), {"unit": province_pair["vinh-long"].pk, "title": "Giám đốc"})
    assert covenant.signatures.filter(unit=province_pair["vinh-long"]).exists()
    page = client.get(covenant.get_absolute_url()).content.decode()
    assert "đã ký" in page
    bad = client.post(reverse("campaigns:covenant-create", args=[cluster.pk, 2026]), {"criteria": "x"})
    assert bad.status_code == 404  # only the lead reaches the editor


def test_no_scoring_before_every_member_signs(cluster, lead, province_pair, officer_vl):
    covenant = covenants.covenant_create(actor=lead, cluster=cluster, year=2026, criteria=CRITERIA)
    criterion = covenant.criteria.first()
    with pytest.raises(ValidationError, match="mọi đơn vị đã ký"):
        covenants.covenant_self_score(covenant=covenant, actor=officer_vl, unit=province_pair["vinh-long"], scores={criterion.pk: Decimal("10")})
    with pytest.raises(ValidationError, match="chưa được các đơn vị ký"):
        covenants.covenant_confirm_scores(covenant=covenant, actor=lead)
