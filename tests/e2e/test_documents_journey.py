"""Journey: the clerk issues a signed plan, sees its number, waits for the PDF and downloads it."""

import pytest
from playwright.sync_api import expect

from documents.models import DocumentType
from documents.services import document_create, document_sign, document_submit
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

    page.locator("#mainnav").get_by_role("link", name="Sổ văn bản đi").click()
    expect(page.get_by_role("link", name="01/KH-SCT")).to_be_visible()
    shot(page, "12-register")
