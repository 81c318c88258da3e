"""The worker side of PDF jobs: claim, render, store, finish; and the sweeper.

The ``PdfJob`` row is the source of truth. A run claims the job with a conditional UPDATE that gives
it a *lease* (``lease_owner``, ``lease_until``); a heartbeat thread renews the lease while the run
renders. A duplicate delivery finds the lease held and does nothing. When a worker dies mid-render
(SIGKILL, out of memory, the machine stops), its heartbeat stops, the lease expires within
``PDF_JOB_LEASE_SECONDS``, and the next delivery (a redelivered message or the sweeper's re-send)
takes the job over. A run that lost its lease never marks the job done. The file has a deterministic
name, so a second run overwrites rather than adds.

The sweeper (Celery beat every ``PDF_SWEEP_SECONDS``, or cron every minute) puts expired jobs back in
the queue, fails those that used up their attempts, and re-sends pending jobs whose message may be
lost: all of them when the broker lost its data (a Redis restart without persistence), otherwise
those sent more than ``PDF_JOB_STALE_MINUTES`` ago.
"""

from __future__ import annotations

import io
import logging
import os
import socket
import threading
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import Error as DbError
from django.db import connection
from django.db.models import F, Q
from django.utils import timezone
from pypdf import PdfReader

from units.audit import audit_record

from .extensions import renderer_for
from .models import PdfJob, PdfJobKind, PdfJobState
from .pdf import render_document_pdf

logger = logging.getLogger(__name__)

# Set in the broker's Redis by each sweep; its absence means the broker lost its data since.
BROKER_MARK_KEY = "thidua:pdf-sweep:broker-mark"


def lease_length() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "PDF_JOB_LEASE_SECONDS", 30)))


def resend_after() -> timedelta:
    return timedelta(minutes=int(getattr(settings, "PDF_JOB_STALE_MINUTES", 5)))


class JobClaimed(Exception):
    """The job is finished, failed or gone: nothing to do."""


class JobBusy(JobClaimed):
    """Another run holds a live lease on the job; it can be taken over once the lease expires."""

    def __init__(self, job_id: int, seconds_left: float):
        super().__init__(job_id)
        self.seconds_left = max(0.0, seconds_left)


def new_lease_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"[:120]


def pdf_job_claim(job_id: int, *, owner: str) -> bool:
    """Take the job if it is pending, or running under a lease that expired. One UPDATE, so one winner."""
    now = timezone.now()
    claimable = Q(state=PdfJobState.PENDING) | Q(
        Q(lease_until__lt=now) | Q(lease_until__isnull=True),
        state=PdfJobState.RUNNING,
        attempts__lt=F("max_attempts"),
    )
    return bool(
        PdfJob.objects.filter(claimable, pk=job_id).update(
            state=PdfJobState.RUNNING,
            attempts=F("attempts") + 1,
            started_at=now,
            error="",
            lease_owner=owner,
            lease_until=now + lease_length(),
            heartbeat_at=now,
        )
    )


def lease_renew(job_id: int, *, owner: str) -> bool:
    now = timezone.now()
    return bool(
        PdfJob.objects.filter(pk=job_id, state=PdfJobState.RUNNING, lease_owner=owner).update(
            lease_until=now + lease_length(), heartbeat_at=now
        )
    )


def _close_quietly() -> None:
    try:
        connection.close()
    except DbError:
        pass  # closing a broken connection: nothing is left to release


class Heartbeat:
    """Renews a job's lease from a thread, every third of the lease, while the run renders."""

    def __init__(self, job_id: int, owner: str, every: float | None = None):
        self.job_id, self.owner = job_id, owner
        self.every = every if every is not None else lease_length().total_seconds() / 3
        self.lost = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"pdf-heartbeat-{job_id}", daemon=True)

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.every):
                try:
                    kept = lease_renew(self.job_id, owner=self.owner)
                    # Not visible to this thread's own connection: created in a transaction not yet
                    # committed (a test running on-commit work at once) or deleted. Nobody else holds
                    # it; the run's final conditional update decides (docs/signatures.md, PostgreSQL).
                    unseen = not kept and not PdfJob.objects.filter(pk=self.job_id).exists()
                except DbError as error:  # the lease may still hold; try again next beat, on a new connection
                    logger.warning("Không gia hạn được PDF #%s (%s)", self.job_id, error.__class__.__name__)
                    _close_quietly()  # a dropped connection stays closed (InterfaceError) until it is reopened
                    continue
                if not kept and not unseen:
                    self.lost.set()
                    return
        finally:
            _close_quietly()  # this thread's own connection

    def __enter__(self) -> Heartbeat:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        # No join: a beat blocked on the database must not hold the run; it matches no row afterwards.
        self._stop.set()


def still_held(job_id: int, owner: str) -> bool:
    return PdfJob.objects.filter(pk=job_id, state=PdfJobState.RUNNING, lease_owner=owner).exists()


