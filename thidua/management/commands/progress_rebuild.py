"""Recompute the progress tables of every campaign (or one) from registrations and reports.

The services keep the tables true as they write; this is for data loaded past them (a restore of an
older backup, rows copied in by hand) and for checking: it prints how many unit lines it wrote.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from campaigns.models import Campaign
from campaigns.services.progress import progress_rebuild


class Command(BaseCommand):
    help = "Tính lại bảng tiến độ (đơn vị, chỉ tiêu, kỳ báo cáo) của mọi phong trào hoặc của một phong trào."

    def add_arguments(self, parser):
        parser.add_argument("--campaign", type=int, help="id của phong trào (mặc định: mọi phong trào)")

    def handle(self, *args, campaign=None, **options):
        chosen = None
        if campaign is not None:
            chosen = Campaign.objects.filter(pk=campaign).first()
            if chosen is None:
                raise CommandError(f"Không có phong trào id {campaign}.")
        with transaction.atomic():
            lines = progress_rebuild(campaign=chosen)
        self.stdout.write(f"Đã tính lại tiến độ: {lines} dòng đơn vị.")
