"""Rules by the year of the achievement: the rule set in force that year decides the check, its numbers,
its dossier and the text its verdict cites (Luật Thi đua, khen thưởng 2003 for achievements up to 2023,
the 2022 law from 2024)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from awards import services as svc
from awards.models import AwardKind, AwardRecord, AwardRound, AwardRule, Initiative, Rating, RuleSet
from awards.selectors import FAIL, PASS, REVIEW, check_dossier, evaluate, quota_status, rule_for
from tests.awards.test_eligibility import collective, give, rate
from tests.conftest import make_user
from tests.factories import PersonFactory, UnitFactory
from units.models import Cluster, ClusterMembership, Role, UnitKind

pytestmark = pytest.mark.django_db

TITLE_DOSSIER = {"to_trinh", "bao_cao_thanh_tich", "bien_ban"}


@pytest.fixture
def person(db):
    return PersonFactory()


# --- CSTĐCS: an initiative until 2023, "hoàn thành xuất sắc" also from 2024 ------------------------


def test_cstdcs_2023_follows_the_2003_law_and_needs_an_initiative(person):
    give(person, "ldtt", 2023, 2024)
    rate(person, "htxs", 2023, 2024)
    finding = evaluate(code="cstdcs", year=2023, person=person)
    assert finding.result == FAIL and "sáng kiến" in finding.reason and "Điều 23 Luật Thi đua, khen thưởng 2003" in finding.reason
    assert evaluate(code="cstdcs", year=2024, person=person).result == PASS
    Initiative.objects.create(person=person, title="Sáng kiến 2023", scope="unit", year=2023, recognising_decision="QĐ 12")
    passed = evaluate(code="cstdcs", year=2023, person=person)
    assert passed.result == PASS and "2003" in passed.reason


def test_cstdcs_2024_passes_on_excellence_alone_citing_the_2022_law(person):
    give(person, "ldtt", 2024)
    rate(person, "htxs", 2024)
    finding = evaluate(code="cstdcs", year=2024, person=person)
    assert finding.result == PASS and "hoàn thành xuất sắc nhiệm vụ" in finding.reason and "Điều 23 Luật Thi đua, khen thưởng 2022" in finding.reason


def test_cstdcs_dossier_follows_the_same_rule_set():
    assert check_dossier(code="cstdcs", year=2024, provided=TITLE_DOSSIER, excellent=True).result == PASS
    missing = check_dossier(code="cstdcs", year=2024, provided=TITLE_DOSSIER, excellent=False)
    assert missing.result == FAIL and "công nhận sáng kiến" in missing.reason and "Điều 84" in missing.reason
    assert check_dossier(code="cstdcs", year=2023, provided=TITLE_DOSSIER, excellent=True).result == FAIL  # the 2003 law: always


def test_an_excellent_candidate_without_an_initiative_can_be_submitted(province_pair, media_root):
    so = province_pair["vinh-long"]
    officer = make_user("officer-htxs", so, Role.UNIT_OFFICER)
    person = PersonFactory(unit=so)
    give(person, "ldtt", 2025)
    rate(person, "htxs", 2025)
    today = datetime.date.today()
    award_round = AwardRound.objects.create(name="Đợt xét 2025", deciding_unit=so, achievement_year=2025, opens_on=today, closes_on=today)
    nomination = svc.nomination_create(actor=officer, round=award_round, proposing_unit=so, award_kind=AwardKind.objects.get(code="cstdcs"),
                                       achievement="Hoàn thành xuất sắc nhiệm vụ năm 2025", person=person)
    for document in sorted(TITLE_DOSSIER):
        svc.dossier_add(nomination=nomination, actor=officer, document=document, upload=SimpleUploadedFile(f"{document}.pdf", b"%PDF-1.7\n"))
    assert svc.nomination_submit(nomination=nomination, actor=officer).status == "submitted"


# --- TLĐTT: the unit's own rating -------------------------------------------------------------------


@pytest.mark.parametrize(("rating", "result"), [("htxs", PASS), ("htt", PASS), ("ht", FAIL), (None, FAIL)])
def test_tldtt_checks_the_units_own_rating(rating, result):
    unit = collective(8, rating="htxs")
    Rating.objects.filter(unit=unit).delete()
    if rating:
        rate(unit, rating, 2025)
    finding = evaluate(code="tldtt", year=2025, unit=unit)
    assert finding.result == result and "Điều 28" in finding.reason
    if result == FAIL:
        assert "hoàn thành tốt nhiệm vụ trở lên" in finding.reason


# --- Cờ thi đua: the text in force that year -------------------------------------------------------


def _leader():
    ministry = UnitFactory(kind=UnitKind.MINISTRY, code="bct-co")
    leader = UnitFactory(kind=UnitKind.PROVINCIAL_DEPARTMENT)
    cluster = Cluster.objects.create(code="cum-co", name="Cụm thi đua", organiser=ministry)
    for year in (2019, 2024, 2025):
        ClusterMembership.objects.create(cluster=cluster, unit=leader, year=year, role="lead")
    give(leader, "tldxs", 2019, 2024, 2025)
    return leader


@pytest.mark.parametrize(("year", "cited", "not_cited"), [
    (2019, ["Điều 26 Luật Thi đua, khen thưởng 2003", "Thông tư 16/2018/TT-BCT"], ["22/2023"]),
    (2024, ["Điều 26 Luật Thi đua, khen thưởng 2022", "Điều 6 Thông tư 22/2023/TT-BCT"], ["16/2018"]),
    (2025, ["Điều 26 Luật Thi đua, khen thưởng 2022"], ["22/2023", "16/2018"]),
])
def test_co_thi_dua_cites_the_text_in_force_that_year(year, cited, not_cited):
    finding = evaluate(code="co-bo", year=year, unit=_leader())
    assert finding.result == PASS
    for text in cited:
        assert text in finding.reason
    for text in not_cited:
        assert text not in finding.reason


def test_thong_tu_22_2023_is_cited_only_within_its_validity():
    """In force 01/01/2024–20/02/2025: the rule sets of the years outside it never cite it."""
    for ruleset in RuleSet.objects.all():
        for rule in ruleset.rules.all():
            if "22/2023" in rule.article:
                assert ruleset.valid_from == datetime.date(2024, 1, 1), (ruleset.name, rule.award_kind.code)


# --- Art 5: two forms for the same year's achievement ------------------------------------------------


def test_a_second_form_for_the_same_year_is_flagged(person):
    give(person, "cstdcs", 2024, 2025)
    assert evaluate(code="bk-bo", year=2025, person=person).result == PASS
    give(person, "giay-khen", 2025)
    finding = evaluate(code="bk-bo", year=2025, person=person)
    assert finding.result == REVIEW and "Giấy khen" in finding.reason and "Điều 5 Luật Thi đua, khen thưởng 2022" in finding.reason
    assert "Điều 5" not in evaluate(code="bk-bo", year=2024, person=person).reason  # another year's achievement: no flag


def test_titles_of_the_same_year_are_not_a_second_form(person):
    give(person, "ldtt", 2025)
    give(person, "cstdcs", 2024, 2025)
    assert evaluate(code="bk-bo", year=2025, person=person).result == PASS


# --- Quotas: Cờ thi đua của Chính phủ ------------------------------------------------------------------


def test_co_cp_quota_is_twenty_percent_of_the_cluster_leaders():
    ministry = UnitFactory(kind=UnitKind.MINISTRY, code="bct-quota")
    for index in range(6):
        cluster = Cluster.objects.create(code=f"cum-{index}", name=f"Cụm {index}", organiser=ministry)
        ClusterMembership.objects.create(cluster=cluster, unit=UnitFactory(kind=UnitKind.PROVINCIAL_DEPARTMENT), year=2025, role="lead")
    outside = Cluster.objects.create(code="cum-ngoai", name="Cụm khác", organiser=UnitFactory(kind=UnitKind.PROVINCE))
    ClusterMembership.objects.create(cluster=outside, unit=UnitFactory(), year=2025, role="lead")
    status = quota_status(code="co-cp", year=2025, decider=ministry, proposed=2)
    assert (status["base"], status["cap"], status["over"]) == (6, 1, True)
    assert "tập thể được suy tôn dẫn đầu cụm, khối thi đua" in status["text"] and "5007/BNV-TĐKT" in status["text"]
    assert status["confirmed"] is False  # under ND 98/2023 and 152/2025 the 20 % is not confirmed
    assert quota_status(code="co-cp", year=2019, decider=ministry, proposed=1)["text"].count("Nghị định 91/2017/NĐ-CP") == 1


def test_quota_text_cites_its_basis():
    so = UnitFactory(kind=UnitKind.PROVINCIAL_DEPARTMENT)
    give(PersonFactory(unit=so), "ldtt", 2023)
    assert "khoản 3 Điều 9 Nghị định 91/2017/NĐ-CP" in quota_status(code="cstdcs", year=2023, decider=so, proposed=1)["text"]


# --- Every verdict cites its article; numbers are data -----------------------------------------------


@pytest.mark.parametrize("year", [2019, 2024, 2025])
def test_every_verdict_cites_its_legal_basis(year):
    person, unit = PersonFactory(), UnitFactory()
    for kind in AwardKind.objects.all():
        subject = {"unit": unit} if kind.subject == "collective" else {"person": person}
        reason = evaluate(kind=kind, year=year, **subject).reason
        assert any(word in reason for word in ("Luật Thi đua, khen thưởng", "Nghị định", "Thông tư")), (kind.code, reason)


def test_the_rule_sets_differ_where_the_law_changed():
    old, first, current = (rule_for(code, year) for code, year in [("cstdcs", 2023), ("cstdcs", 2024), ("cstdcs", 2025)])
    assert "cong_nhan_sang_kien" in old.dossier and "cong_nhan_sang_kien" not in first.dossier
    assert old.params["routes"] == ["initiative"] and first.params["routes"] == ["htxs", "initiative"]
    articles = {year: rule_for("co-bo", year).article for year in (2019, 2024, 2025)}
    assert len(set(articles.values())) == 3
    ttg = {year: rule_for("bk-ttg", year).params for year in (2023, 2024)}
    assert (ttg[2023]["min_rating"], ttg[2023]["initiatives"], ttg[2023]["after_award"]) == ("htxs", 5, True)
    assert (ttg[2024]["min_rating"], ttg[2024]["cstdcs"], ttg[2024]["after_award"]) == ("htt", 3, False)


def test_every_unconfirmed_value_says_so():
    for rule in AwardRule.objects.all():
        assert rule.confirmed == (not rule.params.get("unconfirmed")), rule
    assert AwardRule.objects.filter(confirmed=True).exists() and AwardRule.objects.filter(confirmed=False).exists()


def test_a_threshold_is_data_not_code():
    unit = collective(6)
    assert evaluate(code="tldtt", year=2025, unit=unit).result == PASS
    rule = rule_for("tldtt", 2025)
    rule.params = {**rule.params, "ldtt_share": 60}
    rule.save()
    finding = evaluate(code="tldtt", year=2025, unit=unit)
    assert finding.result == FAIL and "trên 60%" in finding.reason


def test_catalogue_page_shows_what_is_unconfirmed_and_the_article(client, officer_vl):
    client.force_login(officer_vl)
    page = client.get("/khen-thuong/danh-muc/").content.decode()
    assert "chưa xác nhận" in page and "Điều 26 Luật Thi đua, khen thưởng 2022" in page


def test_a_province_has_its_own_bang_khen_chien_si_and_co(province_pair):
    for code in ("bk-tinh", "cstd-tinh", "co-tinh"):
        assert rule_for(code, 2025).decider_unit_kinds == ["province"]
    person = PersonFactory(unit=province_pair["vinh-long"])
    give(person, "cstd-tinh", 2024, 2025)
    Initiative.objects.create(person=person, title="Giải pháp toàn quốc", scope="national", year=2025, recognising_decision="QĐ 1")
    assert evaluate(code="cstd-tq", year=2025, person=person).result == PASS
    record_kind = AwardKind.objects.get(code="bk-tinh")
    AwardRecord.objects.create(person=person, award_kind=record_kind, year=2019, decision="QĐ 1")
    rate(person, "htt", 2021, 2022, 2023, 2024, 2025)
    give(person, "cstdcs", 2023, 2024, 2025)
    assert evaluate(code="bk-ttg", year=2025, person=person).result == PASS
