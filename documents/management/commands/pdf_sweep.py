"""Requeue PDF jobs whose worker died, and re-send those a broker outage or restart lost.

Celery beat runs it every ``PDF_SWEEP_SECONDS`` (30). Where beat is not running, cron every minute:
    * * * * * cd /srv/thidua && .venv/bin/python manage.py pdf_sweep
"""

from datetime import timedelta

from django.core.management.base import BaseCommand

from documents.jobs import pdf_jobs_sweep


class Command(BaseCommand):
    help = "Gửi lại các yêu cầu tạo PDF còn chờ, bị mất khỏi hàng đợi hoặc có tiến trình đã dừng."

    def add_arguments(self, parser):
        parser.add_argument(
            "--stale-minutes",
            type=int,
            default=None,
            help="Gửi lại yêu cầu đã gửi quá số phút này mà chưa chạy (mặc định PDF_JOB_STALE_MINUTES).",
        )

    def handle(self, *args, stale_minutes, **options):
        stale_after = timedelta(minutes=stale_minutes) if stale_minutes is not None else None
        sent = pdf_jobs_sweep(stale_after=stale_after)
        self.stdout.write(f"Đã gửi lại {sent} yêu cầu tạo PDF.")
