"""The to-do list and the notices at each hand-over."""

import datetime

import pytest
from django.urls import reverse

from documents.models import DocumentType
from documents.services import document_create, document_sign, document_submit
from tests.awards.conftest import council_setup  # noqa: F401 - the council fixture
from tests.conftest import make_user
from tests.documents.factories import SigningPositionFactory
from units.extensions import todo_items
from units.models import Notification, Role

pytestmark = pytest.mark.django_db


def labels(user):
    return {item["label"]: item["count"] for item in todo_items(user)}


def test_document_hand_overs_notify_and_fill_the_to_do_lists(ministry, ministry_manager, django_capture_on_commit_callbacks, mailoutbox):
    signer = make_user("bt", ministry, Role.SIGNER)
    SigningPositionFactory(user=signer, unit=ministry, title="Bộ trưởng")
    signer.email = "bt@thidua.local"
    signer.save()
    clerk = make_user("vt", ministry, Role.CLERK)
    document = document_create(actor=ministry_manager, doc_type=DocumentType.OFFICIAL_LETTER, issuers=[ministry],
                               subject="V/v thử quy trình", body=[{"text": "Nội dung"}], signers=[{"unit": ministry}])
    assert "Văn bản chờ tôi ký" not in labels(signer)
    with django_capture_on_commit_callbacks(execute=True):
        document_submit(document=document, actor=ministry_manager)
    assert labels(signer)["Văn bản chờ tôi ký"] == 1
    assert Notification.objects.filter(user=signer, text__startswith="Văn bản chờ ký").count() == 1
    assert len(mailoutbox) == 1 and "Văn bản chờ ký" in mailoutbox[0].subject
    document_sign(document=document, actor=signer)
    assert "Văn bản chờ tôi ký" not in labels(signer)
    assert labels(clerk)["Văn bản đã ký chờ cấp số"] == 1
    assert Notification.objects.filter(user=clerk, text__startswith="Văn bản đã ký, chờ cấp số").exists()


def test_unread_count_in_the_navigation_and_opening_a_notice(client, officer_vl):
    notice = Notification.objects.create(user=officer_vl, key="k1", text="Báo cáo quý 3 bị trả lại", link="/phong-trao/")
    outside = Notification.objects.create(user=officer_vl, key="k2", text="Liên kết ngoài", link="https://example.com/")
    client.force_login(officer_vl)
    page = client.get(reverse("home")).content.decode()
    assert "2 thông báo chưa đọc" in page
    response = client.post(reverse("units:notification-open", args=[notice.pk]))
    assert response.status_code == 302 and response["Location"] == "/phong-trao/"
    response = client.post(reverse("units:notification-open", args=[outside.pk]))
    assert response["Location"] == reverse("units:notification-list")  # never an open redirect
    notice.refresh_from_db()
    assert notice.is_read
    other = make_user("khac", officer_vl.unit, Role.UNIT_OFFICER)
    client.force_login(other)
    assert client.post(reverse("units:notification-open", args=[notice.pk])).status_code == 404


def test_launch_notice_says_the_directive_awaits_signature_then_the_issue_is_announced(ministry, ministry_manager, officer_vl, province_pair, django_capture_on_commit_callbacks):
    from campaigns.services import campaign_create, campaign_launch
    from documents.services import document_issue

    signer = make_user("bt", ministry, Role.SIGNER)
    SigningPositionFactory(user=signer, unit=ministry, title="Bộ trưởng")
    clerk = make_user("vt", ministry, Role.CLERK)
    campaign = campaign_create(actor=ministry_manager, name="Phong trào thi đua năm 2027", issuers=[ministry],
                               start_date=datetime.date(2027, 1, 1), end_date=datetime.date(2027, 12, 31), contents=["Nội dung"],
                               participants=list(province_pair.values()))
    campaign = campaign_launch(campaign=campaign, actor=ministry_manager)
    notice = Notification.objects.get(user=officer_vl, key=f"campaign-launch-{campaign.pk}")
    assert "đang chờ lãnh đạo ký ban hành" in notice.text
    document_sign(document=campaign.directive, actor=signer)
    with django_capture_on_commit_callbacks(execute=True):
        document = document_issue(document=campaign.directive, actor=clerk)
    issued = Notification.objects.get(user=officer_vl, key=f"campaign-directive-issued-{campaign.pk}")
    assert document.symbol in issued.text
    assert labels(officer_vl)["Phong trào chờ đơn vị đăng ký thi đua"] == 1


def test_covenant_hand_overs(province_pair):
    from decimal import Decimal

    from campaigns import services
    from units.models import Cluster, ClusterMembership, ClusterRole

    lead_unit, member_unit = province_pair["nghe-an"], province_pair["vinh-long"]
    lead = make_user("cum-truong", lead_unit, Role.CLUSTER_LEAD)
    member_officer = make_user("vl-officer", member_unit, Role.UNIT_OFFICER)
    lead_officer = make_user("na-officer", lead_unit, Role.UNIT_OFFICER)
    cluster = Cluster.objects.create(code="cum-vi", name="Cụm thi đua số VI", kind="cluster", organiser=lead_unit)
    ClusterMembership.objects.create(cluster=cluster, unit=lead_unit, year=2026, role=ClusterRole.LEAD)
    ClusterMembership.objects.create(cluster=cluster, unit=member_unit, year=2026, role=ClusterRole.MEMBER)
    covenant = services.covenant_create(actor=lead, cluster=cluster, year=2026, criteria=[("Hoàn thành kế hoạch", Decimal("40"))])
    assert Notification.objects.filter(user=member_officer, key=f"covenant-sign-{covenant.pk}").exists()
    assert labels(member_officer)["Giao ước thi đua chờ đơn vị ký"] == 1
    services.covenant_sign(covenant=covenant, actor=member_officer, unit=member_unit, signer_title="Giám đốc")
    assert "Giao ước thi đua chờ đơn vị ký" not in labels(member_officer)
    services.covenant_sign(covenant=covenant, actor=lead_officer, unit=lead_unit, signer_title="Giám đốc")
    assert labels(member_officer)["Giao ước chờ đơn vị tự chấm điểm"] == 1
