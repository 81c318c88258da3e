"""The progress tables (issue 13): kept true by every write, equal to a recomputation from the reports,
and read by the dashboard, its per-indicator view and its streamed export."""

from __future__ import annotations

import io
import random
from decimal import Decimal

import pytest
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from openpyxl import load_workbook

from campaigns.models import (
    PeriodProgress,
    ProgressReport,
    Registration,
    RegistrationStatus,
    ReportStatus,
    ReportValue,
    Target,
    TargetProgress,
    UnitProgress,
)
from campaigns.selectors import COUNTED_REPORTS, target_status
from campaigns.services import registration_decide, registration_save, registration_submit, report_decide, report_revise
from campaigns.services.progress import progress_refresh
from tests.factories import UnitFactory
from units.models import UnitKind

pytestmark = pytest.mark.django_db


def oracle(campaign) -> dict[int, tuple]:
    """Each in-force target's (value, status, percent) computed the slow way: a walk through the unit's
    whole report history for every target (what the dashboard did before the tables)."""
    latest = ReportValue.objects.filter(
        target__indicator_id=OuterRef("indicator_id"),
        report__registration__unit_id=OuterRef("registration__unit_id"),
        report__registration__campaign_id=OuterRef("registration__campaign_id"),
        report__status__in=COUNTED_REPORTS,
    ).order_by("-report__period_key", "-report__revision", "-pk")
    approved = Registration.objects.filter(campaign=campaign, status=RegistrationStatus.APPROVED).values("unit_id")
    targets = (
        Target.objects.filter(registration__campaign=campaign)
        .filter(registration__status__in=(RegistrationStatus.APPROVED, RegistrationStatus.SUBMITTED))
        .exclude(registration__status=RegistrationStatus.SUBMITTED, registration__unit_id__in=approved)
        .select_related("indicator")
        .annotate(v=Subquery(latest.values("value")[:1]), d=Subquery(latest.values("done")[:1]), p=Subquery(latest.values("report__period_key")[:1]))
    )
    result = {}
    for t in targets:
        status, percent = target_status(kind=t.indicator.kind, direction=t.direction, target_value=t.target_value, value=t.v,
                                        done=t.d if t.p is not None else None)
        result[t.pk] = (t.v, status, percent)
    return result


def table(campaign) -> dict[int, tuple]:
    return {row.target_id: (row.value, row.status, row.percent) for row in TargetProgress.objects.filter(campaign=campaign)}


def test_every_write_keeps_the_tables_equal_to_a_recomputation(campaign, indicators, ministry_manager, officer_vl, approved_registration):
    """Random histories on 12 units (reports sent, accepted, returned, revised; registrations revised and
    approved): after every step the tables equal the slow recomputation, and a full rebuild changes nothing."""
    rng = random.Random(13)
    units = []
    for index in range(12):
        unit = UnitFactory(code=f"bang-{index}", name=f"Sở Công Thương thử {index:02d}", kind=UnitKind.PROVINCIAL_DEPARTMENT)
        campaign.participants.add(unit)
        registration = Registration.objects.create(campaign=campaign, unit=unit, status=RegistrationStatus.APPROVED)
        Target.objects.create(registration=registration, indicator=indicators["wind"], target_value=Decimal(rng.choice([50, 140, 200])))
        Target.objects.create(registration=registration, indicator=indicators["ccn"], target_value=Decimal("2"), direction=rng.choice(["at_least", "exact"]))
        Target.objects.create(registration=registration, indicator=indicators["night"])
        units.append(unit)
    assert table(campaign) == oracle(campaign)
    for step in range(40):
        unit = rng.choice(units)
        registration = Registration.objects.filter(campaign=campaign, unit=unit).exclude(status=RegistrationStatus.SUPERSEDED).order_by("-revision").first()
        action = rng.choice(["report", "report", "accept", "return", "revise", "registration"])
        reports = ProgressReport.objects.filter(registration__campaign=campaign, registration__unit=unit)
        if action == "report" and registration.status == RegistrationStatus.APPROVED:
            key_index = rng.randint(1, 4)
            if reports.filter(period_index=key_index).exclude(status=ReportStatus.SUPERSEDED).exists():
                continue
            report = ProgressReport.objects.create(registration=registration, period_type="quarter", period_index=key_index, year=2026,
                                                   status=ReportStatus.SUBMITTED, period_key=202600 + 3 * key_index)
            for target in registration.targets.select_related("indicator"):
                ReportValue.objects.create(report=report, target=target, value=None if target.indicator.code == "night" else Decimal(rng.randint(0, 220)),
                                           done=rng.random() < 0.5 if target.indicator.code == "night" else False)
        elif action in ("accept", "return"):
            submitted = reports.filter(status=ReportStatus.SUBMITTED).first()
            if submitted:
                report_decide(report=submitted, actor=ministry_manager, accept=action == "accept", comment="Bổ sung số liệu")
        elif action == "revise":
            counted = reports.filter(status__in=COUNTED_REPORTS).first()
            if counted:
                from units.models import User

                report_revise(report=counted, actor=User.objects.get(pk=officer_vl.pk) if unit == approved_registration.unit else _officer(unit))
        elif action == "registration" and registration.status == RegistrationStatus.APPROVED:
            revised = Registration.objects.create(campaign=campaign, unit=unit, revision=registration.revision + 1, status=RegistrationStatus.DRAFT)
            Target.objects.create(registration=revised, indicator=indicators["wind"], target_value=Decimal(rng.choice([100, 175])))
            revised.status = RegistrationStatus.SUBMITTED
            revised.save()
            registration_decide(registration=revised, actor=ministry_manager, approve=rng.random() < 0.7, comment="Chưa phù hợp")
        assert table(campaign) == oracle(campaign), f"bước {step}: {action}"
    before = (table(campaign), list(UnitProgress.objects.filter(campaign=campaign).order_by("unit_id").values_list("unit_id", "status", "average_percent", "achieved", "behind")))
    progress_refresh(campaign_id=campaign.pk)
    after = (table(campaign), list(UnitProgress.objects.filter(campaign=campaign).order_by("unit_id").values_list("unit_id", "status", "average_percent", "achieved", "behind")))
    assert before == after


