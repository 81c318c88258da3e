"""Screens: the whole lifecycle through the views, and 404 for another unit's drafts and PDFs."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from documents.models import DocumentStatus, OfficialDocument, PdfJob, PdfJobKind
from documents.services import document_issue
from tests.conftest import make_user
from units.models import AuditEvent, Role

pytestmark = pytest.mark.django_db

FORM = {
    "doc_type": "plan",
    "subject": "Phát động phong trào thi đua năm 2026",
    "place_name": "",
    "legal_bases": "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
    "body": "## I. MỤC ĐÍCH\nĐẩy mạnh phong trào thi đua.\n\n## II. NỘI DUNG\n- Nội dung một.\n- Nội dung hai.",
    "recipients": "Ủy ban nhân dân tỉnh\nCác phòng thuộc Sở",
}


@pytest.fixture(autouse=True)
def _media(media_root):
    return media_root


def test_full_lifecycle_through_the_screens(client, so_vl, manager_vl, signer_vl, clerk_vl, django_capture_on_commit_callbacks):
    client.force_login(manager_vl)
    response = client.post(reverse("documents:document-create"), {**FORM, "lead_issuer": so_vl.pk})
    document = OfficialDocument.objects.get()
    assert response.status_code == 302 and document.body[1]["items"] == ["Nội dung một.", "Nội dung hai."]
    client.post(reverse("documents:document-submit", args=[document.pk]))
    client.force_login(signer_vl)
    client.post(reverse("documents:document-sign", args=[document.pk]))
    client.force_login(clerk_vl)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("documents:document-issue", args=[document.pk]))
    document.refresh_from_db()
    assert document.status == DocumentStatus.ISSUED and document.symbol == "01/KH-SCT"
    job = PdfJob.objects.get(document=document, kind=PdfJobKind.DOCUMENT)
    assert job.state == "done"  # tests run tasks in-process
    page = client.get(reverse("documents:document-detail", args=[document.pk])).content.decode()
    assert "01/KH-SCT" in page and "Tải bản PDF" in page
    download = client.get(reverse("documents:pdf-job-download", args=[job.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="document_issue").count() == 1


def test_issued_document_cannot_be_edited(client, signed_plan, clerk_vl, manager_vl):
    document = document_issue(document=signed_plan, actor=clerk_vl)
    client.force_login(manager_vl)
    response = client.post(reverse("documents:document-update", args=[document.pk]), {**FORM, "lead_issuer": document.lead_issuer_id})
    document.refresh_from_db()
    assert response.status_code == 302 and document.subject == signed_plan.subject


def test_officer_cannot_sign_and_non_clerk_cannot_issue(client, make_plan, manager_vl, signer_vl, so_vl):
    document = make_plan()
    client.force_login(manager_vl)
    client.post(reverse("documents:document-submit", args=[document.pk]))
    client.post(reverse("documents:document-sign", args=[document.pk]))
    document.refresh_from_db()
    assert document.status == DocumentStatus.SUBMITTED
    client.force_login(signer_vl)
    client.post(reverse("documents:document-sign", args=[document.pk]))
    client.post(reverse("documents:document-issue", args=[document.pk]))
    document.refresh_from_db()
    assert document.status == DocumentStatus.SIGNED and document.number is None


def test_other_units_draft_and_pdf_give_404(client, make_plan, province_pair):
    document = make_plan()
    from documents.services import pdf_job_request

    job = pdf_job_request(document=document, actor=None, kind=PdfJobKind.PREVIEW)
    outsider = make_user("so-na-vt", province_pair["nghe-an"], Role.CLERK)
    client.force_login(outsider)
    for url in (
        reverse("documents:document-detail", args=[document.pk]),
        reverse("documents:document-update", args=[document.pk]),
        reverse("documents:pdf-job-status", args=[job.pk]),
        reverse("documents:pdf-job-download", args=[job.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("documents:document-sign", args=[document.pk])).status_code == 404
    assert "Phát động" not in client.get(reverse("documents:document-list")).content.decode()


def test_signer_of_another_unit_is_refused_and_input_kept(client, so_vl, manager_vl, province_pair):
    from tests.documents.conftest import give_position

    other = province_pair["nghe-an"]
    outsider = give_position(make_user("gd-na", other, Role.SIGNER), other, "Giám đốc")
    client.force_login(manager_vl)
    response = client.post(reverse("documents:document-create"), {**FORM, "lead_issuer": so_vl.pk, "signer": outsider.signing_positions.get().pk})
    body = response.content.decode()
    assert response.status_code == 200 and "signer" in body
    assert "Đẩy mạnh phong trào thi đua." in body
    assert not OfficialDocument.objects.exists()


def test_list_search_and_register_export(client, signed_plan, clerk_vl):
    document = document_issue(document=signed_plan, actor=clerk_vl)
    client.force_login(clerk_vl)
    assert "01/KH-SCT" in client.get(reverse("documents:document-list"), {"q": "01/KH"}).content.decode()
    assert "01/KH-SCT" not in client.get(reverse("documents:document-list"), {"type": "report"}).content.decode()
    page = client.get(reverse("documents:register"), {"issuer": document.lead_issuer_id, "year": document.year})
    assert "01/KH-SCT" in page.content.decode()
    export = client.get(reverse("documents:register"), {"issuer": document.lead_issuer_id, "year": document.year, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(export.getvalue())).active
    assert sheet["A1"].value == "Số, ký hiệu" and sheet["A2"].value == "01/KH-SCT"


def test_preview_job_status_polls_until_done(client, make_plan, manager_vl, django_capture_on_commit_callbacks):
    document = make_plan()
    client.force_login(manager_vl)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(reverse("documents:document-preview", args=[document.pk]))
    job = PdfJob.objects.get(document=document)
    pending = client.get(reverse("documents:pdf-job-status", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in pending and "progress" in pending
    for callback in callbacks:
        callback()
    fragment = client.get(reverse("documents:pdf-job-status", args=[job.pk])).content.decode()
    assert "Tải bản PDF (dự thảo)" in fragment


def test_revoke_keeps_number(client, signed_plan, clerk_vl, signer_vl):
    document = document_issue(document=signed_plan, actor=clerk_vl)
    client.force_login(signer_vl)
    client.post(reverse("documents:document-revoke", args=[document.pk]), {"reason": "Ban hành nhầm"})
    document.refresh_from_db()
    assert document.status == DocumentStatus.REVOKED and document.symbol == "01/KH-SCT"
    client.force_login(clerk_vl)
    client.post(reverse("documents:document-replace", args=[document.pk]))
    assert OfficialDocument.objects.filter(replaces=document).count() == 0  # only an issued document is replaced


def test_a_co_issuer_is_bound_only_by_its_own_signature(make_plan, so_vl, manager_vl, signer_vl, ministry):
    """Issue 12 §2: a Sở names the Ministry as co-issuer; the document cannot go out without the Ministry's leader."""
    from django.core.exceptions import ValidationError

    from documents.services import document_sign, document_submit
    from tests.documents.conftest import give_position

    lone = make_plan(issuers=[so_vl, ministry], signers=[{"unit": so_vl}])
    with pytest.raises(ValidationError, match="chưa có ô chữ ký của Bộ Công Thương"):
        document_submit(document=lone, actor=manager_vl)
    joint = make_plan(issuers=[so_vl, ministry], signers=[{"unit": so_vl}, {"unit": ministry}])
    document_submit(document=joint, actor=manager_vl)
    document_sign(document=joint, actor=signer_vl)
    joint.refresh_from_db()
    assert joint.status == DocumentStatus.SUBMITTED  # the Ministry has not accepted by signing
    with pytest.raises(ValidationError):
        document_issue(document=joint, actor=make_user("vt-vl2", so_vl, Role.CLERK))
    minister = give_position(make_user("bt", ministry, Role.SIGNER), ministry, "Bộ trưởng")
    document_sign(document=joint, actor=minister)
    joint.refresh_from_db()
    assert joint.status == DocumentStatus.SIGNED
    # a viewer of the Ministry reads it but does not set the workers rendering (Issue 12 §2 "viewers")
    viewer = make_user("xem", ministry, Role.VIEWER)
    from documents.policies import preview_refusal

    assert preview_refusal(viewer, joint) is not None and preview_refusal(manager_vl, joint) is None
