"""§6 On a phone (390 px) the report table had 43 × 31 px inputs, showed "152,5" as "152", wrapped
indicator names a word a line and pushed key columns off-screen. Measured here at 390 × 844."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from campaigns.models import Campaign, PeriodType
from campaigns.services import registration_decide, registration_save, registration_submit, report_create, report_save
from units.models import Unit, User

PHONE = {"width": 390, "height": 844}
TARGETS = {"dien-gio": ("140", "152.5"), "ccn-moi": ("2", "1"), "ban-le": ("165000", "122050.75"), "xuat-khau": ("3600", "1750")}

# Every value input: its box, and whether the text it holds fits inside (canvas measure with its own font).
MEASURE_INPUTS = """() => [...document.querySelectorAll('main input.form-control:not([type=file]):not([type=search])')]
  .filter((el) => el.offsetParent !== null)
  .map((el) => {
    const style = getComputedStyle(el);
    const context = document.createElement('canvas').getContext('2d');
    context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const inner = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const box = el.getBoundingClientRect();
    return {name: el.name, value: el.value, width: box.width, height: box.height, left: box.left, right: box.right,
            text: context.measureText(el.value).width, inner: inner};
  })"""
PAGE_WIDTH = "() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"


def assert_usable(page, *, what: str):
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"], f"{what}: trang rộng hơn màn hình"
    inputs = page.evaluate(MEASURE_INPUTS)
    assert inputs, what
    for box in inputs:
        assert box["height"] >= 44, f"{what}: ô {box['name']} cao {box['height']:.0f} px"
        assert box["left"] >= 0 and box["right"] <= PHONE["width"], f"{what}: ô {box['name']} ra ngoài màn hình"
        assert box["text"] <= box["inner"], f"{what}: “{box['value']}” không hiện đủ trong ô {box['name']} ({box['inner']:.0f} px)"
    return inputs


@pytest.fixture
def report_2026(seeded):
    """Vĩnh Long's approved registration for 2026 and its quarter 3 draft, with 152,5 MW typed in."""
    campaign = Campaign.objects.get(name__contains="về đích năm 2026")
    unit = Unit.objects.get(code="sct-vinh-long")
    officer, manager = User.objects.get(username="demo-so"), User.objects.get(username="demo-bo")
    indicators = {i.code: i for i in campaign.indicators.all()}
    registration = registration_save(campaign=campaign, unit=unit, actor=officer, targets=[
        {"indicator": indicators[code], "target_value": Decimal(target), "deadline": datetime.date(2026, 12, 31)}
        for code, (target, _) in TARGETS.items()
    ])
    registration_submit(registration=registration, actor=officer)
    registration = registration_decide(registration=registration, actor=manager, approve=True)
    report = report_create(registration=registration, actor=officer, period_type=PeriodType.QUARTER, period_index=3, year=2026)
    by_code = {t.indicator.code: t for t in registration.targets.all()}
    report_save(report=report, actor=officer, version=report.version, narrative="",
                values={by_code[code].pk: (Decimal(value), False) for code, (_, value) in TARGETS.items()})
    return report


@pytest.mark.django_db(transaction=True)
def test_report_page_is_usable_on_a_phone(page, live_server, report_2026, login, shot):
    page.set_viewport_size(PHONE)
    login(page, "demo-so")
    page.goto(f"{live_server.url}{report_2026.get_absolute_url()}")
    inputs = assert_usable(page, what="báo cáo")
    values = {box["value"] for box in inputs}
    assert {"152,5", "122.050,75", "1.750"} <= values
    title = page.get_by_test_id("report-row").first.locator(".stack-title")
    box = title.bounding_box()
    assert box["width"] >= 300, f"tên chỉ tiêu chỉ rộng {box['width']:.0f} px"  # a whole line, not a word a line
    for row in page.get_by_test_id("report-row").all():  # the key columns stay on screen
        for label in ("Đăng ký", "Thực hiện lũy kế", "% kế hoạch", "Đánh giá"):
            cell = row.locator(f'td[data-label="{label}"]').bounding_box()
            assert cell and 0 <= cell["x"] and cell["x"] + cell["width"] <= PHONE["width"], label
    shot(page, "40-phone-report")
    page.get_by_label("Thực hiện Cụm công nghiệp thành lập mới").fill("2")
    page.get_by_role("button", name="Lưu", exact=True).click()
    expect(page.get_by_label("Thực hiện Cụm công nghiệp thành lập mới")).to_have_value("2")


@pytest.mark.django_db(transaction=True)
def test_registration_form_and_dashboard_are_usable_on_a_phone(page, live_server, seeded, login, shot):
    page.set_viewport_size(PHONE)
    campaign = Campaign.objects.get(name__contains="về đích năm 2026")
    unit = Unit.objects.get(code="sct-vinh-long")
    login(page, "demo-so")
    page.goto(f"{live_server.url}/phong-trao/{campaign.pk}/dang-ky/{unit.pk}/")
    page.get_by_label("Giá trị đăng ký Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng").fill("165.000,5")
    assert_usable(page, what="đăng ký")
    shot(page, "41-phone-registration")
    page.context.clear_cookies()
    login(page, "demo-bo")
    page.goto(f"{live_server.url}/phong-trao/{campaign.pk}/theo-doi/")
    assert page.evaluate(PAGE_WIDTH) <= PHONE["width"]
    row = page.get_by_test_id("unit-table").locator("tbody tr").first
    for label in ("% bình quân", "Trạng thái"):
        cell = row.locator(f'td[data-label="{label}"]').bounding_box()
        assert cell and cell["x"] + cell["width"] <= PHONE["width"], label
    shot(page, "42-phone-dashboard")
