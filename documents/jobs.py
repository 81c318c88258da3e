"""The worker side of PDF jobs: claim, render, store, finish; and the sweeper.

The ``PdfJob`` row is the source of truth. A job is claimed with a conditional UPDATE
(pending → running), so a duplicate delivery does nothing; its file has a deterministic
name, so a second run overwrites rather than adds.
"""

from __future__ import annotations

import io
import logging
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import F, Q
from django.utils import timezone
from pypdf import PdfReader

from units.audit import audit_record

from .models import PdfJob, PdfJobKind, PdfJobState
from .pdf import render_document_pdf

logger = logging.getLogger(__name__)


class JobClaimed(Exception):
    """The job is not pending: another run has it, or it is finished."""


def pdf_job_run(job_id: int) -> str:
    now = timezone.now()
    claimed = PdfJob.objects.filter(pk=job_id, state=PdfJobState.PENDING).update(
        state=PdfJobState.RUNNING, attempts=F("attempts") + 1, started_at=now, error=""
    )
    if not claimed:
        raise JobClaimed(job_id)
    job = PdfJob.objects.select_related("document", "document__lead_issuer").get(pk=job_id)
    try:
        if job.kind == PdfJobKind.DOCUMENT:
            from .signing.services import issued_pdf

            content = issued_pdf(job.document)  # signed, with its number, date and QR code
        else:
            content = render_document_pdf(job.document, preview=True)
        pages = len(PdfReader(io.BytesIO(content)).pages)
        name = job.storage_name
        if default_storage.exists(name):
            default_storage.delete(name)
        stored = default_storage.save(name, ContentFile(content))
    except Exception as error:  # noqa: BLE001 - recorded on the job; the user sees it and may retry
        logger.exception("Tạo PDF #%s lỗi", job_id)
        give_up = job.attempts >= job.max_attempts
        PdfJob.objects.filter(pk=job_id, state=PdfJobState.RUNNING).update(
            state=PdfJobState.FAILED if give_up else PdfJobState.PENDING,
            error=f"Không tạo được bản PDF ({error.__class__.__name__}). Vui lòng thử lại hoặc báo quản trị hệ thống.",
            finished_at=timezone.now() if give_up else None,
            dispatched_at=None,
        )
        return "failed" if give_up else "pending"
    PdfJob.objects.filter(pk=job_id, state=PdfJobState.RUNNING).update(
        state=PdfJobState.DONE, file=stored, page_count=pages, finished_at=timezone.now()
    )
    audit_record(
        actor=job.requested_by,
        action="pdf_generate",
        obj=job.document,
        unit=job.document.lead_issuer,
        summary=f"Tạo PDF #{job_id} ({job.get_kind_display()}, {pages} trang)",
    )
    return "done"


def pdf_jobs_sweep(*, stale_after: timedelta) -> int:
    """Re-dispatch pending jobs never (or long ago) sent, and requeue running jobs that went stale."""
    from .services import pdf_job_dispatch

    cutoff = timezone.now() - stale_after
    stale_running = PdfJob.objects.filter(state=PdfJobState.RUNNING, started_at__lt=cutoff)
    stale_running.filter(attempts__gte=F("max_attempts")).update(
        state=PdfJobState.FAILED, finished_at=timezone.now(), error="Quá thời gian tạo PDF."
    )
    stale_running.filter(attempts__lt=F("max_attempts")).update(state=PdfJobState.PENDING, dispatched_at=None)
    waiting = PdfJob.objects.filter(state=PdfJobState.PENDING).filter(
        Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=cutoff)
    )
    sent = 0
    for job_id in waiting.values_list("pk", flat=True):
        sent += pdf_job_dispatch(job_id)
    return sent
