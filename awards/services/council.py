"""The council: sessions, attendance, agenda, the secret ballot and the minutes (Nghị định 98/2023/NĐ-CP Art 49)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from common.policies import ensure
from common.text import nfc
from documents.drafts import council_minutes
from documents.models import DocumentType
from documents.numbering import council_body
from documents.services import document_create
from units.audit import audit_record
from units.models import User

from .. import policies
from ..models import BallotBox, BallotParticipation, CouncilSession, Nomination, NominationStatus, VoteChoice
from ..models.council import seal_count, unseal_count
from ..selectors.council import tally, vote_minimums
from ..selectors.eligibility import quota_status
from ..selectors.rules import param, rule_for


@transaction.atomic
def council_session_create(*, actor: User, council, title: str, held_on) -> CouncilSession:
    ensure(policies.secretary_refusal(actor, council))
    session = CouncilSession(council=council, title=nfc(title)[:300], held_on=held_on)
    session.full_clean()
    session.save()
    audit_record(actor=actor, action="council_session_create", obj=session, unit=council.unit, summary=session.title)
    return session


@transaction.atomic
def agenda_add(*, session: CouncilSession, actor: User, nomination: Nomination, quota_reason: str = "") -> BallotBox:
    """Put a submitted nomination on the session's agenda; a quota overrun needs a recorded reason."""
    ensure(policies.secretary_refusal(actor, session.council))
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
    quota = quota_status(code=nomination.award_kind.code, year=year, decider=decider, proposed=proposed)
    if quota and quota["over"]:
        if not nfc(quota_reason):
            raise ValidationError(f"Vượt tỷ lệ khen thưởng: {quota['text']} Cần ghi lý do Hội đồng cho vượt.", code="quota")
        nomination.quota_override_reason = nfc(quota_reason)[:500]
    nomination.status = NominationStatus.ON_AGENDA
    nomination.save(update_fields=["status", "quota_override_reason"])
    box = BallotBox.objects.create(session=session, nomination=nomination)
    audit_record(actor=actor, action="agenda_add", obj=nomination, unit=session.council.unit, summary=f"Đưa vào phiên {session.title}")
    return box


@transaction.atomic
def session_attendance_set(*, session: CouncilSession, actor: User, present_ids) -> list[User]:
    """The secretary records which members attend; quorum and the "present" denominator read it."""
    ensure(policies.session_attendance_refusal(actor, session, ballot_open=session.boxes.filter(is_open=True).exists()))
    council = session.council
    members = list(council.members.filter(pk__in=list(present_ids)))
    session.present.set(members)
    audit_record(actor=actor, action="session_attendance", obj=session, unit=council.unit, summary=f"{len(members)} thành viên có mặt")
    return members


@transaction.atomic
def ballot_open(*, box: BallotBox, actor: User) -> BallotBox:
    box = BallotBox.objects.select_for_update().select_related("session__council").get(pk=box.pk)
    ensure(policies.open_ballot_refusal(actor, box))
    box.is_open = True
    if box.sealed_count is None:
        box.sealed_count = seal_count(box.pk, {})
    box.save(update_fields=["is_open", "sealed_count"])
    audit_record(actor=actor, action="ballot_open", obj=box.nomination, unit=box.session.council.unit, summary="Mở bỏ phiếu kín")
    return box


@transaction.atomic
def ballot_vote(*, box: BallotBox, member: User, choice: str) -> None:
    """Cast one secret ballot: the member's participation, and one more in the box's sealed count.

    No row holds the ballot, so nothing on disk or in a dump lies next to the participation, shares its
    transaction or its time; the sealed count changes the same way whichever option was chosen.
    """
    box = BallotBox.objects.select_for_update().select_related("session__council", "nomination__award_kind", "nomination__round").get(pk=box.pk)
    council = box.session.council
    ensure(policies.vote_refusal(
        member, box, is_member=council.members.filter(pk=member.pk).exists(), voted=BallotParticipation.objects.filter(box=box, member=member).exists()
    ))
    if choice not in VoteChoice.values:
        raise ValidationError("Phiếu không hợp lệ.", code="choice")
    if box.session.present.exists() and not box.session.present.filter(pk=member.pk).exists():
        rule = rule_for(box.nomination.award_kind.code, box.nomination.round.achievement_year)
        if rule is None or not rule.absentee_votes:
            raise ValidationError(
                f"Thành viên vắng mặt không gửi phiếu cho {box.nomination.award_kind.name}: quy tắc bỏ phiếu không cho phép phiếu vắng mặt.",
                code="absent",
            )
    count = unseal_count(box.pk, box.sealed_count)
    count[choice] += 1
    box.sealed_count = seal_count(box.pk, count)
    box.save(update_fields=["sealed_count"])
    BallotParticipation.objects.create(box=box, member=member)
    audit_record(actor=member, action="ballot_voted", obj=box.nomination, unit=council.unit, summary="Đã bỏ phiếu")


