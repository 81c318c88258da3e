"""Journey: the manager of a Sở of a merged province (Vĩnh Long), given an account through the app's user
screens, sets up in the app what its work needs: a block of the Sở's phòng and Chi cục with lead and deputy
(whose members then sign their covenant), its council, a sudden round, an award title decided by the
provincial chair and an indicator where lower is better. No /admin/ URL is used. Screenshots at 1280 and 390 px."""

import datetime

import pytest
from playwright.sync_api import expect

from awards.models import AwardKind, AwardRound, Council
from campaigns.models import Covenant, Indicator
from tests.e2e.helpers import pick
from units.models import Cluster, ClusterMembership

PASSWORD = "mat-khau-so-vinh-long-2026"
BLOCK = "Khối thi đua các phòng, Chi cục thuộc Sở Công Thương tỉnh Vĩnh Long"
TITLE = "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Long"
RANK = "Xếp hạng Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)"
SO = " – Sở Công Thương tỉnh Vĩnh Long"  # a Sở's phòng are listed with their Sở


def logout(page):
    page.get_by_role("button", name="Đăng xuất").click()


def both_widths(page, shot, name):
    page.set_viewport_size({"width": 1280, "height": 900})
    shot(page, f"{name}-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, f"{name}-390")
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.mark.django_db(transaction=True)
def test_so_manager_sets_up_in_the_app(page, live_server, seeded, login, shot):
    urls = []
    page.on("request", lambda request: urls.append(request.url))
    page.set_viewport_size({"width": 1280, "height": 900})
    today = datetime.date.today()

    # The system administrator gives the Sở's emulation officer an account and the manager's role.
    login(page, "demo-admin")
    page.goto(f"{live_server.url}/quan-tri/tai-khoan/them/")
    page.locator("#id_username").fill("vl-thidua")
    page.locator("#id_full_name").fill("Võ Thị Thanh Tâm")
    pick(page, "id_unit", "so cong thuong vinh long", "Sở Công Thương tỉnh Vĩnh Long")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Tạo tài khoản").click()
    page.locator("#id_role-role").select_option(label="Cán bộ quản lý phong trào thi đua")
    pick(page, "id_role-unit", "so cong thuong vinh long", "Sở Công Thương tỉnh Vĩnh Long")
    page.get_by_role("button", name="Giao vai trò").click()
    expect(page.get_by_text("Đã giao vai trò.")).to_be_visible()
    logout(page)

    login(page, "vl-thidua", PASSWORD)
    page.locator("#mainnav").get_by_role("link", name="Thiết lập").click()
    expect(page.get_by_text("Chưa có Hội đồng: Sở Công Thương tỉnh Vĩnh Long")).to_be_visible()
    both_widths(page, shot, "60-setup")

    # 1. A block of the Sở's own phòng and Chi cục, with its lead and deputy for this year.
    page.get_by_role("link", name="Cụm, khối thi đua").click()
    page.get_by_role("link", name="Lập cụm, khối").click()
    page.get_by_label("Tên cụm, khối").fill(BLOCK)
    page.get_by_label("Loại").select_option(label="Khối thi đua")
    page.get_by_role("button", name="Lập cụm, khối").click()
    expect(page.get_by_text("Đã lập cụm, khối thi đua")).to_be_visible()
    for name in (f"Văn phòng Sở{SO}", f"Phòng Quản lý công nghiệp{SO}", f"Phòng Quản lý thương mại{SO}", "Chi cục Quản lý thị trường tỉnh Vĩnh Long"):
        page.get_by_label(name, exact=True).check()
    page.get_by_label("Khối trưởng").select_option(label=f"Phòng Quản lý công nghiệp{SO}")
    page.get_by_label("Khối phó").select_option(label="Chi cục Quản lý thị trường tỉnh Vĩnh Long")
    both_widths(page, shot, "61-block-members")
    page.get_by_role("button", name="Lưu thành viên").click()
    expect(page.get_by_text(f"Đã lưu thành viên {BLOCK} năm {today.year}.")).to_be_visible()
    expect(page.get_by_role("row", name=f"Phòng Quản lý công nghiệp{SO} Khối trưởng")).to_be_visible()
    block = Cluster.objects.get(name=BLOCK)
    assert dict(ClusterMembership.objects.filter(cluster=block, year=today.year).values_list("unit__code", "role")) == {
        "sct-vinh-long-vp": "member", "sct-vinh-long-qlcn": "lead", "sct-vinh-long-qltm": "member", "sct-vinh-long-qltt": "deputy",
    }
    both_widths(page, shot, "62-block")

    # 2. The Sở's council: members, chair, secretary and its own stricter threshold.
    page.goto(f"{live_server.url}/thiet-lap/")
    page.get_by_role("link", name="Hội đồng Thi đua - Khen thưởng").click()
    page.get_by_role("link", name="Lập Hội đồng của Sở Công Thương tỉnh Vĩnh Long").click()
    for name in ("Nguyễn Văn Hải", "Phạm Văn Tâm", "Võ Thị Thanh Tâm"):
        page.get_by_label(name, exact=True).check()
    page.get_by_role("button", name="Lập Hội đồng").click()  # no chair yet: refused, the ticks stay
    expect(page.get_by_text("Chọn chủ tịch Hội đồng.")).to_be_visible()
    expect(page.get_by_label("Phạm Văn Tâm", exact=True)).to_be_checked()
    page.get_by_label("Chủ tịch Hội đồng (là một thành viên)").select_option(label="Nguyễn Văn Hải")
    page.get_by_label("Thư ký Hội đồng").select_option(label="Lê Thị Ngọc Trang")
    page.get_by_label("Tỷ lệ tán thành tối thiểu (%)").fill("66,7")
    both_widths(page, shot, "63-council-form")
    page.get_by_role("button", name="Lập Hội đồng").click()
    expect(page.get_by_text("Đã lập Hội đồng Thi đua - Khen thưởng Sở Công Thương tỉnh Vĩnh Long.")).to_be_visible()
    council = Council.objects.get(unit__code="sct-vinh-long")
    assert council.members.count() == 3 and council.secretary.username == "demo-so-vanthu" and str(council.pass_threshold) == "0.667"
    both_widths(page, shot, "64-councils")

    # 3. A sudden round decided by the Sở.
    page.goto(f"{live_server.url}/khen-thuong/dot/")
    page.get_by_label("Tên đợt xét").fill("Khen thưởng đột xuất lực lượng quản lý thị trường")
    page.get_by_label("Cơ quan quyết định").select_option(label="Sở Công Thương tỉnh Vĩnh Long")
    page.get_by_label("Loại đợt xét").select_option(label="Đột xuất")
    page.get_by_label("Năm thành tích").fill(str(today.year))
    page.get_by_label("Ngày mở").fill(today.isoformat())
    page.get_by_label("Hạn nộp hồ sơ").fill((today + datetime.timedelta(days=20)).isoformat())
    page.get_by_role("button", name="Mở đợt xét").click()
    expect(page.get_by_text("Đã mở đợt xét khen thưởng.")).to_be_visible()
    expect(page.get_by_text("Đợt xét đột xuất: xét hình thức khen thưởng")).to_be_visible()
    page.get_by_role("link", name="Sửa đợt xét").click()
    page.get_by_label("Hạn nộp hồ sơ").fill((today + datetime.timedelta(days=30)).strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Lưu đợt xét").click()
    expect(page.get_by_text("Đã sửa đợt xét.")).to_be_visible()
    award_round = AwardRound.objects.get(kind="sudden", deciding_unit__code="sct-vinh-long")
    assert award_round.closes_on == today + datetime.timedelta(days=30)
    both_widths(page, shot, "65-sudden-round")

    # 4. An award title of the province, decided by the provincial chair.
    page.goto(f"{live_server.url}/khen-thuong/danh-muc/")
    page.get_by_role("link", name="Thêm danh hiệu, hình thức").click()
    page.get_by_label("Tên", exact=True).fill(TITLE)
    page.get_by_label("Người, cơ quan tặng (in trên bằng)").fill("Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Long")
    page.get_by_label("Tên in trên bằng, cờ").fill("Bằng khen")
    page.get_by_label("UBND tỉnh/thành phố").check()
    page.get_by_label("Cách xét điều kiện").select_option(label="Bằng khen cấp Bộ, ngành, tỉnh")
    page.get_by_label("Điều khoản áp dụng").fill("Điều 74 Luật Thi đua, khen thưởng 2022")
    page.get_by_label("Hệ số tiền thưởng (lần lương cơ sở)").fill("1,0")
    both_widths(page, shot, "66-award-title-form")
    page.get_by_role("button", name="Thêm vào danh mục").click()
    expect(page.get_by_text(f"Đã thêm “{TITLE}” vào danh mục khen thưởng.")).to_be_visible()
    expect(page.get_by_role("cell", name=TITLE).first).to_be_visible()
    kind = AwardKind.objects.get(name=TITLE)
    assert kind.owner.code == "sct-vinh-long" and kind.rules.get().decider_unit_kinds == ["province"]
    shot(page, "67-catalogue-1280")

    # 5. An indicator where lower is better (a rank).
    page.goto(f"{live_server.url}/phong-trao/chi-tieu/")
    page.get_by_label("Tên chỉ tiêu").fill(RANK)
    page.get_by_label("Đơn vị tính").fill("hạng")
    page.get_by_label("Loại chỉ tiêu").select_option(label="Đếm")
    page.get_by_label("Chiều đánh giá").select_option(value="lower")
    page.get_by_role("button", name="Thêm chỉ tiêu").click()
    expect(page.get_by_text(f"Đã thêm chỉ tiêu “{RANK}”")).to_be_visible()
    page.get_by_role("searchbox", name="Tìm chỉ tiêu").fill("PCI")
    page.get_by_role("button", name="Tìm", exact=True).click()
    expect(page.get_by_role("row", name=RANK)).to_contain_text("Càng thấp càng tốt (≤)")
    indicator = Indicator.objects.get(name=RANK)
    assert indicator.direction == "lower" and indicator.owner.code == "sct-vinh-long"
    both_widths(page, shot, "68-indicators")
    logout(page)

    # The block's members sign their covenant among themselves: the Sở's leader drafts it for the lead phòng
    # and signs for each member; no Ministry account takes part.
    login(page, "demo-so-lanhdao")
    page.goto(f"{live_server.url}/phong-trao/giao-uoc/")
    page.get_by_role("link", name=f"Soạn giao ước {BLOCK} năm {today.year}").click()
    page.get_by_label("Bảng tiêu chí chấm điểm").fill("Hoàn thành nhiệm vụ chuyên môn | 60\nCải cách hành chính, chuyển đổi số | 40")
    page.get_by_role("button", name="Lưu và mời các đơn vị ký").click()
    for unit, title in ((f"Văn phòng Sở{SO}", "Chánh Văn phòng"), (f"Phòng Quản lý công nghiệp{SO}", "Trưởng phòng"),
                        (f"Phòng Quản lý thương mại{SO}", "Trưởng phòng"), ("Chi cục Quản lý thị trường tỉnh Vĩnh Long", "Chi cục trưởng")):
        card = page.locator(".card").filter(has=page.get_by_role("heading", name=unit, exact=True))
        card.get_by_label("Chức vụ người ký").fill(title)
        card.get_by_role("button", name="Ký giao ước").click()
        expect(page.get_by_text(f"{unit} đã ký giao ước.")).to_be_visible()
    covenant = Covenant.objects.get(cluster=block)
    assert covenant.status == "signed" and covenant.document.signers.count() == 4
    both_widths(page, shot, "69-block-covenant")
    assert not [url for url in urls if "/admin/" in url]