def pdf_job_run(job_id: int) -> str:
    owner = new_lease_owner()
    if not pdf_job_claim(job_id, owner=owner):
        return pdf_job_unclaimed(job_id)
    job = PdfJob.objects.select_related("document", "document__lead_issuer").get(pk=job_id)
    try:
        with Heartbeat(job_id, owner) as heartbeat:
            content = render_job(job)
            pages = len(PdfReader(io.BytesIO(content)).pages)
            if heartbeat.lost.is_set() or not still_held(job_id, owner):
                logger.warning("PDF #%s: lượt chạy này đã mất quyền giữ yêu cầu; bỏ kết quả.", job_id)
                return "lost"
            name = job.storage_name
            if default_storage.exists(name):
                default_storage.delete(name)
            stored = default_storage.save(name, ContentFile(content))
    except Exception as error:  # noqa: BLE001 - recorded on the job; the user sees it and may retry
        logger.exception("Tạo PDF #%s lỗi", job_id)
        give_up = job.attempts >= job.max_attempts
        PdfJob.objects.filter(pk=job_id, state=PdfJobState.RUNNING, lease_owner=owner).update(
            state=PdfJobState.FAILED if give_up else PdfJobState.PENDING,
            error=f"Không tạo được bản PDF ({error.__class__.__name__}). Vui lòng thử lại hoặc báo quản trị hệ thống.",
            finished_at=timezone.now() if give_up else None,
            dispatched_at=None,
            lease_owner="",
            lease_until=None,
        )
        return "failed" if give_up else "pending"
    finished = PdfJob.objects.filter(pk=job_id, state=PdfJobState.RUNNING, lease_owner=owner).update(
        state=PdfJobState.DONE, file=stored, page_count=pages, finished_at=timezone.now(), lease_until=None
    )
    if not finished:
        logger.warning("PDF #%s: lượt chạy khác đã nhận yêu cầu trước khi lượt này xong.", job_id)
        return "lost"
    audit_record(
        actor=job.requested_by,
        action="pdf_generate",
        obj=job.document,
        unit=job.document.lead_issuer,
        summary=f"Tạo PDF #{job_id} ({job.get_kind_display()}, {pages} trang)",
    )
    return "done"


def render_job(job: PdfJob) -> bytes:
    """The document itself (or its preview), or what an app registered for the job's kind."""
    if job.kind == PdfJobKind.DOCUMENT:
        from .signing.services import issued_pdf

        return issued_pdf(job.document)  # signed, with its number, date and QR code (docs/signatures.md)
    if job.kind == PdfJobKind.PREVIEW:
        return render_document_pdf(job.document, preview=True)
    render = renderer_for(job.kind)
    if render is None:
        raise LookupError(f"no renderer for {job.kind}")
    return render(job)


GAVE_UP = "Tiến trình tạo bản PDF bị dừng giữa chừng quá số lần cho phép. Vui lòng thử lại hoặc báo quản trị hệ thống."


def pdf_job_unclaimed(job_id: int) -> str:
    """Why the claim failed: finished (JobClaimed), held by a live run (JobBusy), or out of attempts."""
    now = timezone.now()
    job = PdfJob.objects.filter(pk=job_id).values("state", "lease_until", "attempts", "max_attempts").first()
    if job is None or job["state"] != PdfJobState.RUNNING:
        raise JobClaimed(job_id)
    if job["lease_until"] is not None and job["lease_until"] >= now:
        raise JobBusy(job_id, (job["lease_until"] - now).total_seconds())
    # Expired, and every attempt ended with its worker dead: stop here rather than loop forever.
    PdfJob.objects.filter(pk=job_id, state=PdfJobState.RUNNING, lease_until=job["lease_until"]).update(
        state=PdfJobState.FAILED, finished_at=now, error=GAVE_UP, lease_owner="", lease_until=None
    )
    return "failed"


def broker_lost_messages() -> bool:
    """True when a Redis broker holds no mark from an earlier sweep: it restarted without its data.

    The mark is set again at once. Other brokers (RabbitMQ keeps durable queues) and in-process mode
    answer False; so does a broker that cannot be reached (nothing could be re-sent anyway).
    """
    from celery import current_app as app  # the project's app, configured at start-up

    if app.conf.task_always_eager:
        return False
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            if conn.transport.driver_type != "redis":
                return False
            client = conn.default_channel.client
            return bool(client.set(BROKER_MARK_KEY, timezone.now().isoformat(), nx=True))
    except Exception as error:  # noqa: BLE001 - an unreachable broker is reported by the dispatch itself
        logger.info("Không kiểm tra được hàng đợi (%s).", error.__class__.__name__)
        return False


def pdf_jobs_sweep(*, stale_after: timedelta | None = None) -> int:
    """Requeue jobs whose lease expired, fail those out of attempts, re-send pending jobs that may be lost.

    Returns how many jobs were sent.
    """
    from .services import pdf_jobs_dispatch

    now = timezone.now()
    expired = PdfJob.objects.filter(Q(lease_until__lt=now) | Q(lease_until__isnull=True), state=PdfJobState.RUNNING)
    expired.filter(attempts__gte=F("max_attempts")).update(
        state=PdfJobState.FAILED, finished_at=now, error=GAVE_UP, lease_owner="", lease_until=None
    )
    expired.filter(attempts__lt=F("max_attempts")).update(
        state=PdfJobState.PENDING, dispatched_at=None, lease_owner="", lease_until=None
    )
    waiting = PdfJob.objects.filter(state=PdfJobState.PENDING)
    if broker_lost_messages():
        logger.warning(
            "Hàng đợi không còn dấu của lần quét trước (mới khởi động, hoặc khởi động lại và mất dữ liệu): "
            "gửi lại mọi yêu cầu tạo PDF đang chờ."
        )
    else:
        cutoff = now - (stale_after if stale_after is not None else resend_after())
        waiting = waiting.filter(Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=cutoff))
    return pdf_jobs_dispatch(list(waiting.order_by("pk").values_list("pk", flat=True)))
