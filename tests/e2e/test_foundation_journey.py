"""Journey: the officer of Sở Công Thương Vĩnh Long logs in, opens the unit's page, logs out."""

import pytest
from playwright.sync_api import expect


@pytest.mark.django_db(transaction=True)
def test_demo_so_sees_unit_page_and_logs_out(page, live_server, seeded, login, shot):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/tai-khoan/dang-nhap/?next=/")
    shot(page, "01-login")

    login(page, "demo-so")
    expect(page.get_by_test_id("current-user")).to_contain_text("Phạm Văn Tâm")
    expect(page.get_by_test_id("current-user")).to_contain_text("Sở Công Thương tỉnh Vĩnh Long")
    shot(page, "02-home-demo-so")

    page.get_by_role("link", name="Sở Công Thương tỉnh Vĩnh Long").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sở Công Thương tỉnh Vĩnh Long")
    expect(page.get_by_text("Ủy ban nhân dân tỉnh Vĩnh Long").first).to_be_visible()
    expect(page.get_by_role("link", name="Sở Công Thương tỉnh Bến Tre")).to_be_visible()
    expect(page.get_by_role("link", name="Phòng Quản lý công nghiệp")).to_be_visible()
    shot(page, "03-unit-page-vinh-long")

    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "04-unit-page-phone")
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_text("Bạn đã đăng xuất")).to_be_visible()
    page.goto(f"{live_server.url}/don-vi/")
    expect(page).to_have_url(f"{live_server.url}/tai-khoan/dang-nhap/?next=/don-vi/")


@pytest.mark.django_db(transaction=True)
def test_ministry_manager_browses_unit_tree(page, live_server, seeded, login, shot):
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, "demo-bo")
    page.get_by_role("link", name="Đơn vị", exact=True).first.click()
    expect(page.get_by_role("link", name="Bộ Công Thương", exact=True)).to_be_visible()
    levels = page.locator("details.unit-tree-children")
    expect(levels.first).to_have_attribute("open", "")  # the Bộ's own units show at once; the others fold
    expect(levels.nth(1)).not_to_have_attribute("open", "")
    levels.nth(1).locator("summary").click()
    expect(levels.nth(1)).to_have_attribute("open", "")
    shot(page, "05a-unit-tree-demo-bo")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "05b-unit-tree-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Tìm đơn vị").fill("Nghệ An")
    page.get_by_role("button", name="Tìm").click()
    expect(page.get_by_role("link", name="Sở Công Thương tỉnh Nghệ An", exact=True)).to_be_visible()
    shot(page, "05-unit-search-demo-bo")
