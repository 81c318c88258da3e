"""Sơ kết / tổng kết: the report writes itself from the data, with a table and a chart."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from campaigns.models import CampaignStatus
from campaigns.services import campaign_transition, report_save, report_submit
from documents.models import DocumentType
from documents.pdf import render_document_pdf

from .conftest import prove_milestone, report_values

pytestmark = pytest.mark.django_db


def test_midterm_review_report_from_data(client, campaign, draft_report, approved_registration, officer_vl, ministry_manager, media_root):
    report = report_save(report=draft_report, actor=officer_vl, version=1, narrative="",
                         values=report_values(approved_registration, Decimal("150"), Decimal("1"), True))
    prove_milestone(report, approved_registration, officer_vl)
    report_submit(report=report, actor=officer_vl)
    campaign_transition(campaign=campaign, actor=ministry_manager, to=CampaignStatus.IN_PROGRESS)
    client.force_login(ministry_manager)
    response = client.post(reverse("campaigns:campaign-review", args=[campaign.pk]),
                           {"kind": "midterm", "signer": ""})
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.MIDTERM_REVIEWED
    from documents.models import OfficialDocument

    document = OfficialDocument.objects.get(doc_type=DocumentType.REPORT)
    assert response["Location"] == document.get_absolute_url()
    assert document.annexes[0]["rows"][0][1] == "Sở Công Thương tỉnh Vĩnh Long"
    assert document.body[1]["chart"][0]["text"] == "85,7 %"  # (107,1 + 50,0 + 100) / 3
    pdf = render_document_pdf(document, preview=True)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "BÁO CÁO" in text and "Sơ kết phong trào thi đua năm 2026" in text and "85,7 %" in text
    landscape = [p for p in PdfReader(io.BytesIO(pdf)).pages if float(p.mediabox.width) > float(p.mediabox.height)]
    assert landscape, "the annex table is on a landscape page"
