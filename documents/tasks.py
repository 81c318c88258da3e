"""Background PDF rendering. Tasks take ids, claim their row, and are safe to run twice."""

import logging
from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.db import OperationalError

logger = logging.getLogger(__name__)

STALE_AFTER = timedelta(minutes=int(getattr(settings, "PDF_JOB_STALE_MINUTES", 15)))


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=120,
    time_limit=180,
    max_retries=3,
)
def pdf_job_render(self, job_id: int) -> str:
    """Claim the job with a conditional UPDATE, render, store under a deterministic name."""
    from .jobs import JobClaimed, pdf_job_run

    try:
        return pdf_job_run(job_id)
    except JobClaimed:
        return "skipped"
    except OperationalError as error:  # a transient database error: try again later
        raise self.retry(exc=error, countdown=min(60, 2 ** (self.request.retries + 2))) from error


@shared_task
def pdf_sweep() -> int:
    from .jobs import pdf_jobs_sweep

    return pdf_jobs_sweep(stale_after=STALE_AFTER)


