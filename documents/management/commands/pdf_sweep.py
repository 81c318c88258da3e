"""Re-dispatch PDF jobs that a broker outage or a lost worker left behind.

Cron (every 5 minutes), where Celery beat is not running:
    */5 * * * * cd /srv/thidua && .venv/bin/python manage.py pdf_sweep
"""

from datetime import timedelta

from django.core.management.base import BaseCommand

from documents.jobs import pdf_jobs_sweep


class Command(BaseCommand):
    help = "Gửi lại các yêu cầu tạo PDF còn chờ hoặc bị treo."

    def add_arguments(self, parser):
        parser.add_argument("--stale-minutes", type=int, default=15, help="Sau bao nhiêu phút thì coi là bị treo.")

    def handle(self, *args, stale_minutes, **options):
        sent = pdf_jobs_sweep(stale_after=timedelta(minutes=stale_minutes))
        self.stdout.write(f"Đã gửi lại {sent} yêu cầu tạo PDF.")
