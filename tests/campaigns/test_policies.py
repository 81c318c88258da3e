"""Each policy of campaigns: the page offers an action exactly when its service accepts it.

For every case the page is read first (is the button there?), then the service is called with the same
account; the two answers must agree. Nobody approves or accepts their own unit's registration or report,
an account without a unit included.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from campaigns import policies, services
from campaigns.models import CampaignStatus, PeriodType, RegistrationStatus
from common.policies import allowed
from tests.conftest import make_user
from tests.factories import UnitFactory
from units.models import Role, RoleScope, UnitKind

from .conftest import report_values, wind_and_ccn

pytestmark = pytest.mark.django_db


def service_accepts(call) -> bool:
    try:
        call()
    except (PermissionDenied, ValidationError):
        return False
    return True


def page_shows(client, user, url, text) -> bool:
    client.force_login(user)
    return text in client.get(url).content.decode()


def submitted_registration(campaign, unit, officer, indicators):
    registration = services.registration_save(campaign=campaign, unit=unit, actor=officer, targets=wind_and_ccn(indicators))
    return services.registration_submit(registration=registration, actor=officer)


@pytest.fixture
def own_unit_manager(ministry):
    """A manager whose own unit (Vụ Pháp chế) takes part in the Ministry's campaign."""
    department = UnitFactory(code="vu-pc", name="Vụ Pháp chế", kind=UnitKind.DEPARTMENT, parent=ministry, short_name="PC")
    return make_user("pc-manager", department, Role.CAMPAIGN_MANAGER, scope=RoleScope.SECTOR), department


@pytest.mark.parametrize("approver", ["other_unit", "own_unit", "no_unit_officer_role", "officer"])
def test_approve_registration_page_and_service_agree(client, campaign, ministry, ministry_manager, own_unit_manager, indicators, approver):
    manager, department = own_unit_manager
    officer = make_user("pc-officer", department, Role.UNIT_OFFICER)
    campaign.participants.add(department)
    registration = submitted_registration(campaign, department, officer, indicators)
    user = {
        "other_unit": ministry_manager,  # Văn phòng Bộ approves Vụ Pháp chế: allowed
        "own_unit": manager,  # Vụ Pháp chế's own manager: refused
        "no_unit_officer_role": make_user("no-unit", None, Role.CAMPAIGN_MANAGER, scope=RoleScope.SECTOR, role_unit=ministry),
        "officer": officer,
    }[approver]
    if approver == "no_unit_officer_role":  # an account without a unit that also acts for Vụ Pháp chế
        from tests.factories import RoleAssignmentFactory

        RoleAssignmentFactory(user=user, role=Role.UNIT_OFFICER, unit=department, scope=RoleScope.UNIT)
    shown = page_shows(client, user, reverse("campaigns:registration-detail", args=[registration.pk]), "Duyệt bản đăng ký")
    assert shown == allowed(policies.approve_registration_refusal(user, registration))
    accepted = service_accepts(lambda: services.registration_decide(registration=registration, actor=user, approve=True))
    assert shown == accepted == (approver == "other_unit")
    if accepted:
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.APPROVED


@pytest.mark.parametrize("acceptor", ["other_unit", "own_unit"])
def test_accept_report_page_and_service_agree(client, campaign, ministry, ministry_manager, own_unit_manager, indicators, acceptor, media_root):
    manager, department = own_unit_manager
    officer = make_user("pc-officer", department, Role.UNIT_OFFICER)
    campaign.participants.add(department)
    registration = submitted_registration(campaign, department, officer, indicators)
    services.registration_decide(registration=registration, actor=ministry_manager, approve=True)
    services.campaign_transition(campaign=campaign, actor=ministry_manager, to=CampaignStatus.IN_PROGRESS)
    report = services.report_create(registration=registration, actor=officer, period_type=PeriodType.QUARTER, period_index=2, year=2026)
    report = services.report_save(report=report, actor=officer, version=report.version, narrative="",
                                  values=report_values(registration, Decimal("10"), Decimal("1"), False))
    services.report_submit(report=report, actor=officer)
    user = ministry_manager if acceptor == "other_unit" else manager
    shown = page_shows(client, user, reverse("campaigns:report-detail", args=[report.pk]), "Tiếp nhận báo cáo")
    accepted = service_accepts(lambda: services.report_decide(report=report, actor=user, accept=True))
    assert shown == accepted == (acceptor == "other_unit")


