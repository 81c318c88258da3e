"""Campaign screens: launch with its directive, registration and reports through views, 404 outside scope."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.models import Campaign, CampaignStatus, Notification, ProgressReport, Registration, RegistrationStatus
from campaigns.services import campaign_create, report_save
from documents.models import DocumentStatus
from tests.conftest import make_user
from units.models import Role

from .conftest import report_values

pytestmark = pytest.mark.django_db


def test_launch_creates_the_plan_and_notifies(client, ministry, ministry_manager, province_pair, indicators, officer_vl, mailoutbox, django_capture_on_commit_callbacks):
    import datetime

    campaign = campaign_create(
        actor=ministry_manager, name="Thi đua hoàn thành kế hoạch năm 2027", issuers=[ministry],
        start_date=datetime.date(2027, 1, 1), end_date=datetime.date(2027, 12, 31),
        contents=["Nội dung một", "Nội dung hai"], participants=list(province_pair.values()),
        objectives="Hoàn thành vượt mức kế hoạch.", registration_deadline=datetime.date(2027, 3, 31),
        indicators=[indicators["wind"], indicators["ccn"]],
    )
    client.force_login(ministry_manager)
    confirm = client.post(reverse("campaigns:campaign-launch", args=[campaign.pk]), {"signer": ""})
    campaign.refresh_from_db()
    assert campaign.status != CampaignStatus.LAUNCHED  # first a confirmation page: what the launch will do
    assert "Xác nhận phát động" in confirm.content.decode() and "2 đơn vị tham gia nhận thông báo" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("campaigns:campaign-launch", args=[campaign.pk]), {"signer": "", "confirmed": "1"})
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.LAUNCHED
    assert campaign.directive.status == DocumentStatus.SUBMITTED
    assert campaign.directive.body[1]["items"] == ["Nội dung một", "Nội dung hai"]
    assert "Chế độ báo cáo: hằng quý" in campaign.directive.body[-1]["text"]
    assert [section["heading"] for section in campaign.directive.body] == [  # no criteria: no gap in the numbering
        "I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG THI ĐUA", "III. TỔ CHỨC THỰC HIỆN"]
    assert [row[1:3] for row in campaign.directive.annexes[0]["rows"]] == [
        ["Công suất điện gió vận hành mới", "MW"], ["Cụm công nghiệp thành lập mới", "CCN"]]
    assert response["Location"] == campaign.directive.get_absolute_url()
    assert Notification.objects.filter(user=officer_vl, key=f"campaign-launch-{campaign.pk}").count() == 1
    assert len(mailoutbox) == 1 and "phát động" in mailoutbox[0].body


def test_registration_through_the_form_and_approval(client, campaign, officer_vl, ministry_manager, province_pair, indicators):
    vl = province_pair["vinh-long"]
    client.force_login(officer_vl)
    wind, ccn = indicators["wind"], indicators["ccn"]
    response = client.post(
        reverse("campaigns:registration-edit", args=[campaign.pk, vl.pk]),
        {f"t-{wind.pk}-include": "1", f"t-{wind.pk}-value": "140", f"t-{wind.pk}-direction": "at_least",
         f"t-{ccn.pk}-include": "1", f"t-{ccn.pk}-value": "02", f"t-{ccn.pk}-direction": "at_least", "submit": "1"},
    )
    registration = Registration.objects.get(unit=vl)
    assert response.status_code == 302 and registration.status == RegistrationStatus.SUBMITTED
    assert sorted(t.target_value for t in registration.targets.all()) == [Decimal("2"), Decimal("140")]
    client.post(reverse("campaigns:registration-decide", args=[registration.pk]), {"decision": "approve"})
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED  # an officer cannot approve
    client.force_login(ministry_manager)
    client.post(reverse("campaigns:registration-decide", args=[registration.pk]), {"decision": "approve"})
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED


def test_vietnamese_numbers_and_bad_numbers(client, campaign, officer_vl, province_pair, indicators):
    vl, wind = province_pair["vinh-long"], indicators["wind"]
    client.force_login(officer_vl)
    url = reverse("campaigns:registration-edit", args=[campaign.pk, vl.pk])
    response = client.post(url, {f"t-{wind.pk}-include": "1", f"t-{wind.pk}-value": "mười"})
    assert response.status_code == 200 and "không phải là số" in response.content.decode()
    assert 'value="mười"' in response.content.decode()
    client.post(url, {f"t-{wind.pk}-include": "1", f"t-{wind.pk}-value": "38.300,5"})
    assert Registration.objects.get().targets.get().target_value == Decimal("38300.5")


def test_other_units_registration_report_and_evidence_give_404(client, draft_report, approved_registration, officer_vl, province_pair, media_root):
    from campaigns.services import evidence_add

    evidence = evidence_add(report=draft_report, actor=officer_vl, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.7 test"))
    outsider = make_user("so-na-2", province_pair["nghe-an"], Role.UNIT_OFFICER)
    client.force_login(outsider)
    for url in (
        reverse("campaigns:registration-detail", args=[approved_registration.pk]),
        reverse("campaigns:report-detail", args=[draft_report.pk]),
        reverse("campaigns:evidence-download", args=[evidence.pk]),
    ):
        assert client.get(url).status_code == 404, url
    client.force_login(officer_vl)
    response = client.get(reverse("campaigns:evidence-download", args=[evidence.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_conflict_page_on_stale_save(client, draft_report, approved_registration, officer_vl):
    stale = draft_report.version
    report_save(report=draft_report, actor=officer_vl, version=stale, narrative="Đã lưu trước",
                values=report_values(approved_registration, Decimal("10"), Decimal("0"), False))
    client.force_login(officer_vl)
    targets = {t.indicator.code: t for t in approved_registration.targets.all()}
    response = client.post(reverse("campaigns:report-detail", args=[draft_report.pk]),
                           {"version": stale, "narrative": "Bản thứ hai", f"v-{targets['wind'].pk}": "99"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "Đã lưu trước" in body and "Bản thứ hai" in body
    assert ProgressReport.objects.get(pk=draft_report.pk).narrative == "Đã lưu trước"


def test_report_submit_through_view_updates_dashboard(client, campaign, draft_report, approved_registration, officer_vl, media_root):
    targets = {t.indicator.code: t for t in approved_registration.targets.all()}
    client.force_login(officer_vl)
    post = {"version": draft_report.version, "narrative": "Quý 2", f"v-{targets['wind'].pk}": "150",
            f"v-{targets['ccn'].pk}": "2", f"d-{targets['night'].pk}": "1", "submit": "1"}
    response = client.post(reverse("campaigns:report-detail", args=[draft_report.pk]), post, follow=True)
    assert "cần minh chứng" in response.content.decode()  # saved, but a done milestone needs its proof first
    assert ProgressReport.objects.get(pk=draft_report.pk).status == "draft"
    client.post(reverse("campaigns:evidence-upload", args=[draft_report.pk]),
                {"file": SimpleUploadedFile("qd.pdf", b"%PDF-1.7 qd"), "target": targets["night"].pk})
    version = ProgressReport.objects.get(pk=draft_report.pk).version
    client.post(reverse("campaigns:report-detail", args=[draft_report.pk]), {**post, "version": version})
    assert ProgressReport.objects.get(pk=draft_report.pk).status == "submitted"
    page = client.get(reverse("campaigns:dashboard", args=[campaign.pk])).content.decode()
    row = page[page.index("Sở Công Thương tỉnh Vĩnh Long</a>"):]
    row = row[: row.index("</tr>")]
    assert "Đạt" in row and "102,4" in row  # (107,1 + 100 + 100) / 3: every target met, not all exceeded


def test_dashboard_excel_and_scope(client, campaign, approved_registration, ministry_manager, officer_na):
    import io

    from openpyxl import load_workbook

    client.force_login(ministry_manager)
    response = client.get(reverse("campaigns:dashboard", args=[campaign.pk]), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert sheet["A1"].value == "Đơn vị" and sheet["A2"].value == "Sở Công Thương tỉnh Vĩnh Long"
    other = Campaign.objects.create(name="Phong trào riêng", start_date=campaign.start_date, end_date=campaign.end_date)
    client.force_login(officer_na)
    assert client.get(reverse("campaigns:dashboard", args=[other.pk])).status_code == 404


def test_manager_creates_campaign_in_the_browser(client, ministry, ministry_manager, province_pair, indicators, officer_vl):
    from units.models import Cluster, ClusterMembership

    cluster = Cluster.objects.create(code="cum", name="Cụm thử", organiser=ministry)
    ClusterMembership.objects.create(cluster=cluster, unit=province_pair["nghe-an"], year=2027, role="lead")
    client.force_login(ministry_manager)
    data = {
        "name": "Thi đua năm 2027", "kind": "regular", "scope": "sector", "lead_issuer": ministry.pk,
        "launch_document_type": "plan", "start_date": "2027-01-01", "end_date": "2027-12-31",
        "registration_deadline": "2027-03-31", "contents": "Nội dung một\nNội dung hai\n",
        "participants": [province_pair["vinh-long"].pk], "clusters": [cluster.pk],
        "indicators": [indicators["wind"].pk], "report_period": "half",
    }
    response = client.post(reverse("campaigns:campaign-create"), data)
    campaign = Campaign.objects.get(name="Thi đua năm 2027")
    assert response.status_code == 302
    assert campaign.status == CampaignStatus.DRAFT and campaign.contents.count() == 2
    assert [p.label for p in campaign.report_periods] == ["6 tháng năm 2027", "Năm 2027"]
    assert set(campaign.participants.values_list("code", flat=True)) == {"sct-vinh-long", "sct-nghe-an"}
    bad = client.post(reverse("campaigns:campaign-create"), {**data, "name": "Sai ngày", "end_date": "2026-01-01"})
    assert "Ngày kết thúc phải sau ngày bắt đầu" in bad.content.decode()
    client.force_login(officer_vl)
    assert client.get(reverse("campaigns:campaign-create")).status_code == 403


def test_managers_extend_the_indicator_catalogue(client, ministry_manager, officer_vl, indicators):
    from campaigns.models import Indicator

    client.force_login(ministry_manager)
    client.post(reverse("campaigns:indicator-list"), {"name": "Tỷ lệ lấp đầy cụm công nghiệp", "unit_of_measure": "%", "kind": "percentage"})
    assert Indicator.objects.filter(name="Tỷ lệ lấp đầy cụm công nghiệp", code="ty-le-lap-day-cum-cong-nghiep").exists()
    duplicate = client.post(reverse("campaigns:indicator-list"), {"name": "Khác", "kind": "count", "code": "wind"})
    assert "đã có" in duplicate.content.decode()
    client.force_login(officer_vl)
    assert client.post(reverse("campaigns:indicator-list"), {"name": "X", "kind": "count"}).status_code == 403
    assert "Công suất điện gió" in client.get(reverse("campaigns:indicator-list")).content.decode()
