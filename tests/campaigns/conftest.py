import datetime
from decimal import Decimal

import pytest

from campaigns.models import CampaignStatus, Indicator, IndicatorKind, PeriodType
from campaigns.services import (
    campaign_create,
    campaign_transition,
    registration_decide,
    registration_save,
    registration_submit,
    report_create,
)


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Rate-limit counters live in the cache; each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def indicators(db):
    return {
        "wind": Indicator.objects.create(code="wind", name="Công suất điện gió vận hành mới", unit_of_measure="MW", kind=IndicatorKind.QUANTITY),
        "ccn": Indicator.objects.create(code="ccn", name="Cụm công nghiệp thành lập mới", unit_of_measure="CCN", kind=IndicatorKind.COUNT),
        "night": Indicator.objects.create(code="night", name="Đề án phát triển kinh tế ban đêm", kind=IndicatorKind.MILESTONE),
    }


@pytest.fixture
def campaign(ministry, ministry_manager, province_pair, indicators):
    campaign = campaign_create(
        actor=ministry_manager,
        name="Phong trào thi đua năm 2026",
        issuers=[ministry],
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 12, 31),
        contents=["Nội dung một", "Nội dung hai"],
        participants=list(province_pair.values()),
        indicators=list(indicators.values()),
    )
    campaign_transition(campaign=campaign, actor=ministry_manager, to=CampaignStatus.LAUNCHED)
    return campaign_transition(campaign=campaign, actor=ministry_manager, to=CampaignStatus.REGISTRATION)


def wind_and_ccn(indicators):
    return [
        {"indicator": indicators["wind"], "target_value": Decimal("140"), "baseline": Decimal("60")},
        {"indicator": indicators["ccn"], "target_value": Decimal("2")},
        {"indicator": indicators["night"]},
    ]


@pytest.fixture
def approved_registration(campaign, officer_vl, province_pair, ministry_manager, indicators):
    registration = registration_save(
        campaign=campaign, unit=province_pair["vinh-long"], actor=officer_vl, targets=wind_and_ccn(indicators)
    )
    registration_submit(registration=registration, actor=officer_vl)
    return registration_decide(registration=registration, actor=ministry_manager, approve=True)


@pytest.fixture
def draft_report(approved_registration, officer_vl):
    return report_create(registration=approved_registration, actor=officer_vl, period_type=PeriodType.QUARTER, period_index=2, year=2026)


def report_values(registration, wind, ccn, night_done):
    targets = {t.indicator.code: t for t in registration.targets.all()}
    return {
        targets["wind"].pk: (wind, False),
        targets["ccn"].pk: (ccn, False),
        targets["night"].pk: (None, night_done),
    }




def prove_milestone(report, registration, actor):
    """Attach the evidence a done milestone needs before the report can be submitted (needs ``media_root``)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from campaigns.services import evidence_add

    night = registration.targets.get(indicator__code="night")
    return evidence_add(report=report, actor=actor, upload=SimpleUploadedFile("de-an.pdf", b"%PDF-1.7 quyet dinh phe duyet"), target=night)
