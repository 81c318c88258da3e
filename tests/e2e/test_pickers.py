"""§5 Pickers search by name as one types (JSON search within the account's scope) and are driven from
the keyboard; the eligibility check takes a name, never an internal id."""

import pytest
from playwright.sync_api import expect


@pytest.mark.django_db(transaction=True)
def test_eligibility_check_by_typing_a_name(page, live_server, seeded, login, shot):
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, "demo-bo")
    page.goto(f"{live_server.url}/khen-thuong/kiem-tra/")
    page.get_by_label("Danh hiệu, hình thức").select_option(label="Chiến sĩ thi đua Bộ Công Thương")
    page.get_by_label("Năm thành tích").fill("2025")
    person = page.get_by_role("combobox", name="Cá nhân")
    person.press_sequentially("minh chau", delay=40)
    options = page.get_by_role("listbox", name="Kết quả tìm cá nhân").get_by_role("option")
    expect(options.first).to_contain_text("Nguyễn Thị Minh Châu")
    expect(person).to_have_attribute("aria-expanded", "true")
    shot(page, "44-picker-suggestions")
    person.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    person.press("Enter")
    expect(person).to_have_value(options_label := person.input_value())
    assert options_label.startswith("Nguyễn Thị Minh Châu – ")
    assert page.locator('input[type=hidden][name="person"]').input_value().isdigit()
    page.get_by_role("button", name="Kiểm tra").click()
    expect(page.get_by_test_id("finding")).to_contain_text("Nguyễn Thị Minh Châu: Đạt")
    shot(page, "45-eligibility-by-name")


@pytest.mark.django_db(transaction=True)
def test_campaign_participants_are_added_by_name(page, live_server, seeded, login):
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, "demo-bo")
    page.goto(f"{live_server.url}/phong-trao/tao-moi/")
    box = page.get_by_role("combobox", name="Đơn vị tham gia")
    found = page.get_by_role("listbox", name="Kết quả tìm đơn vị")
    box.press_sequentially("cong thuong dong thap", delay=30)
    found.get_by_role("option", name="Sở Công Thương tỉnh Đồng Tháp", exact=False).first.click()
    box.press_sequentially("van phong so vinh long", delay=30)
    found.get_by_role("option", name="Văn phòng Sở – Sở Công Thương tỉnh Vĩnh Long").click()
    chosen = page.get_by_role("list", name="Đơn vị đã chọn").get_by_role("checkbox")
    expect(chosen).to_have_count(2)
    expect(page.get_by_role("checkbox", name="Văn phòng Sở – Sở Công Thương tỉnh Vĩnh Long")).to_be_checked()
