"""PDF jobs: the row is written in the caller's transaction, the queue is told after commit."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from common.policies import ensure
from units.audit import audit_record
from units.models import User

from ..models import ISSUED_STATUSES, OfficialDocument, PdfJob, PdfJobKind, PdfJobState
from ..policies import preview_refusal

logger = logging.getLogger(__name__)


def _ensure_issued(document: OfficialDocument) -> None:
    """Official PDFs (the document, its certificates) only for a document that has been issued."""
    if document.status not in ISSUED_STATUSES:
        raise ValidationError("Bản PDF chính thức chỉ tạo cho văn bản đã ban hành.", code="not_issued")


@transaction.atomic
def pdf_job_request(
    *, document: OfficialDocument, actor: User | None, kind: str = PdfJobKind.DOCUMENT, subject_id: int | None = None
) -> PdfJob:
    """Create the job row in this transaction and dispatch it after commit."""
    if kind != PdfJobKind.PREVIEW:
        _ensure_issued(document)
    if kind == PdfJobKind.PREVIEW and actor is not None:
        ensure(preview_refusal(actor, document))
    job = PdfJob.objects.create(document=document, kind=kind, subject_id=subject_id, requested_by=actor)
    transaction.on_commit(lambda: pdf_job_dispatch(job.pk))
    return job


@transaction.atomic
def pdf_jobs_request(*, document: OfficialDocument, actor: User | None, kind: str, subject_ids: list[int]) -> list[int]:
    """One job per subject (a decision's certificates), written in one insert and dispatched after
    commit in one pass over one broker connection; the same rules as ``pdf_job_request``."""
    if kind == PdfJobKind.PREVIEW:
        raise ValueError("previews are requested one at a time (pdf_job_request), with the viewer's permission")
    _ensure_issued(document)
    jobs = PdfJob.objects.bulk_create(
        [PdfJob(document=document, kind=kind, subject_id=subject_id, requested_by=actor) for subject_id in subject_ids],
        batch_size=1000,
    )
    ids = [job.pk for job in jobs]
    transaction.on_commit(lambda: pdf_jobs_dispatch(ids))
    return ids


@transaction.atomic
def pdf_job_retry(*, job: PdfJob, actor: User) -> PdfJob:
    locked = PdfJob.objects.select_for_update().get(pk=job.pk)
    if locked.state != PdfJobState.FAILED:
        raise ValidationError("Chỉ thử lại yêu cầu bị lỗi.", code="not_failed")
    locked.state, locked.attempts, locked.error = PdfJobState.PENDING, 0, ""
    locked.save(update_fields=["state", "attempts", "error"])
    audit_record(actor=actor, action="pdf_retry", obj=locked.document, unit=locked.document.lead_issuer, summary=f"Thử lại PDF #{locked.pk}")
    transaction.on_commit(lambda: pdf_job_dispatch(locked.pk))
    return locked


def pdf_job_dispatch(job_id: int) -> bool:
    """Send the job to the queue. A broker outage only delays it: the sweeper sends it again."""
    return pdf_jobs_dispatch([job_id]) == 1


def pdf_jobs_dispatch(job_ids: list[int]) -> int:
    """Send jobs to the queue over one connection, mark those sent, and return how many were sent.

    A broker outage stops the pass: the jobs not sent stay pending (no ``dispatched_at``) and the
    sweeper sends them again, so an outage only delays them.
    """
    from ..tasks import pdf_job_render

    if not job_ids:
        return 0
    sent = []
    try:
        with pdf_job_render.app.producer_or_acquire() as producer:
            for job_id in job_ids:
                pdf_job_render.apply_async(args=[job_id], retry=False, producer=producer)
                sent.append(job_id)
    except Exception as error:  # noqa: BLE001 - any broker failure leaves the job pending
        logger.warning(
            "Không gửi được %s yêu cầu PDF (từ #%s) tới hàng đợi (%s); sẽ gửi lại sau.",
            len(job_ids) - len(sent), job_ids[len(sent)], error.__class__.__name__,
        )
    if sent:
        PdfJob.objects.filter(pk__in=sent).update(dispatched_at=timezone.now())
    return len(sent)
