"""generate_national builds the national data set at any size, and never under production settings."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from awards.models import AwardRecord, AwardRound, Nomination, Rating
from campaigns.models import Campaign, ProgressReport, Registration, ReportStatus, ReportValue, Target
from documents.models import OfficialDocument, RegisterCounter
from units.models import Cluster, Person, Unit

pytestmark = pytest.mark.django_db(transaction=True)


def generate(**options):
    out = io.StringIO()
    call_command("generate_national", stdout=out, **options)
    return out.getvalue()


def test_generate_national_tiny_set_has_the_requested_counts():
    output = generate(units=40, persons_per_unit=3, documents_per_year=7)
    campaign = Campaign.objects.get(name__endswith=", n40)")
    participants = list(campaign.participants.values_list("pk", flat=True))
    assert len(participants) == 40
    # the 34 Sở of the demo organisation first, then generated units under them
    assert Unit.objects.filter(pk__in=participants, code__startswith="gen-n40-").count() == 40 - 34
    generated = Unit.objects.filter(code__startswith="gen-n40-").select_related("parent")
    assert all(unit.path == f"{unit.parent.path}{unit.pk:06d}." for unit in generated)
    assert Registration.objects.filter(campaign=campaign, status="approved").count() == 40
    assert Target.objects.filter(registration__campaign=campaign).count() == 40 * 20
    reports = ProgressReport.objects.filter(registration__campaign=campaign)
    assert reports.exclude(status=ReportStatus.SUPERSEDED).count() == 40 * 10
    assert ReportValue.objects.filter(report__in=reports).count() == reports.count() * 20
    assert set(reports.values_list("period_key", flat=True)) == {
        202406, 202409, 202412, 202503, 202506, 202509, 202512, 202603, 202606, 202609
    }
    assert Cluster.objects.filter(code__startswith="gen-n40-").exists()
    assert set(campaign.clusters.values_list("code", flat=True)) == set(
        Cluster.objects.filter(code__startswith="gen-n40-").values_list("code", flat=True)
    )
    persons = Person.objects.filter(unit_id__in=participants, ratings__year=2016)  # the demo's history starts later
    assert persons.count() == 40 * 3
    assert Rating.objects.filter(person__in=persons).count() == 40 * 3 * 10
    assert set(Rating.objects.filter(person__in=persons).values_list("year", flat=True)) == set(range(2016, 2026))
    assert AwardRecord.objects.filter(person__in=persons).exists()
    award_round = AwardRound.objects.get(name__endswith="(n40)")
    assert Nomination.objects.filter(round=award_round).count() == 40
    issued = OfficialDocument.objects.filter(lead_issuer__code="bct", year=2026, status="issued")
    numbers = sorted(issued.values_list("number", flat=True))
    assert numbers[-7:] == list(range(numbers[-1] - 6, numbers[-1] + 1))  # numbered without gaps
    assert RegisterCounter.objects.get(issuer__code="bct", year=2026, series="main").last_number == numbers[-1]
    assert "Đã tạo bộ dữ liệu “n40”" in output


def test_generate_national_twice_with_the_same_label_is_refused():
    generate(units=2, persons_per_unit=1, documents_per_year=1)
    with pytest.raises(CommandError, match="đã có"):
        generate(units=2, persons_per_unit=1, documents_per_year=1)


def test_generate_national_refused_under_production_settings(settings):
    settings.THIDUA_PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        generate(units=2)
    assert not Campaign.objects.exists()