@pytest.mark.parametrize("who", ["manager", "officer"])
def test_edit_and_launch_a_draft_page_and_service_agree(client, ministry, ministry_manager, officer_vl, province_pair, indicators, who):
    draft = services.campaign_create(
        actor=ministry_manager, name="Dự thảo 2027", issuers=[ministry], start_date=datetime.date(2027, 1, 1),
        end_date=datetime.date(2027, 12, 31), contents=["Nội dung"], participants=list(province_pair.values()),
    )
    user = ministry_manager if who == "manager" else officer_vl
    client.force_login(user)
    page = client.get(reverse("campaigns:campaign-detail", args=[draft.pk]))
    shown = page.status_code == 200 and "Phát động phong trào" in page.content.decode()
    accepted = service_accepts(lambda: services.campaign_launch(campaign=draft, actor=user))
    assert shown == accepted == (who == "manager")


def test_transitions_offered_are_the_ones_the_service_makes(client, campaign, ministry_manager, officer_vl):
    offered = policies.next_statuses(ministry_manager, campaign)
    assert [s.value for s in offered] == [CampaignStatus.IN_PROGRESS]
    assert page_shows(client, ministry_manager, campaign.get_absolute_url(), "Chuyển: Đang triển khai")
    assert not page_shows(client, officer_vl, campaign.get_absolute_url(), "Chuyển: Đang triển khai")
    assert not service_accepts(lambda: services.campaign_transition(campaign=campaign, actor=officer_vl, to=CampaignStatus.IN_PROGRESS))
    assert not service_accepts(lambda: services.campaign_transition(campaign=campaign, actor=ministry_manager, to=CampaignStatus.CLOSED))
    assert service_accepts(lambda: services.campaign_transition(campaign=campaign, actor=ministry_manager, to=CampaignStatus.IN_PROGRESS))


@pytest.mark.parametrize("who", ["own_officer", "other_officer"])
def test_register_and_report_page_and_service_agree(client, approved_registration, officer_vl, officer_na, who):
    user = officer_vl if who == "own_officer" else officer_na
    actions = policies.registration_actions(user, approved_registration)
    client.force_login(user)
    response = client.get(approved_registration.get_absolute_url())
    if response.status_code == 404:  # another unit's registration is not even found
        assert not any(actions.values())
    else:
        assert ("Tạo báo cáo kỳ này" in response.content.decode()) == actions["report"]
    created = service_accepts(lambda: services.report_create(
        registration=approved_registration, actor=user, period_type=PeriodType.QUARTER, period_index=1, year=2026
    ))
    assert created == actions["report"] == (who == "own_officer")


def test_covenant_drafted_once_per_cluster_and_year(client, province_pair):
    from units.models import Cluster, ClusterMembership, ClusterRole

    lead_unit, member = province_pair["nghe-an"], province_pair["vinh-long"]
    lead = make_user("cum-truong", lead_unit, Role.CLUSTER_LEAD)
    cluster = Cluster.objects.create(code="cum-vi", name="Cụm thi đua số VI", kind="cluster", organiser=lead_unit)
    ClusterMembership.objects.create(cluster=cluster, unit=lead_unit, year=2026, role=ClusterRole.LEAD)
    ClusterMembership.objects.create(cluster=cluster, unit=member, year=2026, role=ClusterRole.MEMBER)
    assert page_shows(client, lead, reverse("campaigns:covenant-list"), "Soạn giao ước Cụm thi đua số VI năm 2026")
    covenant = services.covenant_create(actor=lead, cluster=cluster, year=2026, criteria=[("Hoàn thành kế hoạch", Decimal("40"))])
    assert not page_shows(client, lead, reverse("campaigns:covenant-list"), "Soạn giao ước Cụm thi đua số VI năm 2026")
    # the old address of the form opens the covenant that exists, never a server error
    response = client.post(reverse("campaigns:covenant-create", args=[cluster.pk, 2026]), {"criteria": "A | 10"})
    assert response.status_code == 302 and response["Location"] == covenant.get_absolute_url()
    with pytest.raises(ValidationError, match="đã có giao ước"):
        services.covenant_create(actor=lead, cluster=cluster, year=2026, criteria=[("B", Decimal("10"))])
