"""PDF content: A4, Liberation Serif/Times, the ND 30/2020 heading, numbers, dates, page numbers."""

import io
import subprocess

import pytest
from pypdf import PdfReader

from documents.certificates import render_certificate_pdf
from documents.models import DocumentType
from documents.pdf import (
    FetchRefused,
    SafeUrlFetcher,
    html_to_pdf,
    render_document_pdf,
    resolve_local,
)
from documents.services import document_create, document_issue, document_sign, document_submit
from tests.conftest import make_user
from tests.documents.conftest import give_position
from tests.factories import UnitFactory
from units.models import Role, UnitKind

pytestmark = pytest.mark.django_db
A4 = (595.28, 841.89)


def text_of(pdf: bytes) -> list[str]:
    """Each page's text with line breaks folded, so wrapped headings still match."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]


def top_margin_text(pdf: bytes, page_index: int) -> str:
    """Text printed in the top margin (above 20 mm from the top edge) of one page."""
    page = PdfReader(io.BytesIO(pdf)).pages[page_index]
    height = float(page.mediabox.height)
    found = []

    def visit(text, cm, tm, font_dict, font_size):
        y = cm[5] + tm[5] * cm[3] if cm else tm[5]
        if text.strip() and y > height - 57:
            found.append(text.strip())

    page.extract_text(visitor_text=visit)
    return " ".join(found)


def fonts_of(pdf: bytes) -> set[str]:
    fonts = set()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return fonts


def test_plan_pdf_layout(signed_plan, clerk_vl):
    document = document_issue(document=signed_plan, actor=clerk_vl)
    pdf = render_document_pdf(document)
    reader = PdfReader(io.BytesIO(pdf))
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == A4
    assert all(name.startswith(("LiberationSerif", "Liberation-Serif", "TimesNewRoman", "Times")) for name in fonts_of(pdf))
    pages = text_of(pdf)
    first = pages[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "Độc lập - Tự do - Hạnh phúc" in first
    assert "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG" in first and "SỞ CÔNG THƯƠNG" in first
    assert "Số: 01/KH-SCT" in first
    assert document.issued_on.strftime("%Y") in first and "Vĩnh Long, ngày" in first
    assert "KẾ HOẠCH" in first and "DỰ THẢO" not in first
    assert len(pages) >= 2
    assert top_margin_text(pdf, 0) == ""
    assert top_margin_text(pdf, 1) == "2"


def test_draft_preview_is_watermarked(make_plan):
    pdf = render_document_pdf(make_plan(), preview=True)
    assert "DỰ THẢO" in text_of(pdf)[0]
    assert "Số:" in text_of(pdf)[0]


def test_joint_directive_has_both_issuers_and_signers(ministry, so_vl):
    union = UnitFactory(
        code="cdct", name="Công đoàn Công Thương Việt Nam", short_name="CĐCT", kind=UnitKind.TRADE_UNION,
        governing_body_name="Tổng Liên đoàn Lao động Việt Nam",
    )
    minister = give_position(make_user("bt", ministry, Role.SIGNER), ministry, "Bộ trưởng")
    chairman = give_position(make_user("ct", union, Role.SIGNER), union, "Chủ tịch", "TM.", "Ban Chấp hành")
    minister.full_name, chairman.full_name = "Nguyễn Hồng Diên", "Trần Văn Hùng"
    minister.save(), chairman.save()
    clerk = make_user("vt", ministry, Role.CLERK)
    document = document_create(
        actor=minister,
        doc_type=DocumentType.DIRECTIVE,
        issuers=[ministry, union],
        subject="Về tổ chức các phong trào thi đua yêu nước năm 2026",
        body=[{"text": "Nội dung chỉ thị.", "items": ["Nội dung một.", "Nội dung hai."]}],
        signers=[{"unit": ministry}, {"unit": union}],
    )
    document_submit(document=document, actor=minister)
    document = document_sign(document=document, actor=minister)
    assert document.status == "submitted"  # the partner has not signed yet
    document = document_sign(document=document, actor=chairman)
    assert document.status == "signed"
    document = document_issue(document=document, actor=clerk)
    assert document.symbol == "01/CTLT-BCT-CĐCT"
    text = "\n".join(text_of(render_document_pdf(document)))
    assert "BỘ CÔNG THƯƠNG" in text and "CÔNG ĐOÀN CÔNG THƯƠNG VIỆT NAM" in text
    # A joint heading names the two issuers, not their parent bodies (not three bodies under one rule).
    assert "TỔNG LIÊN ĐOÀN LAO ĐỘNG VIỆT NAM" not in text
    assert "Nguyễn Hồng Diên" in text and "Trần Văn Hùng" in text
    assert "CHỈ THỊ LIÊN TỊCH" in text and "Số: 01/CTLT-BCT-CĐCT" in text


def test_decision_with_annex_repeats_table_header(ministry):
    signer = make_user("bt", ministry, Role.SIGNER)
    rows = [[str(i), f"Tập thể số {i}", "Bằng khen", "1.000.000"] for i in range(1, 80)]
    document = document_create(
        actor=signer,
        doc_type=DocumentType.DECISION,
        issuers=[ministry],
        subject="Về việc tặng Bằng khen của Bộ trưởng Bộ Công Thương",
        legal_bases=["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"],
        body=[{"heading": "Điều 1.", "text": "Tặng Bằng khen của Bộ trưởng Bộ Công Thương cho các tập thể có tên tại Phụ lục kèm theo."}],
        annexes=[{"title": "DANH SÁCH KHEN THƯỞNG", "headers": ["STT", "Tên tập thể", "Hình thức", "Tiền thưởng (đồng)"], "rows": rows}],
        signers=[{"unit": ministry, "authority": "KT.", "authority_body": "Bộ trưởng", "title": "Thứ trưởng", "name": "Trương Thanh Hoài"}],
    )
    pages = text_of(render_document_pdf(document, preview=True))
    assert "QUYẾT ĐỊNH:" in pages[0] and "BỘ TRƯỞNG" in pages[0]
    annex_pages = [p for p in pages if "Tập thể số" in p]
    assert len(annex_pages) >= 2
    assert all("Tên tập thể" in page for page in annex_pages)


def test_certificate_pdf(settings):
    settings.THIDUA_CERTIFICATE_PAGE_SIZE = "A4 landscape"
    import datetime

    pdf = render_certificate_pdf(
        form_name="Bằng khen",
        giver_title="Bộ trưởng Bộ Công Thương",
        recipient="Sở Công Thương tỉnh Vĩnh Long",
        achievement="Đã có thành tích xuất sắc trong phong trào thi đua năm 2026",
        decision_symbol="125/QĐ-BCT",
        decision_date=datetime.date(2026, 2, 5),
        golden_book_number="01/2026/SV-BCT",
        place_name="Hà Nội",
        signer_title="Bộ trưởng",
        signer_name="Nguyễn Hồng Diên",
    )
    text = text_of(pdf)[0]
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert float(box.width) > float(box.height)
    for part in ("BỘ TRƯỞNG BỘ CÔNG THƯƠNG", "Tặng", "Sở Công Thương tỉnh Vĩnh Long", "125/QĐ-BCT", "01/2026/SV-BCT", "ngày 05 tháng 02 năm 2026"):
        assert part in text


def test_fetcher_refuses_other_files_and_network(tmp_path):
    for url in ("file:///etc/passwd", "http://example.com/x.png", "https://example.com/a.css", "ftp://x/y"):
        with pytest.raises(FetchRefused):
            resolve_local(url)
    fetcher = SafeUrlFetcher()
    pdf = html_to_pdf(
        '<p>An toàn</p><img src="file:///etc/passwd"><img src="http://127.0.0.1:9/x.png">'
        '<link rel="stylesheet" href="https://example.com/evil.css">',
        fetcher=fetcher,
    )
    assert "An toàn" in text_of(pdf)[0]
    assert set(fetcher.refused) >= {"file:///etc/passwd", "http://127.0.0.1:9/x.png", "https://example.com/evil.css"}


def test_fetcher_reads_project_static_files():
    from pathlib import Path

    from django.contrib.staticfiles import finders

    path = Path(finders.find("img/favicon.svg")).resolve()
    assert resolve_local(path.as_uri()) == path


def test_body_markup_is_text_not_html(make_plan):
    document = make_plan(body=[{"text": '<img src="file:///etc/passwd"> <b>đậm</b>'}])
    text = text_of(render_document_pdf(document, preview=True))[0]
    assert '<img src="file:///etc/passwd">' in text


def test_render_document_command(signed_plan, clerk_vl, tmp_path):
    from django.core.management import call_command

    document = document_issue(document=signed_plan, actor=clerk_vl)
    output = tmp_path / "out.pdf"
    call_command("render_document", document.pk, "-o", str(output))
    info = subprocess.run(["pdfinfo", str(output)], capture_output=True, text=True)
    if info.returncode == 0:
        assert "A4" in info.stdout
    assert output.read_bytes().startswith(b"%PDF")
