"""Nominations with dossiers, and the council's secret ballot (legal-reference §1.6, §2.4, §8 rules 9–13)."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from common.text import nfc
from common.uploads import sniff_upload
from units.audit import audit_record
from units.models import Role, User
from units.scoping import get_scope, has_role

from . import eligibility
from .models import (
    AwardRound,
    Ballot,
    BallotBox,
    BallotParticipation,
    CouncilSession,
    DossierDocument,
    DossierFile,
    Nomination,
    NominationStatus,
    RoundKind,
    VoteChoice,
)

DOSSIER_EXTENSIONS = {"pdf", "docx", "png", "jpg"}


@transaction.atomic
def nomination_create(*, actor: User, round, proposing_unit, award_kind, achievement: str, person=None, unit=None) -> Nomination:
    if not has_role(actor, Role.UNIT_OFFICER, proposing_unit):
        raise PermissionDenied("Chỉ cán bộ đầu mối của đơn vị được lập hồ sơ đề nghị khen thưởng.")
    subject_unit = person.unit if person is not None else unit
    scope = get_scope(actor)
    if subject_unit is None or not (scope.everything or subject_unit.pk in scope.own_unit_ids):
        raise PermissionDenied("Chỉ đề nghị khen thưởng cho cá nhân, tập thể thuộc đơn vị mình.")
    today = timezone.localdate()
    if not round.opens_on <= today <= round.closes_on:
        raise ValidationError(f"Đợt xét không nhận hồ sơ (từ {round.opens_on:%d/%m/%Y} đến {round.closes_on:%d/%m/%Y}).", code="closed")
    if award_kind.subject == "individual" and person is None or award_kind.subject == "collective" and unit is None:
        raise ValidationError(f"“{award_kind.name}” dành cho {award_kind.get_subject_display().lower()}.", code="subject_kind")
    authority = eligibility.check_authority(code=award_kind.code, year=round.achievement_year, decider=round.deciding_unit)
    if authority.result == eligibility.FAIL:
        raise ValidationError(authority.reason, code="authority")  # rule 9
    same = Nomination.objects.filter(
        round__achievement_year=round.achievement_year, award_kind=award_kind, person=person, unit=unit,
    ).exclude(status__in=(NominationStatus.WITHDRAWN, NominationStatus.FAILED))
    earlier = same.select_related("round").first()
    if earlier is not None:  # Art 5: one achievement backs one award, whichever round it is sent to
        raise ValidationError(
            f"Thành tích năm {round.achievement_year} của đối tượng này đã được đề nghị {award_kind.name} (đợt “{earlier.round.name}”); "
            f"một thành tích không đề nghị khen thưởng hai lần (Điều 5 Luật Thi đua, khen thưởng 2022).",
            code="same_achievement",
        )
    nomination = Nomination(
        round=round, proposing_unit=proposing_unit, person=person, unit=unit, award_kind=award_kind,
        achievement=nfc(achievement), created_by=actor,
    )
    nomination.full_clean()
    nomination.save()
    audit_record(actor=actor, action="nomination_create", obj=nomination, unit=proposing_unit, summary=str(nomination))
    return nomination


@transaction.atomic
def dossier_add(*, nomination: Nomination, actor: User, document: str, upload) -> DossierFile:
    if not has_role(actor, Role.UNIT_OFFICER, nomination.proposing_unit):
        raise PermissionDenied("Chỉ cán bộ đầu mối của đơn vị được nộp hồ sơ.")
    if nomination.status != NominationStatus.DRAFT:
        raise ValidationError("Hồ sơ đã trình không bổ sung được.", code="submitted")
    if document not in DossierDocument.values:
        raise ValidationError("Thành phần hồ sơ không hợp lệ.", code="document")
    kind, extension = sniff_upload(upload)
    if extension not in DOSSIER_EXTENSIONS:
        raise ValidationError("Tệp hồ sơ phải là PDF, Word (.docx) hoặc ảnh PNG/JPEG.", code="bad_type")
    key = f"{uuid.uuid4().hex}.{extension}"
    upload.seek(0)
    item = DossierFile(nomination=nomination, document=document, storage_key=key, original_name=nfc(upload.name)[:255], content_type=kind, size=upload.size)
    item.file.save(key, upload, save=False)
    item.full_clean(exclude=["file"])
    item.save()
    audit_record(actor=actor, action="dossier_upload", obj=nomination, unit=nomination.proposing_unit, summary=item.get_document_display())
    return item


def findings_for(nomination: Nomination) -> dict:
    """Eligibility, dossier and authority for one nomination (the one-achievement rule is inside eligibility)."""
    return eligibility.findings_many([nomination])[nomination.pk]


@transaction.atomic
def nomination_submit(*, nomination: Nomination, actor: User) -> Nomination:
    """Refused until the dossier is complete (Art 84)."""
    nomination = Nomination.objects.select_for_update().select_related("round", "award_kind", "proposing_unit").get(pk=nomination.pk)
    if not has_role(actor, Role.UNIT_OFFICER, nomination.proposing_unit):
        raise PermissionDenied("Chỉ cán bộ đầu mối của đơn vị được trình hồ sơ.")
    if nomination.status != NominationStatus.DRAFT:
        raise ValidationError("Hồ sơ đã được trình.", code="submitted")
    dossier = eligibility.check_dossier(
        code=nomination.award_kind.code, year=nomination.round.achievement_year, provided=set(nomination.files.values_list("document", flat=True))
    )
    if dossier.result != eligibility.PASS:
        raise ValidationError(dossier.reason, code="dossier")
    nomination.status, nomination.submitted_at = NominationStatus.SUBMITTED, timezone.now()
    nomination.save(update_fields=["status", "submitted_at"])
    audit_record(actor=actor, action="nomination_submit", obj=nomination, unit=nomination.proposing_unit, summary=str(nomination))
    return nomination


# --- Council ---------------------------------------------------------------------------------


def _require_secretary(actor: User, session: CouncilSession) -> None:
    if actor.pk != session.council.secretary_id:
        raise PermissionDenied("Chỉ thư ký Hội đồng được thực hiện thao tác này.")


@transaction.atomic
def agenda_add(*, session: CouncilSession, actor: User, nomination: Nomination, quota_reason: str = "") -> BallotBox:
    """Put a submitted nomination on the session's agenda; a quota overrun needs a recorded reason."""
    _require_secretary(actor, session)
    nomination = Nomination.objects.select_for_update().select_related("round", "award_kind").get(pk=nomination.pk)
    if nomination.status != NominationStatus.SUBMITTED:
        raise ValidationError("Chỉ đưa ra Hội đồng hồ sơ đã trình.", code="not_submitted")
    if nomination.round.deciding_unit_id != session.council.unit_id:
        raise ValidationError("Hồ sơ thuộc thẩm quyền của Hội đồng khác.", code="wrong_council")
    year, decider = nomination.round.achievement_year, session.council.unit
    proposed = Nomination.objects.filter(
        round__deciding_unit=decider, round__achievement_year=year, award_kind=nomination.award_kind,
        status__in=(NominationStatus.ON_AGENDA, NominationStatus.PASSED, NominationStatus.DECIDED),
    ).count() + 1
    quota = eligibility.quota_status(code=nomination.award_kind.code, year=year, decider=decider, proposed=proposed)
    if quota and quota["over"]:
        if not nfc(quota_reason):
            raise ValidationError(f"Vượt tỷ lệ khen thưởng: {quota['text']} Cần ghi lý do Hội đồng cho vượt (quy tắc 11).", code="quota")
        nomination.quota_override_reason = nfc(quota_reason)[:500]
    nomination.status = NominationStatus.ON_AGENDA
    nomination.save(update_fields=["status", "quota_override_reason"])
    box = BallotBox.objects.create(session=session, nomination=nomination)
    audit_record(actor=actor, action="agenda_add", obj=nomination, unit=session.council.unit, summary=f"Đưa vào phiên {session.title}")
    return box


