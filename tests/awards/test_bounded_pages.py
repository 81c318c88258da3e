"""Pages that grow with history show a page of it (issue 13): the round page, the honour board's order."""

from __future__ import annotations

import pytest
from django.urls import reverse

from awards.models import AwardKind, AwardRecord, Nomination, NominationStatus
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_round_page_lists_50_nominations_a_page_with_counts_and_a_search(client, council_setup, ministry, system_admin):
    award_round = council_setup["round"]
    kind = AwardKind.objects.get(code="bk-bo")
    people = [PersonFactory(unit=ministry, full_name=f"Trần Thị Mẫu {i:02d}") for i in range(61)]
    for index, person in enumerate(people):
        Nomination.objects.create(round=award_round, proposing_unit=ministry, person=person, award_kind=kind, achievement="Xuất sắc",
                                  status=NominationStatus.SUBMITTED if index % 3 else NominationStatus.DRAFT)
    client.force_login(system_admin)
    url = reverse("awards:round-detail", args=[award_round.pk])
    first = client.get(url)
    assert len(first.context["nominations"].object_list) == 50 and first.context["total"] == 61
    assert dict((value, count) for value, _, count in first.context["status_counts"]) == {"draft": 21, "submitted": 40}
    assert "Trang 1/2" in first.content.decode()
    second = client.get(url, {"page": 2})
    assert len(second.context["nominations"].object_list) == 11
    drafts = client.get(url, {"status": "draft"})
    assert {n.status for n in drafts.context["nominations"].object_list} == {"draft"}
    found = client.get(url, {"q": "Mẫu 07"})
    assert [n.person.full_name for n in found.context["nominations"].object_list] == ["Trần Thị Mẫu 07"]
    assert client.get(url, {"status": "không-có", "page": "x"}).status_code == 200  # bad input: the whole list


def test_honour_board_orders_by_year_then_the_catalogue_and_follows_a_reordering(client, ministry):
    person = PersonFactory(unit=ministry, full_name="Lê Văn Vinh Danh")
    low, high = AwardKind.objects.get(code="ldtt"), AwardKind.objects.get(code="bk-bo")
    AwardRecord.objects.create(person=person, award_kind=low, year=2024, decision="QĐ 1")
    AwardRecord.objects.create(person=person, award_kind=high, year=2024, decision="QĐ 2")
    AwardRecord.objects.create(person=person, award_kind=low, year=2025, decision="QĐ 3")
    assert sorted(AwardRecord.objects.values_list("award_kind__sort_order", "rank")) == sorted(
        (k.sort_order, k.sort_order) for k in (low, high, low))

    def order():
        page = client.get(reverse("awards:honour-board")).context["page"]
        return [(r.year, r.award_kind.code) for r in page if r.person_id == person.pk]

    first, second = sorted([low, high], key=lambda k: (k.sort_order, k.pk))
    assert order() == [(2025, "ldtt"), (2024, first.code), (2024, second.code)]
    second.sort_order, first.sort_order = 0, 999
    second.save()
    first.save()
    assert order() == [(2025, "ldtt"), (2024, second.code), (2024, first.code)]
