"""Journey: demo-so nominates a collective with its dossier, demo-thuky puts it on a session, the
members vote by secret ballot, the ballot closes and the result appears."""

import pytest
from playwright.sync_api import expect

from awards.models import Nomination
from documents.signing import pades, trust
from documents.signing.models import CertificateVerification, Verification
from tests.e2e.helpers import expect_todo, from_todo


def logout(page):
    page.get_by_role("button", name="Đăng xuất").click()


@pytest.mark.django_db(transaction=True)
def test_nomination_to_secret_ballot(page, live_server, seeded, login, shot, tmp_path):
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, "demo-so")
    page.goto(f"{live_server.url}/khen-thuong/de-nghi/lap/")
    page.get_by_label("Danh hiệu, hình thức").select_option(label="Bằng khen của Bộ trưởng Bộ Công Thương (cá nhân và tập thể)")
    page.get_by_label("Tóm tắt thành tích").fill("Hoàn thành vượt mức các chỉ tiêu năm 2026; đưa vào vận hành 152,5 MW điện gió.")
    shot(page, "30-nomination-form")
    page.get_by_role("button", name="Lập hồ sơ").click()
    for label, name in (("Tờ trình", "to-trinh.pdf"), ("Báo cáo thành tích", "bao-cao.pdf"), ("Biên bản bình xét / xét khen thưởng", "bien-ban.pdf")):
        path = tmp_path / name
        path.write_bytes(b"%PDF-1.7\n% ho so de nghi\n")
        page.get_by_label("Thành phần hồ sơ").select_option(label=label)
        page.get_by_label("Tệp hồ sơ").set_input_files(str(path))
        page.get_by_role("button", name="Nộp tệp").click()
        expect(page.get_by_role("link", name=name)).to_be_visible()
    page.get_by_role("button", name="Trình hồ sơ").click()
    expect(page.get_by_test_id("nomination-status")).to_have_text("Đã trình")
    shot(page, "31-nomination-submitted")
    nomination = Nomination.objects.get(proposing_unit__code="sct-vinh-long")
    logout(page)

    login(page, "demo-thuky")
    expect_todo(page, live_server.url, "Hồ sơ đề nghị trình Hội đồng chờ đưa vào phiên họp", "Sở Công Thương tỉnh Vĩnh Long")
    page.goto(f"{live_server.url}/khen-thuong/hoi-dong/")
    page.get_by_role("link", name="Phiên họp xét khen thưởng năm 2026").click()
    session_url = page.url
    page.get_by_role("button", name="Đưa vào").click()
    for name in ("Hoàng Minh Sơn", "Nguyễn Hồng Diên", "Vũ Quang Long", "Đỗ Thị Lan"):
        page.get_by_label(name).check()
    page.get_by_role("button", name="Ghi danh sách có mặt").click()
    expect(page.get_by_text("Đã ghi danh sách thành viên có mặt.")).to_be_visible()
    page.get_by_role("button", name="Mở bỏ phiếu kín").click()
    shot(page, "32-ballot-open")
    logout(page)

    for member, choice in (("demo-hoidong", "Đồng ý"), ("demo-hoidong2", "Đồng ý"), ("demo-hoidong3", "Không đồng ý"), ("demo-lanhdao", "Đồng ý")):
        login(page, member)
        from_todo(page, live_server.url, "Phiếu kín đang mở chờ tôi bỏ phiếu", "Sở Công Thương tỉnh Vĩnh Long")
        assert page.url == session_url
        page.get_by_role("button", name=choice, exact=True).click()
        expect(page.get_by_test_id("ballot-choice")).to_have_text(choice)  # a confirmation step before the vote
        page.get_by_role("button", name="Xác nhận bỏ phiếu").click()
        expect(page.get_by_text("Bạn đã bỏ phiếu")).to_be_visible()
        logout(page)

    login(page, "demo-thuky")
    page.goto(session_url)
    page.get_by_role("button", name="Kết thúc bỏ phiếu", exact=True).click()
    expect(page.get_by_test_id("tally")).to_contain_text("3 đồng ý, 1 không đồng ý")
    expect(page.get_by_test_id("tally")).to_contain_text("Thông qua")
    expect(page.get_by_test_id("tally")).to_contain_text("4/4 thành viên có mặt; tỷ lệ đồng ý 75,0 %")
    shot(page, "33-ballot-closed")
    page.get_by_role("button", name="Lập biên bản phiên họp").click()
    expect(page.get_by_test_id("document-status")).to_have_text("Dự thảo")
    shot(page, "34-minutes")
    nomination.refresh_from_db()
    assert nomination.status == "passed"

    page.goto(f"{live_server.url}/khen-thuong/dot/{nomination.round_id}/")
    expect(page.get_by_label("Danh hiệu, hình thức của quyết định")).to_contain_text("Tặng")
    page.get_by_role("button", name="Lập dự thảo quyết định cho hồ sơ đã thông qua").click()
    page.get_by_role("button", name="Trình ký").click()
    decision_url = page.url
    logout(page)

    login(page, "demo-lanhdao")
    from_todo(page, live_server.url, "Văn bản chờ tôi ký", "Quyết định")
    assert page.url == decision_url
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Ký văn bản").click()
    logout(page)
    login(page, "demo-vanthu")
    from_todo(page, live_server.url, "Văn bản đã ký chờ cấp số", "Quyết định")
    assert page.url == decision_url
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Cấp số, ban hành").click()
    expect(page.get_by_test_id("document-symbol")).to_contain_text("/QĐ-BCT")
    shot(page, "35-decision-issued")
    logout(page)

    login(page, "demo-thuky")
    page.goto(f"{live_server.url}/khen-thuong/dot/{nomination.round_id}/")
    # issuing the decision wrote the history with its số sổ vàng and rendered the certificates in the workers
    expect(page.get_by_text("số sổ vàng 01/")).to_be_visible()
    page.get_by_role("button", name="In tất cả bằng, cờ của quyết định này").click()
    expect(page.get_by_test_id("certificate-bundle")).to_contain_text("Hoàn thành")
    with page.expect_download() as info:
        page.get_by_test_id("certificate-download").first.click()
    info.value.save_as(tmp_path / "bang-khen.pdf")
    certificate_pdf = (tmp_path / "bang-khen.pdf").read_bytes()
    assert certificate_pdf.startswith(b"%PDF-")
    # The certificate carries the Ministry's signature, validated against the demo root (docs/signatures.md).
    report = pades.validate(certificate_pdf, trust_roots=trust.trust_roots())
    assert report.ok, [s.summary for s in report.signatures]
    assert [s.field_name for s in report.signatures] == ["co-quan-1"] and "Bộ Công Thương" in report.signatures[0].subject
    shot(page, "36-certificates")
    page.goto(f"{live_server.url}/khen-thuong/danh-muc/")
    expect(page.get_by_role("cell", name="Chiến sĩ thi đua cơ sở", exact=True)).to_be_visible()
    expect(page.get_by_text("chưa xác nhận").first).to_be_visible()
    shot(page, "38-catalogue")
    logout(page)

    page.goto(f"{live_server.url}/vinh-danh/?year=2026")
    expect(page.get_by_role("cell", name="Sở Công Thương tỉnh Vĩnh Long")).to_be_visible()
    shot(page, "37-honour-board")

    # The honour board leads to the decision's public page; its issued PDF validates (minister, annex, Ministry).
    nomination.refresh_from_db()
    decision = nomination.decision
    page.get_by_role("row").filter(has_text=decision.symbol).get_by_test_id("honour-verify").first.click()
    expect(page.get_by_test_id("verify-symbol")).to_have_text(decision.symbol)
    with Verification.objects.get(document=decision).issued_file.open("rb") as handle:
        report = pades.validate(handle.read(), trust_roots=trust.trust_roots())
    assert report.ok and [s.field_name for s in report.signatures] == ["nguoi-ky-1", "phu-luc-1", "co-quan-1"]
    # The certificate's own code (printed beside its QR code) leads to its page, which shows its decision.
    certificate = CertificateVerification.objects.get(document=decision)
    assert certificate.display_code in pdf_text(certificate_pdf)
    page.goto(f"{live_server.url}/van-ban/tra-cuu/?code={certificate.display_code}")
    expect(page.get_by_test_id("verify-recipient")).to_contain_text("Sở Công Thương tỉnh Vĩnh Long")
    expect(page.get_by_test_id("verify-decision")).to_contain_text(decision.symbol)
    expect(page.get_by_test_id("verify-status")).to_have_text("Khen thưởng đang có hiệu lực")
    page.locator("input[type=file]").set_input_files(str(tmp_path / "bang-khen.pdf"))
    page.get_by_role("button", name="Kiểm tra", exact=True).click()
    expect(page.get_by_test_id("verify-verdict")).to_contain_text("Đây là bản gốc của bằng khen")
    shot(page, "39-verify-certificate")


def pdf_text(data: bytes) -> str:
    import subprocess

    return subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode()