def conflicted(member: User, nomination: Nomination) -> bool:
    """A member whose own unit is nominated (or proposes) does not vote on it."""
    return member.unit_id is not None and member.unit_id in {nomination.proposing_unit_id, nomination.subject_unit.pk}


@transaction.atomic
def session_attendance_set(*, session: CouncilSession, actor: User, present_ids) -> list[User]:
    """The secretary records which members attend; quorum and the "present" denominator read it."""
    _require_secretary(actor, session)
    if session.boxes.filter(is_open=True).exists():
        raise ValidationError("Không sửa danh sách có mặt khi đang bỏ phiếu.", code="open_ballot")
    council = session.council
    members = list(council.members.filter(pk__in=[int(pk) for pk in present_ids if str(pk).isdigit()]))
    session.present.set(members)
    audit_record(actor=actor, action="session_attendance", obj=session, unit=council.unit, summary=f"{len(members)} thành viên có mặt")
    return members


@transaction.atomic
def ballot_open(*, box: BallotBox, actor: User) -> BallotBox:
    box = BallotBox.objects.select_for_update().select_related("session__council").get(pk=box.pk)
    _require_secretary(actor, box.session)
    if box.closed or box.is_open:
        raise ValidationError("Hòm phiếu đã mở hoặc đã kết thúc.", code="state")
    box.is_open = True
    box.save(update_fields=["is_open"])
    audit_record(actor=actor, action="ballot_open", obj=box.nomination, unit=box.session.council.unit, summary="Mở bỏ phiếu kín")
    return box


