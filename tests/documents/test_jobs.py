"""PDF jobs lose nothing: dispatch on commit, survive a broker outage, run once."""

import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone

from documents.jobs import JobClaimed, pdf_job_run, pdf_jobs_sweep
from documents.models import PdfJob, PdfJobKind, PdfJobState
from documents.services import document_issue, pdf_job_request, pdf_job_retry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(media_root):
    return media_root


def test_rollback_dispatches_nothing_and_commit_dispatches_once(make_plan, django_capture_on_commit_callbacks):
    document = make_plan()
    with mock.patch("documents.tasks.pdf_job_render.apply_async") as send:
        with django_capture_on_commit_callbacks(execute=True):
            try:
                with transaction.atomic():
                    pdf_job_request(document=document, actor=None, kind=PdfJobKind.PREVIEW)
                    raise RuntimeError("hủy yêu cầu")
            except RuntimeError:
                pass
        assert send.call_count == 0
        assert not PdfJob.objects.exists()
        with django_capture_on_commit_callbacks(execute=True):
            job = pdf_job_request(document=document, actor=None, kind=PdfJobKind.PREVIEW)
        assert send.call_count == 1
        assert send.call_args.kwargs["args"] == [job.pk]


def test_broker_down_keeps_job_pending_and_sweeper_sends_it_once(signed_plan, clerk_vl, django_capture_on_commit_callbacks):
    with mock.patch("documents.tasks.pdf_job_render.apply_async", side_effect=ConnectionError("Redis down")):
        with django_capture_on_commit_callbacks(execute=True):
            document = document_issue(document=signed_plan, actor=clerk_vl)
    assert document.symbol == "01/KH-SCT"
    job = PdfJob.objects.get(document=document)
    assert job.state == PdfJobState.PENDING and job.dispatched_at is None
    with mock.patch("documents.tasks.pdf_job_render.apply_async") as send:
        assert pdf_jobs_sweep(stale_after=timedelta(minutes=15)) == 1
        assert pdf_jobs_sweep(stale_after=timedelta(minutes=15)) == 0
    assert send.call_count == 1


def test_sweeper_requeues_stale_running_job(make_plan):
    job = PdfJob.objects.create(document=make_plan(), kind=PdfJobKind.PREVIEW, state=PdfJobState.RUNNING, attempts=1)
    PdfJob.objects.filter(pk=job.pk).update(started_at=timezone.now() - timedelta(hours=1))
    with mock.patch("documents.tasks.pdf_job_render.apply_async") as send:
        assert pdf_jobs_sweep(stale_after=timedelta(minutes=15)) == 1
    job.refresh_from_db()
    assert job.state == PdfJobState.PENDING and send.call_count == 1


def test_job_renders_and_a_duplicate_delivery_does_nothing(make_plan):
    job = PdfJob.objects.create(document=make_plan(), kind=PdfJobKind.PREVIEW)
    assert pdf_job_run(job.pk) == "done"
    with pytest.raises(JobClaimed):
        pdf_job_run(job.pk)
    job.refresh_from_db()
    assert job.state == PdfJobState.DONE and job.attempts == 1 and job.page_count >= 1
    assert job.file.name == f"pdf/{job.document_id}/preview-{job.pk}.pdf"
    assert default_storage.open(job.file.name).read(5) == b"%PDF-"


def test_failed_render_is_recorded_and_can_be_retried(make_plan, manager_vl):
    job = PdfJob.objects.create(document=make_plan(), kind=PdfJobKind.PREVIEW, max_attempts=1)
    with mock.patch("documents.jobs.render_document_pdf", side_effect=OSError("disk full")):
        assert pdf_job_run(job.pk) == "failed"
    job.refresh_from_db()
    assert job.state == PdfJobState.FAILED and "Không tạo được bản PDF" in job.error
    with mock.patch("documents.tasks.pdf_job_render.apply_async"):
        pdf_job_retry(job=job, actor=manager_vl)
    job.refresh_from_db()
    assert job.state == PdfJobState.PENDING and job.attempts == 0


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_give_one_file_and_one_done(make_plan, media_root):
    if connection.vendor != "postgresql":
        pytest.skip("Hai tiến trình đồng thời cần PostgreSQL; CI chạy bài này trên PostgreSQL.")
    job = PdfJob.objects.create(document=make_plan(), kind=PdfJobKind.PREVIEW)
    results, barrier = [], threading.Barrier(2)

    def run():
        barrier.wait()
        try:
            results.append(pdf_job_run(job.pk))
        except JobClaimed:
            results.append("skipped")
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["done", "skipped"]
    job.refresh_from_db()
    assert job.attempts == 1 and job.state == PdfJobState.DONE
    assert len(list((media_root / "pdf" / str(job.document_id)).iterdir())) == 1


def test_pdf_sweep_command(make_plan):
    from io import StringIO

    from django.core.management import call_command

    PdfJob.objects.create(document=make_plan(), kind=PdfJobKind.PREVIEW)
    out = StringIO()
    with mock.patch("documents.tasks.pdf_job_render.apply_async"):
        call_command("pdf_sweep", stdout=out)
    assert "Đã gửi lại 1" in out.getvalue()


def test_many_jobs_go_over_one_connection_and_an_outage_leaves_the_rest_pending(make_plan, django_capture_on_commit_callbacks):
    """A decision's certificates: one insert, one pass of sends after commit; when the broker fails half
    way, the jobs sent are marked and the others stay pending for the sweeper."""
    from documents.models import DocumentStatus
    from documents.services import pdf_jobs_dispatch, pdf_jobs_request

    document = make_plan()
    PdfJob.objects.filter(document=document).delete()
    type(document).objects.filter(pk=document.pk).update(status=DocumentStatus.ISSUED)
    document.refresh_from_db()
    with mock.patch("documents.tasks.pdf_job_render.apply_async") as send:
        with django_capture_on_commit_callbacks(execute=True):
            ids = pdf_jobs_request(document=document, actor=None, kind=PdfJobKind.CERTIFICATE, subject_ids=[11, 12, 13])
        assert [c.kwargs["args"] for c in send.call_args_list] == [[i] for i in ids]
        assert len({id(c.kwargs["producer"]) for c in send.call_args_list}) == 1, "one producer for the pass"
    assert not PdfJob.objects.filter(pk__in=ids, dispatched_at__isnull=True).exists()

    PdfJob.objects.filter(pk__in=ids).update(dispatched_at=None)
    with mock.patch("documents.tasks.pdf_job_render.apply_async", side_effect=[None, ConnectionError("Redis down")]) as send:
        assert pdf_jobs_dispatch(ids) == 1
    assert send.call_count == 2, "the pass stops at the first failure"
    assert list(PdfJob.objects.filter(pk__in=ids, dispatched_at__isnull=False).values_list("pk", flat=True)) == ids[:1]
    assert PdfJob.objects.filter(pk__in=ids[1:], state=PdfJobState.PENDING, dispatched_at__isnull=True).count() == 2


def test_bulk_jobs_only_for_an_issued_document(make_plan):
    from django.core.exceptions import ValidationError

    from documents.services import pdf_jobs_request

    with pytest.raises(ValidationError):
        pdf_jobs_request(document=make_plan(), actor=None, kind=PdfJobKind.CERTIFICATE, subject_ids=[1])
