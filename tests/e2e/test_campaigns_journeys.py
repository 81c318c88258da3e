"""Campaign journeys: launch and download the directive; register 140 MW and 02 CCN; report with evidence."""

import pytest
from playwright.sync_api import expect

from campaigns.models import Campaign
from tests.e2e.helpers import both_widths, from_todo, logout


@pytest.mark.django_db(transaction=True)
def test_bo_launches_campaign_and_downloads_directive(page, live_server, seeded, login, shot, tmp_path):
    page.set_viewport_size({"width": 1280, "height": 900})
    campaign = Campaign.objects.get(status="draft")
    login(page, "demo-bo")
    page.goto(f"{live_server.url}{campaign.get_absolute_url()}")
    page.get_by_label("Người ký văn bản phát động").select_option(label="Bộ trưởng: Nguyễn Hồng Diên")
    shot(page, "20-campaign-draft")
    page.get_by_role("button", name="Phát động").click()
    page.get_by_role("button", name="Xác nhận phát động").click()  # a confirmation step before the launch
    expect(page.get_by_test_id("document-status")).to_have_text("Trình ký")
    directive_url = page.url
    logout(page)

    login(page, "demo-lanhdao")
    from_todo(page, live_server.url, "Văn bản chờ tôi ký", campaign.name[:60])
    assert page.url == directive_url
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Ký văn bản").click()
    expect(page.get_by_test_id("document-status")).to_have_text("Đã ký")
    logout(page)

    login(page, "demo-vanthu")
    from_todo(page, live_server.url, "Văn bản đã ký chờ cấp số", campaign.name[:60])
    assert page.url == directive_url
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Cấp số, ban hành").click()
    expect(page.get_by_test_id("document-symbol")).to_contain_text("/KH-BCT")
    logout(page)

    login(page, "demo-bo")
    page.goto(f"{live_server.url}{campaign.get_absolute_url()}")
    expect(page.get_by_test_id("campaign-status")).to_have_text("Đã phát động")
    page.get_by_test_id("campaign-directive").click()
    with page.expect_download() as info:
        page.get_by_test_id("pdf-download").click()
    info.value.save_as(tmp_path / "plan.pdf")
    assert (tmp_path / "plan.pdf").read_bytes().startswith(b"%PDF-")
    shot(page, "21-campaign-directive-issued")


@pytest.mark.django_db(transaction=True)
def test_so_registers_reports_and_dashboard_updates(page, live_server, seeded, login, shot, tmp_path):
    page.set_viewport_size({"width": 1280, "height": 900})
    campaign = Campaign.objects.get(name__contains="về đích năm 2026")
    login(page, "demo-so")
    page.goto(f"{live_server.url}{campaign.get_absolute_url()}")
    page.get_by_role("link", name="Đăng ký thi đua (Sở Công Thương tỉnh Vĩnh Long)").click()
    page.get_by_label("Giá trị đăng ký Công suất điện gió đưa vào vận hành thương mại").fill("140")
    page.get_by_label("Giá trị đăng ký Cụm công nghiệp thành lập mới").fill("02")
    shot(page, "22-registration-form")
    page.get_by_role("button", name="Lưu và gửi duyệt").click()
    expect(page.get_by_test_id("registration-status")).to_have_text("Chờ duyệt")
    registration_url = page.url
    logout(page)

    login(page, "demo-bo")
    from_todo(page, live_server.url, "Đăng ký thi đua chờ duyệt", f"Sở Công Thương tỉnh Vĩnh Long – {campaign.name}")
    assert page.url == registration_url
    page.get_by_role("button", name="Duyệt", exact=True).click()
    expect(page.get_by_test_id("registration-status")).to_have_text("Đã duyệt")
    shot(page, "23-registration-approved")
    logout(page)

    login(page, "demo-so")
    page.goto(registration_url)
    page.get_by_role("button", name="Tạo báo cáo kỳ này").click()
    page.get_by_label("Thực hiện Công suất điện gió đưa vào vận hành thương mại").fill("152,5")
    page.get_by_label("Thực hiện Cụm công nghiệp thành lập mới").fill("1")
    page.get_by_role("button", name="Lưu", exact=True).click()
    evidence = tmp_path / "bien-ban-nghiem-thu.pdf"
    evidence.write_bytes(b"%PDF-1.7\n% minh chung\n")
    page.get_by_label("Tệp minh chứng").set_input_files(str(evidence))
    page.get_by_role("button", name="Nộp minh chứng").click()
    expect(page.get_by_role("link", name="bien-ban-nghiem-thu.pdf")).to_be_visible()
    page.get_by_role("button", name="Lưu và gửi báo cáo").click()
    expect(page.get_by_test_id("report-status")).to_have_text("Chờ tiếp nhận")
    shot(page, "24-report-submitted")

    page.goto(f"{live_server.url}/phong-trao/{campaign.pk}/theo-doi/")
    row = page.get_by_test_id("unit-table").get_by_role("row", name="Sở Công Thương tỉnh Vĩnh Long")
    expect(row).to_contain_text("Chưa đạt")
    expect(row).to_contain_text("79,4")  # (108,9 % + 50,0 %) / 2
    expect(page.get_by_test_id("overdue")).to_contain_text("Sở Công Thương tỉnh Nghệ An")  # no report for quarter 3
    shot(page, "25-dashboard")
    row.get_by_role("link", name="Sở Công Thương tỉnh Vĩnh Long").click()
    wind = page.get_by_test_id("unit-targets").get_by_role("row", name="Công suất điện gió")
    expect(wind).to_contain_text("108,9 %")
    expect(wind).to_contain_text("Vượt")
    shot(page, "26-dashboard-unit")
    # per indicator: what was registered and achieved, and who is behind (issue 13)
    page.goto(f"{live_server.url}/phong-trao/{campaign.pk}/theo-doi/")
    page.get_by_role("link", name="Tổng hợp theo chỉ tiêu").click()
    wind_total = page.get_by_test_id("indicator-table").get_by_role("row", name="Công suất điện gió")
    expect(wind_total).to_contain_text("MW")
    wind_total.get_by_role("link").first.click()  # the units that registered it
    vinh_long = page.get_by_test_id("indicator-units").get_by_role("row", name="Sở Công Thương tỉnh Vĩnh Long")
    expect(vinh_long).to_contain_text("140")
    expect(vinh_long).to_contain_text("152,5")
    expect(vinh_long).to_contain_text("Vượt")
    both_widths(page, shot, "27-dashboard-indicators")
