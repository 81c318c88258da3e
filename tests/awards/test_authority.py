"""Who may decide which award (Luật Thi đua, khen thưởng 2022 Art 79–80; Thông tư 16/2018/TT-BCT): for each
kind of deciding body, an award it may decide and one it may not, in the eligibility check and in the
service that opens a nomination."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from awards import services as svc
from awards.models import AwardKind, AwardRound
from awards.selectors import FAIL, PASS, check_authority
from tests.conftest import make_user
from tests.factories import PersonFactory, UnitFactory
from units.models import Role, UnitKind

pytestmark = pytest.mark.django_db

# kind of deciding body → (an award it may decide, one it may not)
CASES = {
    "ministry": ("bk-bo", "bk-tinh"),
    "province": ("bk-tinh", "bk-bo"),
    "provincial_department": ("giay-khen", "bk-bo"),
    "agency": ("tldxs", "bk-bo"),
    "enterprise": ("cstdcs", "cstd-bo"),
    "government": ("bk-ttg", "bk-bo"),
}
NAMES = {
    "ministry": "Bộ Công Thương",
    "province": "Ủy ban nhân dân tỉnh Vĩnh Long",
    "provincial_department": "Sở Công Thương tỉnh Vĩnh Long",
    "agency": "Cục Điện lực",
    "enterprise": "Tổng công ty Máy và Thiết bị công nghiệp",
    "government": "Thủ tướng Chính phủ",
}


@pytest.mark.parametrize("kind", list(CASES))
@pytest.mark.parametrize("year", [2019, 2024, 2025])
def test_each_deciding_body_decides_its_own_awards_only(kind, year):
    decider = UnitFactory(kind=kind, name=NAMES[kind])
    allowed, refused = CASES[kind]
    granted = check_authority(code=allowed, year=year, decider=decider)
    assert granted.result == PASS, granted.reason
    refusal = check_authority(code=refused, year=year, decider=decider)
    assert refusal.result == FAIL and "không có thẩm quyền quyết định" in refusal.reason
    basis = "Thông tư 16/2018/TT-BCT" if year == 2019 else "Điều 79, 80 Luật Thi đua, khen thưởng 2022"
    assert basis in refusal.reason and basis in granted.reason


@pytest.mark.parametrize("code", ["bk-bo", "cstd-bo", "co-bo", "kn-chuong"])
def test_a_provincial_committee_never_decides_the_ministers_awards(code):
    ubnd = UnitFactory(kind=UnitKind.PROVINCE, name="Ủy ban nhân dân tỉnh Nghệ An")
    for year in (2019, 2024, 2025):
        assert check_authority(code=code, year=year, decider=ubnd).result == FAIL


@pytest.mark.parametrize("kind", list(CASES))
def test_nomination_create_refuses_an_award_outside_the_deciders_power(kind, province_pair):
    decider = UnitFactory(kind=kind, name=NAMES[kind], code=f"decider-{kind}")
    proposing = province_pair["vinh-long"]
    officer = make_user(f"officer-{kind}", proposing, Role.UNIT_OFFICER)
    today = datetime.date.today()
    award_round = AwardRound.objects.create(name=f"Đợt xét của {decider.name}", deciding_unit=decider, achievement_year=2025,
                                            opens_on=today, closes_on=today + datetime.timedelta(days=10))
    allowed, refused = CASES[kind]
    person = PersonFactory(unit=proposing)

    def open_nomination(code):
        kind_row = AwardKind.objects.get(code=code)
        subject = {"unit": proposing} if kind_row.subject == "collective" else {"person": person}
        return svc.nomination_create(actor=officer, round=award_round, proposing_unit=proposing, award_kind=kind_row,
                                     achievement="Hoàn thành xuất sắc nhiệm vụ năm 2025", **subject)

    assert open_nomination(allowed).pk
    with pytest.raises(ValidationError) as refused_error:
        open_nomination(refused)
    assert refused_error.value.code == "authority"
    assert "không có thẩm quyền quyết định" in refused_error.value.messages[0]
