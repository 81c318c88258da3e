"""§6 PDF jobs recover in a minute: leases, heartbeats, takeover, and a sweeper that re-sends lost messages."""

import time
from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.utils import timezone

from documents import jobs
from documents.jobs import JobBusy, JobClaimed, pdf_job_run, pdf_jobs_sweep
from documents.models import PdfJob, PdfJobKind, PdfJobState
from documents.pdf import render_document_pdf
from documents.tasks import LEASE_WAITS, pdf_job_render

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(media_root):
    return media_root


def running_job(document, *, lease_left: timedelta, attempts=1, owner="may-chet:4242:abc"):
    now = timezone.now()
    return PdfJob.objects.create(
        document=document,
        kind=PdfJobKind.PREVIEW,
        state=PdfJobState.RUNNING,
        attempts=attempts,
        started_at=now - timedelta(minutes=1),
        dispatched_at=now - timedelta(minutes=1),
        lease_owner=owner,
        lease_until=now + lease_left,
        heartbeat_at=now + lease_left - jobs.lease_length(),
    )


def test_lease_settings_recover_within_a_minute():
    """A dead worker's job is claimable within the lease; beat re-sends it at most one period later."""
    assert settings.PDF_JOB_LEASE_SECONDS + settings.CELERY_BEAT_SCHEDULE["pdf-sweep"]["schedule"] <= 60
    assert settings.CELERY_BEAT_SCHEDULE["pdf-sweep"]["task"] == "documents.tasks.pdf_sweep"


def test_redelivered_task_takes_over_job_whose_lease_expired(make_plan):
    job = running_job(make_plan(), lease_left=timedelta(seconds=-1))
    assert pdf_job_render.apply(args=[job.pk]).get() == "done"
    job.refresh_from_db()
    assert job.state == PdfJobState.DONE and job.attempts == 2
    assert job.lease_owner != "may-chet:4242:abc" and job.lease_until is None


def test_delivery_while_lease_is_live_changes_nothing(make_plan):
    job = running_job(make_plan(), lease_left=timedelta(seconds=20))
    with pytest.raises(JobBusy) as busy:
        pdf_job_run(job.pk)
    assert 18 < busy.value.seconds_left <= 20
    before = PdfJob.objects.values().get(pk=job.pk)
    assert pdf_job_render.apply(args=[job.pk]).get() == "busy"
    assert PdfJob.objects.values().get(pk=job.pk) == before


def test_worker_delivery_waits_for_a_live_lease_then_retries():
    """On a worker (not in-process), a busy delivery comes back when the lease would expire."""
    pdf_job_render.push_request(retries=0, is_eager=False, id="t-1")
    try:
        with mock.patch("documents.jobs.pdf_job_run", side_effect=JobBusy(7, 12.4)), mock.patch.object(
            pdf_job_render, "retry", side_effect=RuntimeError("retry")
        ) as retry:
            with pytest.raises(RuntimeError):
                pdf_job_render.run(7)
        assert retry.call_args.kwargs == {"countdown": 13, "max_retries": LEASE_WAITS}
    finally:
        pdf_job_render.pop_request()


def test_run_that_lost_its_lease_does_not_mark_done(make_plan):
    """A slow run whose lease another run took over throws its result away."""
    job = PdfJob.objects.create(document=make_plan(), kind=PdfJobKind.PREVIEW)

    def slow_render(document, preview):
        PdfJob.objects.filter(pk=job.pk).update(lease_owner="nguoi-khac:1:xyz")  # taken over meanwhile
        return render_document_pdf(document, preview=preview)

    with mock.patch("documents.jobs.render_document_pdf", side_effect=slow_render):
        assert pdf_job_run(job.pk) == "lost"
    job.refresh_from_db()
    assert job.state == PdfJobState.RUNNING and job.lease_owner == "nguoi-khac:1:xyz" and not job.file


def test_expired_job_out_of_attempts_fails_instead_of_looping(make_plan):
    job = running_job(make_plan(), lease_left=timedelta(seconds=-1), attempts=3)
    assert pdf_job_run(job.pk) == "failed"
    job.refresh_from_db()
    assert job.state == PdfJobState.FAILED and "bị dừng giữa chừng" in job.error
    with pytest.raises(JobClaimed):
        pdf_job_run(job.pk)


