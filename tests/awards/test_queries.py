"""The nomination list with eligibility runs a number of queries that does not grow with nominations."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import AwardKind, AwardRecord, AwardRound, Nomination, Rating
from awards.selectors import evaluate, evaluate_many
from tests.factories import PersonFactory, UnitFactory
from units.models import UnitKind

pytestmark = pytest.mark.django_db


def add(count, start, award_round, proposing):
    kinds = {k.code: k for k in AwardKind.objects.all()}
    for index in range(start, start + count):
        if index % 2:
            person = PersonFactory(unit=proposing)
            AwardRecord.objects.create(person=person, award_kind=kinds["cstdcs"], year=2024, decision="QĐ")
            Rating.objects.create(person=person, year=2025, level="htxs")
            Nomination.objects.create(round=award_round, proposing_unit=proposing, person=person, award_kind=kinds["cstd-bo"], achievement="x", status="submitted")
        else:
            unit = UnitFactory(code=f"tt-{index}", kind=UnitKind.DIVISION, parent=proposing)
            PersonFactory(unit=unit)
            Nomination.objects.create(round=award_round, proposing_unit=proposing, unit=unit, award_kind=kinds["tldxs"], achievement="x", status="submitted")


def test_nomination_list_query_count_is_flat(client, ministry, province_pair, officer_vl):
    today = datetime.date.today()
    award_round = AwardRound.objects.create(name="Đợt", deciding_unit=ministry, achievement_year=2025, opens_on=today, closes_on=today)
    vl = province_pair["vinh-long"]
    client.force_login(officer_vl)
    add(5, 0, award_round, vl)
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("awards:nomination-list"))
    add(25, 5, award_round, vl)
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("awards:nomination-list"))
    assert "Không đạt" in response.content.decode()
    assert len(small) == len(large), f"5 hồ sơ: {len(small)} truy vấn; 30 hồ sơ: {len(large)} truy vấn"


def test_batch_and_single_evaluation_agree(ministry, province_pair):
    today = datetime.date.today()
    award_round = AwardRound.objects.create(name="Đợt", deciding_unit=ministry, achievement_year=2025, opens_on=today, closes_on=today)
    add(6, 0, award_round, province_pair["vinh-long"])
    nominations = list(Nomination.objects.select_related("round", "award_kind", "person", "unit"))
    batch = evaluate_many(nominations)
    for n in nominations:
        single = evaluate(code=n.award_kind.code, year=2025, person=n.person, unit=n.unit)
        assert (batch[n.pk].result, batch[n.pk].reason) == (single.result, single.reason)


def test_nomination_list_search_and_excel_export(client, ministry, province_pair, officer_vl, officer_na):
    import io

    from openpyxl import load_workbook

    today = datetime.date.today()
    award_round = AwardRound.objects.create(name="Đợt", deciding_unit=ministry, achievement_year=2025, opens_on=today, closes_on=today)
    add(4, 0, award_round, province_pair["vinh-long"])
    add(1, 10, award_round, province_pair["nghe-an"])
    client.force_login(officer_vl)
    person = Nomination.objects.filter(person__isnull=False, proposing_unit=province_pair["vinh-long"]).first().person
    page = client.get(reverse("awards:nomination-list"), {"q": person.full_name}).content.decode()
    assert person.full_name in page
    response = client.get(reverse("awards:nomination-list"), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 4  # Nghệ An's nomination is outside the officer's scope
    assert {row[9] for row in rows} <= {"Đạt", "Không đạt", "Cần xem xét"} and all(row[10] for row in rows)


def test_council_session_page_query_count_is_flat(client, ministry, province_pair):
    from awards.models import BallotBox, Council, CouncilSession
    from tests.conftest import make_user
    from units.models import Role, RoleScope

    secretary = make_user("tk-q", ministry, Role.COUNCIL_SECRETARY, scope=RoleScope.SECTOR)
    council = Council.objects.create(unit=ministry, name="Hội đồng", chair=secretary, secretary=secretary)
    council.members.set([make_user(f"tv-q{i}", ministry, Role.COUNCIL_MEMBER, scope=RoleScope.SECTOR) for i in range(3)])
    today = datetime.date.today()
    award_round = AwardRound.objects.create(name="Đợt", deciding_unit=ministry, achievement_year=2025, opens_on=today, closes_on=today)
    session = CouncilSession.objects.create(council=council, title="Phiên", held_on=today)

    def agenda(count, start):
        add(count, start, award_round, province_pair["vinh-long"])
        for nomination in Nomination.objects.filter(ballot_box__isnull=True):
            nomination.status = "on_agenda"
            nomination.save()
            BallotBox.objects.create(session=session, nomination=nomination)

    client.force_login(secretary)
    agenda(3, 0)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("awards:session-detail", args=[session.pk])).status_code == 200
    agenda(9, 3)
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("awards:session-detail", args=[session.pk]))
    assert response.content.decode().count('data-testid="findings"') == 12
    assert len(small) == len(large), f"3 hồ sơ: {len(small)} truy vấn; 12 hồ sơ: {len(large)} truy vấn"