@transaction.atomic
def ballot_vote(*, box: BallotBox, member: User, choice: str) -> None:
    """Cast one secret ballot: the participation and the ballot are written together, the ballot without the voter."""
    box = BallotBox.objects.select_for_update().select_related("session__council", "nomination__award_kind", "nomination__round").get(pk=box.pk)
    council = box.session.council
    if not council.members.filter(pk=member.pk).exists():
        raise PermissionDenied("Chỉ thành viên Hội đồng được bỏ phiếu.")
    if not box.is_open:
        raise ValidationError("Hòm phiếu chưa mở hoặc đã đóng.", code="closed")
    if choice not in VoteChoice.values:
        raise ValidationError("Phiếu không hợp lệ.", code="choice")
    if conflicted(member, box.nomination):
        raise ValidationError("Thành viên thuộc đơn vị được đề nghị không bỏ phiếu cho hồ sơ này.", code="conflict")
    if box.session.present.exists() and not box.session.present.filter(pk=member.pk).exists():
        rule = eligibility.rule_for(box.nomination.award_kind.code, box.nomination.round.achievement_year)
        if rule is None or not rule.absentee_votes:
            raise ValidationError(
                f"Thành viên vắng mặt không gửi phiếu cho {box.nomination.award_kind.name}: quy tắc bỏ phiếu không cho phép phiếu vắng mặt.",
                code="absent",
            )
    if BallotParticipation.objects.filter(box=box, member=member).exists():
        raise ValidationError("Thành viên đã bỏ phiếu.", code="voted")
    BallotParticipation.objects.create(box=box, member=member)
    Ballot.objects.create(box=box, choice=choice, cast_on=timezone.localdate())
    audit_record(actor=member, action="ballot_voted", obj=box.nomination, unit=council.unit, summary="Đã bỏ phiếu")


@transaction.atomic
def ballot_close(*, box: BallotBox, actor: User) -> BallotBox:
    """Close and count; quorum and threshold follow the title's vote rule."""
    box = BallotBox.objects.select_for_update().select_related("session__council", "nomination__award_kind", "nomination__round").get(pk=box.pk)
    _require_secretary(actor, box.session)
    if not box.is_open:
        raise ValidationError("Hòm phiếu chưa mở.", code="not_open")
    nomination = box.nomination
    council = box.session.council
    voters = [m for m in council.members.all() if not conflicted(m, nomination)]
    voter_ids = {m.pk for m in voters}
    participants = set(box.participations.values_list("member_id", flat=True))
    attendance = set(box.session.present.values_list("pk", flat=True))
    # Without a recorded attendance list, the members who voted are the members present.
    present_ids = (attendance & voter_ids) if attendance else participants
    present = len(present_ids)
    votes_for = box.ballots.filter(choice=VoteChoice.FOR).count()
    votes_against = box.ballots.filter(choice=VoteChoice.AGAINST).count()
    rule = eligibility.rule_for(nomination.award_kind.code, nomination.round.achievement_year)
    quorum = rule.quorum_fraction if rule else Decimal("0.5")
    threshold = rule.pass_threshold if rule else Decimal("0.5")
    if rule is None or rule.denominator == "all":
        denominator = len(voters)
    else:  # members present, plus absent members' written votes where the rule allows them
        denominator = len(present_ids | participants)
    has_quorum = len(voters) > 0 and Decimal(present) >= quorum * len(voters)
    passed = has_quorum and denominator > 0 and Decimal(votes_for) / denominator >= threshold and votes_for > votes_against
    box.is_open, box.closed = False, True
    box.votes_for, box.votes_against, box.eligible_voters, box.present_count, box.passed = votes_for, votes_against, len(voters), present, passed
    box.denominator_count = denominator
    box.save()
    nomination.status = NominationStatus.PASSED if passed else NominationStatus.FAILED
    nomination.save(update_fields=["status"])
    audit_record(actor=actor, action="ballot_close", obj=nomination, unit=council.unit, summary="Kết thúc bỏ phiếu")
    return box


