"""Eligibility rules of legal-reference §8, each with its passing and failing case."""

import pytest

from awards.models import AwardKind, AwardRecord, Discipline, Initiative, Rating
from awards.selectors import FAIL, PASS, REVIEW, check_authority, check_dossier, evaluate, quota_status
from tests.factories import PersonFactory, UnitFactory
from units.models import UnitKind

pytestmark = pytest.mark.django_db


def give(subject, code, *years, revoked=False):
    kind = AwardKind.objects.get(code=code)
    field = "person" if subject.__class__.__name__ == "Person" else "unit"
    for year in years:
        AwardRecord.objects.create(
            **{field: subject}, award_kind=kind, year=year, decision=f"QĐ {year}", revoked=revoked,
            revoking_decision="QĐ hủy" if revoked else "",
        )


def rate(subject, level, *years):
    field = "person" if subject.__class__.__name__ == "Person" else "unit"
    for year in years:
        Rating.objects.create(**{field: subject}, year=year, level=level)


@pytest.fixture
def person(db):
    return PersonFactory()


def initiative(person, year, scope):
    return Initiative.objects.create(person=person, title=f"Sáng kiến {year}", scope=scope, year=year, recognising_decision="QĐ công nhận")


def test_rule1_cstd_bo_needs_three_consecutive_cstdcs(person):
    give(person, "cstdcs", 2022, 2024, 2025)
    initiative(person, 2024, "ministry")
    finding = evaluate(code="cstd-bo", year=2025, person=person)
    assert finding.result == FAIL
    assert "Chưa đủ 03 lần liên tục đạt Chiến sĩ thi đua cơ sở" in finding.reason and "Điều 22" in finding.reason


def test_rule1_cstd_bo_passes_with_2023_to_2025(person):
    give(person, "cstdcs", 2023, 2024, 2025)
    initiative(person, 2025, "ministry")
    assert evaluate(code="cstd-bo", year=2025, person=person).result == PASS


def test_rule1_needs_ministry_scope_initiative(person):
    give(person, "cstdcs", 2023, 2024, 2025)
    initiative(person, 2025, "unit")
    assert "phạm vi ảnh hưởng cấp Bộ" in evaluate(code="cstd-bo", year=2025, person=person).reason


def test_revoked_awards_never_count(person):
    give(person, "cstdcs", 2023, 2025)
    give(person, "cstdcs", 2024, revoked=True)
    initiative(person, 2025, "ministry")
    assert evaluate(code="cstd-bo", year=2025, person=person).result == FAIL


def test_rule2_cstd_tq(person):
    give(person, "cstd-bo", 2025)
    initiative(person, 2025, "national")
    assert evaluate(code="cstd-tq", year=2025, person=person).result == FAIL
    give(person, "cstd-bo", 2024)
    assert evaluate(code="cstd-tq", year=2025, person=person).result == PASS


def test_rule3_cstdcs(person):
    give(person, "ldtt", 2025)
    rate(person, "htt", 2025)
    assert evaluate(code="cstdcs", year=2025, person=person).result == FAIL
    initiative(person, 2025, "unit")
    assert evaluate(code="cstdcs", year=2025, person=person).result == PASS


def test_rule4_ldtt(person):
    rate(person, "ht", 2025)
    assert evaluate(code="ldtt", year=2025, person=person).result == FAIL
    rate(person, "htt", 2024)
    assert evaluate(code="ldtt", year=2024, person=person).result == PASS


def collective(ldtt: int, total: int = 10, cstdcs: int = 1, rating="htxs", warned: int = 0):
    unit = UnitFactory(kind=UnitKind.DIVISION)
    rate(unit, rating, 2025)
    people = [PersonFactory(unit=unit) for _ in range(total)]
    for index, p in enumerate(people):
        rate(p, "htt", 2025)
        if index < ldtt:
            give(p, "ldtt", 2025)
        if index < cstdcs:
            give(p, "cstdcs", 2025)
        if index < warned:
            Discipline.objects.create(person=p, year=2025, level="warning")
    return unit


def test_rule5_tldxs_seventy_percent():
    assert evaluate(code="tldxs", year=2025, unit=collective(7)).result == PASS
    finding = evaluate(code="tldxs", year=2025, unit=collective(6))
    assert finding.result == FAIL and "6/10" in finding.reason and "Điều 27" in finding.reason
    assert evaluate(code="tldxs", year=2025, unit=collective(8, cstdcs=0)).result == FAIL


def test_rule6_tldtt_more_than_half_and_no_warning():
    assert evaluate(code="tldtt", year=2025, unit=collective(5)).result == FAIL
    assert evaluate(code="tldtt", year=2025, unit=collective(6)).result == PASS
    assert "kỷ luật" in evaluate(code="tldtt", year=2025, unit=collective(8, warned=1)).reason


def test_rule7_bang_khen_bo(person):
    give(person, "cstdcs", 2025)
    assert evaluate(code="bk-bo", year=2025, person=person).result == REVIEW
    give(person, "cstdcs", 2024)
    assert evaluate(code="bk-bo", year=2025, person=person).result == PASS
    other = PersonFactory()
    rate(other, "htxs", 2023, 2024)
    initiative(other, 2023, "unit")
    initiative(other, 2024, "unit")
    assert evaluate(code="bk-bo", year=2024, person=other).result == PASS  # the Bộ Nội vụ worked example


def test_rule8_bang_khen_thu_tuong(person):
    give(person, "bk-bo", 2020)
    rate(person, "htt", 2021, 2022, 2023, 2024, 2025)
    give(person, "cstdcs", 2022, 2024)
    assert "03 lần" in evaluate(code="bk-ttg", year=2025, person=person).reason
    give(person, "cstdcs", 2025)
    assert evaluate(code="bk-ttg", year=2025, person=person).result == PASS


