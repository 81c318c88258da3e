"""Award screens: public honour board, history within scope, Excel import, revocation, catalogue."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from awards.models import AwardKind, AwardRecord
from awards.selectors import evaluate
from tests.conftest import make_user
from tests.factories import PersonFactory
from units.models import Role, RoleScope

pytestmark = pytest.mark.django_db


def test_honour_board_is_public_and_filters(client, province_pair):
    kind = AwardKind.objects.get(code="bk-bo")
    AwardRecord.objects.create(unit=province_pair["vinh-long"], award_kind=kind, year=2025, decision="125/QĐ-BCT")
    AwardRecord.objects.create(unit=province_pair["nghe-an"], award_kind=kind, year=2024, decision="99/QĐ-BCT", revoked=True, revoking_decision="QĐ hủy")
    response = client.get(reverse("awards:honour-board"), {"year": "2025"})
    body = response.content.decode()
    assert response.status_code == 200 and "Sở Công Thương tỉnh Vĩnh Long" in body
    assert "Nghệ An" not in client.get(reverse("awards:honour-board")).content.decode()  # revoked never shows
    person = PersonFactory(unit=province_pair["nghe-an"], full_name="Trần Thị Vinh Danh")
    AwardRecord.objects.create(person=person, award_kind=AwardKind.objects.get(code="cstdcs"), year=2025, decision="7/QĐ-SCT")
    by_title = client.get(reverse("awards:honour-board"), {"award": "cstdcs"}).content.decode()
    assert "Trần Thị Vinh Danh" in by_title and "Sở Công Thương tỉnh Vĩnh Long" not in by_title
    by_unit = client.get(reverse("awards:honour-board"), {"unit": "Vĩnh Long"}).content.decode()
    assert "125/QĐ-BCT" in by_unit and "Trần Thị Vinh Danh" not in by_unit


def test_history_is_scoped(client, officer_vl, province_pair):
    other = PersonFactory(unit=province_pair["nghe-an"])
    client.force_login(officer_vl)
    assert client.get(reverse("awards:unit-history", args=[province_pair["vinh-long"].pk])).status_code == 200
    assert client.get(reverse("awards:unit-history", args=[province_pair["nghe-an"].pk])).status_code == 404
    assert client.get(reverse("awards:person-history", args=[other.pk])).status_code == 404


def test_import_history_all_or_nothing(client, officer_vl, province_pair):
    PersonFactory(unit=province_pair["vinh-long"], full_name="Nguyễn Văn Lịch")
    book = Workbook()
    sheet = book.active
    sheet.append(["Mã đơn vị", "Họ và tên cá nhân (để trống nếu là tập thể)", "Danh hiệu, hình thức", "Năm", "Quyết định"])
    sheet.append(["sct-vinh-long", "", "Tập thể lao động xuất sắc", 2023, "QĐ 1"])
    sheet.append(["sct-vinh-long", "Nguyễn Văn Lịch", "cstdcs", 2024, "QĐ 2"])
    sheet.append(["sct-nghe-an", "", "Tập thể lao động xuất sắc", 2023, "QĐ 3"])
    sheet.append(["sct-vinh-long", "", "Huân chương không có", 2023, "QĐ 4"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "ls.xlsx"
    client.force_login(officer_vl)
    body = client.post(reverse("awards:history-import"), {"file": buffer}).content.decode()
    assert "Dòng 4" in body and "Dòng 5" in body
    assert not AwardRecord.objects.exists()


def test_revocation_through_the_screen_excludes_the_award(client, province_pair):
    secretary = make_user("thu-ky", province_pair["vinh-long"], Role.COUNCIL_SECRETARY, scope=RoleScope.SECTOR)
    person = PersonFactory(unit=province_pair["vinh-long"])
    kind = AwardKind.objects.get(code="cstdcs")
    records = [AwardRecord.objects.create(person=person, award_kind=kind, year=y, decision=f"QĐ {y}") for y in (2024, 2025)]
    assert evaluate(code="bk-bo", year=2025, person=person).result == "pass"
    client.force_login(secretary)
    client.post(reverse("awards:record-revoke", args=[records[0].pk]), {"revoking_decision": "QĐ 7/QĐ-BCT hủy bỏ"})
    records[0].refresh_from_db()
    assert records[0].revoked and records[0].revoking_decision == "QĐ 7/QĐ-BCT hủy bỏ"
    assert evaluate(code="bk-bo", year=2025, person=person).result == "review"


def test_catalogue_marks_unconfirmed_values(client, officer_vl):
    client.force_login(officer_vl)
    body = client.get(reverse("awards:catalogue")).content.decode()
    assert "Tập thể lao động xuất sắc" in body and "chưa xác nhận" in body and "3.510.000" in body  # 1,5 × 2.340.000


def test_eligibility_check_page(client, officer_vl, province_pair):
    person = PersonFactory(unit=province_pair["vinh-long"])
    client.force_login(officer_vl)
    body = client.get(reverse("awards:eligibility-check"), {"award": "cstd-bo", "year": "2025", "person": person.pk}).content.decode()
    assert "Chưa đủ 03 lần liên tục đạt Chiến sĩ thi đua cơ sở" in body


def test_session_page_records_attendance_and_shows_quotas(client, ministry, province_pair, officer_vl, media_root):
    import datetime

    from awards.models import AwardRound, Council, CouncilSession
    from tests.conftest import make_user
    from units.models import Role, RoleScope

    secretary = make_user("tk-view", ministry, Role.COUNCIL_SECRETARY, scope=RoleScope.SECTOR)
    members = [make_user(f"tv-view{i}", ministry, Role.COUNCIL_MEMBER, scope=RoleScope.SECTOR) for i in range(2)]
    council = Council.objects.create(unit=ministry, name="Hội đồng", chair=members[0], secretary=secretary)
    council.members.set(members)
    today = datetime.date.today()
    AwardRound.objects.create(name="Đợt", deciding_unit=ministry, achievement_year=2025, opens_on=today, closes_on=today)
    session = CouncilSession.objects.create(council=council, title="Phiên", held_on=today)
    client.force_login(members[1])
    response = client.post(reverse("awards:session-attendance", args=[session.pk]), {"present": [members[0].pk]}, follow=True)
    assert session.present.count() == 0 and "Chỉ thư ký" in response.content.decode()
    client.force_login(secretary)
    client.post(reverse("awards:session-attendance", args=[session.pk]), {"present": [members[0].pk, officer_vl.pk]})
    assert session.present.count() == 0  # only council members can be marked present: the list is refused
    client.post(reverse("awards:session-attendance", args=[session.pk]), {"present": [members[0].pk]})
    assert list(session.present.all()) == [members[0]]
    client.force_login(officer_vl)
    assert client.get(reverse("awards:session-detail", args=[session.pk])).status_code == 404


def test_rounds_sessions_and_withdrawal_in_the_browser_flow(client, ministry, province_pair, officer_vl, media_root):
    import datetime

    from awards.models import AwardKind, AwardRound, Council, CouncilSession, Nomination
    from tests.conftest import make_user
    from units.models import AuditEvent, Role, RoleScope

    secretary = make_user("tk-r", ministry, Role.COUNCIL_SECRETARY, scope=RoleScope.SECTOR)
    council = Council.objects.create(unit=ministry, name="Hội đồng", chair=secretary, secretary=secretary)
    today = datetime.date.today()
    form = {"name": "Đợt đột xuất", "deciding_unit": ministry.pk, "kind": "thematic", "achievement_year": "2026",
            "opens_on": today.isoformat(), "closes_on": (today + datetime.timedelta(days=9)).isoformat()}
    client.force_login(officer_vl)
    assert "Mở đợt xét" not in client.get(reverse("awards:round-list")).content.decode()
    client.post(reverse("awards:round-list"), form)  # not a deciding unit the officer manages
    assert not AwardRound.objects.exists()
    client.force_login(secretary)
    response = client.post(reverse("awards:round-list"), form, follow=True)
    assert "phải gắn với một phong trào" in response.content.decode() and not AwardRound.objects.exists()
    client.post(reverse("awards:round-list"), {**form, "kind": "sudden"})
    award_round = AwardRound.objects.get()
    assert award_round.kind == "sudden" and AuditEvent.objects.filter(action="award_round_create").exists()
    client.post(reverse("awards:session-list"), {"council": council.pk, "title": "Phiên đột xuất", "held_on": today.isoformat()})
    assert CouncilSession.objects.get().title == "Phiên đột xuất"

    nomination = Nomination.objects.create(round=award_round, proposing_unit=province_pair["vinh-long"], unit=province_pair["vinh-long"],
                                           award_kind=AwardKind.objects.get(code="bk-bo"), achievement="x", status="on_agenda")
    client.force_login(officer_vl)
    response = client.post(reverse("awards:nomination-withdraw", args=[nomination.pk]), follow=True)
    assert "không rút được" in response.content.decode()
    Nomination.objects.filter(pk=nomination.pk).update(status="submitted")
    client.post(reverse("awards:nomination-withdraw", args=[nomination.pk]))
    nomination.refresh_from_db()
    assert nomination.status == "withdrawn"


def test_admin_edits_rules_but_never_sees_ballots():
    from django.contrib import admin

    from awards.models import AwardKind, AwardRule, BallotBox, BallotParticipation, BaseSalary, RuleSet

    assert all(admin.site.is_registered(m) for m in (AwardKind, RuleSet, AwardRule, BaseSalary))
    assert not any(admin.site.is_registered(m) for m in (BallotBox, BallotParticipation))


def test_history_entries_feed_eligibility(client, province_pair, officer_vl, officer_na):
    from awards.models import AwardKind, AwardRecord, Discipline, Rating
    from awards.selectors import evaluate
    from tests.factories import PersonFactory

    person = PersonFactory(unit=province_pair["vinh-long"])
    AwardRecord.objects.create(person=person, award_kind=AwardKind.objects.get(code="ldtt"), year=2025, decision="QĐ")
    url = lambda entry: reverse("awards:history-entry", args=[entry])  # noqa: E731
    client.force_login(officer_na)
    assert client.post(url("xep-loai"), {"person": person.pk, "year": "2025", "level": "htxs"}).status_code == 404
    client.force_login(officer_vl)
    client.post(url("xep-loai"), {"person": person.pk, "year": "2025", "level": "htt"})
    assert evaluate(code="cstdcs", year=2025, person=person).result == "fail"
    client.post(url("xep-loai"), {"person": person.pk, "year": "2025", "level": "htxs"})  # corrected in place
    assert Rating.objects.get(person=person, year=2025).level == "htxs"
    assert evaluate(code="cstdcs", year=2025, person=person).result == "pass"
    response = client.post(url("sang-kien"), {"person": person.pk, "year": "2025", "title": "Số hóa hồ sơ", "scope": "unit", "recognising_decision": ""}, follow=True)
    assert "Cần quyết định công nhận" in response.content.decode()
    client.post(url("sang-kien"), {"person": person.pk, "year": "2025", "title": "Số hóa hồ sơ", "scope": "ministry", "recognising_decision": "QĐ 5/QĐ-SCT"})
    client.post(url("ky-luat"), {"person": person.pk, "year": "2025", "level": "warning", "decision": "QĐ 7/QĐ-SCT"})
    assert Discipline.objects.filter(person=person, level="warning").exists() and person.initiatives.get().scope == "ministry"
    page = client.get(reverse("awards:person-history", args=[person.pk])).content.decode()
    assert "Số hóa hồ sơ" in page and "Cảnh cáo" in page
