"""The decision and the council's minutes as the awards services write them (``documents.drafts``), signed,
issued and read back with the layout checks a văn thư applies (Nghị định 30/2020/NĐ-CP, Phụ lục I).

Set THIDUA_PDF_DIR to keep the PDFs and page-1 PNGs (``pdftoppm -png -r 60``) for docs/img.
"""

import datetime
import io
import os
import subprocess
from pathlib import Path

import pdfplumber
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from awards import services as svc
from awards.catalogue import MINISTRY_FUNCTIONS
from awards.models import AwardKind, DecisionBasis, Nomination, NominationStatus
from documents.pdf import render_document_pdf
from documents.services import document_issue, document_sign, document_submit
from tests.awards.test_decisions import passed_nomination
from tests.conftest import make_user
from tests.documents.factories import SigningPositionFactory
from tests.documents.layout import document_checks
from tests.factories import PersonFactory
from units.models import Role

pytestmark = pytest.mark.django_db
OUT = os.environ.get("THIDUA_PDF_DIR")


def keep(name: str, pdf: bytes) -> None:
    if not OUT:
        return
    path = Path(OUT) / f"pdf-{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(path), str(path.with_suffix(""))], check=True)


def text_of(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in document.pages)


def _named(username, unit, role, full_name):
    user = make_user(username, unit, role)
    user.full_name = full_name
    user.save(update_fields=["full_name"])
    return user


@pytest.fixture
def decided_round(council_setup, ministry, province_pair):
    """A round of the Ministry with passed nominations for a Bằng khen (individuals) and for a Cờ thi đua."""
    DecisionBasis.objects.create(unit=ministry, functions_basis=MINISTRY_FUNCTIONS)
    award_round = council_setup["round"]
    bang_khen, co = AwardKind.objects.get(code="bk-bo"), AwardKind.objects.get(code="co-bo")
    so = province_pair["vinh-long"]
    for name in ("Nguyễn Thị Mai", "Trần Văn Hùng", "Lê Minh Tuấn"):
        Nomination.objects.create(round=award_round, proposing_unit=so, person=PersonFactory(unit=so, full_name=name), award_kind=bang_khen,
                                  achievement="Hoàn thành xuất sắc nhiệm vụ năm 2025", status=NominationStatus.PASSED)
    Nomination.objects.create(round=award_round, proposing_unit=so, unit=province_pair["nghe-an"], award_kind=co,
                              achievement="Dẫn đầu Cụm thi đua số VI năm 2025", status=NominationStatus.PASSED)
    return award_round


def test_a_decision_gives_one_award_with_its_power_to_decide_and_each_amount(decided_round, council_setup, ministry):
    secretary = council_setup["secretary"]
    with pytest.raises(ValidationError) as error:  # two awards are waiting: one decision each
        svc.decision_draft(award_round=decided_round, actor=secretary)
    assert error.value.code == "choose_kind"
    flag = svc.decision_draft(award_round=decided_round, actor=secretary, award_kind=AwardKind.objects.get(code="co-bo"))
    assert flag.annexes[0]["rows"][0][3] == "18.720.000"  # 8,0 × 2.340.000 đồng (Nghị định 152/2025/NĐ-CP Art 54)
    document = svc.decision_draft(award_round=decided_round, actor=secretary, award_kind=AwardKind.objects.get(code="bk-bo"))
    assert document.subject == "Về việc tặng Bằng khen của Bộ trưởng Bộ Công Thương"
    assert document.legal_bases == [
        MINISTRY_FUNCTIONS,
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
        "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
        "Xét đề nghị của Hội đồng Thi đua - Khen thưởng Bộ Công Thương",
    ]
    assert not any("bỏ phiếu" in basis for basis in document.legal_bases)  # the council's vote is not a căn cứ
    assert document.body[0]["text"].startswith("Tặng Bằng khen của Bộ trưởng Bộ Công Thương cho 03 tập thể, cá nhân")
    rows = document.annexes[0]["rows"]
    assert [row[1] for row in rows] == ["Nguyễn Thị Mai", "Trần Văn Hùng", "Lê Minh Tuấn"]
    assert {row[3] for row in rows} == {""}  # the multiple for a Bằng khen is not confirmed: no amount is guessed
    block = document.signers.get()
    assert (block.title, block.name) == ("", "")  # nobody typed them

    deputy = _named("thu-truong", ministry, Role.SIGNER, "Trương Thanh Hoài")
    SigningPositionFactory(user=deputy, unit=ministry, title="Thứ trưởng", authority="KT.", authority_body="Bộ trưởng")
    clerk = make_user("van-thu", ministry, Role.CLERK)
    document_submit(document=document, actor=secretary)
    document = document_sign(document=document, actor=deputy)
    document = document_issue(document=document, actor=clerk, issued_on=datetime.date(2026, 3, 16))
    pdf = render_document_pdf(document)
    keep("quyet-dinh-khen-thuong", pdf)
    report = document_checks(document, pdf)
    assert not report.failures, report.failures
    text = text_of(pdf)
    assert "BỘ TRƯỞNG BỘ CÔNG THƯƠNG" in text and "KT. BỘ TRƯỞNG" in text and "THỨ TRƯỞNG" in text and "Trương Thanh Hoài" in text
    assert "Tặng Bằng khen của Bộ trưởng Bộ Công Thương" in text and "Xét đề nghị của Hội đồng Thi đua - Khen thưởng Bộ Công Thương." in text


