"""A real Celery worker on Redis renders a real PDF end to end (required in CI)."""

import time

import pytest
from celery.contrib.testing.worker import start_worker

from documents.models import PdfJob, PdfJobState
from documents.services import document_issue, document_sign, document_submit

pytestmark = pytest.mark.integration


@pytest.fixture
def redis_worker(redis_url, celery_broker):
    url = redis_url.rsplit("/", 1)[0] + "/5"
    app = celery_broker(url)
    with app.connection_for_write() as connection:
        connection.default_channel.client.flushdb()
    with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
        yield url


@pytest.mark.django_db(transaction=True)
def test_worker_renders_issued_document(redis_worker, make_plan, manager_vl, signer_vl, clerk_vl, media_root):
    document = make_plan()
    document_submit(document=document, actor=manager_vl)
    document_sign(document=document, actor=signer_vl)
    document = document_issue(document=document, actor=clerk_vl)  # commits: dispatched to Redis
    job = PdfJob.objects.get(document=document)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.state in (PdfJobState.DONE, PdfJobState.FAILED):
            break
        time.sleep(0.2)
    assert job.state == PdfJobState.DONE, job.error
    assert job.dispatched_at is not None
    assert job.file.open("rb").read(5) == b"%PDF-"
