"""§6 PDF jobs recover in a minute, with real Celery workers and a real Redis (required in CI).

- A worker is killed with SIGKILL mid-render (the whole worker: its main process and its child);
  a new worker with beat starts: the PDF is done within 90 seconds.
- A Redis started here (never the shared one) restarts without persistence while jobs wait in its
  queue: the messages are gone, and every job is done after one sweep.

Workers are separate processes (`celery -A thidua worker`) on the test database, so they see what the
test commits; the SQLite test database is a file for that reason (thidua/settings/test.py).
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from documents.models import PdfJob, PdfJobKind, PdfJobState
from documents.services import pdf_job_dispatch
from tests.conftest import wait_for

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

BASE_DIR = Path(__file__).resolve().parents[2]
RECOVERY_LIMIT = 90  # seconds, from the kill to the finished PDF


def database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        name = db["NAME"]
        assert not str(name).startswith(("file:", ":memory:")) and "mode=memory" not in str(name), name
        return f"sqlite:///{name}"
    assert connection.vendor == "postgresql"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Workers:
    """Real `celery -A thidua worker` processes, each in its own process group."""

    def __init__(self, broker_url: str, media_root: Path, logdir: Path):
        self.broker_url, self.media_root, self.logdir = broker_url, media_root, logdir
        self.started: list[tuple[subprocess.Popen, Path]] = []

    def start(self, name: str, *, beat: bool = False) -> subprocess.Popen:
        env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
        env.update(
            DJANGO_SETTINGS_MODULE="thidua.settings",
            DATABASE_URL=database_url(),
            CELERY_BROKER_URL=self.broker_url,
            MEDIA_ROOT=str(self.media_root),
            PYTHONUNBUFFERED="1",
        )
        command = [sys.executable, "-m", "celery", "-A", "thidua", "worker", "-P", "prefork", "-c", "1",
                   "-l", "info", "-n", f"{name}@%h", "--without-gossip", "--without-mingle"]
        if beat:
            command += ["-B", "--schedule", str(self.logdir / f"{name}-beat")]
        log = self.logdir / f"{name}.log"
        process = subprocess.Popen(command, cwd=BASE_DIR, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
                                   start_new_session=True)
        self.started.append((process, log))
        return process

    def kill(self, process: subprocess.Popen) -> None:
        os.killpg(process.pid, signal.SIGKILL)  # the main process and its pool child, no warning
        process.wait(timeout=10)

    def logs(self) -> str:
        return "\n".join(f"--- {log.name}\n{log.read_text(errors='replace')[-4000:]}" for _, log in self.started)

    def stop_all(self) -> None:
        for process, _ in self.started:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=10)


@pytest.fixture
def workers(own_redis, celery_broker, media_root, tmp_path):
    celery_broker(own_redis.url)
    media_root.mkdir(parents=True, exist_ok=True)
    group = Workers(own_redis.url, media_root, tmp_path)
    yield group
    group.stop_all()


def state_of(job: PdfJob) -> PdfJob:
    job.refresh_from_db()
    return job


def test_worker_killed_mid_render_pdf_done_within_90_seconds(workers, make_plan):
    document = make_plan(paragraphs=400)  # several seconds of rendering: time to kill it mid-way
    job = PdfJob.objects.create(document=document, kind=PdfJobKind.PREVIEW)
    first = workers.start("bi-giet")
    assert pdf_job_dispatch(job.pk)
    assert wait_for(lambda: state_of(job).state == PdfJobState.RUNNING, 60, 0.05), workers.logs()
    time.sleep(0.5)
    assert state_of(job).state == PdfJobState.RUNNING and not job.file, "bản PDF xong trước khi kịp dừng tiến trình"
    held_by = job.lease_owner
    workers.kill(first)
    killed_at = time.monotonic()
    assert state_of(job).state == PdfJobState.RUNNING  # nobody else knows yet

    workers.start("thay-the", beat=True)
    wait_for(lambda: state_of(job).state in (PdfJobState.DONE, PdfJobState.FAILED), RECOVERY_LIMIT + 5, 0.5)
    took = time.monotonic() - killed_at
    print(f"\nPDF #{job.pk}: xong {took:.1f} s sau khi dừng tiến trình (giới hạn {RECOVERY_LIMIT} s)")
    assert job.state == PdfJobState.DONE, job.error + workers.logs()
    assert took <= RECOVERY_LIMIT, workers.logs()
    assert job.attempts == 2 and job.lease_owner != held_by
    assert job.file.open("rb").read(5) == b"%PDF-"
    assert len(list((workers.media_root / "pdf" / str(document.pk)).iterdir())) == 1


def test_redis_restart_without_persistence_every_job_done_after_one_sweep(workers, own_redis, make_plan):
    from documents.jobs import pdf_jobs_sweep

    pdf_jobs_sweep()  # beat has been sweeping: the broker carries the sweeper's mark
    # One long job keeps the only worker busy; the others wait in Redis's queue.
    busy = PdfJob.objects.create(document=make_plan(paragraphs=300), kind=PdfJobKind.PREVIEW)
    waiting = [PdfJob.objects.create(document=make_plan(subject=f"Kế hoạch {i}"), kind=PdfJobKind.PREVIEW)
               for i in range(5)]
    worker = workers.start("qua-khoi-dong-lai")
    assert pdf_job_dispatch(busy.pk)
    assert wait_for(lambda: state_of(busy).state == PdfJobState.RUNNING, 60, 0.05), workers.logs()
    for job in waiting:
        assert pdf_job_dispatch(job.pk)
    assert own_redis.queued() == len(waiting)
    assert pdf_jobs_sweep() == 0  # a sweep before the restart: nothing lost, nothing re-sent

    own_redis.stop()  # no dump, no AOF: the queue is gone
    own_redis.start()
    assert own_redis.queued() == 0
    assert wait_for(lambda: state_of(busy).state == PdfJobState.DONE, 60), workers.logs()
    time.sleep(3)  # the worker is idle and connected again, and nothing comes
    assert worker.poll() is None, workers.logs()
    assert PdfJob.objects.filter(pk__in=[j.pk for j in waiting], state=PdfJobState.PENDING).count() == len(waiting)

    sent = pdf_jobs_sweep()
    assert sent == len(waiting)
    done = wait_for(
        lambda: PdfJob.objects.filter(pk__in=[j.pk for j in waiting], state=PdfJobState.DONE).count() == len(waiting),
        60,
        0.5,
    )
    print(f"\nSau khi Redis khởi động lại: gửi lại {sent}, xong {len(waiting) if done else 'chưa đủ'}/{len(waiting)}")
    assert done, workers.logs()
    assert all(state_of(job).attempts == 1 for job in waiting)
