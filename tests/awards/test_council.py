"""Nominations with dossiers and the council's secret ballot."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from awards import selectors as sel
from awards import services as svc
from awards.models import (
    AwardKind,
    AwardRecord,
    AwardRound,
    BallotBox,
    BallotParticipation,
    NominationStatus,
)
from tests.conftest import make_user
from tests.factories import PersonFactory
from units.models import AuditEvent, Role

from .conftest import PDF, nominate

pytestmark = pytest.mark.django_db


def test_dossier_gate_and_authority(council_setup, officer_vl, province_pair):
    nomination = nominate(officer_vl, council_setup["round"], province_pair["vinh-long"], files=("to_trinh",))
    with pytest.raises(ValidationError, match="Hồ sơ còn thiếu: báo cáo thành tích"):
        svc.nomination_submit(nomination=nomination, actor=officer_vl)
    so_round = AwardRound.objects.create(name="Đợt của Sở", deciding_unit=province_pair["vinh-long"], achievement_year=2025,
                                         opens_on=council_setup["round"].opens_on, closes_on=council_setup["round"].closes_on)
    with pytest.raises(ValidationError, match="không có thẩm quyền"):
        svc.nomination_create(actor=officer_vl, round=so_round, proposing_unit=province_pair["vinh-long"],
                              award_kind=AwardKind.objects.get(code="bk-bo"), achievement="x", unit=province_pair["vinh-long"])


def test_html_renamed_pdf_is_refused_in_dossier(council_setup, officer_vl, province_pair):
    nomination = nominate(officer_vl, council_setup["round"], province_pair["vinh-long"], files=())
    with pytest.raises(ValidationError):
        svc.dossier_add(nomination=nomination, actor=officer_vl, document="to_trinh", upload=SimpleUploadedFile("x.pdf", b"<html>x</html>"))


def test_full_ballot_with_conflict_and_hidden_tally(client, council_setup, officer_vl, province_pair):
    nomination = nominate(officer_vl, council_setup["round"], province_pair["vinh-long"])
    svc.nomination_submit(nomination=nomination, actor=officer_vl)
    box = svc.agenda_add(session=council_setup["session"], actor=council_setup["secretary"], nomination=nomination)
    svc.ballot_open(box=box, actor=council_setup["secretary"])
    a, b, c = council_setup["members"]
    svc.ballot_vote(box=box, member=a, choice="for")
    with pytest.raises(ValidationError, match="đã bỏ phiếu"):
        svc.ballot_vote(box=box, member=a, choice="for")
    with pytest.raises(ValidationError, match="không bỏ phiếu"):
        svc.ballot_vote(box=box, member=council_setup["conflicted"], choice="for")
    svc.ballot_vote(box=box, member=b, choice="for")
    svc.ballot_vote(box=box, member=c, choice="against")
    with pytest.raises(PermissionDenied):
        sel.tally(box=box)
    client.force_login(a)
    assert client.get(reverse("awards:ballot-tally", args=[box.pk])).status_code == 403
    box = svc.ballot_close(box=box, actor=council_setup["secretary"])
    result = sel.tally(box=box)
    assert (result["for"], result["against"], result["voters"]) == (2, 1, 3)
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.PASSED  # 2/3 present ≥ 50 % (rule for bk-bo)
    events = AuditEvent.objects.filter(action="ballot_voted")
    assert events.count() == 3 and all("Đồng ý" not in e.summary and "for" not in e.summary for e in events)
    minutes = svc.session_minutes(session=council_setup["session"], actor=council_setup["secretary"])
    row = minutes.annexes[0]["rows"][0]
    assert minutes.series == "council" and row[3:7] + row[8:] == ["2", "1", "66,7 % trên 3", "3/3", "Thông qua"]
    assert minutes.dated_on == council_setup["session"].held_on and minutes.advisory_body.short_name == "HĐTĐKT"
    assert "≥ 50 % số thành viên có mặt (" in row[7]  # the vote rule the result follows, with its basis
    assert f"Thành viên Hội đồng có mặt: {', '.join(sorted(m.full_name for m in (a, b, c)))}." in str(minutes.body)
    assert a.full_name not in str(minutes.annexes)  # the results never name a member
    assert AuditEvent.objects.filter(action="session_minutes").exists()


def test_attendance_quorum_denominator_and_absentee_votes(council_setup, officer_vl, province_pair):
    """Quorum and the denominator follow the vote rule; an absent member votes only where the rule allows it."""
    from awards.models import AwardRule

    secretary, session = council_setup["secretary"], council_setup["session"]
    a, b, c = council_setup["members"]
    nomination = nominate(officer_vl, council_setup["round"], province_pair["vinh-long"])
    svc.nomination_submit(nomination=nomination, actor=officer_vl)
    box = svc.agenda_add(session=session, actor=secretary, nomination=nomination)
    with pytest.raises(PermissionDenied):
        svc.session_attendance_set(session=session, actor=a, present_ids=[a.pk])
    svc.session_attendance_set(session=session, actor=secretary, present_ids=[a.pk, b.pk])
    svc.ballot_open(box=box, actor=secretary)
    with pytest.raises(ValidationError, match="vắng mặt"):
        svc.ballot_vote(box=box, member=c, choice="against")
    with pytest.raises(ValidationError, match="đang bỏ phiếu"):
        svc.session_attendance_set(session=session, actor=secretary, present_ids=[a.pk, b.pk, c.pk])
    svc.ballot_vote(box=box, member=a, choice="for")
    svc.ballot_vote(box=box, member=b, choice="against")
    box = svc.ballot_close(box=box, actor=secretary)
    result = sel.tally(box=box)
    # bk-bo: quorum 50 % of 3 voters, 2 present; 1 of 2 present = 50 % but not more for than against → not passed
    assert (result["present"], result["denominator"], str(result["percent"])) == (2, 2, "50.0") and result["passed"] is False

    rule = AwardRule.objects.get(ruleset__valid_to__isnull=True, award_kind__code="tldxs")
    rule.absentee_votes, rule.denominator, rule.pass_threshold, rule.decider_unit_kinds = True, "all", "0.6", ["ministry"]
    rule.save()
    other = nominate(officer_vl, council_setup["round"], province_pair["vinh-long"], code="tldxs")
    svc.nomination_submit(nomination=other, actor=officer_vl)
    box = svc.agenda_add(session=session, actor=secretary, nomination=other)
    svc.ballot_open(box=box, actor=secretary)
    for member in (a, b, c):  # c is absent and sends a written vote
        svc.ballot_vote(box=box, member=member, choice="for" if member is not b else "against")
    box = svc.ballot_close(box=box, actor=secretary)
    result = sel.tally(box=box)
    assert (result["for"], result["denominator"], str(result["percent"])) == (2, 3, "66.7") and result["passed"] is True


def test_ballot_schema_keeps_no_ballot_row_and_no_time():
    """Counts per box, no row per ballot: the box holds no voter and no time, the participation no choice."""
    from django.apps import apps
    from django.db import models

    user_model = __import__("django.contrib.auth", fromlist=["get_user_model"]).get_user_model()
    assert not [m for m in apps.get_app_config("awards").get_models() if any(f.name == "choice" for f in m._meta.get_fields())]
    for field in BallotBox._meta.get_fields():
        assert getattr(field, "related_model", None) is not user_model or field.name == "participations"
        assert not isinstance(field, models.DateTimeField | models.TimeField | models.DateField)
    assert {f.name for f in BallotParticipation._meta.get_fields()} == {"id", "box", "member"}
    assert BallotParticipation._meta.constraints[0].fields == ("box", "member")


def _open_box(council_setup, officer_vl, province_pair, code="bk-bo"):
    nomination = nominate(officer_vl, council_setup["round"], province_pair["vinh-long"], code=code)
    svc.nomination_submit(nomination=nomination, actor=officer_vl)
    box = svc.agenda_add(session=council_setup["session"], actor=council_setup["secretary"], nomination=nomination)
    return svc.ballot_open(box=box, actor=council_setup["secretary"])


def test_sealed_count_looks_alike_after_every_vote_and_opens_only_on_its_box(council_setup, officer_vl, province_pair):
    from awards.models.council import unseal_count

    box = _open_box(council_setup, officer_vl, province_pair)
    other = _open_box(council_setup, officer_vl, province_pair, code="tldxs")
    seals = [bytes(box.sealed_count)]
    for member, choice in zip(council_setup["members"], ("for", "against", "for"), strict=True):
        svc.ballot_vote(box=box, member=member, choice=choice)
        box.refresh_from_db()
        seals.append(bytes(box.sealed_count))
    assert len(set(seals)) == len(seals) and len({len(seal) for seal in seals}) == 1  # fresh nonce, fixed width
    assert unseal_count(box.pk, box.sealed_count) == {"for": 2, "against": 1}
    with pytest.raises(ValidationError, match="niêm phong") as error:
        unseal_count(other.pk, box.sealed_count)  # a count copied onto another box does not open
    assert error.value.code == "seal"


def test_close_refuses_a_count_that_does_not_match_the_participations(council_setup, officer_vl, province_pair):
    box = _open_box(council_setup, officer_vl, province_pair)
    a, b, _ = council_setup["members"]
    svc.ballot_vote(box=box, member=a, choice="for")
    earlier = box.__class__.objects.get(pk=box.pk).sealed_count
    svc.ballot_vote(box=box, member=b, choice="against")
    box.__class__.objects.filter(pk=box.pk).update(sealed_count=earlier)  # someone rolls the count back a vote
    with pytest.raises(ValidationError, match="không khớp") as error:
        svc.ballot_close(box=box, actor=council_setup["secretary"])
    assert error.value.code == "seal_mismatch"
    box.refresh_from_db()
    assert box.is_open and not box.closed and box.votes_for is None


def test_count_survives_a_key_rotation_with_fallbacks_and_only_then(council_setup, officer_vl, province_pair, settings):
    box = _open_box(council_setup, officer_vl, province_pair)
    a, b, c = council_setup["members"]
    svc.ballot_vote(box=box, member=a, choice="for")
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "khoa-moi-" + "x" * 50, [old_key]
    svc.ballot_vote(box=box, member=b, choice="for")  # opened with the old key, sealed again with the new one
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "khoa-khac-" + "y" * 50, []
    with pytest.raises(ValidationError, match="khóa bí mật"):
        svc.ballot_vote(box=box, member=c, choice="against")
    settings.SECRET_KEY = "khoa-moi-" + "x" * 50
    svc.ballot_vote(box=box, member=c, choice="against")
    box = svc.ballot_close(box=box, actor=council_setup["secretary"])
    assert (box.votes_for, box.votes_against, box.sealed_count) == (2, 1, None)


@pytest.mark.django_db(transaction=True)
def test_concurrent_double_vote_gives_one_ballot(council_setup, officer_vl, province_pair):
    if connection.vendor != "postgresql":
        pytest.skip("Khóa dòng đồng thời cần PostgreSQL; CI chạy bài này trên PostgreSQL.")
    nomination = nominate(officer_vl, council_setup["round"], province_pair["vinh-long"])
    svc.nomination_submit(nomination=nomination, actor=officer_vl)
    box = svc.agenda_add(session=council_setup["session"], actor=council_setup["secretary"], nomination=nomination)
    svc.ballot_open(box=box, actor=council_setup["secretary"])
    member, barrier, errors = council_setup["members"][0], threading.Barrier(2), []

    def vote():
        barrier.wait()
        try:
            svc.ballot_vote(box=box, member=member, choice="for")
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert BallotParticipation.objects.filter(box=box).count() == 1 and len(errors) == 1
    box = svc.ballot_close(box=box, actor=council_setup["secretary"])
    assert (box.votes_for, box.votes_against) == (1, 0)


def test_quota_over_needs_council_reason(council_setup, officer_vl, province_pair):
    kind = AwardKind.objects.get(code="cstdcs")
    for _ in range(6):
        AwardRecord.objects.create(person=PersonFactory(unit=province_pair["vinh-long"]), award_kind=AwardKind.objects.get(code="ldtt"), year=2025, decision="QĐ")
    people = [PersonFactory(unit=province_pair["vinh-long"]) for _ in range(2)]
    ministry_round = council_setup["round"]
    # the ministry decides here only to exercise the quota (CSTĐCS ≤ 15 % of LĐTT, minimum 1): 6 LĐTT → cap 1
    from awards.models import AwardRule

    AwardRule.objects.filter(award_kind=kind).update(decider_unit_kinds=["ministry"])
    boxes_needed = []
    for person in people:
        nomination = svc.nomination_create(actor=officer_vl, round=ministry_round, proposing_unit=province_pair["vinh-long"], award_kind=kind, achievement="x", person=person)
        for document in ("to_trinh", "bao_cao_thanh_tich", "bien_ban", "cong_nhan_sang_kien"):
            svc.dossier_add(nomination=nomination, actor=officer_vl, document=document, upload=SimpleUploadedFile("a.pdf", PDF))
        boxes_needed.append(svc.nomination_submit(nomination=nomination, actor=officer_vl))
    svc.agenda_add(session=council_setup["session"], actor=council_setup["secretary"], nomination=boxes_needed[0])
    with pytest.raises(ValidationError, match="Vượt tỷ lệ"):
        svc.agenda_add(session=council_setup["session"], actor=council_setup["secretary"], nomination=boxes_needed[1])
    svc.agenda_add(session=council_setup["session"], actor=council_setup["secretary"], nomination=boxes_needed[1], quota_reason="Thành tích đặc biệt xuất sắc")
    boxes_needed[1].refresh_from_db()
    assert boxes_needed[1].quota_override_reason == "Thành tích đặc biệt xuất sắc"


def test_one_achievement_cannot_back_two_nominations_across_rounds(council_setup, officer_vl, province_pair):
    first = nominate(officer_vl, council_setup["round"], province_pair["vinh-long"], files=())
    other_round = AwardRound.objects.create(name="Đợt chuyên đề", kind="thematic", deciding_unit=council_setup["round"].deciding_unit,
                                            achievement_year=2025, opens_on=council_setup["round"].opens_on, closes_on=council_setup["round"].closes_on)
    with pytest.raises(ValidationError, match="Điều 5") as error:
        nominate(officer_vl, other_round, province_pair["vinh-long"], files=())
    assert error.value.error_list[0].code == "same_achievement"
    first.status = NominationStatus.WITHDRAWN
    first.save()
    assert nominate(officer_vl, other_round, province_pair["vinh-long"], files=()).round == other_round


def test_dossier_accepts_documents_not_spreadsheets(council_setup, officer_vl, province_pair):
    from tests.common.samples import xlsx

    nomination = nominate(officer_vl, council_setup["round"], province_pair["vinh-long"], files=())
    with pytest.raises(ValidationError, match="PDF, Word"):
        svc.dossier_add(nomination=nomination, actor=officer_vl, document="to_trinh", upload=SimpleUploadedFile("bang.xlsx", xlsx()))
    item = svc.dossier_add(nomination=nomination, actor=officer_vl, document="to_trinh", upload=SimpleUploadedFile("../../to trinh.pdf", PDF))
    assert item.file.name == f"dossier/{item.storage_key}" and item.storage_key.endswith(".pdf") and len(item.storage_key) == 36


def test_dossier_download_outside_scope_is_404(client, council_setup, officer_vl, officer_na, province_pair):
    nomination = nominate(officer_vl, council_setup["round"], province_pair["vinh-long"], files=("to_trinh",))
    item = nomination.files.get()
    client.force_login(officer_na)
    assert client.get(reverse("awards:dossier-download", args=[item.pk])).status_code == 404
    assert client.get(reverse("awards:nomination-detail", args=[nomination.pk])).status_code == 404
    client.force_login(officer_vl)
    response = client.get(reverse("awards:dossier-download", args=[item.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_ballots_open_and_close_per_agenda(client, council_setup, officer_vl, province_pair):
    secretary, session = council_setup["secretary"], council_setup["session"]
    boxes = []
    for code in ("bk-bo", "tldxs"):
        nomination = nominate(officer_vl, council_setup["round"], province_pair["vinh-long"], code=code)
        svc.nomination_submit(nomination=nomination, actor=officer_vl)
        boxes.append(svc.agenda_add(session=session, actor=secretary, nomination=nomination))
    client.force_login(council_setup["members"][0])
    client.post(reverse("awards:session-ballots", args=[session.pk, "open"]))
    assert not session.boxes.filter(is_open=True).exists()  # only the secretary
    client.force_login(secretary)
    client.post(reverse("awards:session-ballots", args=[session.pk, "open"]))
    assert session.boxes.filter(is_open=True).count() == 2
    for member in council_setup["members"]:
        for box in boxes:
            svc.ballot_vote(box=box, member=member, choice="for")
    client.post(reverse("awards:session-ballots", args=[session.pk, "close"]))
    assert session.boxes.filter(closed=True, passed=True).count() == 2


def test_council_sees_a_nomination_only_once_submitted(client, council_setup, officer_vl, province_pair):
    nomination = nominate(officer_vl, council_setup["round"], province_pair["vinh-long"])
    url = reverse("awards:nomination-detail", args=[nomination.pk])
    member = make_user("tv-unit", council_setup["council"].unit, Role.COUNCIL_MEMBER)  # not sector-wide: sees by council seat
    council_setup["council"].members.add(member)
    client.force_login(member)
    assert client.get(url).status_code == 404
    svc.nomination_submit(nomination=nomination, actor=officer_vl)
    assert client.get(url).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_migration_0012_turns_ballots_into_counts_and_back(council_setup, officer_vl, province_pair):
    """Back to 0011 each count becomes ballot rows; forward again they become counts, and the table goes."""
    from django.db.migrations.executor import MigrationExecutor

    from awards.models.council import unseal_count

    a, b, c = council_setup["members"]
    closed = _open_box(council_setup, officer_vl, province_pair)
    still_open = _open_box(council_setup, officer_vl, province_pair, code="tldxs")
    for member, choice in ((a, "for"), (b, "against"), (c, "for")):
        svc.ballot_vote(box=closed, member=member, choice=choice)
    svc.ballot_close(box=closed, actor=council_setup["secretary"])
    svc.ballot_vote(box=still_open, member=a, choice="against")
    svc.ballot_vote(box=still_open, member=b, choice="against")
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    before = [("awards", "0011_award_record_verification")]
    try:
        executor.migrate(before)
        old = executor.loader.project_state(before).apps.get_model("awards", "Ballot")
        rows = sorted(old.objects.values_list("box_id", "choice"))
        assert rows == sorted([(closed.pk, "for"), (closed.pk, "for"), (closed.pk, "against"), (still_open.pk, "against"), (still_open.pk, "against")])
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(leaves)
    assert "awards_ballot" not in connection.introspection.table_names()
    reopened = BallotBox.objects.get(pk=still_open.pk)
    assert unseal_count(reopened.pk, reopened.sealed_count) == {"for": 0, "against": 2}
    svc.ballot_vote(box=reopened, member=c, choice="for")
    result = svc.ballot_close(box=reopened, actor=council_setup["secretary"])
    assert (result.votes_for, result.votes_against) == (1, 2)
    assert BallotBox.objects.get(pk=closed.pk).votes_for == 2
