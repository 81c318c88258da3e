"""The law as written, for databases seeded before it.

- Authority (Luật 2022 Art 79–80): the Minister's Bằng khen, Chiến sĩ thi đua Bộ Công Thương, Cờ thi đua
  and Kỷ niệm chương are decided by the Ministry only; a province was wrongly seeded as a decider. This is
  corrected in every rule set, whatever else the administrator changed.
- The rule sets differ where the law changed (the year of the achievement): every other value is brought
  to the catalogue's only where it still holds what the first seed wrote, so a correction made in the
  admin is kept.
- The titles a province decides itself are added.
"""

from decimal import Decimal

from django.db import migrations

OLD_LAW = "Luật Thi đua, khen thưởng 2022"
OLD_SOURCE = "Luật Thi đua, khen thưởng 2022; Nghị định 98/2023/NĐ-CP Art 54; Thông tư 22/2023/TT-BCT"
UNIT_HEADS = ["provincial_department", "agency", "enterprise", "public_service", "committee"]
MINISTER = ["ministry", "province"]
TITLE_DOSSIER = ["to_trinh", "bao_cao_thanh_tich", "bien_ban"]
INITIATIVE_DOSSIER = TITLE_DOSSIER + ["cong_nhan_sang_kien"]
MINISTERS_OWN = {"bk-bo", "cstd-bo", "co-bo", "kn-chuong"}

# What the first seed wrote, identical in the three rule sets: code → (deciders, dossier, quota, multiple, params).
OLD_RULES = {
    "ldtt": (UNIT_HEADS, TITLE_DOSSIER, None, "0.3", {}),
    "cstdcs": (UNIT_HEADS, INITIATIVE_DOSSIER, ("15", "ldtt", 1), "1.0", {}),
    "cstd-bo": (MINISTER, INITIATIVE_DOSSIER, None, "3.0", {}),
    "cstd-tq": ([], INITIATIVE_DOSSIER, None, "4.5", {"consecutive": "years"}),
    "tldtt": (UNIT_HEADS, TITLE_DOSSIER, None, "0.8", {"ldtt_share": 50}),
    "tldxs": (MINISTER + ["agency"], TITLE_DOSSIER, ("20", "tldtt", 1), "1.5", {"ldtt_share": 70}),
    "co-bo": (MINISTER, TITLE_DOSSIER, None, "8.0", {}),
    "co-cp": ([], TITLE_DOSSIER, None, "12.0", {}),
    "giay-khen": (UNIT_HEADS, TITLE_DOSSIER, None, None, {}),
    "bk-bo": (MINISTER, TITLE_DOSSIER, None, None, {}),
    "bk-ttg": ([], TITLE_DOSSIER, None, None, {"years": 5}),
    "kn-chuong": (MINISTER, TITLE_DOSSIER, None, None, {}),
}

OLD_KIND_ARTICLES = {
    "co-bo": f"Điều 26 {OLD_LAW}; Điều 6 Thông tư 22/2023/TT-BCT",
    "co-cp": f"Điều 25 {OLD_LAW}: chọn trong các tập thể dẫn đầu cụm, khối thi đua",
    "giay-khen": f"Điều 75 {OLD_LAW}; Điều 8 Thông tư 22/2023/TT-BCT",
}


def _same(a, b) -> bool:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        return a is not None and b is not None and Decimal(a) == Decimal(b)
    return a == b


def forwards(apps, schema_editor):
    from awards.catalogue import KIND_DATA, RULESETS, rule_values, seed_kinds

    AwardKind = apps.get_model("awards", "AwardKind")
    RuleSet = apps.get_model("awards", "RuleSet")
    AwardRule = apps.get_model("awards", "AwardRule")
    kinds = seed_kinds(AwardKind)  # the province's own titles, when missing
    for code, old_article in OLD_KIND_ARTICLES.items():
        AwardKind.objects.filter(code=code, article=old_article).update(article=KIND_DATA[code][1])
    AwardKind.objects.filter(code="tldxs", deciding_body="Bộ trưởng Bộ Công Thương").update(deciding_body=KIND_DATA["tldxs"][4])
    for _key, name, basis, start, end, rules in RULESETS:
        ruleset = RuleSet.objects.filter(name=name).first()
        if ruleset is None:
            ruleset = RuleSet.objects.create(name=name, legal_basis=basis, valid_from=start, valid_to=end)
        for code, data in rules.items():
            new = rule_values(data, kinds)
            rule = AwardRule.objects.filter(ruleset=ruleset, award_kind__code=code).first()
            if rule is None:
                AwardRule.objects.create(ruleset=ruleset, award_kind=kinds[code], **new)
                continue
            if code in MINISTERS_OWN:  # the defect itself: corrected whatever else was edited
                rule.decider_unit_kinds = [k for k in rule.decider_unit_kinds if k != "province"]
            old = OLD_RULES.get(code)
            if old is not None:
                deciders, dossier, quota, multiple, params = old
                olds = {
                    "decider_unit_kinds": [k for k in deciders if not (code in MINISTERS_OWN and k == "province")],
                    "dossier": dossier, "params": params,
                    "reward_multiple": Decimal(multiple) if multiple else None,
                    "quota_percent": Decimal(quota[0]) if quota else None,
                    "quota_base": kinds.get(quota[1]) if quota else None,
                    "source": OLD_SOURCE + ("; hệ số tiền thưởng ✔" if multiple else ""),
                    "article": "", "confirmed": False,
                }
                for field, old_value in olds.items():
                    if _same(getattr(rule, field), old_value):
                        setattr(rule, field, new[field])
            rule.save()


class Migration(migrations.Migration):
    dependencies = [("awards", "0008_award_record_deciding_unit")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