def tally(*, box: BallotBox) -> dict:
    """The count, only once the ballot is closed (nobody sees it while voting goes on)."""
    if not box.closed:
        raise PermissionDenied("Kết quả chỉ công bố khi kết thúc bỏ phiếu.")
    denominator = box.denominator_count if box.denominator_count is not None else box.eligible_voters
    percent = (Decimal(box.votes_for) * 100 / denominator).quantize(Decimal("0.1")) if denominator else Decimal(0)
    return {
        "for": box.votes_for, "against": box.votes_against, "voters": box.eligible_voters, "present": box.present_count,
        "denominator": denominator, "percent": percent, "passed": box.passed,
    }


@transaction.atomic
def session_minutes(*, session: CouncilSession, actor: User):
    """The biên bản of a session, in the council's own series: counts and results, never who voted how."""
    from documents.models import DocumentType, Series
    from documents.services import document_create

    _require_secretary(actor, session)
    boxes = list(session.boxes.filter(closed=True).select_related("nomination__award_kind", "nomination__person", "nomination__unit"))
    if not boxes:
        raise ValidationError("Chưa có nội dung nào được bỏ phiếu xong.", code="empty")
    council = session.council
    attendees = list(session.present.all())
    if not attendees:  # no attendance list: the members who took part in a ballot were present
        attendees = list(User.objects.filter(pk__in=BallotParticipation.objects.filter(box__session=session).values("member_id")).order_by("full_name"))
    present = [m.get_full_name() for m in attendees] or ["(theo danh sách ký tên kèm theo)"]
    rows = []
    for index, box in enumerate(boxes, start=1):
        result = tally(box=box)
        rows.append([
            str(index), str(box.nomination.subject), box.nomination.award_kind.name, str(result["for"]), str(result["against"]),
            f"{result['percent']:.1f}".replace(".", ",") + f" % trên {result['denominator']}", f"{result['present']}/{result['voters']}",
            "Thông qua" if result["passed"] else "Không thông qua",
        ])
    document = document_create(
        actor=actor,
        doc_type=DocumentType.MINUTES,
        issuers=[council.unit],
        series=Series.COUNCIL,
        subject=f"Họp {council.name} ngày {session.held_on:%d/%m/%Y}",
        body=[
            {"heading": "I. THÀNH PHẦN", "text": f"Chủ trì: {council.chair.get_full_name()}. Thư ký: {council.secretary.get_full_name()}.",
             "items": [f"Thành viên có mặt: {', '.join(present)}."]},
            {"heading": "II. KẾT QUẢ BỎ PHIẾU KÍN",
             "text": f"Hội đồng xem xét {len(boxes)} hồ sơ và bỏ phiếu kín; kết quả chi tiết tại Phụ lục. Biên bản không ghi nhận ý kiến của từng thành viên."},
        ],
        annexes=[{"title": "KẾT QUẢ BỎ PHIẾU", "headers": ["STT", "Đối tượng", "Danh hiệu, hình thức", "Đồng ý", "Không đồng ý", "Tỷ lệ đồng ý", "Có mặt / tổng số", "Kết quả"], "rows": rows, "landscape": True}],
        recipients=["Các thành viên Hội đồng", "Cơ quan thường trực Hội đồng"],
        signers=[{"unit": council.unit, "authority": "TM.", "authority_body": "Hội đồng", "title": "Chủ tịch", "name": council.chair.get_full_name()}],
    )
    session.minutes = document
    session.save(update_fields=["minutes"])
    audit_record(actor=actor, action="session_minutes", obj=session, unit=council.unit, summary=f"Lập biên bản: {len(boxes)} hồ sơ")
    return document


