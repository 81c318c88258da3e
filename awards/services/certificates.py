"""Certificates and flags of a decision, rendered by the workers as PDF jobs like every document.

When a decision is issued its award records are written (with their số sổ vàng) and one job per
certificate is queued; "In tất cả" queues one more job that binds them for printing. What is printed
comes from the catalogue: the title (``AwardKind.printed_title``), the layout (certificate or flag) and
who gives it (``AwardKind.deciding_body``, else the signer of the decision).
"""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.db import transaction
from pypdf import PdfWriter

from common.policies import ensure
from documents.certificates import certificate_html, flag_html
from documents.models import ISSUED_STATUSES, OfficialDocument, PdfJob, PdfJobKind, PdfJobState
from documents.pdf import html_to_pdf
from documents.services import pdf_job_request, pdf_jobs_request
from documents.signing.certificates import CertificateFacts, certificate_issued_pdf
from units.audit import audit_record
from units.models import User

from .. import policies
from ..models import AwardRecord, AwardRound, CertificateLayout, Nomination, NominationStatus
from ..selectors.decisions import decision_records

UNSIGNED = ("/Annots", "/B")  # a page's widgets (the signature and its seal) stay out of the print bundle


def certificate_pdf(record: AwardRecord) -> bytes:
    """The certificate (Bằng khen, Giấy khen…) or the flag (Cờ thi đua) of one award, with its số sổ vàng.

    Given by a decision issued here: signed by the deciding organisation, with a QR code and short code
    of its own leading to the public page that shows it and its decision (docs/signatures.md); built
    once, so the job, a retry and the print bundle carry the same file. An award decided outside the
    app prints without them.
    """
    kind = record.award_kind
    nomination = record.nomination
    document = nomination.decision if nomination else None
    decider = nomination.round.deciding_unit if nomination else None
    signer = document.signers.first() if document else None
    # The giver is the head of the deciding body, also when a deputy signed "KT." or an acting head "Q.".
    head = (signer.authority_body if signer.authority in ("KT.", "Q.") and signer.authority_body else signer.title) if signer else ""
    giver = kind.deciding_body or (f"{head} {decider.name}" if head and decider else (decider.name if decider else ""))
    recipient = str(record.unit or record.person) if kind.certificate_layout == CertificateLayout.FLAG else str(record.person or record.unit)
    recipient_detail = record.person.unit.label if record.person_id else ""
    if kind.certificate_layout == CertificateLayout.FLAG:
        def page(verify=None):
            return flag_html(giver_body=kind.deciding_body or (decider.name if decider else ""), recipient=recipient, year=record.year, verify=verify)
    else:
        def page(verify=None):
            return certificate_html(
                form_name=kind.printed_title, giver_title=giver, recipient=recipient, recipient_detail=recipient_detail,
                achievement=f"Đã có thành tích xuất sắc năm {record.year}. {record.achievement}".strip(),
                decision_symbol=document.symbol if document else record.decision, decision_date=record.decided_on,
                golden_book_number=record.golden_book_number, place_name=decider.place_name if decider else "",
                signer_title=signer.title if signer else "", signer_name=signer.name if signer else "", verify=verify,
            )
    if document is None or document.status not in ISSUED_STATUSES:
        return html_to_pdf(page())
    facts = CertificateFacts(
        title=kind.printed_title, recipient=recipient, recipient_detail=recipient_detail, golden_book_number=record.golden_book_number
    )
    return certificate_issued_pdf(document=document, subject_id=record.pk, facts=facts, html=page)


def certificate_status(subject_id: int) -> str:
    """For the certificate's public page (``documents.extensions.register_certificate_status``)."""
    record = AwardRecord.objects.filter(pk=subject_id).only("revoked", "revoking_decision").first()
    if record is None:
        return "Khen thưởng này không còn trong sổ khen thưởng."
    if record.revoked:
        return f"Khen thưởng này đã bị hủy bỏ theo {record.revoking_decision}."
    return ""


def render_certificate_job(job: PdfJob) -> bytes:
    record = AwardRecord.objects.select_related(
        "award_kind", "person__unit", "unit", "nomination__decision", "nomination__round__deciding_unit"
    ).get(pk=job.subject_id)
    return certificate_pdf(record)


def render_bundle_job(job: PdfJob) -> bytes:
    """Every certificate of the decision in one file for printing; a certificate already rendered is reused.

    The bundle is for paper, signed by hand and stamped with the real seal: it carries no digital
    signature and no printed seal (binding signed pages would leave broken signatures behind, and a
    printed seal is no seal), only each certificate's QR code and short code, which lead to the signed
    certificate's public page (docs/signatures.md).
    """
    from django.core.files.storage import default_storage

    done = {
        j.subject_id: j.file.name
        for j in PdfJob.objects.filter(document=job.document, kind=PdfJobKind.CERTIFICATE, state=PdfJobState.DONE).exclude(file="")
    }
    writer = PdfWriter()
    for record in decision_records(job.document):
        if record.award_kind.certificate_layout == CertificateLayout.NONE:
            continue
        if record.pk in done and default_storage.exists(done[record.pk]):
            with default_storage.open(done[record.pk], "rb") as stored:
                writer.append(io.BytesIO(stored.read()), excluded_fields=UNSIGNED)
        else:
            writer.append(io.BytesIO(certificate_pdf(record)), excluded_fields=UNSIGNED)
    writer.root_object.pop("/AcroForm", None)
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def certificates_request(*, document: OfficialDocument, actor: User | None, records: list[AwardRecord] | None = None) -> int:
    """Queue one job per certificate of the decision that has none yet (``records``: the decision's
    awards when the caller has just written them), all in one insert and one dispatch after commit."""
    have = set(PdfJob.objects.filter(document=document, kind=PdfJobKind.CERTIFICATE).exclude(state=PdfJobState.FAILED).values_list("subject_id", flat=True))
    wanted = [
        record.pk for record in (decision_records(document) if records is None else records)
        if record.pk not in have and record.award_kind.certificate_layout != CertificateLayout.NONE
    ]
    if wanted:
        pdf_jobs_request(document=document, actor=actor, kind=PdfJobKind.CERTIFICATE, subject_ids=wanted)
    return len(wanted)


@transaction.atomic
def certificate_bundle_request(*, award_round: AwardRound, document: OfficialDocument, actor: User) -> PdfJob:
    """"In tất cả": one background job binds the decision's certificates; the page shows its progress."""
    ensure(policies.request_certificates_refusal(actor, award_round))
    if not Nomination.objects.filter(round=award_round, decision=document, status=NominationStatus.DECIDED).exists():
        raise ValidationError("Quyết định này chưa ban hành hoặc không thuộc đợt xét.", code="not_issued")
    job = pdf_job_request(document=document, actor=actor, kind=PdfJobKind.CERTIFICATE_BUNDLE)
    audit_record(actor=actor, action="certificate_bundle", obj=document, unit=award_round.deciding_unit, summary="Yêu cầu in tất cả bằng, giấy khen")
    return job
