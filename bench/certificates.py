"""Benchmark: a decision with a 1,000-recipient annex and its 1,000 certificates, on 2 Celery workers.

    DATABASE_URL=postgres://…/thidua_scale_5000 CELERY_BROKER_URL=redis://127.0.0.1:6379/13 \\
        .venv/bin/python bench/certificates.py [--runs 5] [--recipients 1000]

Each run opens a round with 1,000 nominations the council has passed, drafts the decision
(``decision_draft``), has it signed and issued through the services, records it
(``decision_record``: 1,000 award records with their số sổ vàng) and sends every certificate to the
worker. The clock runs from the issue to the last of its PDF jobs done (the decision and one certificate
per record, queued by the application itself when the decision is issued). The worker is started as the
Makefile's ``worker`` target starts it (its concurrency, without beat; recycling comes from the settings,
``CELERY_WORKER_MAX_TASKS_PER_CHILD`` and ``..._MAX_MEMORY_PER_CHILD``); the resident memory of its
processes is sampled twice a second.
The baseline renders the same PDFs one by one in this process. Goals (issue 13 §2): at most 2
minutes at p95 and at most 300 MiB per worker process. Issued decisions stay in the Ministry's
register (numbers are never reused); the rounds, nominations and records are removed at the end.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common  # noqa: E402

MAX_SECONDS = 120.0
MAX_WORKER_MIB = 300.0
FOLDER = "bench-certificates"


def makefile_worker_args() -> list[str]:
    """The options of ``make worker`` (concurrency, recycling), without beat and with a quiet log."""
    for line in (common.ROOT / "Makefile").read_text().splitlines():
        if "celery" in line and " worker" in line and "-A thidua" in line:
            parts = shlex.split(line.strip())
            args, skip = [], False
            for part in parts[parts.index("worker") + 1:]:
                if skip:
                    skip = False
                elif part in ("-B", "--beat"):
                    continue
                elif part in ("-l", "--loglevel"):
                    skip = True
                elif not part.startswith(("-l=", "--loglevel=")):
                    args.append(part)
            return args
    raise SystemExit("Không tìm thấy lệnh celery worker trong Makefile.")


def rss_mib(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as handle:
                    if int(handle.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    return found


class Worker:
    """A Celery worker subprocess and a thread that records the peak memory of each of its processes."""

    def __init__(self, args: list[str]):
        env = {**os.environ, "PYTHONPATH": str(common.ROOT), "DEBUG": "0", "LOG_LEVEL": "WARNING"}
        celery = Path(sys.executable).parent / "celery"
        self.command = [str(celery), "-A", "thidua", "worker", *args, "-l", "warning",
                        "-n", f"bench-{os.getpid()}@%h"]
        self.process = subprocess.Popen(self.command, cwd=common.ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        self.peaks: dict[int, float] = {}
        self.processes: set[int] = set()
        self.stopping = False
        self.sampler = threading.Thread(target=self._sample, daemon=True)
        self.sampler.start()

    def _sample(self):
        while not self.stopping:
            for pid in children(self.process.pid):
                self.processes.add(pid)
                self.peaks[pid] = max(self.peaks.get(pid, 0.0), rss_mib(pid))
            time.sleep(0.5)

    def wait_ready(self, app, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"Worker dừng: {self.process.stderr.read().decode()[-2000:]}")
            if app.control.ping(timeout=1.0):
                return
        raise SystemExit("Worker không sẵn sàng sau 60 giây.")

    def stop(self):
        self.stopping = True
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def prepare(*, run: int, recipients: int, stamp: str):
    """A round with ``recipients`` nominations the council has passed, and its drafted, signed decision."""
    import datetime

    from awards.models import AwardKind, AwardRound, Nomination, NominationStatus
    from awards.services import decision_draft
    from documents.services import document_sign, document_submit
    from units.models import Person, Unit, User

    ministry = Unit.objects.get(code="bct")
    award_round = AwardRound.objects.create(
        name=f"Đo hiệu năng quyết định khen thưởng {stamp} lần {run}", deciding_unit=ministry, achievement_year=2025,
        opens_on=datetime.date(2025, 11, 1), closes_on=datetime.date(2026, 1, 15),
    )
    kind = AwardKind.objects.get(code="bk-bo")
    persons = Person.objects.filter(ratings__year=2016).select_related("unit").order_by("pk")[run * recipients:(run + 1) * recipients]
    Nomination.objects.bulk_create([
        Nomination(round=award_round, proposing_unit=p.unit, person=p, award_kind=kind, status=NominationStatus.PASSED,
                   achievement="Hoàn thành xuất sắc nhiệm vụ năm 2025, có sáng kiến được công nhận.")
        for p in persons
    ])
    users = {u.username: u for u in User.objects.filter(username__in=["demo-thuky", "demo-lanhdao", "demo-vanthu"])}
    document = decision_draft(award_round=award_round, actor=users["demo-thuky"])
    document = document_submit(document=document, actor=users["demo-thuky"])
    document = document_sign(document=document, actor=users["demo-lanhdao"])
    wait_signature_applied(document)
    return award_round, document, users


def wait_signature_applied(document, timeout: float = 300) -> None:
    """The clerk issues a decision after its signer has signed it: wait until the worker has applied
    that signature (``signatures_apply``), as it has long done when a real clerk issues; otherwise the
    issue's own PDF job and that task would contend for the document's signing lock."""
    from documents.signing.models import AppliedSignature, SignatureRole

    deadline = time.monotonic() + timeout
    while not AppliedSignature.objects.filter(document=document, role=SignatureRole.SIGNER).exists():
        if time.monotonic() > deadline:
            raise SystemExit("Chữ ký của người ký chưa được áp vào văn bản sau 5 phút: worker có chạy không?")
        time.sleep(0.5)


def finished(folder: Path) -> int:
    return sum(1 for name in os.listdir(folder) if name.endswith(".pdf")) if folder.exists() else 0


def on_workers(*, document, users, folder: Path, timeout: float) -> tuple[float, list[int]]:
    """Issue the decision: the application writes the records and queues the decision's PDF and one
    certificate job per record (``PdfJob``); return seconds until every one of those jobs is done, and
    the record ids. ``folder`` is unused (the jobs keep their files where the application keeps them)."""
    from django.db.models import Count, Q

    from awards.models import AwardRecord
    from documents.models import PdfJob, PdfJobKind, PdfJobState

    started = time.perf_counter()
    document = document_issue_as(document, users["demo-vanthu"])
    records = list(AwardRecord.objects.filter(nomination__decision=document).values_list("pk", flat=True))
    deadline = started + timeout
    ended = (PdfJobState.DONE, PdfJobState.FAILED)
    while time.perf_counter() < deadline:
        jobs = PdfJob.objects.filter(document=document).aggregate(
            certificates=Count("pk", filter=Q(kind=PdfJobKind.CERTIFICATE)),
            open=Count("pk", filter=~Q(state__in=ended)),
            failed=Count("pk", filter=Q(state=PdfJobState.FAILED)),
        )
        if jobs["certificates"] >= len(records) and jobs["open"] == 0:
            if jobs["failed"]:
                raise SystemExit(f"{jobs['failed']} tệp PDF lỗi.")
            return time.perf_counter() - started, records
        time.sleep(0.2)
    return timeout, records


def document_issue_as(document, clerk):
    from documents.services import document_issue

    return document_issue(document=document, actor=clerk)


def in_process(document, record_ids: list[int]) -> float:
    """Render and sign the same decision and certificates again, one by one, in this process.

    An issued certificate is built once and then read back from storage, so the baseline first
    forgets the workers' files (in a transaction that is rolled back; its own files are deleted).
    """
    from django.core.files.storage import default_storage
    from django.db import transaction

    from awards.models import AwardRecord
    from awards.services import certificate_pdf
    from documents.pdf import render_document_pdf
    from documents.signing.models import CertificateVerification

    records = AwardRecord.objects.filter(pk__in=record_ids).select_related(
        "award_kind", "person__unit", "unit", "nomination__decision", "nomination__round__deciding_unit").order_by("pk")
    with transaction.atomic():
        kept = CertificateVerification.objects.filter(document=document)
        kept.update(issued_sha256="", issued_file="")
        started = time.perf_counter()
        render_document_pdf(document)
        for record in records:
            certificate_pdf(record)
        elapsed = time.perf_counter() - started
        made = [name for name in kept.values_list("issued_file", flat=True) if name]
        transaction.set_rollback(True)
    for name in made:
        default_storage.delete(name)
    return elapsed


def cleanup(rounds) -> None:
    from awards.models import AwardRecord, Nomination

    for award_round in rounds:
        AwardRecord.objects.filter(nomination__round=award_round).delete()
        Nomination.objects.filter(round=award_round).delete()
        award_round.delete()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--recipients", type=int, default=1000)
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--keep", action="store_true", help="keep the rounds, nominations and records")
    parser.add_argument("--without-baseline", action="store_true", help="a quick look: no in-process baseline (ratio 1.0)")
    args = parser.parse_args()
    if not os.environ.get("CELERY_BROKER_URL", "").startswith("redis"):
        sys.exit("Đặt CELERY_BROKER_URL=redis://… (một cơ sở dữ liệu Redis riêng) để chạy worker.")
    common.setup()
    from django.conf import settings

    from thidua.celery import app

    worker_args = makefile_worker_args()
    stamp = time.strftime("%Y%m%d-%H%M%S")
    print(f"Quyết định {args.recipients} người và {args.recipients} bằng khen; worker: {' '.join(worker_args)} — {common.machine()}")
    workers_series = common.Series(f"issue → last PDF on the worker ({' '.join(worker_args)})")
    baseline = common.Series("the same PDFs one by one in process")
    rounds = []
    worker = Worker(worker_args)
    try:
        worker.wait_ready(app)
        for run in range(args.runs):
            award_round, document, users = prepare(run=run, recipients=args.recipients, stamp=stamp)
            rounds.append(award_round)
            folder = Path(settings.MEDIA_ROOT) / FOLDER / f"{stamp}-{run}"
            seconds, record_ids = on_workers(document=document, users=users, folder=folder, timeout=args.timeout)
            workers_series.seconds.append(seconds)
            baseline.seconds.append(in_process(document, record_ids) if not args.without_baseline else seconds)
            peak = max(worker.peaks.values(), default=0.0)
            print(f"  lần {run + 1}: worker {seconds:.1f} s, trong tiến trình {baseline.seconds[-1]:.1f} s, "
                  f"RSS lớn nhất của một tiến trình worker đến nay {peak:.0f} MiB ({len(worker.processes)} tiến trình)")
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        worker.stop()
        if not args.keep:
            cleanup(rounds)
    verdict = common.Verdict("Mục tiêu: quyết định và bằng khen (issue 13 §2)")
    print(f"\n  {workers_series.line()}\n  {baseline.line()}")
    print(f"  ratio (p95): {workers_series.p95 / baseline.p95:.2f}×   ratio (median): {workers_series.median / baseline.median:.2f}×")
    peak = max(worker.peaks.values(), default=0.0)
    print(f"  RSS peaks per worker process (MiB): {sorted(round(v) for v in worker.peaks.values())}")
    verdict.check(f"issue → last PDF: p95 ≤ {MAX_SECONDS:.0f} s ({workers_series.p95:.1f} s)", workers_series.p95 <= MAX_SECONDS)
    verdict.check(f"every worker process ≤ {MAX_WORKER_MIB:.0f} MiB ({peak:.0f} MiB)", peak <= MAX_WORKER_MIB)
    return verdict.finish()


if __name__ == "__main__":
    sys.exit(main())
