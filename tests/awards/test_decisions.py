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
    client.force_login(council_setup["secretary"])
    page = client.get(reverse("awards:round-detail", args=[council_setup["round"].pk]))
    assert [r.pk for r in page.context["records"].object_list] == [record.pk]  # the awards given, with their certificates
    assert page.context["records"].object_list[0].certificate_job == job


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


def _issue_passed(council_setup, ministry, persons, suffix):
    """A decision over ``persons`` passed by the council (written as the council leaves them), issued;
    returns the document and the queries of the issue."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from awards.models import AwardKind, Nomination

    kind = AwardKind.objects.get(code="bk-bo")
    Nomination.objects.bulk_create([
        Nomination(round=council_setup["round"], proposing_unit=p.unit, person=p, award_kind=kind, status=NominationStatus.PASSED,
                   achievement="Hoàn thành xuất sắc nhiệm vụ năm 2025")
        for p in persons
    ])
    document = decisions.decision_draft(award_round=council_setup["round"], actor=council_setup["secretary"])
    signer, clerk = make_user(f"bt-sign-{suffix}", ministry, Role.SIGNER), make_user(f"bt-clerk-{suffix}", ministry, Role.CLERK)
    SigningPositionFactory(user=signer, unit=ministry, title="Bộ trưởng")
    document_submit(document=document, actor=council_setup["secretary"])
    document_sign(document=document, actor=signer)
    with CaptureQueriesContext(connection) as queries:
        document = document_issue(document=document, actor=clerk)
    return document, len(queries)


def test_a_decisions_awards_are_written_at_once_numbered_in_annex_order(council_setup, ministry, province_pair):
    """The issue costs the same queries for 3 awards as for 9: one lock of the golden-book register, one
    insert of the records, one insert of the certificate jobs; the numbers follow the annex."""
    from unittest import mock

    from tests.factories import PersonFactory

    people = [PersonFactory(unit=province_pair["vinh-long" if i % 2 else "nghe-an"]) for i in range(13)]
    with mock.patch("documents.tasks.pdf_job_render.apply_async"):
        _issue_passed(council_setup, ministry, people[:1], "a")  # the registers' counters are created here
        small, small_queries = _issue_passed(council_setup, ministry, people[1:4], "b")
        large, large_queries = _issue_passed(council_setup, ministry, people[4:], "c")
    assert small_queries == large_queries
    records = list(AwardRecord.objects.filter(nomination__decision=large).order_by("nomination_id"))
    assert [str(r.person) for r in records] == [str(p) for p in people[4:]]
    annex = [row[1] for row in large.annexes[0]["rows"]]
    assert len(annex) == 9 and all(str(p) in row for p, row in zip(people[4:], annex, strict=True))
    numbers = [int(r.golden_book_number.split("/")[0]) for r in records]
    assert numbers == list(range(5, 14)), "after the earlier decisions' 01–04, consecutive in the annex's order"
    jobs = PdfJob.objects.filter(document=large, kind=PdfJobKind.CERTIFICATE)
    assert sorted(jobs.values_list("subject_id", flat=True)) == sorted(r.pk for r in records)