def test_rule9_authority():
    so = UnitFactory(kind=UnitKind.PROVINCIAL_DEPARTMENT, name="Sở Công Thương tỉnh Vĩnh Long")
    ministry = UnitFactory(kind=UnitKind.MINISTRY, name="Bộ Công Thương")
    assert check_authority(code="ldtt", year=2025, decider=so).result == PASS
    refused = check_authority(code="bk-bo", year=2025, decider=so)
    assert refused.result == FAIL and "không có thẩm quyền" in refused.reason
    assert check_authority(code="bk-bo", year=2025, decider=ministry).result == PASS


def test_rule10_co_thi_dua_bo():
    from units.models import Cluster, ClusterMembership

    ministry = UnitFactory(kind=UnitKind.MINISTRY)
    leader, other = UnitFactory(kind=UnitKind.PROVINCIAL_DEPARTMENT), UnitFactory(kind=UnitKind.PROVINCIAL_DEPARTMENT)
    cluster = Cluster.objects.create(code="c", name="Cụm", organiser=ministry)
    ClusterMembership.objects.create(cluster=cluster, unit=leader, year=2025, role="lead")
    ClusterMembership.objects.create(cluster=cluster, unit=other, year=2025, role="member")
    give(leader, "tldxs", 2025)
    give(other, "tldxs", 2025)
    assert evaluate(code="co-bo", year=2025, unit=leader).result == PASS
    assert "dẫn đầu" in evaluate(code="co-bo", year=2025, unit=other).reason


def test_rule11_quota():
    so = UnitFactory(kind=UnitKind.PROVINCIAL_DEPARTMENT)
    for _ in range(20):
        give(PersonFactory(unit=UnitFactory(parent=so)), "ldtt", 2025)
    status = quota_status(code="cstdcs", year=2025, decider=so, proposed=4)
    assert status["cap"] == 3 and status["over"] is True and status["confirmed"] is False


def test_rule13_dossier():
    assert check_dossier(code="cstdcs", year=2025, provided={"to_trinh", "bao_cao_thanh_tich", "bien_ban"}).result == FAIL
    assert check_dossier(code="bk-bo", year=2025, provided={"to_trinh", "bao_cao_thanh_tich", "bien_ban"}).result == PASS


def test_one_achievement_is_not_rewarded_twice(person):
    give(person, "bk-bo", 2025)
    give(person, "cstdcs", 2024)
    give(person, "cstdcs", 2025)
    finding = evaluate(code="bk-bo", year=2025, person=person)
    assert finding.result == FAIL and "Điều 5" in finding.reason


def test_ruleset_follows_the_achievement_year():
    from awards.selectors import ruleset_for

    assert "2003" in ruleset_for(2019).name
    assert "98/2023" in ruleset_for(2024).name
    assert "152/2025" in ruleset_for(2026).name


def test_rule8_under_the_2022_law_the_five_years_need_not_follow_the_bang_khen(person):
    """Art 73 k1 b (2022): "đã được tặng bằng khen … và có liên tục từ 05 năm trở lên đến thời điểm đề nghị"."""
    give(person, "bk-bo", 2022)
    rate(person, "htt", 2021, 2022, 2023, 2024, 2025)
    give(person, "cstdcs", 2022, 2024, 2025)
    finding = evaluate(code="bk-ttg", year=2025, person=person)
    assert finding.result == PASS and "điểm b khoản 1 Điều 73 Luật Thi đua, khen thưởng 2022" in finding.reason
    assert "có liên tục 05 năm (2021–2025) đến thời điểm đề nghị được công nhận hoàn thành tốt nhiệm vụ trở lên" in finding.reason


def test_rule8_under_the_2003_law_the_five_years_follow_the_bang_khen(person):
    """ND 91/2017 Art 38 k1 c: "05 năm tiếp theo liên tục hoàn thành xuất sắc nhiệm vụ … 05 sáng kiến"."""
    give(person, "bk-bo", 2020)
    rate(person, "htxs", 2019, 2020, 2021, 2022, 2023)
    for year in range(2019, 2024):
        initiative(person, year, "unit")
    finding = evaluate(code="bk-ttg", year=2023, person=person)
    assert finding.result == FAIL and "năm 2020" in finding.reason and "05 năm tiếp theo" in finding.reason
    assert "Điều 38 Nghị định 91/2017/NĐ-CP" in finding.reason


@pytest.mark.parametrize(("rounding", "cap"), [("floor", 2), ("ceil", 3), ("half_up", 3)])
def test_rule11_quota_rounding_is_configurable(rounding, cap):
    from awards.models import AwardRule

    AwardRule.objects.filter(award_kind__code="cstdcs").update(quota_rounding=rounding)
    so = UnitFactory(kind=UnitKind.PROVINCIAL_DEPARTMENT)
    for _ in range(17):  # 15 % of 17 = 2.55
        give(PersonFactory(unit=so), "ldtt", 2025)
    give(PersonFactory(unit=UnitFactory()), "ldtt", 2025)  # outside the deciding unit: not in the base
    status = quota_status(code="cstdcs", year=2025, decider=so, proposed=3)
    assert (status["base"], status["cap"], status["over"]) == (17, cap, cap < 3)


def test_rule11_quota_minimum_one():
    so = UnitFactory(kind=UnitKind.PROVINCIAL_DEPARTMENT)
    give(PersonFactory(unit=so), "ldtt", 2025)
    assert quota_status(code="cstdcs", year=2025, decider=so, proposed=1)["over"] is False
