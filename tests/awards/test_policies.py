"""Each policy of awards: the page offers an action exactly when its service accepts it; and a new title
is added by data alone."""

import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from pypdf import PdfReader

from awards import policies
from awards import selectors as sel
from awards import services as svc
from awards.models import AwardKind, AwardRecord, AwardRule, EligibilityCheck, Rating, RuleSet
from common.policies import allowed
from tests.conftest import make_user
from tests.factories import PersonFactory
from units.models import Role, RoleScope

from .conftest import nominate

pytestmark = pytest.mark.django_db


def service_accepts(call) -> bool:
    try:
        call()
    except (PermissionDenied, ValidationError):
        return False
    return True


@pytest.mark.parametrize("who", ["ministry_clerk", "province_clerk", "other_province_clerk"])
def test_revoke_needs_clerk_or_secretary_of_the_deciding_unit(client, ministry, province_pair, who):
    """A Sở's clerk may not revoke the Minister's Bằng khen (nor another province's award)."""
    vl, na = province_pair["vinh-long"], province_pair["nghe-an"]
    record = AwardRecord.objects.create(unit=vl, award_kind=AwardKind.objects.get(code="bk-bo"), year=2024, decision="QĐ 1/QĐ-BCT")
    record.deciding_unit = ministry
    record.save()
    user = {
        "ministry_clerk": make_user("bo-vt", ministry, Role.CLERK, scope=RoleScope.SECTOR),
        "province_clerk": make_user("vl-vt", vl, Role.CLERK),
        "other_province_clerk": make_user("na-vt", na, Role.CLERK),
    }[who]
    client.force_login(user)
    page = client.get(reverse("awards:unit-history", args=[vl.pk]))
    shown = page.status_code == 200 and "Quyết định hủy bỏ" in page.content.decode()
    accepted = service_accepts(lambda: svc.award_record_revoke(actor=user, record=record, revoking_decision="QĐ 9/QĐ-BCT"))
    assert shown == accepted == (who == "ministry_clerk")


def test_vote_offered_only_where_the_service_takes_it(client, council_setup, officer_vl, province_pair):
    nomination = nominate(officer_vl, council_setup["round"], province_pair["vinh-long"])
    svc.nomination_submit(nomination=nomination, actor=officer_vl)
    box = svc.agenda_add(session=council_setup["session"], actor=council_setup["secretary"], nomination=nomination)
    url = reverse("awards:session-detail", args=[council_setup["session"].pk])
    voter, conflicted, secretary = council_setup["members"][0], council_setup["conflicted"], council_setup["secretary"]
    for user in (voter, conflicted, secretary):  # closed ballot: nobody is offered a vote, nobody can vote
        client.force_login(user)
        assert "Không đồng ý" not in client.get(url).content.decode()
        assert not service_accepts(lambda u=user: svc.ballot_vote(box=box, member=u, choice="for"))
    svc.ballot_open(box=box, actor=secretary)
    for user, expected in ((conflicted, False), (voter, True), (voter, False)):  # the second vote of the same member is refused
        client.force_login(user)
        shown = "Không đồng ý" in client.get(url).content.decode()
        assert shown == service_accepts(lambda u=user: svc.ballot_vote(box=box, member=u, choice="for")) == expected


@pytest.mark.parametrize("who", ["secretary", "member"])
def test_secretary_actions_page_and_service_agree(client, council_setup, officer_vl, province_pair, who):
    nomination = nominate(officer_vl, council_setup["round"], province_pair["vinh-long"])
    svc.nomination_submit(nomination=nomination, actor=officer_vl)
    user = council_setup["secretary"] if who == "secretary" else council_setup["members"][0]
    client.force_login(user)
    shown = "Lý do vượt tỷ lệ" in client.get(reverse("awards:session-detail", args=[council_setup["session"].pk])).content.decode()
    accepted = service_accepts(lambda: svc.agenda_add(session=council_setup["session"], actor=user, nomination=nomination))
    assert shown == accepted == (who == "secretary")


@pytest.mark.parametrize("who", ["own_officer", "other_officer"])
def test_nomination_actions_page_and_service_agree(client, council_setup, officer_vl, officer_na, province_pair, who):
    nomination = nominate(officer_vl, council_setup["round"], province_pair["vinh-long"])
    user = officer_vl if who == "own_officer" else officer_na
    client.force_login(user)
    response = client.get(nomination.get_absolute_url())
    shown = response.status_code == 200 and "Rút hồ sơ" in response.content.decode()
    assert shown == allowed(policies.withdraw_nomination_refusal(user, nomination))
    assert shown == service_accepts(lambda: svc.nomination_withdraw(nomination=nomination, actor=user)) == (who == "own_officer")


def test_a_new_title_added_by_data_alone_gets_a_verdict_with_its_article_and_its_certificate(ministry, province_pair):
    """A provincial chair's Bằng khen reuses the Ministry's check: no code changes, only catalogue rows."""
    kind = AwardKind.objects.create(
        code="bk-ubnd-tinh", name="Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", subject="individual", category="form", level="ministry",
        eligibility_check=EligibilityCheck.BK_BO, article="Điều 74 Luật Thi đua, khen thưởng 2022",
        certificate_title="Bằng khen", deciding_body="Chủ tịch Ủy ban nhân dân tỉnh Vĩnh Long",
    )
    for ruleset in RuleSet.objects.all():
        AwardRule.objects.create(ruleset=ruleset, award_kind=kind, decider_unit_kinds=["province"], dossier=["to_trinh"])
    person = PersonFactory(unit=province_pair["vinh-long"])
    cstdcs = AwardKind.objects.get(code="cstdcs")
    for year in (2024, 2025):
        AwardRecord.objects.create(person=person, award_kind=cstdcs, year=year, decision=f"QĐ {year}")
        Rating.objects.create(person=person, year=year, level="htxs")
    finding = sel.evaluate(code="bk-ubnd-tinh", year=2025, person=person)
    assert finding.result == "pass" and "điểm d khoản 1 Điều 74 Luật Thi đua, khen thưởng 2022" in finding.reason
    other = PersonFactory(unit=province_pair["vinh-long"])
    assert sel.evaluate(code="bk-ubnd-tinh", year=2025, person=other).result == "review"
    record = AwardRecord.objects.create(person=person, award_kind=kind, year=2025, decision="QĐ 15/QĐ-UBND", golden_book_number="01/2026/SV-UBND")
    text = " ".join(PdfReader(io.BytesIO(svc.certificate_pdf(record))).pages[0].extract_text().split())
    assert "BẰNG KHEN" in text and "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH VĨNH LONG" in text and "01/2026/SV-UBND" in text
    flag = AwardKind.objects.create(code="co-ubnd", name="Cờ thi đua của Ủy ban nhân dân tỉnh", subject="collective", category="title",
                                    level="ministry", certificate_layout="flag", certificate_title="Cờ thi đua", deciding_body="Ủy ban nhân dân tỉnh Vĩnh Long")
    flag_record = AwardRecord.objects.create(unit=province_pair["vinh-long"], award_kind=flag, year=2025, decision="QĐ 16/QĐ-UBND")
    flag_text = " ".join(PdfReader(io.BytesIO(svc.certificate_pdf(flag_record))).pages[0].extract_text().split())
    assert "ỦY BAN NHÂN DÂN TỈNH VĨNH LONG" in flag_text and "SỞ CÔNG THƯƠNG TỈNH VĨNH LONG" in flag_text
