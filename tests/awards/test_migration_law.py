"""Migration 0009 corrects a database seeded before it: the Minister's awards leave the provinces, the rule
sets take the law of their years, and what the administrator corrected in the admin is kept."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from awards.catalogue import INITIATIVE_DOSSIER, TITLE_DOSSIER, UNIT_HEADS

BEFORE = [("awards", "0008_award_record_deciding_unit")]
AFTER = [("awards", "0009_law_by_year")]
OLD_SOURCE = "Luật Thi đua, khen thưởng 2022; Nghị định 98/2023/NĐ-CP Art 54; Thông tư 22/2023/TT-BCT"


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


@pytest.mark.django_db(transaction=True)
def test_migration_0009_brings_an_old_seed_to_the_law():
    apps = _migrate(BEFORE)
    AwardKind, AwardRule = apps.get_model("awards", "AwardKind"), apps.get_model("awards", "AwardRule")
    # The database as the first seed left it: three identical rule sets, a province among the Minister's deciders.
    AwardRule.objects.filter(award_kind__code__in=["bk-tinh", "cstd-tinh", "co-tinh"]).delete()
    AwardKind.objects.filter(code__in=["bk-tinh", "cstd-tinh", "co-tinh"]).delete()
    AwardKind.objects.filter(code="co-bo").update(article="Điều 26 Luật Thi đua, khen thưởng 2022; Điều 6 Thông tư 22/2023/TT-BCT")
    for code in ("bk-bo", "cstd-bo", "co-bo", "kn-chuong"):
        AwardRule.objects.filter(award_kind__code=code).update(decider_unit_kinds=["ministry", "province"], params={}, article="")
    AwardRule.objects.filter(award_kind__code="cstdcs").update(dossier=INITIATIVE_DOSSIER, params={}, article="", source=OLD_SOURCE + "; hệ số tiền thưởng ✔")
    AwardRule.objects.filter(award_kind__code="ldtt").update(decider_unit_kinds=UNIT_HEADS, params={}, article="")
    # What an administrator corrected: kept, except the province on the Minister's own award.
    AwardRule.objects.filter(award_kind__code="ldtt", ruleset__valid_from__year=2024).update(reward_multiple=Decimal("0.35"))
    AwardRule.objects.filter(award_kind__code="bk-bo", ruleset__valid_from__year=2024).update(decider_unit_kinds=["ministry", "province", "agency"])

    apps = _migrate(AFTER)
    AwardKind, AwardRule = apps.get_model("awards", "AwardKind"), apps.get_model("awards", "AwardRule")
    assert set(AwardKind.objects.filter(code__in=["bk-tinh", "cstd-tinh", "co-tinh"]).values_list("code", flat=True)) == {"bk-tinh", "cstd-tinh", "co-tinh"}
    assert AwardRule.objects.filter(award_kind__code="bk-tinh").count() == 3
    for rule in AwardRule.objects.filter(award_kind__code__in=["bk-bo", "cstd-bo", "co-bo", "kn-chuong"]):
        assert "province" not in rule.decider_unit_kinds, rule.award_kind.code
    assert AwardRule.objects.get(award_kind__code="bk-bo", ruleset__valid_from__year=2024).decider_unit_kinds == ["ministry", "agency"]
    cstdcs = {r.ruleset.valid_from.year: r for r in AwardRule.objects.filter(award_kind__code="cstdcs").select_related("ruleset")}
    assert cstdcs[2010].dossier == INITIATIVE_DOSSIER and cstdcs[2010].params["routes"] == ["initiative"]
    assert cstdcs[2024].dossier == TITLE_DOSSIER and cstdcs[2024].params["dossier_unless_htxs"] == ["cong_nhan_sang_kien"]
    assert "2003" in cstdcs[2010].article and "2022" in cstdcs[2024].article
    assert AwardRule.objects.get(award_kind__code="ldtt", ruleset__valid_from__year=2024).reward_multiple == Decimal("0.35")
    assert AwardKind.objects.get(code="co-bo").article == "Điều 26 Luật Thi đua, khen thưởng 2022"
    co_bo = {r.ruleset.valid_from.year: r.article for r in AwardRule.objects.filter(award_kind__code="co-bo").select_related("ruleset")}
    assert "16/2018" in co_bo[2010] and "22/2023" in co_bo[2024] and "22/2023" not in co_bo[2025]