# --- Rounds, sessions, withdrawal ---------------------------------------------------------------

ROUND_ROLES = (Role.COUNCIL_SECRETARY, Role.CAMPAIGN_MANAGER)


def can_manage_rounds(actor: User, unit) -> bool:
    from units.scoping import has_any_role, is_system_admin

    return is_system_admin(actor) or has_any_role(actor, ROUND_ROLES, unit)


@transaction.atomic
def award_round_create(*, actor: User, name: str, kind: str, deciding_unit, achievement_year: int, opens_on, closes_on, campaign=None) -> AwardRound:
    """Open a round: annual, thematic (the tổng kết of a campaign) or sudden (đột xuất)."""
    if not can_manage_rounds(actor, deciding_unit):
        raise PermissionDenied("Chỉ thư ký Hội đồng hoặc cán bộ thi đua của cơ quan quyết định được mở đợt xét.")
    if kind not in RoundKind.values:
        raise ValidationError("Loại đợt xét không hợp lệ.", code="kind")
    if kind == RoundKind.THEMATIC and campaign is None:
        raise ValidationError("Đợt xét theo chuyên đề phải gắn với một phong trào thi đua (tổng kết phong trào).", code="campaign")
    if kind != RoundKind.THEMATIC:
        campaign = None
    if closes_on < opens_on:
        raise ValidationError("Hạn nộp hồ sơ phải sau ngày mở đợt xét.", code="dates")
    if not 1945 <= achievement_year <= opens_on.year + 1:
        raise ValidationError("Năm thành tích không hợp lệ.", code="year")
    award_round = AwardRound(
        name=nfc(name)[:300], kind=kind, deciding_unit=deciding_unit, achievement_year=achievement_year,
        opens_on=opens_on, closes_on=closes_on, campaign=campaign,
    )
    award_round.full_clean()
    award_round.save()
    audit_record(actor=actor, action="award_round_create", obj=award_round, unit=deciding_unit, summary=award_round.name)
    return award_round


@transaction.atomic
def council_session_create(*, actor: User, council, title: str, held_on) -> CouncilSession:
    if actor.pk != council.secretary_id:
        raise PermissionDenied("Chỉ thư ký Hội đồng được lập phiên họp.")
    session = CouncilSession(council=council, title=nfc(title)[:300], held_on=held_on)
    session.full_clean()
    session.save()
    audit_record(actor=actor, action="council_session_create", obj=session, unit=council.unit, summary=session.title)
    return session


@transaction.atomic
def nomination_withdraw(*, nomination: Nomination, actor: User) -> Nomination:
    """The proposing unit withdraws a nomination before the council takes it up; the record stays."""
    nomination = Nomination.objects.select_for_update().select_related("proposing_unit").get(pk=nomination.pk)
    if not has_role(actor, Role.UNIT_OFFICER, nomination.proposing_unit):
        raise PermissionDenied("Chỉ cán bộ đầu mối của đơn vị đề nghị được rút hồ sơ.")
    if nomination.status not in (NominationStatus.DRAFT, NominationStatus.SUBMITTED):
        raise ValidationError("Hồ sơ đã đưa ra Hội đồng không rút được.", code="state")
    nomination.status = NominationStatus.WITHDRAWN
    nomination.save(update_fields=["status"])
    audit_record(actor=actor, action="nomination_withdraw", obj=nomination, unit=nomination.proposing_unit, summary=str(nomination))
    return nomination


def session_ballots_open(*, session: CouncilSession, actor: User) -> int:
    """Open the ballot for every agenda item not yet voted on (a ballot per agenda)."""
    _require_secretary(actor, session)
    boxes = list(session.boxes.filter(is_open=False, closed=False))
    if not boxes:
        raise ValidationError("Không có nội dung nào chờ bỏ phiếu.", code="empty")
    with transaction.atomic():
        for box in boxes:
            ballot_open(box=box, actor=actor)
    return len(boxes)


def session_ballots_close(*, session: CouncilSession, actor: User) -> int:
    """Close and count every open ballot of the session."""
    _require_secretary(actor, session)
    boxes = list(session.boxes.filter(is_open=True))
    if not boxes:
        raise ValidationError("Không có hòm phiếu nào đang mở.", code="empty")
    with transaction.atomic():
        for box in boxes:
            ballot_close(box=box, actor=actor)
    return len(boxes)
