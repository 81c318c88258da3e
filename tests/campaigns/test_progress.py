"""Report periods and due dates, per-target status on the report, the unit page, unregistered units and
the overdue list on the dashboard, and notices on each decision."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from campaigns.models import CampaignStatus, Notification, PeriodType
from campaigns.selectors import overdue_reports
from campaigns.services import (
    campaign_transition,
    registration_decide,
    registration_save,
    registration_submit,
    report_create,
    report_decide,
    report_save,
    report_submit,
)
from tests.conftest import make_user
from units.models import Role

from .conftest import report_values, wind_and_ccn

pytestmark = pytest.mark.django_db


def test_report_period_is_checked_and_due_date_derived(approved_registration, officer_vl):
    with pytest.raises(ValidationError) as error:
        report_create(registration=approved_registration, actor=officer_vl, period_type=PeriodType.QUARTER, period_index=5, year=2026)
    assert error.value.code == "bad_period_index"
    with pytest.raises(ValidationError) as error:
        report_create(registration=approved_registration, actor=officer_vl, period_type=PeriodType.MONTH, period_index=3, year=2030)
    assert error.value.code == "period_outside"
    report = report_create(registration=approved_registration, actor=officer_vl, period_type=PeriodType.HALF, period_index=1, year=2026)
    assert report.due_date == datetime.date(2026, 7, 10) and report.period_key == 202606
    assert report.period_label == "6 tháng năm 2026"


def test_report_page_shows_each_targets_status(client, draft_report, approved_registration, officer_vl):
    wind = approved_registration.targets.get(indicator__code="wind")
    report_save(report=draft_report, actor=officer_vl, version=draft_report.version, narrative="",
                values=report_values(approved_registration, Decimal("152.5"), Decimal("1"), True), same_period={wind.pk: Decimal("100")})
    client.force_login(officer_vl)
    page = client.get(reverse("campaigns:report-detail", args=[draft_report.pk])).content.decode()
    assert "108,9 %" in page and "+52,5 %" in page  # 152,5 of 140 MW; against 100 MW in quarter 2 a year before
    assert "Vượt" in page and "Chưa đạt" in page and "≥ 140 MW" in page
    assert "hạn nộp 10/07/2026" in page


def test_dashboard_lists_unregistered_units_and_the_unit_page(client, campaign, approved_registration, ministry_manager, officer_na, province_pair):
    client.force_login(ministry_manager)
    page = client.get(reverse("campaigns:dashboard", args=[campaign.pk])).content.decode()
    assert "Sở Công Thương tỉnh Nghệ An" in page and "Chưa đăng ký" in page
    assert 'data-testid="units-registered">1/2<' in page
    province = province_pair["vinh-long"].parent
    filtered = client.get(reverse("campaigns:dashboard", args=[campaign.pk]), {"province": province.pk}).content.decode()
    assert "Sở Công Thương tỉnh Vĩnh Long" in filtered and "Sở Công Thương tỉnh Nghệ An" not in filtered
    unit_url = reverse("campaigns:dashboard-unit", args=[campaign.pk, province_pair["vinh-long"].pk])
    assert unit_url in page
    unit_page = client.get(unit_url).content.decode()
    assert "Công suất điện gió vận hành mới" in unit_page and "≥ 140 MW" in unit_page
    client.force_login(officer_na)  # another unit's page is outside Nghệ An's scope: not linked, and 404
    assert unit_url not in client.get(reverse("campaigns:dashboard", args=[campaign.pk])).content.decode()
    assert client.get(unit_url).status_code == 404
    # Nghệ An has not registered: no unit page to show
    client.force_login(ministry_manager)
    assert client.get(reverse("campaigns:dashboard-unit", args=[campaign.pk, province_pair["nghe-an"].pk])).status_code == 404


def test_overdue_list_names_units_without_the_last_due_report(campaign, approved_registration, ministry_manager, officer_vl):
    assert overdue_reports(campaign=campaign, today=datetime.date(2026, 7, 20)) is None  # not yet in progress
    campaign = campaign_transition(campaign=campaign, actor=ministry_manager, to=CampaignStatus.IN_PROGRESS)
    overdue = overdue_reports(campaign=campaign, today=datetime.date(2026, 7, 20))
    assert overdue["period"].label == "Quý 2/2026" and [r.unit.code for r in overdue["registrations"]] == [approved_registration.unit.code]
    report = report_create(registration=approved_registration, actor=officer_vl, period_type=PeriodType.QUARTER, period_index=2, year=2026)
    report_save(report=report, actor=officer_vl, version=report.version, narrative="",
                values=report_values(approved_registration, Decimal("70"), Decimal("1"), False))
    assert list(overdue_reports(campaign=campaign, today=datetime.date(2026, 7, 20))["registrations"]) != []  # a draft is not sent
    report_submit(report=report, actor=officer_vl)
    assert list(overdue_reports(campaign=campaign, today=datetime.date(2026, 7, 20))["registrations"]) == []


def test_each_decision_notifies_the_other_side(campaign, province_pair, indicators, officer_vl, ministry_manager):
    registration = registration_save(campaign=campaign, unit=province_pair["vinh-long"], actor=officer_vl, targets=wind_and_ccn(indicators))
    registration_submit(registration=registration, actor=officer_vl)
    assert Notification.objects.filter(user=ministry_manager, text__contains="chờ duyệt").count() == 1
    registration_decide(registration=registration, actor=ministry_manager, approve=False, comment="Bổ sung chỉ tiêu điện gió")
    registration_submit(registration=registration, actor=officer_vl)
    registration = registration_decide(registration=registration, actor=ministry_manager, approve=True)
    texts = list(Notification.objects.filter(user=officer_vl).order_by("pk").values_list("text", flat=True))
    assert "bị trả lại: Bổ sung chỉ tiêu điện gió" in texts[0] and "đã được duyệt" in texts[1]
    assert Notification.objects.filter(user=ministry_manager, text__contains="chờ duyệt").count() == 2
    report = report_create(registration=registration, actor=officer_vl, period_type=PeriodType.QUARTER, period_index=1, year=2026)
    report_save(report=report, actor=officer_vl, version=report.version, narrative="",
                values=report_values(registration, Decimal("10"), Decimal("0"), False))
    report_submit(report=report, actor=officer_vl)
    report_decide(report=report, actor=ministry_manager, accept=True)
    assert Notification.objects.filter(user=officer_vl, text__contains="đã được tiếp nhận").count() == 1
    viewer = make_user("xem-vl", province_pair["vinh-long"], Role.VIEWER)
    assert not Notification.objects.filter(user=viewer).exists()


def test_same_period_comparison_uses_the_reported_value_or_the_baseline_for_a_whole_year():
    from campaigns.selectors import same_period_change

    assert same_period_change(value=Decimal("38650"), same_period=None, baseline=Decimal("35397"), period_key=202212) == Decimal("9.2")
    assert same_period_change(value=Decimal("8900"), same_period=None, baseline=Decimal("35397"), period_key=202203) is None
    assert same_period_change(value=Decimal("8900"), same_period=Decimal("8200"), baseline=Decimal("35397"), period_key=202203) == Decimal("8.5")
    assert same_period_change(value=None, same_period=Decimal("1"), baseline=None, period_key=202203) is None


def test_a_done_milestone_needs_evidence_once(draft_report, approved_registration, officer_vl, media_root):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from campaigns.services import evidence_add, report_revise

    report_save(report=draft_report, actor=officer_vl, version=draft_report.version, narrative="",
                values=report_values(approved_registration, Decimal("10"), Decimal("0"), True))
    evidence_add(report=draft_report, actor=officer_vl, upload=SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n...."))  # not for the milestone
    with pytest.raises(ValidationError) as error:
        report_submit(report=draft_report, actor=officer_vl)
    assert error.value.code == "milestone_evidence" and "Đề án phát triển kinh tế ban đêm" in error.value.messages[0]
    night = approved_registration.targets.get(indicator__code="night")
    evidence_add(report=draft_report, actor=officer_vl, upload=SimpleUploadedFile("qd.pdf", b"%PDF-1.7 qd"), target=night)
    report_submit(report=draft_report, actor=officer_vl)
    revision = report_revise(report=draft_report, actor=officer_vl)  # the correction keeps the proof of the earlier revision
    assert report_submit(report=revision, actor=officer_vl).status == "submitted"


def test_evidence_for_another_registrations_target_is_refused(draft_report, approved_registration, officer_vl, media_root, campaign, indicators, province_pair):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from campaigns.services import evidence_add

    officer_na = make_user("so-na-3", province_pair["nghe-an"], Role.UNIT_OFFICER)
    foreign = registration_save(campaign=campaign, unit=province_pair["nghe-an"], actor=officer_na, targets=wind_and_ccn(indicators))
    with pytest.raises(ValidationError) as error:
        evidence_add(report=draft_report, actor=officer_vl, upload=SimpleUploadedFile("qd.pdf", b"%PDF-1.7"), target=foreign.targets.first())
    assert error.value.code == "foreign_target"


def test_target_deadline_from_the_form_and_from_excel(client, campaign, officer_vl, province_pair, indicators):
    import io

    from openpyxl import Workbook

    from campaigns.imports import TARGET_COLUMNS
    from campaigns.models import Registration

    client.force_login(officer_vl)
    url = reverse("campaigns:registration-edit", args=[campaign.pk, province_pair["vinh-long"].pk])
    wind = indicators["wind"].pk
    outside = client.post(url, {f"t-{wind}-include": "1", f"t-{wind}-value": "140", f"t-{wind}-deadline": "2027-06-30"})
    assert "nằm ngoài thời gian phong trào" in outside.content.decode() and not Registration.objects.exists()
    client.post(url, {f"t-{wind}-include": "1", f"t-{wind}-value": "140", f"t-{wind}-deadline": "30/09/2026"})
    assert Registration.objects.get().targets.get().deadline == datetime.date(2026, 9, 30)

    book = Workbook()
    sheet = book.active
    sheet.append([c.header for c in TARGET_COLUMNS])
    sheet.append(["wind", "", 150, None, "≥", "", "31/10/2026"])
    sheet.append(["ccn", "", 2, None, "≥", "", "31/13/2026"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "chi-tieu.xlsx"
    import_url = reverse("campaigns:registration-import", args=[campaign.pk, province_pair["vinh-long"].pk])
    response = client.post(import_url, {"file": buffer}, follow=True)
    assert "Dòng 3" in response.content.decode() and "không phải là ngày" in response.content.decode()
    assert Registration.objects.get().targets.get().target_value == Decimal("140")  # nothing saved
    buffer.seek(0)
    book = Workbook()
    sheet = book.active
    sheet.append([c.header for c in TARGET_COLUMNS])
    sheet.append(["wind", "", 150, None, "≥", "", "31/10/2026"])
    good = io.BytesIO()
    book.save(good)
    good.seek(0)
    good.name = "chi-tieu.xlsx"
    client.post(import_url, {"file": good})
    target = Registration.objects.get().targets.get()
    assert target.target_value == Decimal("150") and target.deadline == datetime.date(2026, 10, 31)


def test_numbers_and_chart_labels_read_the_vietnamese_way():
    from campaigns.selectors import period_short_label
    from campaigns.templatetags.campaigns_tags import num

    assert [num(Decimal("38300.00")), num(Decimal("146.20")), num(Decimal("0.5")), num(None)] == ["38.300", "146,2", "0,5", ""]
    assert period_short_label(202603) == "Q1/2026" and period_short_label(202605) == "T05/2026"


def test_progress_rolls_up_the_campaign_tree(client, campaign, ministry_manager, province_pair, indicators):
    from campaigns.models import Campaign, ProgressReport, Registration, ReportValue, Target

    def child_with_unit(parent, name, unit, value):
        child = Campaign.objects.create(name=name, parent=parent, start_date=campaign.start_date, end_date=campaign.end_date)
        registration = Registration.objects.create(campaign=child, unit=unit, status="approved")
        target = Target.objects.create(registration=registration, indicator=indicators["wind"], target_value=Decimal("100"))
        report = ProgressReport.objects.create(registration=registration, period_type="quarter", period_index=1, year=2026,
                                               status="accepted", period_key=202603)
        ReportValue.objects.create(report=report, target=target, value=Decimal(value))
        return child

    province = child_with_unit(campaign, "Phong trào của tỉnh", province_pair["vinh-long"], "80")
    child_with_unit(province, "Phong trào của phòng", province_pair["nghe-an"], "40")
    client.force_login(ministry_manager)
    page = client.get(reverse("campaigns:dashboard", args=[campaign.pk])).content.decode()
    assert "Cả hệ thống phong trào: 2 đơn vị đã đăng ký, bình quân 60,0 %" in page
    assert "Phong trào của tỉnh</a>: 1 đơn vị, bình quân 80,0 % (cả cấp dưới: 2 đơn vị, 60,0 %)" in page
    assert 'class="rollup-depth-2">↳ <a' in page and "Phong trào của phòng</a>: 1 đơn vị, bình quân 40,0 %" in page


def test_no_reports_once_the_campaign_is_final_reviewed(campaign, draft_report, approved_registration, officer_vl, ministry_manager, media_root):
    from campaigns.models import Campaign

    report_save(report=draft_report, actor=officer_vl, version=draft_report.version, narrative="",
                values=report_values(approved_registration, Decimal("10"), Decimal("0"), False))
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.FINAL_REVIEWED)
    for action in (
        lambda: report_submit(report=draft_report, actor=officer_vl),
        lambda: report_create(registration=approved_registration, actor=officer_vl, period_type=PeriodType.QUARTER, period_index=3, year=2026),
    ):
        with pytest.raises(ValidationError) as error:
            action()
        assert error.value.code == "campaign_closed"


def test_indicator_catalogue_refuses_duplicates_and_non_managers(ministry_manager, officer_vl, indicators):
    from django.core.exceptions import PermissionDenied

    from campaigns.services import indicator_create

    created = indicator_create(actor=ministry_manager, name="Số xã đạt tiêu chí số 7 về chợ", kind="count", unit_of_measure="xã")
    assert created.code == "so-xa-dat-tieu-chi-so-7-ve-cho"
    with pytest.raises(ValidationError) as error:
        indicator_create(actor=ministry_manager, name="số xã đạt tiêu chí số 7 về chợ", kind="count", unit_of_measure="xã", code="khac")
    assert error.value.code == "duplicate_name"
    with pytest.raises(ValidationError):
        indicator_create(actor=ministry_manager, name="Tỷ lệ", kind="ratio")
    with pytest.raises(PermissionDenied):
        indicator_create(actor=officer_vl, name="Chỉ tiêu riêng", kind="count")


def test_manager_edits_a_draft_but_not_a_launched_campaign(client, ministry, ministry_manager, province_pair, indicators, officer_vl, campaign):
    from campaigns.models import Campaign
    from campaigns.services import campaign_create

    draft = campaign_create(actor=ministry_manager, name="Dự thảo 2027", issuers=[ministry], start_date=datetime.date(2027, 1, 1),
                            end_date=datetime.date(2027, 12, 31), contents=["Một"], participants=[province_pair["vinh-long"]])
    client.force_login(ministry_manager)
    url = reverse("campaigns:campaign-edit", args=[draft.pk])
    form = client.get(url).content.decode()
    assert "Dự thảo 2027" in form and "Một</textarea>" in form
    data = {
        "name": "Thi đua chuyển đổi số 2027", "kind": "thematic", "scope": "sector", "lead_issuer": ministry.pk,
        "launch_document_type": "decision", "start_date": "2027-01-01", "end_date": "2027-12-31", "report_period": "year",
        "contents": "Nội dung A\nNội dung B\nNội dung C", "all_provincial_departments": "on", "indicators": [indicators["wind"].pk],
    }
    assert client.post(url, data).status_code == 302
    draft = Campaign.objects.get(pk=draft.pk)
    assert draft.name == "Thi đua chuyển đổi số 2027" and draft.launch_document_type == "decision"
    assert [c.text for c in draft.contents.all()] == ["Nội dung A", "Nội dung B", "Nội dung C"]
    assert set(draft.participants.values_list("code", flat=True)) == {"sct-vinh-long", "sct-nghe-an"}
    response = client.get(reverse("campaigns:campaign-edit", args=[campaign.pk]), follow=True)  # already in registration
    assert "không sửa được" in response.content.decode()
    client.force_login(officer_vl)
    assert client.get(url).status_code == 403


def test_evidence_is_removed_from_a_draft_only(client, campaign, draft_report, approved_registration, officer_vl, officer_na, ministry_manager, media_root, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from campaigns.models import Evidence
    from campaigns.services import evidence_add

    wrong = evidence_add(report=draft_report, actor=officer_vl, upload=SimpleUploadedFile("nham.pdf", b"%PDF-1.7 nham"))
    kept = evidence_add(report=draft_report, actor=officer_vl, upload=SimpleUploadedFile("dung.pdf", b"%PDF-1.7 dung"))
    path = wrong.file.path
    client.force_login(officer_na)
    assert client.post(reverse("campaigns:evidence-delete", args=[wrong.pk])).status_code == 404
    client.force_login(officer_vl)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("campaigns:evidence-delete", args=[wrong.pk]))
    assert not Evidence.objects.filter(pk=wrong.pk).exists()
    import os

    assert not os.path.exists(path)
    report_save(report=draft_report, actor=officer_vl, version=draft_report.version, narrative="",
                values=report_values(approved_registration, Decimal("10"), Decimal("0"), False))
    report_submit(report=draft_report, actor=officer_vl)
    response = client.post(reverse("campaigns:evidence-delete", args=[kept.pk]), follow=True)
    assert "không xóa được" in response.content.decode() and Evidence.objects.filter(pk=kept.pk).exists()
    client.force_login(ministry_manager)
    detail = client.get(reverse("campaigns:campaign-detail", args=[campaign.pk])).content.decode()
    assert 'data-testid="pending-reports"' in detail and "Sở Công Thương tỉnh Vĩnh Long: Quý 2/2026" in detail


def test_registration_pages_point_to_the_revision_in_force_and_the_pending_one(client, campaign, approved_registration, officer_vl, indicators, province_pair):
    revised = registration_save(campaign=campaign, unit=province_pair["vinh-long"], actor=officer_vl,
                                targets=[{"indicator": indicators["wind"], "target_value": Decimal("175")}])
    client.force_login(officer_vl)
    new_page = client.get(reverse("campaigns:registration-detail", args=[revised.pk])).content.decode()
    assert 'data-testid="in-force"' in new_page and approved_registration.get_absolute_url() in new_page
    old_page = client.get(reverse("campaigns:registration-detail", args=[approved_registration.pk])).content.decode()
    assert 'data-testid="pending-revision"' in old_page and "lần 2 (đang soạn)" in old_page


@time_machine.travel(datetime.datetime(2026, 11, 29, 9, 0, tzinfo=datetime.UTC), tick=False)
def test_report_periods_offered_and_dashboard_export_within_scope(client, campaign, approved_registration, officer_vl, officer_na, ministry_manager):
    import io

    from openpyxl import load_workbook

    client.force_login(officer_vl)
    page = client.get(reverse("campaigns:registration-detail", args=[approved_registration.pk])).content.decode()
    # the period due now is preselected (the latest one that has ended), not the earliest one unreported
    assert '<option value="quarter-1-2026">Quý 1/2026 – hạn gửi 10/04/2026</option>' in page
    assert '<option value="quarter-3-2026" selected>Quý 3/2026 – hạn gửi 10/10/2026</option>' in page
    client.post(reverse("campaigns:report-create", args=[approved_registration.pk]), {"period": "quarter-1-2026"})
    page = client.get(reverse("campaigns:registration-detail", args=[approved_registration.pk])).content.decode()
    assert "quarter-1-2026" not in page and '<option value="quarter-3-2026" selected>' in page
    response = client.post(reverse("campaigns:report-create", args=[approved_registration.pk]), {"period": "quarter-9-2026"}, follow=True)
    assert "Kỳ báo cáo không hợp lệ" in response.content.decode()

    url = reverse("campaigns:dashboard", args=[campaign.pk])
    client.force_login(officer_na)  # sees the campaign's ranking, not Vĩnh Long's targets
    sheet = load_workbook(io.BytesIO(client.get(url, {"export": "xlsx"}).getvalue())).active
    lines = [r for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert ("Sở Công Thương tỉnh Vĩnh Long", None, None, None, None, None, None, "Chưa báo cáo", None) in lines and len(lines) == 2
    client.force_login(ministry_manager)
    sheet = load_workbook(io.BytesIO(client.get(url, {"export": "xlsx"}).getvalue())).active
    assert sum(1 for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] == "Sở Công Thương tỉnh Vĩnh Long") == 3


def test_dashboard_sorts_by_an_allowlist_only(client, campaign, approved_registration, ministry_manager):
    client.force_login(ministry_manager)
    url = reverse("campaigns:dashboard", args=[campaign.pk])

    def table(sort):
        body = client.get(url, {"sort": sort}).content.decode()
        return body[body.index('data-testid="unit-table"'):]

    by_name = table("unit")
    assert by_name.index("tỉnh Nghệ An") < by_name.index("tỉnh Vĩnh Long")
    by_percent = table("-percent")  # Vĩnh Long registered (no report yet), Nghệ An has not: registered first
    assert by_percent.index("tỉnh Vĩnh Long") < by_percent.index("tỉnh Nghệ An")
    unknown = table("registration__unit__name; DROP TABLE")  # not in the allowlist: the default order
    assert unknown.index("tỉnh Vĩnh Long") < unknown.index("tỉnh Nghệ An")
    assert 'href="?&amp;sort=-achieved"' in by_name  # the column headers sort too


def test_evidence_quota_names_and_protected_serving(client, draft_report, officer_vl, media_root, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from campaigns.services import evidence_add

    settings.EVIDENCE_MAX_FILES_PER_REPORT = 2
    settings.EVIDENCE_UNIT_QUOTA_BYTES = 40
    first = evidence_add(report=draft_report, actor=officer_vl, upload=SimpleUploadedFile("..\\\\..\\\\x\x00.py.pdf", b"%PDF-1.7 " + b"a" * 10))
    assert first.original_name == "x.py.pdf" and first.file.name.startswith("evidence/") and "x.py" not in first.file.name
    with pytest.raises(ValidationError) as error:  # 19 bytes used, 22 more would pass 40
        evidence_add(report=draft_report, actor=officer_vl, upload=SimpleUploadedFile("b.pdf", b"%PDF-1.7 " + b"b" * 13))
    assert error.value.code == "quota"
    evidence_add(report=draft_report, actor=officer_vl, upload=SimpleUploadedFile("c.pdf", b"%PDF-1.7 c"))
    with pytest.raises(ValidationError) as error:
        evidence_add(report=draft_report, actor=officer_vl, upload=SimpleUploadedFile("d.pdf", b"%PDF-1.7"))
    assert error.value.code == "too_many_files"

    client.force_login(officer_vl)
    settings.EVIDENCE_X_ACCEL_PREFIX = "/_protected/"
    response = client.get(reverse("campaigns:evidence-download", args=[first.pk]))
    assert response["X-Accel-Redirect"] == f"/_protected/{first.file.name}"
    assert response["Content-Disposition"].startswith("attachment;") and response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_uploads_and_exports_are_rate_limited(client, campaign, draft_report, officer_vl, media_root, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.CAMPAIGNS_RATE_LIMITS = {"evidence_upload": 2, "export": 1}
    client.force_login(officer_vl)
    upload_url = reverse("campaigns:evidence-upload", args=[draft_report.pk])
    statuses = [client.post(upload_url, {"file": SimpleUploadedFile(f"{i}.pdf", b"%PDF-1.7")}).status_code for i in range(3)]
    assert statuses == [302, 302, 429]
    export_url = reverse("campaigns:reports-export", args=[campaign.pk])
    assert [client.get(export_url).status_code for _ in range(2)] == [200, 429]


def test_recipients_collapse_many_provinces_into_one_line(campaign, province_pair):
    from campaigns.services import recipients
    from tests.factories import UnitFactory
    from units.models import UnitKind

    assert recipients(campaign) == ["Sở Công Thương tỉnh Nghệ An", "Sở Công Thương tỉnh Vĩnh Long"]
    for n in range(4):
        campaign.participants.add(UnitFactory(code=f"sct-{n}", name=f"Sở Công Thương tỉnh số {n}", kind=UnitKind.PROVINCIAL_DEPARTMENT))
    campaign.participants.add(UnitFactory(code="cuc-x", name="Cục Điện lực", kind=UnitKind.AGENCY))
    assert recipients(campaign) == ["Cục Điện lực", "Sở Công Thương các tỉnh, thành phố trực thuộc Trung ương"]


def test_a_report_sent_after_its_due_date_is_marked_late(draft_report, approved_registration, officer_vl):
    import datetime as dt

    from django.utils import timezone

    from campaigns.models import ProgressReport

    assert draft_report.due_date == dt.date(2026, 7, 10)
    ProgressReport.objects.filter(pk=draft_report.pk).update(submitted_at=timezone.make_aware(dt.datetime(2026, 7, 10, 23, 0)))
    assert not ProgressReport.objects.get(pk=draft_report.pk).is_late  # the due day itself is on time
    ProgressReport.objects.filter(pk=draft_report.pk).update(submitted_at=timezone.make_aware(dt.datetime(2026, 7, 11, 8, 0)))
    assert ProgressReport.objects.get(pk=draft_report.pk).is_late
