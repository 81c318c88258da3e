"""The decision writes the award history with số sổ vàng; certificates are PDFs; revocation excludes."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from awards import services as decisions
from awards import services as svc
from awards.models import AwardRecord, NominationStatus
from awards.selectors import evaluate
from campaigns.models import Notification
from documents.models import PdfJob, PdfJobKind, PdfJobState
from documents.services import document_issue, document_sign, document_submit
from tests.conftest import make_user
from tests.documents.factories import SigningPositionFactory
from units.models import Role

from .conftest import nominate

pytestmark = pytest.mark.django_db


def passed_nomination(setup, officer, unit):
    nomination = nominate(officer, setup["round"], unit)
    svc.nomination_submit(nomination=nomination, actor=officer)
    box = svc.agenda_add(session=setup["session"], actor=setup["secretary"], nomination=nomination)
    svc.ballot_open(box=box, actor=setup["secretary"])
    for member in setup["members"]:
        svc.ballot_vote(box=box, member=member, choice="for")
    svc.ballot_close(box=box, actor=setup["secretary"])
    nomination.refresh_from_db()
    return nomination


def test_decision_records_history_with_golden_book_numbers(client, council_setup, officer_vl, province_pair, ministry, django_capture_on_commit_callbacks):
    nomination = passed_nomination(council_setup, officer_vl, province_pair["vinh-long"])
    document = decisions.decision_draft(award_round=council_setup["round"], actor=council_setup["secretary"])
    assert document.annexes[0]["rows"][0][1] == "Sở Công Thương tỉnh Vĩnh Long"
    signer, clerk = make_user("bt-sign", ministry, Role.SIGNER), make_user("bt-clerk", ministry, Role.CLERK)
    SigningPositionFactory(user=signer, unit=ministry, title="Bộ trưởng")
    document_submit(document=document, actor=council_setup["secretary"])
    document_sign(document=document, actor=signer)
    with django_capture_on_commit_callbacks(execute=True):
        document = document_issue(document=document, actor=clerk)  # the issue writes the history and queues the certificates
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.DECIDED
    record = AwardRecord.objects.get(nomination=nomination)
    assert record.golden_book_number.startswith("01/") and document.symbol in record.decision
    job = PdfJob.objects.get(document=document, kind=PdfJobKind.CERTIFICATE, subject_id=record.pk)
    assert job.state == PdfJobState.DONE and job.page_count == 1
    assert Notification.objects.filter(user=officer_vl, key__startswith="decision-issued").exists()
    text = " ".join(PdfReader(io.BytesIO(decisions.certificate_pdf(record))).pages[0].extract_text().split())
    assert "BẰNG KHEN" in text and record.golden_book_number in text and "Sở Công Thương tỉnh Vĩnh Long" in text
    client.force_login(officer_vl)
    response = client.get(reverse("awards:certificate-download", args=[record.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "Sở Công Thương tỉnh Vĩnh Long" in client.get(reverse("awards:honour-board")).content.decode()
    assert decisions.decision_issued(document=document, actor=clerk) == []  # a second run writes nothing
    assert AwardRecord.objects.filter(nomination=nomination).count() == 1


def test_revoked_award_is_ignored_from_then_on(province_pair):
    from awards.models import AwardKind
    from awards.services import award_record_revoke
    from tests.factories import PersonFactory

    secretary = make_user("tk2", province_pair["vinh-long"], Role.COUNCIL_SECRETARY)
    person = PersonFactory(unit=province_pair["vinh-long"])
    kind = AwardKind.objects.get(code="cstdcs")
    record = AwardRecord.objects.create(person=person, award_kind=kind, year=2024, decision="QĐ")
    AwardRecord.objects.create(person=person, award_kind=kind, year=2025, decision="QĐ")
    assert evaluate(code="bk-bo", year=2025, person=person).result == "pass"
    award_record_revoke(actor=secretary, record=record, revoking_decision="QĐ 9/QĐ-SCT")
    assert evaluate(code="bk-bo", year=2025, person=person).result == "review"
    assert AwardRecord.objects.filter(pk=record.pk, revoked=True).exists()
