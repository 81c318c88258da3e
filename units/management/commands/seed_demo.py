"""Load the demo data of every app. Idempotent: a second run creates and changes nothing."""

import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from units.demo import Seeder

# Each app's demo module exposes ``seed(seeder, units)``, run in dependency order.
APP_SEEDERS = ["documents.signing.demo", "documents.demo", "campaigns.demo", "awards.demo"]


class Command(BaseCommand):
    help = "Nạp dữ liệu minh họa (đơn vị, cụm thi đua, cá nhân, tài khoản demo…). Chạy lại không thay đổi gì."

    def handle(self, *args, **options):
        if getattr(settings, "THIDUA_PRODUCTION", False):
            raise CommandError("Không được nạp dữ liệu minh họa với cấu hình production.")
        from units import demo

        seeder = Seeder()
        with transaction.atomic():
            units = demo.seed(seeder)
            for module_name in APP_SEEDERS:
                try:
                    module = importlib.import_module(module_name)
                except ModuleNotFoundError as error:
                    if error.name != module_name:
                        raise
                    continue
                module.seed(seeder, units)
        if seeder.created:
            summary = ", ".join(f"{count} {label}" for label, count in seeder.created.items())
            self.stdout.write(self.style.SUCCESS(f"Đã tạo: {summary}."))
        else:
            self.stdout.write("Dữ liệu minh họa đã có sẵn: không có gì thay đổi.")
        self.stdout.write(f"Mật khẩu các tài khoản demo: {demo.DEMO_PASSWORD}")
