"""Build the national data set: ``manage.py generate_national --units 5000`` (see docs/performance.md)."""

from __future__ import annotations

import io
import random
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from campaigns.models import Campaign

HISTORY_YEARS = 10
ROUND_YEAR = 2025


class Command(BaseCommand):
    help = (
        "Tạo bộ dữ liệu quy mô toàn quốc để đo hiệu năng: tổ chức của ngành (seed_demo) cùng các doanh nghiệp, "
        "đơn vị trực thuộc sinh thêm, một phong trào của Bộ (N đơn vị × 20 chỉ tiêu × 10 kỳ báo cáo), "
        "cá nhân với 10 năm xếp loại và khen thưởng, một đợt xét khen thưởng và sổ văn bản đi của Bộ."
    )

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=5000, help="số đơn vị tham gia phong trào (mặc định 5000)")
        parser.add_argument("--targets", type=int, default=20, help="số chỉ tiêu mỗi đơn vị đăng ký (tối đa 20)")
        parser.add_argument("--periods", type=int, default=10, help="số kỳ báo cáo đã báo cáo (tối đa 10)")
        parser.add_argument("--persons-per-unit", type=int, default=20, help="số cá nhân mỗi đơn vị (mặc định 20)")
        parser.add_argument("--nominations", type=int, default=None, help="số hồ sơ đề nghị trong đợt xét (mặc định = số đơn vị)")
        parser.add_argument("--documents-per-year", type=int, default=None, help="số văn bản đi của Bộ mỗi năm (mặc định = số đơn vị)")
        parser.add_argument("--label", default="", help="nhãn phân biệt bộ dữ liệu (mặc định n<số đơn vị>)")
        parser.add_argument("--seed", type=int, default=13, help="hạt giống ngẫu nhiên: cùng hạt giống, cùng dữ liệu")

    def handle(self, *args, **options):
        if getattr(settings, "THIDUA_PRODUCTION", False):
            raise CommandError("Không được tạo dữ liệu đo hiệu năng với cấu hình production.")
        units = options["units"]
        if units < 1:
            raise CommandError("--units phải lớn hơn 0.")
        if not 1 <= options["targets"] <= 20 or not 1 <= options["periods"] <= 10:
            raise CommandError("--targets phải từ 1 đến 20 và --periods từ 1 đến 10.")
        label = options["label"] or f"n{units}"
        if Campaign.objects.filter(name__endswith=f", {label})").exists():
            raise CommandError(f"Bộ dữ liệu “{label}” đã có trong cơ sở dữ liệu: dùng cơ sở dữ liệu khác hoặc --label khác.")
        if connection.vendor != "postgresql" and units > 1000:
            self.stderr.write("Cảnh báo: bộ dữ liệu lớn nên tạo trên PostgreSQL (COPY); SQLite sẽ rất chậm.")
        started = time.monotonic()
        call_command("seed_demo", stdout=self.stdout if options["verbosity"] > 1 else io.StringIO())
        summary = self._generate(label=label, units=units, options=options)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        summary_text = ", ".join(f"{value:,} {name}".replace(",", ".") for name, value in summary.items())
        self.stdout.write(self.style.SUCCESS(f"Đã tạo bộ dữ liệu “{label}” trong {time.monotonic() - started:.0f} giây: {summary_text}."))

    @transaction.atomic
    def _generate(self, *, label: str, units: int, options: dict) -> dict[str, int]:
        from thidua.national.campaign import generate_campaign
        from thidua.national.documents import generate_register
        from thidua.national.history import generate_history, generate_round
        from thidua.national.organisation import generate_clusters, generate_persons, generate_units

        rng = random.Random(options["seed"])
        created: dict[str, int] = {}
        step = self._step
        organisation = step("đơn vị", lambda: generate_units(label=label, count=units, rng=rng))
        step("cụm, khối thi đua", lambda: generate_clusters(label=label, organisation=organisation, years=[2024, 2025, 2026]))
        step("cá nhân", lambda: generate_persons(organisation=organisation, per_unit=options["persons_per_unit"], rng=rng))
        campaign = step("phong trào, đăng ký, báo cáo", lambda: generate_campaign(
            label=label, organisation=organisation, periods=options["periods"], targets=options["targets"], rng=rng, created=created))
        years = list(range(ROUND_YEAR - HISTORY_YEARS + 1, ROUND_YEAR + 1))
        history = step("xếp loại, khen thưởng", lambda: generate_history(organisation=organisation, years=years, rng=rng))
        nominations = options["nominations"] if options["nominations"] is not None else units
        award_round = step("đợt xét khen thưởng", lambda: generate_round(
            label=label, organisation=organisation, nominations=nominations, year=ROUND_YEAR, rng=rng))
        per_year = options["documents_per_year"] if options["documents_per_year"] is not None else units
        documents = step("sổ văn bản đi", lambda: generate_register(
            issuer=organisation.ministry, years=[ROUND_YEAR, ROUND_YEAR + 1], per_year=per_year, rng=rng))
        from campaigns.models import ReportValue
        from units.models import Person

        return {
            "đơn vị tham gia": len(organisation.participants),
            "cá nhân": Person.objects.filter(unit_id__in=organisation.participants).count(),
            "giá trị báo cáo": ReportValue.objects.filter(report__registration__campaign=campaign).count(),
            "xếp loại": history["ratings"],
            "khen thưởng": history["award records"],
            "hồ sơ đề nghị": award_round.nominations.count(),
            "văn bản": documents,
        }

    def _step(self, name: str, work):
        started = time.monotonic()
        result = work()
        self.stdout.write(f"  {name}: {time.monotonic() - started:.1f} giây")
        return result
