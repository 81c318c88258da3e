"""A past campaign recorded as it happened: by the successor's manager for a merged unit, with its plan's
real number and date (never given again), answering outside directives; no notice, no deadline, never late."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from campaigns import services
from campaigns.models import CampaignStatus, PeriodType
from campaigns.selectors import overdue_reports
from documents.models import DocumentStatus
from documents.numbering import register_next_number
from documents.services import incoming_register
from tests.conftest import make_user
from tests.factories import UnitFactory
from units.models import Notification, Role, UnitKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def merged(province_pair):
    """Bến Tre's Sở, merged into Vĩnh Long's in 2025, and a manager of Vĩnh Long's Sở."""
    vl = province_pair["vinh-long"]
    old_ubnd = UnitFactory(code="ubnd-ben-tre", name="Ủy ban nhân dân tỉnh Bến Tre", kind=UnitKind.PROVINCE, is_external=True, is_active=False)
    old_so = UnitFactory(code="sct-ben-tre", name="Sở Công Thương tỉnh Bến Tre", kind=UnitKind.PROVINCIAL_DEPARTMENT, parent=old_ubnd,
                         short_name="SCT", is_active=False, place_name="Bến Tre")
    vl.predecessors.add(old_so)
    manager = make_user("ql-vl", vl, Role.CAMPAIGN_MANAGER)
    return {"vl": vl, "old_so": old_so, "old_ubnd": old_ubnd, "manager": manager}


def test_successor_records_its_predecessors_past_campaign_with_the_real_plan_number(merged, indicators, django_capture_on_commit_callbacks):
    old_so, manager = merged["old_so"], merged["manager"]
    ttg = UnitFactory(code="thu-tuong", name="Thủ tướng Chính phủ", kind=UnitKind.GOVERNMENT, is_external=True)
    directive = incoming_register(actor=manager, receiving_unit=old_so, issuer=ttg, type_name="Chỉ thị", symbol="19/CT-TTg",
                                  issued_on=datetime.date(2020, 6, 25), subject="Về đẩy mạnh phong trào thi đua", received_on=datetime.date(2020, 7, 1))
    provincial = incoming_register(actor=manager, receiving_unit=old_so, issuer=merged["old_ubnd"], type_name="Kế hoạch", symbol="120/KH-UBND",
                                   issued_on=datetime.date(2020, 8, 2), subject="Thực hiện Chỉ thị số 19/CT-TTg", implements=directive,
                                   received_on=datetime.date(2020, 8, 5))
    with django_capture_on_commit_callbacks(execute=True):
        campaign = services.campaign_record_past(
            actor=manager, plan_number=215, plan_date=datetime.date(2020, 9, 10), status=CampaignStatus.CLOSED,
            issuers=[old_so], name="Phong trào thi đua giai đoạn 2020 - 2025", start_date=datetime.date(2020, 9, 10),
            end_date=datetime.date(2025, 6, 30), contents=["Thi đua hoàn thành các chỉ tiêu phát triển công thương"],
            participants=[old_so], indicators=[indicators["wind"]], parent_document=provincial, report_period="year",
        )
    plan = campaign.directive
    assert campaign.is_historical and plan.status == DocumentStatus.ISSUED and plan.symbol == "215/KH-SCT"
    assert plan.issued_on == datetime.date(2020, 9, 10)
    assert plan.legal_bases[:2] == [
        "Căn cứ Chỉ thị số 19/CT-TTg ngày 25 tháng 6 năm 2020 của Thủ tướng Chính phủ về đẩy mạnh phong trào thi đua;",
        "Căn cứ Kế hoạch số 120/KH-UBND ngày 02 tháng 8 năm 2020 của Ủy ban nhân dân tỉnh Bến Tre về thực hiện Chỉ thị số 19/CT-TTg;",
    ]
    from django.db import transaction

    with transaction.atomic():  # 215 is never given again: the next plan of 2020 takes 216
        assert register_next_number(issuer=old_so, year=2020, key="main") == 216
    registration = services.registration_record_past(campaign=campaign, unit=old_so, actor=manager,
                                                      targets=[{"indicator": indicators["wind"], "target_value": Decimal("50")}])
    report = services.report_record_past(registration=registration, actor=manager, period_type=PeriodType.YEAR, period_index=1, year=2021,
                                         values={registration.targets.get().pk: (Decimal("61"), False)})
    assert registration.status == "approved" and report.status == "accepted" and not report.is_late
    assert overdue_reports(campaign=campaign, today=datetime.date(2026, 11, 29)) is None
    assert not Notification.objects.exists()  # nothing recorded after the fact tells anyone anything


def test_participants_cannot_record_and_the_pages_mark_it(client, merged, indicators, officer_vl):
    campaign = services.campaign_record_past(
        actor=merged["manager"], plan_number=None, plan_date=datetime.date(2022, 3, 1), issuers=[merged["old_so"]],
        name="Phong trào thi đua năm 2022", start_date=datetime.date(2022, 1, 1), end_date=datetime.date(2022, 12, 31),
        contents=["Nội dung"], participants=[merged["old_so"]], indicators=[indicators["wind"]],
    )
    with pytest.raises(PermissionDenied):
        services.registration_record_past(campaign=campaign, unit=merged["old_so"], actor=officer_vl,
                                          targets=[{"indicator": indicators["wind"], "target_value": Decimal("1")}])
    client.force_login(merged["manager"])
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert 'data-testid="historical"' in page and reverse("campaigns:registration-record-past", args=[campaign.pk, merged["old_so"].pk]) in page
    response = client.post(reverse("campaigns:registration-record-past", args=[campaign.pk, merged["old_so"].pk]),
                           {f"t-{indicators['wind'].pk}-value": "38.300"})
    assert response.status_code == 302
    assert campaign.registrations.get().targets.get().target_value == Decimal("38300")
