"""Excel import of targets and report values (all or nothing, errors per row) and exports."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from campaigns.imports import TARGET_COLUMNS, VALUE_COLUMNS
from campaigns.models import Registration

pytestmark = pytest.mark.django_db


def upload(headers, rows):
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "nhap.xlsx"
    return buffer


def test_target_template_lists_the_campaign_indicators(client, campaign, officer_vl):
    client.force_login(officer_vl)
    sheet = load_workbook(io.BytesIO(client.get(reverse("campaigns:import-template", args=[campaign.pk])).getvalue())).active
    assert [c.value for c in sheet[1]] == [c.header for c in TARGET_COLUMNS]
    assert {row[0].value for row in sheet.iter_rows(min_row=2)} == {"wind", "ccn", "night"}


def test_import_targets_with_a_bad_row_saves_nothing(client, campaign, officer_vl, province_pair):
    client.force_login(officer_vl)
    headers = [c.header for c in TARGET_COLUMNS]
    url = reverse("campaigns:registration-import", args=[campaign.pk, province_pair["vinh-long"].pk])
    bad = upload(headers, [["wind", "", 140, 60, "≥", ""], ["ccn", "", "hai", None, "≥", ""], ["khong-co", "", 1, None, "≥", ""]])
    response = client.post(url, {"file": bad}, follow=True)
    body = response.content.decode()
    assert "Dòng 3" in body and "không phải là số" in body and "Dòng 4" in body and "khong-co" in body
    assert not Registration.objects.exists()
    good = upload(headers, [["wind", "", 140, 60, "≥", ""], ["ccn", "", "2", None, "≥", ""], ["night", "", None, None, "", ""]])
    client.post(url, {"file": good})
    registration = Registration.objects.get()
    assert sorted(str(t.target_value) for t in registration.targets.all() if t.target_value) == ["140.00", "2.00"]


def test_import_report_values(client, draft_report, officer_vl):
    client.force_login(officer_vl)
    template = client.get(reverse("campaigns:import-template", args=[draft_report.registration.campaign.pk]), {"report": draft_report.pk})
    assert [c.value for c in load_workbook(io.BytesIO(template.getvalue())).active[1]] == [c.header for c in VALUE_COLUMNS]
    headers = [c.header for c in VALUE_COLUMNS]
    client.post(reverse("campaigns:report-import", args=[draft_report.pk]), {"file": upload(headers, [["wind", "", "152,5", ""], ["night", "", None, "có"]])})
    values = {v.target.indicator.code: v for v in draft_report.values.select_related("target__indicator")}
    assert values["wind"].value == Decimal("152.5") and values["night"].done is True
    response = client.post(reverse("campaigns:report-import", args=[draft_report.pk]), {"file": upload(headers, [["x", "", "1", ""]])}, follow=True)
    assert "không có trong bản đăng ký" in response.content.decode()


def test_campaign_export(client, campaign, approved_registration, ministry_manager):
    client.force_login(ministry_manager)
    sheet = load_workbook(io.BytesIO(client.get(reverse("campaigns:campaign-export", args=[campaign.pk])).getvalue())).active
    assert sheet["A1"].value == "Đơn vị" and sheet.max_row == 4
    assert sheet["I2"].value == "Chưa báo cáo"


def test_reports_export_lists_each_value_within_scope(client, campaign, draft_report, approved_registration, officer_vl, officer_na, ministry_manager, media_root):
    import io

    from openpyxl import load_workbook

    from campaigns.services import report_save, report_submit

    from .conftest import prove_milestone, report_values

    report_save(report=draft_report, actor=officer_vl, version=draft_report.version, narrative="",
                values=report_values(approved_registration, Decimal("152.5"), Decimal("1"), True))
    prove_milestone(draft_report, approved_registration, officer_vl)
    report_submit(report=draft_report, actor=officer_vl)
    url = reverse("campaigns:reports-export", args=[campaign.pk])
    client.force_login(ministry_manager)
    sheet = load_workbook(io.BytesIO(client.get(url).getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Đơn vị", "Kỳ báo cáo", "Lần", "Trạng thái") and len(rows) == 4
    wind = next(r for r in rows if r[5] == "Công suất điện gió vận hành mới")
    assert wind[1] == "Quý 2/2026" and wind[3] == "Chờ tiếp nhận" and wind[8] == 152.5 and wind[9] == 108.9
    assert any(r[8] == "Đã hoàn thành" for r in rows)
    client.force_login(officer_na)  # Nghệ An sees the campaign but not Vĩnh Long's reports
    sheet = load_workbook(io.BytesIO(client.get(url).getvalue())).active
    assert sheet.max_row == 1
