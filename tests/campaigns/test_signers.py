"""Who signs a campaign's directive, report and covenant: the signing position of an account, never typed
text (Nghị định 30/2020/NĐ-CP, Phụ lục I, ô 7a–7b)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from campaigns.models import Campaign, CampaignStatus
from campaigns.services import campaign_create, campaign_launch, campaign_review
from documents.services import document_sign
from tests.conftest import make_user
from tests.documents.factories import SigningPositionFactory
from tests.factories import UnitFactory
from units.models import Role, UnitKind

pytestmark = pytest.mark.django_db


def _campaign(ministry, manager, issuers=None, participants=()):
    return campaign_create(
        actor=manager, name="Phong trào thi đua hoàn thành kế hoạch năm 2027", issuers=issuers or [ministry],
        start_date=datetime.date(2027, 1, 1), end_date=datetime.date(2027, 12, 31), contents=["Nội dung"], participants=list(participants),
    )


def test_the_launch_form_offers_the_lead_issuers_signing_positions_only(client, ministry, ministry_manager, province_pair):
    deputy = make_user("thu-truong", ministry, Role.SIGNER)
    deputy.full_name = "Trương Thanh Hoài"
    deputy.save(update_fields=["full_name"])
    SigningPositionFactory(user=deputy, unit=ministry, title="Thứ trưởng", authority="KT.", authority_body="Bộ trưởng")
    SigningPositionFactory(user=make_user("gd-so", province_pair["vinh-long"], Role.SIGNER), unit=province_pair["vinh-long"], title="Giám đốc")
    campaign = _campaign(ministry, ministry_manager)
    client.force_login(ministry_manager)
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "KT. Bộ trưởng – Thứ trưởng: Trương Thanh Hoài" in page and "Giám đốc: " not in page
    assert 'name="signer_title"' not in page and 'name="signer_name"' not in page


def test_the_chosen_position_signs_and_prints_its_title_and_name(client, ministry, ministry_manager, province_pair):
    deputy = make_user("thu-truong", ministry, Role.SIGNER)
    deputy.full_name = "Trương Thanh Hoài"
    deputy.save(update_fields=["full_name"])
    position = SigningPositionFactory(user=deputy, unit=ministry, title="Thứ trưởng", authority="KT.", authority_body="Bộ trưởng")
    minister = make_user("bo-truong", ministry, Role.SIGNER)
    SigningPositionFactory(user=minister, unit=ministry, title="Bộ trưởng")
    campaign = _campaign(ministry, ministry_manager)
    client.force_login(ministry_manager)
    client.post(reverse("campaigns:campaign-launch", args=[campaign.pk]), {"signer": position.pk, "signer_title": "Chủ tịch", "signer_name": "Ai đó"})
    campaign.refresh_from_db()
    block = campaign.directive.signers.get()
    assert (block.account_id, block.authority, block.authority_body, block.title, block.name) == (deputy.pk, "KT.", "Bộ trưởng", "Thứ trưởng", "Trương Thanh Hoài")
    with pytest.raises(PermissionDenied):  # the block is given to the deputy: the minister cannot sign it
        document_sign(document=campaign.directive, actor=minister)
    signed = document_sign(document=campaign.directive, actor=deputy)
    block = signed.signers.get()
    assert block.signed_by_id == deputy.pk and block.title == "Thứ trưởng" and block.name == "Trương Thanh Hoài"


def test_a_position_of_another_unit_is_refused(ministry, ministry_manager, province_pair):
    other = SigningPositionFactory(user=make_user("gd", province_pair["vinh-long"], Role.SIGNER), unit=province_pair["vinh-long"])
    campaign = _campaign(ministry, ministry_manager)
    with pytest.raises(ValidationError) as error:
        campaign_launch(campaign=campaign, actor=ministry_manager, signer=other)
    assert error.value.code == "signer"


def test_without_a_choice_any_leader_with_a_position_signs(ministry, ministry_manager):
    minister = make_user("bo-truong", ministry, Role.SIGNER)
    minister.full_name = "Nguyễn Hồng Diên"
    minister.save(update_fields=["full_name"])
    SigningPositionFactory(user=minister, unit=ministry, title="Bộ trưởng")
    campaign = campaign_launch(campaign=_campaign(ministry, ministry_manager), actor=ministry_manager)
    block = campaign.directive.signers.get()
    assert block.account_id is None and block.title == "" and block.name == ""
    block = document_sign(document=campaign.directive, actor=minister).signers.get()
    assert (block.title, block.name) == ("Bộ trưởng", "Nguyễn Hồng Diên")


def test_a_joint_launch_is_signed_by_each_issuer(ministry, ministry_manager):
    union = UnitFactory(code="cdct", name="Công đoàn Công Thương Việt Nam", short_name="CĐCT", kind=UnitKind.TRADE_UNION)
    campaign = campaign_launch(campaign=_campaign(ministry, ministry_manager, issuers=[ministry, union]), actor=ministry_manager)
    assert [block.unit_id for block in campaign.directive.signers.order_by("order")] == [ministry.pk, union.pk]


def test_the_review_report_takes_its_signer_from_the_position(ministry, ministry_manager):
    chief = make_user("chanh-vp", ministry, Role.SIGNER)
    position = SigningPositionFactory(user=chief, unit=ministry, title="Chánh Văn phòng", authority="TL.", authority_body="Bộ trưởng")
    campaign = campaign_launch(campaign=_campaign(ministry, ministry_manager), actor=ministry_manager)
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.IN_PROGRESS)  # the directive was issued meanwhile
    _, document = campaign_review(campaign=campaign, actor=ministry_manager, final=False, signer=position)
    block = document.signers.get()
    assert (block.account_id, block.authority, block.title) == (chief.pk, "TL.", "Chánh Văn phòng")


def test_a_covenant_signer_takes_the_title_of_the_signing_position(ministry, province_pair):
    from decimal import Decimal

    from campaigns.services import covenant_create, covenant_sign
    from units.models import Cluster, ClusterMembership, RoleScope

    cluster = Cluster.objects.create(code="cum-ky", name="Cụm thi đua số VI", organiser=ministry)
    ClusterMembership.objects.create(cluster=cluster, unit=province_pair["nghe-an"], year=2026, role="lead")
    ClusterMembership.objects.create(cluster=cluster, unit=province_pair["vinh-long"], year=2026, role="member")
    lead = make_user("cum-truong", province_pair["nghe-an"], Role.CLUSTER_LEAD, scope=RoleScope.UNIT)
    covenant = covenant_create(actor=lead, cluster=cluster, year=2026, criteria=[("Hoàn thành kế hoạch", Decimal("100"))])
    deputy = make_user("pgd-na", province_pair["nghe-an"], Role.UNIT_OFFICER)
    SigningPositionFactory(user=deputy, unit=province_pair["nghe-an"], title="Phó Giám đốc", authority="KT.", authority_body="Giám đốc")
    covenant_sign(covenant=covenant, actor=deputy, unit=province_pair["nghe-an"], signer_title="Giám đốc")  # the typed title is not used
    assert covenant.signatures.get(unit=province_pair["nghe-an"]).signer_title == "KT. Giám đốc – Phó Giám đốc"
    officer = make_user("cb-vl", province_pair["vinh-long"], Role.UNIT_OFFICER)
    with pytest.raises(ValidationError) as error:  # no position, no title given: the app does not supply one
        covenant_sign(covenant=covenant, actor=officer, unit=province_pair["vinh-long"])
    assert error.value.code == "no_title"
    covenant_sign(covenant=covenant, actor=officer, unit=province_pair["vinh-long"], signer_title="Phó Giám đốc")
    covenant.refresh_from_db()
    blocks = {block.unit_id: block for block in covenant.document.signers.all()}
    assert (blocks[province_pair["nghe-an"].pk].authority, blocks[province_pair["nghe-an"].pk].title) == ("KT.", "Phó Giám đốc")
    assert blocks[province_pair["vinh-long"].pk].title == "Phó Giám đốc"
