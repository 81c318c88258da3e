"""Journey: the emulation officer of Sở Công Thương tỉnh Vĩnh Long, given an account through the app's user
screens, records in the app what Sở Công Thương tỉnh Trà Vinh (merged into it on 01/7/2025) did before the
merger: the Prime Minister's decision and the province's plan it answered, entered in the register of
incoming documents, then the Sở's own five-year plan with its real number and date, a registration and a
year's result. None of it is in the demo data. Bad input is refused in Vietnamese and nothing typed is lost.
No notice is sent and nothing is late. Screenshots at 1280 and 390 px."""

import datetime

import pytest
from playwright.sync_api import expect

from campaigns.models import Campaign, ProgressReport, Registration
from documents.models import IncomingDocument
from tests.e2e.helpers import pick
from units.models import Notification

PASSWORD = "mat-khau-tra-vinh-2021"
NAME = "Phong trào thi đua “Ngành Công Thương Trà Vinh chung tay vì người nghèo – Không để ai bị bỏ lại phía sau” giai đoạn 2021–2025"
INDICATOR = "Số hộ nghèo được hỗ trợ phát triển sản xuất, kinh doanh"


def logout(page):
    page.get_by_role("button", name="Đăng xuất").click()


def both_widths(page, shot, name):
    page.set_viewport_size({"width": 1280, "height": 900})
    shot(page, f"{name}-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, f"{name}-390")
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.django_db(transaction=True)
def test_manager_records_a_predecessor_campaign_with_its_real_documents(page, live_server, seeded, login, shot):
    urls = []
    page.on("request", lambda request: urls.append(request.url))
    page.set_viewport_size({"width": 1280, "height": 900})
    notices_before = Notification.objects.count()

    # An account with the manager's role, through the app's screens.
    login(page, "demo-admin")
    page.goto(f"{live_server.url}/quan-tri/tai-khoan/them/")
    page.locator("#id_username").fill("vl-lichsu")
    page.locator("#id_full_name").fill("Thạch Thị Sa Rinh")
    pick(page, "id_unit", "so cong thuong vinh long", "Sở Công Thương tỉnh Vĩnh Long")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Tạo tài khoản").click()
    page.locator("#id_role-role").select_option(label="Cán bộ quản lý phong trào thi đua")
    pick(page, "id_role-unit", "so cong thuong vinh long", "Sở Công Thương tỉnh Vĩnh Long")
    page.get_by_role("button", name="Giao vai trò").click()
    expect(page.get_by_text("Đã giao vai trò.")).to_be_visible()
    logout(page)

    # 1. The two documents it answered, in the register of incoming documents of the merged Sở.
    login(page, "vl-lichsu", PASSWORD)
    page.locator("#mainnav").get_by_role("link", name="Văn bản đến").click()
    form = page.locator("form").filter(has=page.get_by_role("button", name="Vào sổ"))
    form.get_by_label("Đơn vị nhận").select_option(label="Sở Công Thương tỉnh Trà Vinh")
    form.get_by_label("Cơ quan ban hành").select_option(label="Thủ tướng Chính phủ")
    form.get_by_label("Tên loại văn bản").fill("Quyết định")
    form.get_by_label("Số, ký hiệu").fill("1258/QĐ-TTg")
    form.get_by_label("Ngày ban hành").fill("21/07/2021")
    form.get_by_label("Trích yếu nội dung").fill(
        "Ban hành Kế hoạch tổ chức phong trào thi đua “Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau” giai đoạn 2021–2025")
    form.get_by_label("Ngày đến").fill("31/02/2021")  # no such day: refused, the rest stays
    page.get_by_role("button", name="Vào sổ").click()
    expect(page.get_by_text("“31/02/2021” không phải là ngày có thật")).to_be_visible()
    expect(form.get_by_label("Số, ký hiệu")).to_have_value("1258/QĐ-TTg")
    both_widths(page, shot, "70-incoming-bad-date")
    form.get_by_label("Ngày đến").fill("26/07/2021")
    page.get_by_role("button", name="Vào sổ").click()
    expect(page.get_by_text("Đã vào sổ văn bản đến.")).to_be_visible()
    decision = IncomingDocument.objects.get(symbol="1258/QĐ-TTg")
    assert decision.is_historical and decision.receiving_unit.code == "sct-tra-vinh" and decision.incoming_number >= 1

    page.locator("#mainnav").get_by_role("link", name="Văn bản đến").click()
    form = page.locator("form").filter(has=page.get_by_role("button", name="Vào sổ"))
    form.get_by_label("Đơn vị nhận").select_option(label="Sở Công Thương tỉnh Trà Vinh")
    form.get_by_label("Cơ quan ban hành").select_option(label="Ủy ban nhân dân tỉnh Trà Vinh")
    form.get_by_label("Tên loại văn bản").fill("Kế hoạch")
    form.get_by_label("Số, ký hiệu").fill("112/KH-UBND")
    form.get_by_label("Ngày ban hành").fill("18/08/2021")
    form.get_by_label("Trích yếu nội dung").fill("Thực hiện phong trào thi đua “Cả nước chung tay vì người nghèo – Không để ai bị bỏ lại phía sau” trên địa bàn tỉnh")
    form.get_by_label("Ngày đến").fill("20/08/2021")
    form.get_by_label("Thực hiện văn bản (nếu có)").select_option(label="Quyết định số 1258/QĐ-TTg ngày 21/07/2021 của Thủ tướng Chính phủ")
    page.get_by_role("button", name="Vào sổ").click()
    expect(page.get_by_text("Đã vào sổ văn bản đến.")).to_be_visible()
    expect(page.get_by_text("1258/QĐ-TTg").first).to_be_visible()
    both_widths(page, shot, "71-incoming-plan")

    # 2. An indicator the five-year plan measured.
    page.goto(f"{live_server.url}/phong-trao/chi-tieu/")
    page.get_by_label("Tên chỉ tiêu").fill(INDICATOR)
    page.get_by_label("Đơn vị tính").fill("hộ")
    page.get_by_label("Loại chỉ tiêu").select_option(label="Đếm")
    page.get_by_role("button", name="Thêm chỉ tiêu").click()
    expect(page.get_by_text(f"Đã thêm chỉ tiêu “{INDICATOR}”")).to_be_visible()

    # 3. The Sở's own plan, as issued then: bad input first (a plan dated in the future, a number that is not one).
    page.goto(f"{live_server.url}/phong-trao/nhap-bo-sung/")
    page.locator("#id_name").fill(NAME)
    page.locator("#id_lead_issuer").select_option(label="Sở Công Thương tỉnh Trà Vinh")
    page.locator("#id_launch_document_type").select_option(label="Kế hoạch")
    page.locator("#id_parent_document").select_option(
        label="Kế hoạch số 112/KH-UBND ngày 18/08/2021 của Ủy ban nhân dân tỉnh Trà Vinh")
    page.locator("#id_start_date").fill("01/09/2021")
    page.locator("#id_end_date").fill("31/12/2025")
    page.locator("#id_report_period").select_option(label="Hằng năm")
    page.locator("#id_contents").fill(
        "Hỗ trợ hộ nghèo phát triển sản xuất, tiêu thụ sản phẩm\nVận động doanh nghiệp trong ngành tham gia chương trình giảm nghèo")
    pick(page, "id_participants", "cong thuong tra vinh", "Sở Công Thương tỉnh Trà Vinh")
    page.locator("#id_indicators").select_option(label=f"{INDICATOR} (hộ)")
    page.locator("#id_plan_number").fill("4l2")
    future = datetime.date.today() + datetime.timedelta(days=30)
    page.locator("#id_plan_date").fill(future.strftime("%d/%m/%Y"))
    page.locator("#id_status").select_option(label="Đã kết thúc")
    page.get_by_role("button", name="Lưu phong trào đã thực hiện").click()
    expect(page.get_by_test_id("form-errors")).to_contain_text("Những gì đã nhập được giữ nguyên")
    expect(page.get_by_text("“4l2” không phải là số nguyên.")).to_be_visible()
    assert not Campaign.objects.filter(name=NAME).exists()
    expect(page.locator("#id_name")).to_have_value(NAME)
    expect(page.get_by_label("Sở Công Thương tỉnh Trà Vinh", exact=True)).to_be_checked()
    both_widths(page, shot, "72-past-campaign-refused")
    page.locator("#id_plan_number").fill("412")
    page.locator("#id_plan_date").fill("06/09/2021")
    page.get_by_role("button", name="Lưu phong trào đã thực hiện").click()
    expect(page.get_by_text("Đã nhập bổ sung phong trào")).to_be_visible()

    campaign = Campaign.objects.get(name=NAME)
    assert campaign.is_historical and campaign.status == "closed"
    assert campaign.directive.number == 412 and campaign.directive.issued_on == datetime.date(2021, 9, 6)
    expect(page.get_by_test_id("historical")).to_be_visible()
    expect(page.get_by_test_id("campaign-directive")).to_contain_text(campaign.directive.symbol)
    bases = page.get_by_test_id("legal-bases")
    expect(bases).to_contain_text("Căn cứ Quyết định số 1258/QĐ-TTg ngày 21 tháng 7 năm 2021 của Thủ tướng Chính phủ ban hành Kế hoạch")
    expect(bases).to_contain_text("Căn cứ Kế hoạch số 112/KH-UBND ngày 18 tháng 8 năm 2021 của Ủy ban nhân dân tỉnh Trà Vinh thực hiện")
    both_widths(page, shot, "73-past-campaign")

    # 4. The Sở's registration (approved at the time) and its result for 2023.
    page.locator(".card").filter(has_text="Nhập bổ sung đăng ký và kết quả").get_by_role("link", name="Sở Công Thương tỉnh Trà Vinh").click()
    page.get_by_label(f"Giá trị đăng ký {INDICATOR}").fill("1.200")
    page.get_by_label("Danh hiệu đăng ký").fill("Tập thể lao động xuất sắc")
    page.get_by_role("button", name="Lưu bản đăng ký (nhập bổ sung, đã duyệt)").click()
    expect(page.get_by_text("Đã nhập bổ sung bản đăng ký (đã duyệt).")).to_be_visible()
    registration = Registration.objects.get(campaign=campaign)
    assert registration.status == "approved" and registration.targets.get().target_value == 1200

    page.get_by_role("link", name="Nhập bổ sung kết quả một kỳ").click()
    page.get_by_label("Kỳ báo cáo").select_option(label="Năm 2023")
    page.get_by_label(f"Thực hiện {INDICATOR}").fill("mười")  # not a number: refused, the narrative stays
    page.get_by_label("Thuyết minh").fill("Theo Báo cáo tổng kết năm 2023 của Sở.")
    page.get_by_role("button", name="Lưu kết quả (nhập bổ sung)").click()
    expect(page.locator(".alert-danger")).to_be_visible()
    expect(page.get_by_label("Thuyết minh")).to_have_value("Theo Báo cáo tổng kết năm 2023 của Sở.")
    page.get_by_label(f"Thực hiện {INDICATOR}").fill("865")
    page.get_by_role("button", name="Lưu kết quả (nhập bổ sung)").click()
    expect(page.get_by_text("Đã nhập bổ sung kết quả của kỳ báo cáo.")).to_be_visible()
    report = ProgressReport.objects.get(registration=registration)
    assert report.period_label == "Năm 2023" and report.values.get().value == 865
    both_widths(page, shot, "74-past-result")

    # Nothing was sent, nothing is late, no /admin/ page was needed.
    assert Notification.objects.count() == notices_before
    page.goto(f"{live_server.url}/")
    expect(page.get_by_text(NAME)).to_have_count(0)
    assert not [url for url in urls if "/admin/" in url]