def _officer(unit):
    from units.models import Role, RoleAssignment, User

    user, created = User.objects.get_or_create(username=f"cb-{unit.code}", defaults={"unit": unit, "full_name": f"Cán bộ {unit.name}"})
    if created:
        RoleAssignment.objects.create(user=user, role=Role.UNIT_OFFICER, unit=unit)
    return user


def test_participants_without_registration_have_a_line_and_leave_with_their_removal(campaign, province_pair):
    unit = UnitFactory(code="chua-dk", name="Sở Công Thương chưa đăng ký", kind=UnitKind.PROVINCIAL_DEPARTMENT)
    campaign.participants.add(unit)
    assert UnitProgress.objects.get(campaign=campaign, unit=unit).status == "chua_dang_ky"
    campaign.participants.remove(unit)
    assert not UnitProgress.objects.filter(campaign=campaign, unit=unit).exists()


def test_a_returned_revision_keeps_the_one_in_force(campaign, indicators, officer_vl, ministry_manager, approved_registration, province_pair):
    revised = registration_save(campaign=campaign, unit=province_pair["vinh-long"], actor=officer_vl,
                                targets=[{"indicator": indicators["wind"], "target_value": Decimal("175")}])
    registration_submit(registration=revised, actor=officer_vl)
    line = UnitProgress.objects.get(campaign=campaign, unit=province_pair["vinh-long"])
    assert line.registration_id == approved_registration.pk and line.targets == 3  # the approved one stays in force
    registration_decide(registration=revised, actor=ministry_manager, approve=False, comment="Giữ chỉ tiêu cũ")
    assert UnitProgress.objects.get(campaign=campaign, unit=province_pair["vinh-long"]).registration_id == approved_registration.pk


def test_per_indicator_view_of_seed_004_shows_140_mw_and_02_ccn(client):
    """Seed 004 (Sở Công Thương Bến Tre, 2022): 140 MW of wind power and 02 new industrial clusters."""
    from django.core.management import call_command

    from campaigns.models import Campaign
    from units.models import User

    call_command("seed_demo", stdout=io.StringIO())
    campaign = Campaign.objects.get(name__contains="Đồng khởi mới")
    client.force_login(User.objects.get(username="demo-admin"))
    response = client.get(reverse("campaigns:dashboard-indicators", args=[campaign.pk]))
    assert response.status_code == 200
    rows = {row["indicator"]: row for row in response.context["indicators"]}
    wind = next(row for name, row in rows.items() if "điện gió" in name)
    ccn = next(row for name, row in rows.items() if "cụm công nghiệp" in name.lower())
    assert (wind["registered"], wind["achieved_value"], wind["achieved"]) == (Decimal("140.00"), Decimal("146.20"), 1)
    assert (ccn["registered"], ccn["achieved_value"], ccn["achieved"]) == (Decimal("2.00"), Decimal("2.00"), 1)
    body = response.content.decode()
    assert "140" in body and "146,2" in body
    units = client.get(reverse("campaigns:dashboard-indicators", args=[campaign.pk]), {"indicator": wind["indicator_id"], "status": "dat"})
    assert "Bến Tre" in units.content.decode()
    export = client.get(reverse("campaigns:dashboard-indicators", args=[campaign.pk]), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(export.getvalue())).active
    values = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert values[wind["indicator"]][4:6] == (140, 146.2)


