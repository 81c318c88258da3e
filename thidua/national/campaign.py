"""A Ministry-wide campaign with every participant registered: 20 targets each and 10 quarterly reports.

Units report cumulative values that grow period after period, each at its own pace, so that some
exceed their targets, most are behind and a few never report: the mix a national dashboard shows.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from campaigns.models import (
    Campaign,
    CampaignContent,
    CampaignIssuer,
    CampaignKind,
    CampaignScope,
    CampaignStatus,
    Direction,
    Indicator,
    IndicatorKind,
    ProgressReport,
    Registration,
    RegistrationStatus,
    ReportCycle,
    ReportStatus,
    ReportValue,
    Target,
)
from campaigns.periods import campaign_periods
from campaigns.services.progress import progress_refresh
from units.models import UnitKind

from .bulk import take_ids, write
from .organisation import Organisation

START, END = datetime.date(2024, 4, 1), datetime.date(2026, 12, 31)  # 11 quarters, the first 10 ended

# Five more catalogue entries (legal-reference §7 style), so that a registration has 20 targets.
EXTRA_INDICATORS = [
    ("dn-chuyen-doi-so", "Doanh nghiệp được hỗ trợ chuyển đổi số", "doanh nghiệp", IndicatorKind.COUNT),
    ("tiet-kiem-nang-luong", "Điện năng tiết kiệm được", "triệu kWh", IndicatorKind.QUANTITY),
    ("vu-vi-pham-qltt", "Vụ việc vi phạm được kiểm tra, xử lý", "vụ", IndicatorKind.COUNT),
    ("thu-nsnn-qltt", "Số tiền thu nộp ngân sách từ xử lý vi phạm", "tỷ đồng", IndicatorKind.MONEY),
    ("ton-that-dien", "Tỷ lệ tổn thất điện năng", "%", IndicatorKind.PERCENTAGE),
]
# A Sở's target for each indicator; other units register a share of it (SCALE).
MAGNITUDE = {
    "iip": Decimal(108), "gtsx-cn": Decimal(38300), "ban-le": Decimal(56000), "xuat-khau": Decimal(1500),
    "nhap-khau": Decimal(800), "dien-thuong-pham": Decimal(1860), "dien-gio": Decimal(140), "dien-mat-troi": Decimal(45),
    "ty-le-ho-co-dien": Decimal("99.5"), "ccn-moi": Decimal(2), "cho-sieu-thi": Decimal(6), "sp-chu-luc": Decimal(12),
    "khuyen-cong": Decimal(15), "sang-kien": Decimal(20), "dn-chuyen-doi-so": Decimal(120), "tiet-kiem-nang-luong": Decimal(35),
    "vu-vi-pham-qltt": Decimal(900), "thu-nsnn-qltt": Decimal(25), "ton-that-dien": Decimal("4.5"),
}
RATES = {IndicatorKind.PERCENTAGE}  # a rate is not cumulative: every report gives the level reached
SCALE = {UnitKind.PROVINCIAL_DEPARTMENT: Decimal(1), UnitKind.PUBLIC_SERVICE: Decimal("0.1"),
         UnitKind.DIVISION: Decimal("0.02"), UnitKind.ENTERPRISE: Decimal("0.05")}
CONTENTS = [
    "Thi đua hoàn thành và vượt mức các chỉ tiêu kế hoạch sản xuất công nghiệp, thương mại, xuất khẩu được giao.",
    "Thi đua đẩy mạnh chuyển đổi số, chuyển đổi xanh, sử dụng năng lượng tiết kiệm và hiệu quả.",
    "Thi đua tăng cường công tác quản lý thị trường, chống buôn lậu, gian lận thương mại và hàng giả.",
    "Thi đua cải cách hành chính, xây dựng đội ngũ cán bộ, công chức, viên chức, người lao động tận tụy, chuyên nghiệp.",
]


def indicators(seeder_created: dict) -> list[Indicator]:
    """The 20 indicators a registration has: the demo catalogue plus five more, created if missing."""
    for code, name, measure, kind in EXTRA_INDICATORS:
        _, created = Indicator.objects.get_or_create(code=code, defaults={"name": name, "unit_of_measure": measure, "kind": kind})
        if created:
            seeder_created["indicators"] = seeder_created.get("indicators", 0) + 1
    found = list(Indicator.objects.filter(is_active=True).order_by("pk"))
    return found[:20]


def _target(indicator: Indicator, kind: str, rng: random.Random) -> tuple[Decimal | None, str]:
    if indicator.kind == IndicatorKind.MILESTONE:
        return None, Direction.AT_LEAST
    base = MAGNITUDE.get(indicator.code, Decimal(100))
    if indicator.code == "ton-that-dien":
        return base, Direction.AT_MOST
    if indicator.kind in RATES:
        return base, Direction.AT_LEAST
    value = base * SCALE.get(kind, Decimal("0.05")) * Decimal(rng.uniform(0.7, 1.3))
    if indicator.kind == IndicatorKind.COUNT:
        return Decimal(max(1, round(value))), Direction.AT_LEAST
    return value.quantize(Decimal("0.01")), Direction.AT_LEAST


def _value(*, indicator: Indicator, target: Decimal | None, pace: float, step: int, steps: int, rng: random.Random):
    """(cumulative value, done) reported for the ``step``-th period of ``steps``."""
    if indicator.kind == IndicatorKind.MILESTONE:
        return None, step >= steps * (1.2 - pace * 0.5)
    if indicator.code == "ton-that-dien":
        return (target * Decimal(2 - pace) * Decimal(rng.uniform(0.97, 1.03))).quantize(Decimal("0.01")), False
    if indicator.kind in RATES:
        return (target * Decimal(min(pace, 1.05)) * Decimal(rng.uniform(0.98, 1.01))).quantize(Decimal("0.01")), False
    value = target * Decimal(pace * step / steps) * Decimal(rng.uniform(0.97, 1.03))
    if indicator.kind == IndicatorKind.COUNT:
        return Decimal(int(value)), False
    return value.quantize(Decimal("0.01")), False


def generate_campaign(*, label: str, organisation: Organisation, periods: int, targets: int, rng: random.Random,
                      created: dict) -> Campaign:
    chosen = indicators(created)[:targets]
    ministry = organisation.ministry
    campaign = Campaign.objects.create(
        name=f"Thi đua thực hiện thắng lợi nhiệm vụ ngành Công Thương giai đoạn 2024 - 2026 ({len(organisation.participants)} đơn vị, {label})",
        kind=CampaignKind.THEMATIC, scope=CampaignScope.SECTOR, status=CampaignStatus.IN_PROGRESS,
        start_date=START, end_date=END, registration_deadline=datetime.date(2024, 5, 15),
        midterm_date=datetime.date(2025, 6, 30), final_date=datetime.date(2026, 12, 20), report_period=ReportCycle.QUARTER,
        objectives="Hoàn thành toàn diện các chỉ tiêu kế hoạch của ngành Công Thương giai đoạn 2024 - 2026.",
        planned_awards="Bằng khen của Bộ trưởng, Cờ thi đua của Bộ Công Thương",
    )
    CampaignIssuer.objects.create(campaign=campaign, unit=ministry, order=0)
    CampaignContent.objects.bulk_create([CampaignContent(campaign=campaign, order=i, text=t) for i, t in enumerate(CONTENTS, 1)])
    campaign.indicators.set(chosen)
    campaign.clusters.set(organisation.clusters)
    write(Campaign.participants.through, ["campaign_id", "unit_id"], ((campaign.pk, u) for u in organisation.participants))
    _registrations(campaign=campaign, organisation=organisation, chosen=chosen, periods=periods, rng=rng)
    # the rows went in by COPY, past the services: compute the progress tables once for the whole campaign
    progress_refresh(campaign_id=campaign.pk)
    return campaign


def _registrations(*, campaign: Campaign, organisation: Organisation, chosen: list[Indicator], periods: int, rng: random.Random):
    units = organisation.participants
    now = timezone.now()
    registration_ids = take_ids(Registration, len(units))
    write(
        Registration,
        ["id", "campaign_id", "unit_id", "revision", "status", "titles", "submitted_at", "decided_at"],
        ((pk, campaign.pk, unit, 1, RegistrationStatus.APPROVED, "Cờ thi đua của Bộ Công Thương", now, now)
         for pk, unit in zip(registration_ids, units, strict=True)),
    )
    target_ids = iter(take_ids(Target, len(units) * len(chosen)))
    all_periods = campaign_periods(cycle=campaign.report_period, start=campaign.start_date, end=campaign.end_date)
    reported = all_periods[:periods]
    plans = []  # per registration: its targets, its pace and how its reports end
    target_rows = []
    for registration, unit in zip(registration_ids, units, strict=True):
        kind = organisation.kind_of[unit]
        pace = min(1.35, max(0.35, rng.gauss(0.95, 0.18)))
        draw = rng.random()
        ending = "silent" if draw < 0.01 else "late" if draw < 0.04 else "awaiting" if draw < 0.09 else "accepted"
        own = []
        for indicator in chosen:
            pk = next(target_ids)
            value, direction = _target(indicator, kind, rng)
            baseline = (value * Decimal("0.9")).quantize(Decimal("0.01")) if value is not None and rng.random() < 0.5 else None
            target_rows.append((pk, registration, indicator.pk, baseline, value, direction))
            own.append((pk, indicator, value))
        plans.append((registration, own, pace, ending, rng.random() < 0.02))
    write(Target, ["id", "registration_id", "indicator_id", "baseline", "target_value", "direction"], target_rows)
    del target_rows
    _reports(plans=plans, reported=reported, total=len(all_periods), rng=rng)


def _report_status(ending: str, step: int, last: int) -> str:
    if ending == "silent":
        return ReportStatus.RETURNED
    if step < last:
        return ReportStatus.ACCEPTED
    return {"late": ReportStatus.DRAFT, "awaiting": ReportStatus.SUBMITTED}.get(ending, ReportStatus.ACCEPTED)


def _reports(*, plans, reported, total: int, rng: random.Random) -> None:
    """Each registration's reports, one per period (a revised one for 2 % of them), and their values."""
    count = sum(len(reported) + (1 if revised else 0) for *_, revised in plans)
    report_ids = iter(take_ids(ProgressReport, count))
    report_rows, value_rows = [], []
    last = len(reported)
    for registration, own, pace, ending, revised in plans:
        for step, period in enumerate(reported, start=1):
            status = _report_status(ending, step, last)
            sent = None if status == ReportStatus.DRAFT else datetime.datetime.combine(
                period.due_date - datetime.timedelta(days=rng.randrange(0, 12)), datetime.time(9), tzinfo=datetime.UTC
            )
            revisions = [(1, status)]
            if revised and step == last // 2:
                revisions = [(1, ReportStatus.SUPERSEDED), (2, status)]
            for revision, revision_status in revisions:
                pk = next(report_ids)
                report_rows.append((pk, registration, period.period_type, period.index, period.year, revision, revision_status,
                                    period.key, period.due_date, sent))
                for target, indicator, target_value in own:
                    value, done = _value(indicator=indicator, target=target_value, pace=pace, step=step, steps=total, rng=rng)
                    value_rows.append((pk, target, value, done))
        if len(value_rows) > 200_000:
            _flush(report_rows, value_rows)
            report_rows, value_rows = [], []
    _flush(report_rows, value_rows)


def _flush(report_rows, value_rows) -> None:
    write(ProgressReport, ["id", "registration_id", "period_type", "period_index", "year", "revision", "status", "period_key",
                           "due_date", "submitted_at"], report_rows)
    write(ReportValue, ["report_id", "target_id", "value", "done"], value_rows)
