"""PDF jobs: the row is written in the caller's transaction, the queue is told after commit."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from common.policies import ensure
from units.audit import audit_record
from units.models import User

from ..models import DocumentStatus, OfficialDocument, PdfJob, PdfJobKind, PdfJobState
from ..policies import preview_refusal

logger = logging.getLogger(__name__)


@transaction.atomic
def pdf_job_request(
    *, document: OfficialDocument, actor: User | None, kind: str = PdfJobKind.DOCUMENT, subject_id: int | None = None
) -> PdfJob:
    """Create the job row in this transaction and dispatch it after commit."""
    if kind != PdfJobKind.PREVIEW and document.status not in (
        DocumentStatus.ISSUED,
        DocumentStatus.REVOKED,
        DocumentStatus.REPLACED,
    ):
        raise ValidationError("Bản PDF chính thức chỉ tạo cho văn bản đã ban hành.", code="not_issued")
    if kind == PdfJobKind.PREVIEW and actor is not None:
        ensure(preview_refusal(actor, document))
    job = PdfJob.objects.create(document=document, kind=kind, subject_id=subject_id, requested_by=actor)
    transaction.on_commit(lambda: pdf_job_dispatch(job.pk))
    return job


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
    from ..tasks import pdf_job_render

    try:
        pdf_job_render.apply_async(args=[job_id], retry=False)
    except Exception as error:  # noqa: BLE001 - any broker failure leaves the job pending
        logger.warning("Không gửi được yêu cầu PDF #%s tới hàng đợi (%s); sẽ gửi lại sau.", job_id, error.__class__.__name__)
        return False
    PdfJob.objects.filter(pk=job_id).update(dispatched_at=timezone.now())
    return True