def test_the_minutes_are_the_councils_dated_on_the_meeting_day_and_signed_by_chair_and_secretary(council_setup, officer_vl, province_pair, ministry):
    session = council_setup["session"]
    session.held_on = datetime.date(2026, 3, 10)
    session.save(update_fields=["held_on"])
    passed_nomination(council_setup, officer_vl, province_pair["vinh-long"])
    council = council_setup["council"]
    for user, name in ((council.chair, "Nguyễn Hồng Diên"), (council.secretary, "Bùi Thanh Hương")):
        user.full_name = name
        user.save(update_fields=["full_name"])
    minutes = svc.session_minutes(session=session, actor=council.secretary, place="Trụ sở Bộ Công Thương, 54 Hai Bà Trưng, Hà Nội")
    assert minutes.advisory_body.name == "Hội đồng Thi đua - Khen thưởng" and minutes.dated_on == datetime.date(2026, 3, 10)
    assert [(b.account_id, b.meeting_role) for b in minutes.signers.all()] == [(council.chair_id, "Chủ tọa"), (council.secretary_id, "Thư ký")]
    document_submit(document=minutes, actor=council.secretary)
    document_sign(document=minutes, actor=council.secretary)
    minutes = document_sign(document=minutes, actor=council.chair)
    minutes = document_issue(document=minutes, actor=make_user("van-thu-bb", ministry, Role.CLERK))
    assert minutes.symbol.endswith("/BB-HĐTĐKT") and minutes.issued_on == datetime.date(2026, 3, 10)
    pdf = render_document_pdf(minutes)
    keep("bien-ban-hoi-dong", pdf)
    report = document_checks(minutes, pdf)
    assert not report.failures, report.failures
    text = text_of(pdf)
    assert "THI ĐUA - KHEN THƯỞNG Số: 01/BB-HĐTĐKT" in text and "Nguyễn Hồng Diên" in text and "Bùi Thanh Hương" in text
    assert "ngày 10 tháng 3 năm 2026" in text


def test_the_round_page_offers_one_decision_per_award_and_says_when_the_power_is_not_declared(client, council_setup, province_pair):
    award_round = council_setup["round"]
    so = province_pair["vinh-long"]
    for code in ("bk-bo", "co-bo"):
        Nomination.objects.create(round=award_round, proposing_unit=so, unit=so, award_kind=AwardKind.objects.get(code=code),
                                  achievement="Thành tích năm 2025", status=NominationStatus.PASSED)
    client.force_login(council_setup["secretary"])
    page = client.get(reverse("awards:round-detail", args=[award_round.pk])).content.decode()
    assert "Tặng Bằng khen của Bộ trưởng Bộ Công Thương" in page and "Tặng Cờ thi đua của Bộ Công Thương" in page
    assert 'data-testid="basis-missing"' in page and 'name="signer_title"' not in page
    DecisionBasis.objects.create(unit=award_round.deciding_unit, functions_basis=MINISTRY_FUNCTIONS)
    assert 'data-testid="basis-missing"' not in client.get(reverse("awards:round-detail", args=[award_round.pk])).content.decode()
