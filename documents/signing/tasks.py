"""Apply the persons' signatures in the background. Takes an id; a second run does nothing."""

from celery import shared_task
from django.db import OperationalError


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, soft_time_limit=120, time_limit=180, max_retries=3)
def signatures_apply(self, document_id: int) -> int:
    from .services import signatures_apply as apply

    try:
        return apply(document_id)
    except OperationalError as error:  # a transient database error: try again later
        raise self.retry(exc=error, countdown=min(60, 2 ** (self.request.retries + 2))) from error
