"""Load the demo data of every app. Idempotent: a second run creates and changes nothing."""

import importlib

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from units.demo import DEMO_PASSWORD, Seeder


def demo_modules():
    """Each installed app's ``demo`` module, in ``INSTALLED_APPS`` order (so in dependency order)."""
    for config in apps.get_app_configs():
        module_name = f"{config.name}.demo"
        try:
            yield importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise


class Command(BaseCommand):
    help = "Nạp dữ liệu minh họa (đơn vị, cụm thi đua, cá nhân, tài khoản demo…). Chạy lại không thay đổi gì."

    def handle(self, *args, **options):
        if getattr(settings, "THIDUA_PRODUCTION", False):
            raise CommandError("Không được nạp dữ liệu minh họa với cấu hình production.")
        seeder, units = Seeder(), {}
        with transaction.atomic():
            for module in demo_modules():
                module.seed(seeder, units)
        if seeder.created:
            summary = ", ".join(f"{count} {label}" for label, count in seeder.created.items())
            self.stdout.write(self.style.SUCCESS(f"Đã tạo: {summary}."))
        else:
            self.stdout.write("Dữ liệu minh họa đã có sẵn: không có gì thay đổi.")
        self.stdout.write(f"Mật khẩu các tài khoản demo: {DEMO_PASSWORD}")