@transaction.atomic
def ballot_close(*, box: BallotBox, actor: User) -> BallotBox:
    """Close and count; quorum and threshold follow the title's vote rule."""
    box = BallotBox.objects.select_for_update().select_related("session__council", "nomination__award_kind", "nomination__round").get(pk=box.pk)
    ensure(policies.close_ballot_refusal(actor, box))
    nomination = box.nomination
    council = box.session.council
    voters = [m for m in council.members.all() if not policies.conflicted(m, nomination)]
    voter_ids = {m.pk for m in voters}
    participants = set(box.participations.values_list("member_id", flat=True))
    attendance = set(box.session.present.values_list("pk", flat=True))
    # Without a recorded attendance list, the members who voted are the members present.
    present_ids = (attendance & voter_ids) if attendance else participants
    present = len(present_ids)
    count = unseal_count(box.pk, box.sealed_count)
    if sum(count.values()) != len(participants):
        raise ValidationError(
            f"Số phiếu trong hòm ({sum(count.values())}) không khớp với số thành viên đã bỏ phiếu ({len(participants)}): không kiểm phiếu.",
            code="seal_mismatch",
        )
    votes_for, votes_against = count[VoteChoice.FOR], count[VoteChoice.AGAINST]
    rule = rule_for(nomination.award_kind.code, nomination.round.achievement_year)
    quorum, threshold = vote_minimums(council, rule)
    if rule is None or rule.denominator == "all":
        denominator = len(voters)
    else:  # members present, plus absent members' written votes where the rule allows them
        denominator = len(present_ids | participants)
    has_quorum = len(voters) > 0 and Decimal(present) >= quorum * len(voters)
    passed = has_quorum and denominator > 0 and Decimal(votes_for) / denominator >= threshold and votes_for > votes_against
    box.is_open, box.closed = False, True
    box.votes_for, box.votes_against, box.eligible_voters, box.present_count, box.passed = votes_for, votes_against, len(voters), present, passed
    box.denominator_count, box.sealed_count = denominator, None
    box.save()
    nomination.status = NominationStatus.PASSED if passed else NominationStatus.FAILED
    nomination.save(update_fields=["status"])
    audit_record(actor=actor, action="ballot_close", obj=nomination, unit=council.unit, summary="Kết thúc bỏ phiếu")
    return box


@transaction.atomic
def session_minutes(*, session: CouncilSession, actor: User, place: str = "", started: str = "", ended: str = ""):
    """The biên bản of a session (``documents.drafts.council_minutes``): issued by the council in its own series,
    dated on the meeting day, signed by the chair and the secretary; counts, results and the vote rule each
    result follows, never who voted how. ``place`` defaults to the council's place name."""
    ensure(policies.secretary_refusal(actor, session.council))
    boxes = list(session.boxes.filter(closed=True).select_related("nomination__award_kind", "nomination__person", "nomination__unit", "nomination__round"))
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
        nomination = box.nomination
        rows.append([
            str(index), str(nomination.subject), nomination.award_kind.name, str(result["for"]), str(result["against"]),
            f"{result['percent']:.1f}".replace(".", ",") + f" % trên {result['denominator']}", f"{result['present']}/{result['voters']}",
            vote_rule_text(rule_for(nomination.award_kind.code, nomination.round.achievement_year)),
            "Thông qua" if result["passed"] else "Không thông qua",
        ])
    body = council_body(council.unit)
    parts = council_minutes(
        council=body, held_on=session.held_on, place=nfc(place) or council.unit.place_name or council.unit.name,
        chair=council.chair, secretary=council.secretary, present=present, agenda_rows=rows,
        headers=["STT", "Đối tượng", "Danh hiệu, hình thức", "Đồng ý", "Không đồng ý", "Tỷ lệ đồng ý", "Có mặt / tổng số", "Tỷ lệ cần đạt (căn cứ)", "Kết quả"],
        started=nfc(started), ended=nfc(ended),
    )
    document = document_create(
        actor=actor,
        doc_type=DocumentType.MINUTES,
        issuers=[council.unit],
        advisory_body=body,
        subject=f"Họp {council.name} xét khen thưởng thành tích năm {', '.join(str(y) for y in sorted({b.nomination.round.achievement_year for b in boxes}))}",
        recipients=["Các thành viên Hội đồng", "Cơ quan thường trực Hội đồng"],
        archive_note=f"VT, {body.short_name}",
        **parts,
    )
    session.minutes = document
    session.save(update_fields=["minutes"])
    audit_record(actor=actor, action="session_minutes", obj=session, unit=council.unit, summary=f"Lập biên bản: {len(boxes)} hồ sơ")
    return document


def vote_rule_text(rule) -> str:
    """Rule 12 cites its basis: "≥ 90 % tổng số thành viên Hội đồng (khoản 8 Điều 45 Nghị định 91/2017/NĐ-CP)"."""
    if rule is None:
        return "quá bán số thành viên có mặt (chưa có quy tắc cho năm thành tích)"
    percent = f"{rule.pass_threshold * 100:.1f}".replace(".0", "").replace(".", ",")
    return f"≥ {percent} % {rule.get_denominator_display().lower()} ({param(rule, 'vote_basis', 'căn cứ chưa xác nhận')})"


def session_ballots_open(*, session: CouncilSession, actor: User) -> int:
    """Open the ballot for every agenda item not yet voted on (a ballot per agenda)."""
    ensure(policies.secretary_refusal(actor, session.council))
    boxes = list(session.boxes.filter(is_open=False, closed=False))
    if not boxes:
        raise ValidationError("Không có nội dung nào chờ bỏ phiếu.", code="empty")
    with transaction.atomic():
        for box in boxes:
            ballot_open(box=box, actor=actor)
    return len(boxes)


def session_ballots_close(*, session: CouncilSession, actor: User) -> int:
    """Close and count every open ballot of the session."""
    ensure(policies.secretary_refusal(actor, session.council))
    boxes = list(session.boxes.filter(is_open=True))
    if not boxes:
        raise ValidationError("Không có hòm phiếu nào đang mở.", code="empty")
    with transaction.atomic():
        for box in boxes:
            ballot_close(box=box, actor=actor)
    return len(boxes)
