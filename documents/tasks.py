"""Background PDF rendering. Tasks take ids, claim their row under a lease, and are safe to run twice."""

import logging

from celery import shared_task
from django.db import OperationalError

logger = logging.getLogger(__name__)

# How many times a delivery that finds the job held by a live run waits for that lease to expire.
# A run cannot hold a lease past the hard time limit, so a few waits reach the end of any run.
LEASE_WAITS = 8
DATABASE_RETRIES = 3


@shared_task(
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=120,
    time_limit=180,
)
def pdf_job_render(self, job_id: int) -> str:
    """Claim the job under a lease, render, store under a deterministic name.

    A delivery that finds a live lease (the worker's child was killed and the message came back
    at once, or a duplicate) waits until the lease would expire and tries again: if the holder is
    dead by then, this delivery takes the job over; if it finished, there is nothing to do.
    """
    from .jobs import JobBusy, JobClaimed, pdf_job_run

    try:
        return pdf_job_run(job_id)
    except JobBusy as busy:
        if self.request.is_eager or self.request.retries >= LEASE_WAITS:
            return "busy"  # the sweeper takes the job over if its holder dies
        raise self.retry(countdown=int(busy.seconds_left) + 1, max_retries=LEASE_WAITS) from None
    except JobClaimed:
        return "skipped"
    except OperationalError as error:  # a transient database error: try again later
        if self.request.retries >= DATABASE_RETRIES:
            raise
        raise self.retry(exc=error, countdown=min(60, 2 ** (self.request.retries + 2))) from error


@shared_task
def pdf_sweep() -> int:
    from .jobs import pdf_jobs_sweep

    return pdf_jobs_sweep()
