"""The seeds, faithfully (issue 11 §5): seed 000 and seed 004 rendered in full, nothing invented."""

import datetime
import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from documents.demo import historic_directive_2020, historic_plan_483
from documents.pdf import render_document_pdf

pytestmark = pytest.mark.django_db
SEEDS = Path(__file__).resolve().parents[3] / "shared" / "domain" / "seeds"
TYPOS = {"mớigiai": "mới giai", "thương mai": "thương mại", "phốl": "phố", "phong trao": "phong trào", "pháp, luật": "pháp luật"}


def flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def pdf_text(document) -> str:
    """The text of every page, without the page numbers printed in the top margin."""
    pages = []
    pdf = render_document_pdf(document)
    from tests.documents.test_layout import keep

    keep("chi-thi-lien-tich-2020" if document.doc_type == "directive" else "ke-hoach-483", pdf)
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        text = flat(page.extract_text())
        if number > 1 and text.startswith(f"{number} "):
            text = text[len(str(number)) + 1 :]
        elif number > 1 and text.endswith(f" {number}"):
            text = text[: -len(str(number)) - 1]
        pages.append(text)
    return " ".join(pages)


@pytest.fixture
def seeded(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))


def _source(prefix: str) -> str:
    found = sorted(SEEDS.glob(f"{prefix}_*.txt")) or sorted(Path("/work/shared/domain/seeds").glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip("Không thấy thư mục seeds của shared/.")
    text = found[0].read_text(encoding="utf-8")
    for wrong, right in TYPOS.items():
        text = text.replace(wrong, right)
    return text


def test_seed_000_directive_in_full_and_nothing_invented(seeded):
    document = historic_directive_2020()
    text = pdf_text(document)
    items = re.findall(r"^\d\. (.+)$", _source("000"), flags=re.M)
    assert len(items) == 9
    for item in items:
        assert flat(item) in text, item[:60]
    assert "Năm 2020 có ý nghĩa đặc biệt quan trọng" in text and "được Quốc hội và Chính phủ giao." in text
    # The source gives the date and the offices, no number, names or recipients.
    assert document.symbol == "" and document.number is None
    assert "Hà Nội, ngày 02 tháng 01 năm 2020" in text
    assert re.search(r"Số: /CTLT-BCT-CĐCT", text)
    assert "Nơi nhận" not in text and "Lưu:" not in text
    assert all(not s.name for s in document.signers.all())
    assert "BỘ TRƯỞNG BỘ CÔNG THƯƠNG" in text and "TM. BAN CHẤP HÀNH CÔNG ĐOÀN CÔNG THƯƠNG VIỆT NAM" in text
    # The joint heading: the two issuers, not their parent bodies.
    assert "TỔNG LIÊN ĐOÀN LAO ĐỘNG" not in text
    # Historic dates: signed on the directive's own date, never on the day the demo was loaded.
    assert {s.signed_at.astimezone().date() for s in document.signers.all()} == {datetime.date(2020, 1, 2)}
    assert document.issued_on == datetime.date(2020, 1, 2)


def test_seed_004_plan_483_every_paragraph(seeded):
    document = historic_plan_483()
    text = pdf_text(document)
    source = _source("004")
    body = source[source.index("(1). Thi đua") : source.index("Nguồn:")]
    paragraphs = []
    for paragraph in (p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()):
        # The measures paragraph runs its parts together with double spaces in the source.
        paragraphs += re.split(r"  +", paragraph) if paragraph.startswith("Để triển khai") else [paragraph]
    skipped = {"(1). Thi đua xây dựng hệ thống chính trị trong sạch, vững mạnh", "(2). Thi đua thực hiện nhiệm vụ chuyên môn"}
    for paragraph in paragraphs:
        if paragraph in skipped or paragraph.startswith("Đồng thời, Sở cũng đăng ký"):
            continue
        assert flat(paragraph) in text, paragraph[:80]
    for registered in ("Hỗ trợ các nhà đầu tư hoàn thành, đưa vào vận hành các dự án điện gió với tổng công suất khoảng 140 MW",
                       "Phối hợp thu hút đầu tư và triển khai ít nhất 02 CCN mới", "Xây dựng và hoàn thành Đề án phát triển kinh tế ban đêm"):
        assert registered in text
    intro = source[source.index("Nhằm quán triệt") : source.index(" Sở Công Thương xây dựng Kế hoạch")]
    assert flat(intro) in text
    # The number is the source's; the day, month, signer and recipients are not given, so not printed.
    assert document.symbol == "483/KH-SCT" and document.issued_on is None and document.year == 2022
    assert "Bến Tre, ngày tháng năm 2022" in text
    assert "ỦY BAN NHÂN DÂN TỈNH BẾN TRE" in text
    assert not document.signers.exists() and "Nơi nhận" not in text
    assert "Nguyễn Văn Minh" not in text and "Trần Quang Huy" not in text and "Trần Tuấn Anh" not in text
