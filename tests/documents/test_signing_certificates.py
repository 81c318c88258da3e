"""Certificates (Bằng khen, Giấy khen, Cờ thi đua) of an issued decision: signed by the deciding
organisation, with a QR code and a short code of their own; their public page shows the decision."""
# ruff: noqa: F811 - the local PKI fixtures are imported from test_signing and requested by name

import io
import subprocess

import pytest
from django.urls import reverse
from pypdf import PdfReader

from awards import services as svc
from awards.catalogue import seed_catalogue
from awards.models import AwardKind, AwardRecord
from documents.models import PdfJob, PdfJobKind, PdfJobState
from documents.services import document_issue, document_sign, document_submit
from documents.signing import pades, trust
from documents.signing.models import CertificateVerification, Verification
from tests.awards.conftest import council_setup, nominate  # noqa: F401 - fixture
from tests.conftest import make_user
from tests.documents.factories import SigningPositionFactory
from tests.documents.test_signing import give_credential, local_pki, lt_mode, run_on_commit  # noqa: F401 - fixtures
from units.models import Role


@pytest.fixture(autouse=True)
def catalogue(db):
    seed_catalogue()


def passed(setup, officer, unit, code="bk-bo"):
    nomination = nominate(officer, setup["round"], unit, code=code)
    svc.nomination_submit(nomination=nomination, actor=officer)
    box = svc.agenda_add(session=setup["session"], actor=setup["secretary"], nomination=nomination)
    svc.ballot_open(box=box, actor=setup["secretary"])
    for member in setup["members"]:
        svc.ballot_vote(box=box, member=member, choice="for")
    svc.ballot_close(box=box, actor=setup["secretary"])
    nomination.refresh_from_db()
    return nomination


@pytest.fixture
def issued_decision(local_pki, council_setup, officer_vl, province_pair, ministry):
    """The Ministry's decision giving a Bằng khen to Vĩnh Long's Sở, signed by the minister and issued."""
    give_credential(local_pki, unit=ministry)
    signer, clerk = make_user("bt-sign", ministry, Role.SIGNER), make_user("bt-clerk", ministry, Role.CLERK)
    signer.full_name = "Nguyễn Hồng Diên"
    signer.save(update_fields=["full_name"])
    SigningPositionFactory(user=signer, unit=ministry, title="Bộ trưởng")
    give_credential(local_pki, user=signer)

    def make(*nominations):
        document = svc.decision_draft(award_round=council_setup["round"], actor=council_setup["secretary"],
                                      signer_title="Bộ trưởng", signer_name="Nguyễn Hồng Diên")
        document_submit(document=document, actor=council_setup["secretary"])
        document_sign(document=document, actor=signer)
        return document_issue(document=document, actor=clerk)

    return make


def job_file(record) -> bytes:
    job = PdfJob.objects.get(kind=PdfJobKind.CERTIFICATE, subject_id=record.pk)
    assert job.state == PdfJobState.DONE
    with job.file.open("rb") as handle:
        return handle.read()


def text_of(pdf: bytes) -> str:
    return subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()


def test_certificate_is_signed_by_the_deciding_organisation_with_its_own_code(issued_decision, council_setup, officer_vl, province_pair, ministry):
    nomination = passed(council_setup, officer_vl, province_pair["vinh-long"])
    decision = issued_decision(nomination)
    record = AwardRecord.objects.get(nomination=nomination)
    data = job_file(record)
    report = pades.validate(data, trust_roots=trust.trust_roots())
    assert report.ok, [s.summary for s in report.signatures]
    assert [s.field_name for s in report.signatures] == ["co-quan-1"]
    assert ministry.name in report.signatures[0].subject and report.signatures[0].covers_whole_file
    certificate = CertificateVerification.objects.get(document=decision, subject_id=record.pk)
    assert certificate.issued_sha256 and certificate.signed_by_unit == ministry
    assert certificate.code != Verification.objects.get(document=decision).code
    text = " ".join(text_of(data).split())
    assert certificate.display_code in text and f"/van-ban/tra-cuu/{certificate.display_code}/" in text
    assert "BẰNG KHEN" in text and record.golden_book_number in text
    # Built once: a retry, a download, the print bundle read the same signed file.
    assert svc.certificate_pdf(record) == data