@pytest.mark.django_db(transaction=True)
def test_heartbeat_renews_lease_while_rendering(make_plan, settings):
    settings.PDF_JOB_LEASE_SECONDS = 3  # a beat every second
    job = PdfJob.objects.create(document=make_plan(), kind=PdfJobKind.PREVIEW)
    seen = {}

    def slow_render(document, preview):
        claimed = PdfJob.objects.get(pk=job.pk)
        time.sleep(2.5)
        renewed = PdfJob.objects.get(pk=job.pk)
        seen.update(claimed=claimed, renewed=renewed)
        return render_document_pdf(document, preview=preview)

    with mock.patch("documents.jobs.render_document_pdf", side_effect=slow_render):
        assert pdf_job_run(job.pk) == "done"
    claimed, renewed = seen["claimed"], seen["renewed"]
    assert renewed.lease_owner == claimed.lease_owner != ""
    assert renewed.heartbeat_at >= claimed.heartbeat_at + timedelta(seconds=1.5)
    assert renewed.lease_until >= claimed.lease_until + timedelta(seconds=1.5)


def test_sweeper_requeues_expired_lease_and_leaves_live_one(make_plan):
    dead = running_job(make_plan(), lease_left=timedelta(seconds=-1))
    alive = running_job(make_plan(subject="Kế hoạch khác"), lease_left=timedelta(seconds=25), owner="song:1:a")
    with mock.patch("documents.tasks.pdf_job_render.apply_async") as send:
        assert pdf_jobs_sweep() == 1
    assert send.call_args.kwargs["args"] == [dead.pk]
    dead.refresh_from_db()
    alive.refresh_from_db()
    assert dead.state == PdfJobState.PENDING and dead.lease_owner == "" and dead.dispatched_at is not None
    assert alive.state == PdfJobState.RUNNING and alive.lease_owner == "song:1:a"


def test_sweeper_fails_expired_job_out_of_attempts(make_plan):
    job = running_job(make_plan(), lease_left=timedelta(seconds=-1), attempts=3)
    with mock.patch("documents.tasks.pdf_job_render.apply_async") as send:
        assert pdf_jobs_sweep() == 0
    job.refresh_from_db()
    assert job.state == PdfJobState.FAILED and send.call_count == 0


def test_sweeper_resends_recent_pending_jobs_only_when_broker_lost_its_data(make_plan):
    job = PdfJob.objects.create(document=make_plan(), kind=PdfJobKind.PREVIEW, dispatched_at=timezone.now())
    with mock.patch("documents.tasks.pdf_job_render.apply_async") as send:
        with mock.patch("documents.jobs.broker_lost_messages", return_value=False):
            assert pdf_jobs_sweep() == 0  # sent a moment ago: still in the queue
        with mock.patch("documents.jobs.broker_lost_messages", return_value=True):
            assert pdf_jobs_sweep() == 1
    assert send.call_args.kwargs["args"] == [job.pk]


def test_sweeper_resends_pending_job_sent_long_ago(make_plan):
    job = PdfJob.objects.create(
        document=make_plan(), kind=PdfJobKind.PREVIEW, dispatched_at=timezone.now() - timedelta(minutes=6)
    )
    with mock.patch("documents.tasks.pdf_job_render.apply_async") as send:
        assert pdf_jobs_sweep() == 1
    assert send.call_args.kwargs["args"] == [job.pk]


def test_broker_mark_is_not_checked_in_process():
    assert jobs.broker_lost_messages() is False


def test_heartbeat_survives_a_database_error_while_looking_for_its_job():
    """A beat whose look-up fails (SQLite's shared test database locked, a dropped connection, then
    "connection already closed") tries again at the next beat on a new connection; it used to die with
    an unhandled exception in its thread."""
    import threading

    from django.db import InterfaceError, OperationalError

    renewals, unhandled = [], []

    def renew(job_id, owner):
        renewals.append(job_id)
        if len(renewals) > 1:
            raise InterfaceError("connection already closed")
        return False

    missing = mock.Mock()
    missing.objects.filter.return_value.exists.side_effect = OperationalError("database table is locked")
    previous, threading.excepthook = threading.excepthook, unhandled.append
    try:
        with (
            mock.patch.object(jobs, "lease_renew", side_effect=renew),
            mock.patch.object(jobs, "PdfJob", missing),
            mock.patch.object(jobs, "_close_quietly", wraps=jobs._close_quietly) as closed,
        ):
            with jobs.Heartbeat(1, "may:1:a", every=0.01) as beat:
                deadline = time.monotonic() + 5
                while len(renewals) < 3 and time.monotonic() < deadline:
                    time.sleep(0.01)
            beat._thread.join(5)
    finally:
        threading.excepthook = previous
    assert len(renewals) >= 3 and not beat.lost.is_set() and not beat._thread.is_alive()
    assert unhandled == [] and closed.call_count >= len(renewals)  # each failure drops the connection
