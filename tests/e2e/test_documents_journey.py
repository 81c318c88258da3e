"""Journey: the clerk issues a signed plan, sees its number, waits for the PDF and downloads it;
the PDF carries the signer's then the organisation's digital signature, and its public
verification page tells the genuine file from a modified copy."""

import pytest
from playwright.sync_api import expect

from documents.models import DocumentType
from documents.services import document_create, document_sign, document_submit
from documents.signing import pades, trust
from documents.signing.models import Verification
from units.models import Unit, User


@pytest.mark.django_db(transaction=True)
def test_clerk_issues_signed_plan_and_downloads_pdf(page, live_server, seeded, login, shot, tmp_path):
    so = Unit.objects.get(code="sct-vinh-long")
    leader = User.objects.get(username="demo-so-lanhdao")
    plan = document_create(
        actor=leader,
        doc_type=DocumentType.PLAN,
        issuers=[so],
        subject="Phát động phong trào thi đua năm 2026",
        body=[{"heading": "I. MỤC ĐÍCH, YÊU CẦU", "text": "Đẩy mạnh phong trào thi đua hoàn thành các chỉ tiêu năm 2026."}],
        recipients=["Ủy ban nhân dân tỉnh (để báo cáo)"],
        signers=[{"unit": so, "title": "Giám đốc", "name": "Nguyễn Văn Hải"}],
    )
    document_submit(document=plan, actor=leader)
    document_sign(document=plan, actor=leader)

    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, "demo-so-vanthu")
    page.locator("#mainnav").get_by_role("link", name="Văn bản", exact=True).click()
    page.get_by_role("link", name="(chưa cấp số)").first.click()
    expect(page.get_by_test_id("document-status")).to_have_text("Đã ký")
    shot(page, "10-document-signed")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Cấp số, ban hành").click()
    expect(page.get_by_test_id("document-symbol")).to_have_text("01/KH-SCT")
    expect(page.get_by_test_id("pdf-download")).to_be_visible(timeout=20000)
    shot(page, "11-document-issued")
    with page.expect_download() as info:
        page.get_by_test_id("pdf-download").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    assert info.value.suggested_filename == "01-KH-SCT.pdf"
    assert target.read_bytes().startswith(b"%PDF-")

    report = pades.validate(target.read_bytes(), trust_roots=trust.trust_roots())
    assert report.ok, [s.summary for s in report.signatures]
    assert [s.field_name for s in report.signatures] == ["nguoi-ky-1", "co-quan-1"]
    assert "Nguyễn Văn Hải" in report.signatures[0].subject and "Sở Công Thương" in report.signatures[1].subject
    expect(page.get_by_test_id("document-signatures")).to_contain_text("Chữ ký số của cơ quan, tổ chức")

    page.locator("#mainnav").get_by_role("link", name="Sổ văn bản đi").click()
    expect(page.get_by_role("link", name="01/KH-SCT")).to_be_visible()
    expect(page.get_by_test_id("register-signed").first).to_be_visible()
    shot(page, "12-register")

    # The clerk keeps the organisation's certificate (with the seal): its screen from the navigation.
    page.locator("#mainnav").get_by_role("link", name="Chứng thư số cơ quan").click()
    page.get_by_role("row").filter(has=page.get_by_role("cell", name="Sở Công Thương tỉnh Vĩnh Long", exact=True)).get_by_role(
        "link", name="Quản lý").click()
    expect(page.get_by_test_id("unit-credential")).to_contain_text("Sở Công Thương tỉnh Vĩnh Long")
    shot(page, "15-credential-unit")

    # The QR code's page, as anyone opens it: no login.
    code = Verification.objects.get(document=plan).display_code
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/van-ban/tra-cuu/?code={code}")
    expect(page.get_by_test_id("verify-symbol")).to_have_text("01/KH-SCT")
    expect(page.get_by_test_id("verify-status")).to_have_text("Văn bản đang có hiệu lực")
    expect(page.get_by_text("Nguyễn Văn Hải")).to_be_visible()
    modified = bytearray(target.read_bytes())
    modified[modified.index(b"stream", 2000) + 40] ^= 0x01
    forged = tmp_path / "ban-sua.pdf"
    forged.write_bytes(bytes(modified))
    page.locator("input[type=file]").set_input_files(str(forged))
    page.get_by_role("button", name="Kiểm tra", exact=True).click()
    expect(page.get_by_test_id("verify-verdict")).to_contain_text("KHÔNG phải là bản văn bản đã ban hành")
    shot(page, "13-verify-modified")
    page.locator("input[type=file]").set_input_files(str(target))
    page.get_by_role("button", name="Kiểm tra", exact=True).click()
    expect(page.get_by_test_id("verify-verdict")).to_contain_text("Đây là bản gốc của văn bản đã ban hành")
    shot(page, "14-verify-genuine")