def test_certificate_page_shows_its_decision_and_tells_a_modified_copy(client, issued_decision, council_setup, officer_vl, province_pair):
    nomination = passed(council_setup, officer_vl, province_pair["vinh-long"])
    decision = issued_decision(nomination)
    record = AwardRecord.objects.get(nomination=nomination)
    certificate = CertificateVerification.objects.get(subject_id=record.pk)
    page = client.get(f"/van-ban/tra-cuu/{certificate.display_code}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert decision.symbol in html and decision.subject in html and "Sở Công Thương tỉnh Vĩnh Long" in html
    assert record.golden_book_number in html and "Khen thưởng đang có hiệu lực" in html
    assert Verification.objects.get(document=decision).get_absolute_url() in html  # the decision's own page
    assert f">{record.pk}<" not in html
    genuine = job_file(record)
    forged = bytearray(genuine)
    forged[forged.index(b"stream", 2000) + 40] ^= 0x01
    from django.core.files.uploadedfile import SimpleUploadedFile

    verdict = client.post(certificate.get_absolute_url(), {"file": SimpleUploadedFile("bk.pdf", bytes(forged))}).content.decode()
    assert "KHÔNG phải là bản bằng khen, giấy khen, cờ thi đua đã cấp" in verdict
    verdict = client.post(certificate.get_absolute_url(), {"file": SimpleUploadedFile("bk.pdf", genuine)}).content.decode()
    assert "Đây là bản gốc của bằng khen, giấy khen, cờ thi đua đã cấp" in verdict


def test_revoked_award_shows_on_the_certificate_page(client, issued_decision, council_setup, officer_vl, province_pair):
    nomination = passed(council_setup, officer_vl, province_pair["vinh-long"])
    issued_decision(nomination)
    record = AwardRecord.objects.get(nomination=nomination)
    svc.award_record_revoke(actor=council_setup["secretary"], record=record, revoking_decision="Quyết định số 9/QĐ-BCT")
    certificate = CertificateVerification.objects.get(subject_id=record.pk)
    html = client.get(certificate.get_absolute_url()).content.decode()
    assert "Khen thưởng đã bị hủy bỏ" in html and "Quyết định số 9/QĐ-BCT" in html


def test_flag_carries_an_invisible_signature_and_its_code(issued_decision, council_setup, officer_vl, province_pair, ministry):
    kind = AwardKind.objects.filter(certificate_layout="flag").first()
    assert kind is not None
    nomination = passed(council_setup, officer_vl, province_pair["vinh-long"], code=kind.code)
    issued_decision(nomination)
    record = AwardRecord.objects.get(nomination=nomination)
    data = job_file(record)
    report = pades.validate(data, trust_roots=trust.trust_roots())
    assert report.ok and [s.field_name for s in report.signatures] == ["co-quan-1"]
    certificate = CertificateVerification.objects.get(subject_id=record.pk)
    assert certificate.display_code in text_of(data)


def test_print_bundle_prints_each_certificates_code(issued_decision, council_setup, officer_vl, officer_na, province_pair):
    first = passed(council_setup, officer_vl, province_pair["vinh-long"])
    second = passed(council_setup, officer_na, province_pair["nghe-an"])
    decision = issued_decision(first, second)
    job = svc.certificate_bundle_request(award_round=council_setup["round"], document=decision, actor=council_setup["secretary"])
    job.refresh_from_db()
    with job.file.open("rb") as handle:
        bundle = handle.read()
    assert len(PdfReader(io.BytesIO(bundle)).pages) == 2
    text = text_of(bundle)
    for certificate in CertificateVerification.objects.filter(document=decision):
        assert certificate.display_code in text


def test_award_decided_outside_the_app_prints_without_a_code(province_pair):
    from tests.factories import PersonFactory

    record = AwardRecord.objects.create(person=PersonFactory(unit=province_pair["vinh-long"]),
                                        award_kind=AwardKind.objects.get(code="bk-bo"), year=2020, decision="QĐ 1/QĐ-BCT")
    data = svc.certificate_pdf(record)
    assert "Mã tra cứu" not in text_of(data)
    assert not CertificateVerification.objects.exists()
    assert pades.validate(data, trust_roots=trust.trust_roots()).signatures == []


def test_honour_board_links_decided_awards_to_their_decision(client, issued_decision, council_setup, officer_vl, province_pair, django_assert_max_num_queries):
    nomination = passed(council_setup, officer_vl, province_pair["vinh-long"])
    decision = issued_decision(nomination)
    from tests.factories import PersonFactory

    AwardRecord.objects.create(person=PersonFactory(unit=province_pair["nghe-an"], full_name="Trần Văn Ngoài"),
                               award_kind=AwardKind.objects.get(code="bk-bo"), year=2025, decision="Quyết định số 1/QĐ-UBND")
    html = client.get(reverse("awards:honour-board")).content.decode()
    link = Verification.objects.get(document=decision).get_absolute_url()
    assert html.count('data-testid="honour-verify"') == 1 and f'href="{link}"' in html
    row = next(line for line in html.split("<tr>") if "Trần Văn Ngoài" in line)
    assert "honour-verify" not in row


def test_certificate_in_lt_mode_carries_a_timestamp_and_revocation_data(lt_mode, issued_decision, council_setup, officer_vl, province_pair):
    nomination = passed(council_setup, officer_vl, province_pair["vinh-long"])
    issued_decision(nomination)
    record = AwardRecord.objects.get(nomination=nomination)
    data = job_file(record)
    report = pades.validate(data, trust_roots=trust.trust_roots())
    assert report.ok and report.signatures[0].timestamp_time is not None
    assert b"/DSS" in data
    assert CertificateVerification.objects.get(subject_id=record.pk).level == "PAdES B-LT"
