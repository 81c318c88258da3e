"""What every journey does the way a user does it."""

import re

from playwright.sync_api import expect


def from_todo(page, base_url: str, group: str, text: str) -> None:
    """Open the home page and follow, in its "Việc cần làm" list, the link ``text`` of the item ``group``:
    the account finds its turn there, not from a URL someone gave it."""
    page.goto(f"{base_url}/")
    item = page.get_by_test_id("todo").locator("> li").filter(has_text=group)
    expect(item).to_be_visible()
    item.get_by_role("link").filter(has_text=text).first.click()


def expect_todo(page, base_url: str, group: str, text: str) -> None:
    """The home page's "Việc cần làm" lists ``text`` under ``group``."""
    page.goto(f"{base_url}/")
    item = page.get_by_test_id("todo").locator("> li").filter(has_text=group)
    expect(item.get_by_role("link").filter(has_text=text).first).to_be_visible()


def pick(page, field_id: str, text: str, label: str) -> None:
    """Type ``text`` into the search picker ``field_id`` and choose the suggestion whose name is ``label``."""
    page.locator(f"#{field_id}").fill(text)
    page.locator(f"#{field_id}-ds").get_by_role("option").filter(has_text=re.compile(rf"^{re.escape(label)}")).first.click()


def logout(page) -> None:
    page.get_by_role("button", name="Đăng xuất").click()


def both_widths(page, shot, name: str) -> None:
    """Screenshots of the page at a desktop width and at a phone's (390 px)."""
    page.set_viewport_size({"width": 1280, "height": 900})
    shot(page, f"{name}-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, f"{name}-390")
    page.set_viewport_size({"width": 1280, "height": 900})


def create_manager(page, login, base_url: str, *, username: str, full_name: str, password: str,
                   unit_search: str = "so cong thuong vinh long", unit: str = "Sở Công Thương tỉnh Vĩnh Long") -> None:
    """The system administrator gives an officer of ``unit`` an account and the campaign manager's role,
    through the app's own account screens; then signs out."""
    login(page, "demo-admin")
    page.goto(f"{base_url}/quan-tri/tai-khoan/them/")
    page.locator("#id_username").fill(username)
    page.locator("#id_full_name").fill(full_name)
    pick(page, "id_unit", unit_search, unit)
    page.locator("#id_password1").fill(password)
    page.locator("#id_password2").fill(password)
    page.get_by_role("button", name="Tạo tài khoản").click()
    page.locator("#id_role-role").select_option(label="Cán bộ quản lý phong trào thi đua")
    pick(page, "id_role-unit", unit_search, unit)
    page.get_by_role("button", name="Giao vai trò").click()
    expect(page.get_by_text("Đã giao vai trò.")).to_be_visible()
    logout(page)
