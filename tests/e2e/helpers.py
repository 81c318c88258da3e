"""What every journey does the way a user does it."""

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
    import re

    page.locator(f"#{field_id}").fill(text)
    page.locator(f"#{field_id}-ds").get_by_role("option").filter(has_text=re.compile(rf"^{re.escape(label)}")).first.click()
