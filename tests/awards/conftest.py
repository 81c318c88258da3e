import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from awards import services as svc
from awards.catalogue import seed_catalogue
from awards.models import AwardKind, AwardRound, Council, CouncilSession
from tests.conftest import make_user
from units.models import Role, RoleScope

PDF = b"%PDF-1.7\n% ho so\n"


@pytest.fixture(autouse=True)
def catalogue(request):
    """The catalogue a data migration seeds; transactional tests flush it, so make sure it is there."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return
    request.getfixturevalue("transactional_db" if marker.kwargs.get("transaction") else "db")
    seed_catalogue()


@pytest.fixture
def council_setup(ministry, province_pair, officer_vl, media_root):
    secretary = make_user("tk", ministry, Role.COUNCIL_SECRETARY, scope=RoleScope.SECTOR)
    chair = make_user("ct", ministry, Role.SIGNER)
    members = [make_user(f"tv{i}", ministry, Role.COUNCIL_MEMBER, scope=RoleScope.SECTOR) for i in range(3)]
    conflicted_member = make_user("tv-vl", province_pair["vinh-long"], Role.COUNCIL_MEMBER, scope=RoleScope.SECTOR)
    council = Council.objects.create(unit=ministry, name="Hội đồng Thi đua - Khen thưởng Bộ Công Thương", chair=chair, secretary=secretary)
    council.members.set(members + [conflicted_member])
    today = datetime.date.today()
    award_round = AwardRound.objects.create(name="Đợt xét năm 2025", deciding_unit=ministry, achievement_year=2025,
                                            opens_on=today - datetime.timedelta(days=1), closes_on=today + datetime.timedelta(days=30))
    session = CouncilSession.objects.create(council=council, title="Phiên họp tháng 12", held_on=today)
    return {"secretary": secretary, "members": members, "conflicted": conflicted_member, "round": award_round, "session": session, "council": council}


def nominate(officer, award_round, unit, code="bk-bo", files=("to_trinh", "bao_cao_thanh_tich", "bien_ban")):
    nomination = svc.nomination_create(actor=officer, round=award_round, proposing_unit=unit, award_kind=AwardKind.objects.get(code=code),
                                       achievement="Hoàn thành xuất sắc nhiệm vụ năm 2025", unit=unit)
    for document in files:
        svc.dossier_add(nomination=nomination, actor=officer, document=document, upload=SimpleUploadedFile(f"{document}.pdf", PDF))
    return nomination
