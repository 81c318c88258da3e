"""§6 Navigation links had a 3.75:1 contrast: axe-core (vendored, tests/e2e/vendor/axe-core) finds no
serious or critical issue on the main pages, for the accounts that use them; the skip link leads to the
content; dashboards and lists print without navigation."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from awards.models import CouncilSession
from campaigns.models import Campaign, ProgressReport
from documents.models import OfficialDocument
from units.models import Unit

AXE = (Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
RUN_AXE = """async () => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}});
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' — ' + (n.failureSummary || '').split('\\n').slice(0, 2).join(' ')),
  }));
}"""
VIEWPORTS = [{"width": 1280, "height": 900}, {"width": 390, "height": 844}]


def serious_issues(page) -> list[dict]:
    # evaluate() runs outside the page's Content-Security-Policy, which forbids inline scripts
    page.evaluate(AXE)
    return page.evaluate(RUN_AXE)


def main_pages():
    """(account, path, name) of the main pages on the demo data; None is the public."""
    campaign = Campaign.objects.get(name__contains="về đích năm 2026")
    vinh_long = Unit.objects.get(code="sct-vinh-long")
    report = ProgressReport.objects.filter(registration__campaign=campaign).order_by("pk").first()
    document = OfficialDocument.objects.filter(lead_issuer__code="bct").order_by("pk").first()
    session = CouncilSession.objects.order_by("pk").first()
    return [
        ("demo-bo", "/", "trang chủ"),
        ("demo-bo", "/phong-trao/", "danh sách phong trào"),
        ("demo-bo", campaign.get_absolute_url(), "phong trào"),
        ("demo-bo", f"/phong-trao/{campaign.pk}/theo-doi/", "bảng theo dõi"),
        ("demo-so", f"/phong-trao/{campaign.pk}/dang-ky/{vinh_long.pk}/", "đăng ký thi đua"),
        ("demo-bo", report.get_absolute_url(), "báo cáo tiến độ"),
        ("demo-so", "/khen-thuong/de-nghi/", "đề nghị khen thưởng"),
        ("demo-thuky", f"/khen-thuong/hoi-dong/phien/{session.pk}/", "phiên họp hội đồng"),
        ("demo-vanthu", "/van-ban/", "danh sách văn bản"),
        ("demo-vanthu", document.get_absolute_url(), "văn bản"),
        ("demo-bo", "/don-vi/", "đơn vị"),
        ("demo-bo", "/khen-thuong/kiem-tra/", "kiểm tra điều kiện"),
        (None, "/vinh-danh/", "bảng vinh danh"),
    ]


@pytest.mark.django_db(transaction=True)
def test_main_pages_have_no_serious_accessibility_issue(page, live_server, seeded, login):
    found = {}
    current = "?"
    for account, path, name in main_pages():
        if account != current:
            page.context.clear_cookies()
            if account:
                login(page, account)
            current = account
        for viewport in VIEWPORTS:
            page.set_viewport_size(viewport)
            response = page.goto(f"{live_server.url}{path}")
            assert response.status == 200, f"{name}: {response.status}"
            issues = serious_issues(page)
            if issues:
                found[f"{name} ({path}, {viewport['width']} px)"] = issues
    report = [f"{page_name}: {issue['impact']} {issue['id']} ({issue['help']})\n    " + "\n    ".join(issue["nodes"])
              for page_name, issues in found.items() for issue in issues]
    assert not found, "\n".join(report)


@pytest.mark.django_db(transaction=True)
def test_skip_link_leads_to_the_content(page, live_server, seeded, login):
    page.set_viewport_size(VIEWPORTS[0])
    login(page, "demo-bo")
    page.goto(f"{live_server.url}/phong-trao/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Bỏ qua menu, đến nội dung chính")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main#noi-dung")).to_be_focused()


@pytest.mark.django_db(transaction=True)
def test_dashboard_prints_without_navigation(page, live_server, seeded, login, shot):
    campaign = Campaign.objects.get(name__contains="về đích năm 2026")
    login(page, "demo-bo")
    page.goto(f"{live_server.url}/phong-trao/{campaign.pk}/theo-doi/")
    page.emulate_media(media="print")
    expect(page.locator("nav.navbar")).to_be_hidden()
    expect(page.locator("footer")).to_be_hidden()
    expect(page.get_by_role("link", name="Xuất Excel")).to_be_hidden()
    table = page.get_by_test_id("unit-table")
    expect(table).to_be_visible()
    assert page.evaluate("() => getComputedStyle(document.querySelector('[data-testid=unit-table] thead')).display") == "table-header-group"
    shot(page, "43-dashboard-print")
    pdf = page.pdf(format="A4", landscape=True)
    assert pdf.startswith(b"%PDF-")