def test_dashboard_export_streams_in_write_only_mode(client, campaign, ministry_manager, approved_registration):
    client.force_login(ministry_manager)
    response = client.get(reverse("campaigns:dashboard", args=[campaign.pk]), {"export": "xlsx"})
    assert response.streaming and response["Content-Disposition"].startswith("attachment")
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 4  # the three targets of Vĩnh Long, one line for the unit that has not registered
    assert {row[7] for row in rows} == {"Chưa báo cáo", "Chưa đăng ký"}


def test_period_sums_follow_the_reports(campaign, approved_registration, ministry_manager):
    wind = approved_registration.targets.get(indicator__code="wind")
    report = ProgressReport.objects.create(registration=approved_registration, period_type="quarter", period_index=1, year=2026,
                                           status=ReportStatus.SUBMITTED, period_key=202603)
    ReportValue.objects.create(report=report, target=wind, value=Decimal("70"))
    (row,) = PeriodProgress.objects.filter(campaign=campaign)
    assert (row.period_key, row.percent_sum, row.values) == (202603, Decimal("50.0"), 1)
    report_decide(report=report, actor=ministry_manager, accept=False, comment="Sai số liệu")
    assert not PeriodProgress.objects.filter(campaign=campaign).exists()


def test_campaign_page_lists_registrations_and_participants_a_page_at_a_time(client, campaign, indicators, ministry_manager):
    for index in range(55):
        unit = UnitFactory(code=f"tham-gia-{index}", name=f"Sở Công Thương thử trang {index:02d}", kind=UnitKind.PROVINCIAL_DEPARTMENT)
        campaign.participants.add(unit)
        Registration.objects.create(campaign=campaign, unit=unit, status=RegistrationStatus.SUBMITTED)
    client.force_login(ministry_manager)
    url = reverse("campaigns:campaign-detail", args=[campaign.pk])
    page = client.get(url)
    assert len(page.context["registrations"].object_list) == 50 and page.context["registrations"].paginator.count == 55
    assert page.context["participants"].paginator.count == 57  # the fixture's two provinces and the 55
    assert len(client.get(url, {"reg_page": 2}).context["registrations"].object_list) == 5
    found = client.get(url, {"unit_q": "trang 07"})
    assert [r.unit.name for r in found.context["registrations"]] == ["Sở Công Thương thử trang 07"]
    assert [u.name for u in found.context["participants"]] == ["Sở Công Thương thử trang 07"]


def test_cached_panels_follow_every_change_and_the_page_works_with_the_cache_down(client, campaign, ministry_manager, approved_registration,
                                                                                 monkeypatch):
    client.force_login(ministry_manager)
    url = reverse("campaigns:dashboard", args=[campaign.pk])
    before = client.get(url).context["summary"]
    assert before["counts"]["chua_bao_cao"] == 3 and client.get(url).context["summary"] == before  # the second view: from the cache
    wind = approved_registration.targets.get(indicator__code="wind")
    report = ProgressReport.objects.create(registration=approved_registration, period_type="quarter", period_index=1, year=2026,
                                           status=ReportStatus.SUBMITTED, period_key=202603)
    ReportValue.objects.create(report=report, target=wind, value=Decimal("150"))
    after = client.get(url).context["summary"]
    assert (after["counts"]["vuot"], after["counts"]["chua_bao_cao"]) == (1, 2)
    assert [point["value"] for point in client.get(url).context["series"]] == [Decimal("107.1")]

    from django.core.cache import cache

    def down(*args, **kwargs):
        raise ConnectionError("Redis không chạy")

    monkeypatch.setattr(cache, "get", down)
    monkeypatch.setattr(cache, "set", down)
    monkeypatch.setattr(cache, "add", down)
    response = client.get(url)
    assert response.status_code == 200 and response.context["summary"]["counts"]["vuot"] == 1
