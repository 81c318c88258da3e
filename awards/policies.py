"""Who may do what in awards, and when: history, nominations, the council and its ballot, rounds, decisions,
and the set-up of councils and the catalogue.

One function per action returns None when it is allowed or a ``Refusal`` saying why; the page reads
``allowed(...)`` for the buttons it shows and the service ``ensure(...)``s the same function.
"""

from __future__ import annotations

from common.policies import Refusal, deny, invalid
from units.models import Role
from units.scoping import has_any_role, has_role, holds_for_sector, is_system_admin

from .models import AwardRecord, AwardRound, BallotBox, Council, CouncilSession, Nomination, NominationStatus

HISTORY_ROLES = (Role.UNIT_OFFICER, Role.CAMPAIGN_MANAGER, Role.COUNCIL_SECRETARY)
REVOKE_ROLES = (Role.COUNCIL_SECRETARY, Role.CLERK)
ROUND_ROLES = (Role.COUNCIL_SECRETARY, Role.CAMPAIGN_MANAGER)
DECISION_ROLES = (Role.COUNCIL_SECRETARY, Role.CAMPAIGN_MANAGER, Role.CLERK)


# --- History ----------------------------------------------------------------------------------


def edit_history_refusal(user, unit) -> Refusal | None:
    """Ratings, initiatives, discipline and awards held are entered by the unit's own officers."""
    if not (is_system_admin(user) or has_any_role(user, HISTORY_ROLES, unit)):
        return deny("Tài khoản không có quyền cập nhật lịch sử khen thưởng của đơn vị này.")
    return None


VERIFY_ROLES = (Role.CAMPAIGN_MANAGER, Role.COUNCIL_SECRETARY)


def verify_role(user, unit) -> bool:
    """Managers of the unit's emulation work check what its officers declare."""
    return is_system_admin(user) or has_any_role(user, VERIFY_ROLES, unit)


def verify_record_refusal(user, record: AwardRecord) -> Refusal | None:
    if record.verified:
        return invalid("Khen thưởng này đã được xác nhận.", "verified")
    owner = record.unit if record.unit_id else record.person.unit
    if not verify_role(user, owner):
        return deny("Chỉ cán bộ quản lý thi đua hoặc thư ký Hội đồng của đơn vị được xác nhận khen thưởng do đơn vị tự khai.")
    if record.entered_by_id == user.pk:
        return deny("Người khai không tự xác nhận khen thưởng của mình.", "self_verify")
    return None


def record_deciding_unit(record: AwardRecord):
    """The unit whose decision gave the award: the round's deciding unit, the recorded one, else the subject's."""
    if record.deciding_unit_id:
        return record.deciding_unit
    if record.nomination_id:
        return record.nomination.round.deciding_unit
    return record.unit if record.unit_id else record.person.unit


def revoke_record_refusal(user, record: AwardRecord) -> Refusal | None:
    """A revocation is recorded by the council secretary or the records clerk of the deciding unit."""
    if not (is_system_admin(user) or has_any_role(user, REVOKE_ROLES, record_deciding_unit(record))):
        return deny("Chỉ thư ký Hội đồng hoặc văn thư của cơ quan đã quyết định khen thưởng được ghi nhận quyết định hủy bỏ.")
    if record.revoked:
        return invalid("Khen thưởng này đã bị hủy bỏ.", "already")
    return None


# --- Nominations ------------------------------------------------------------------------------


def nominate_refusal(user, proposing_unit) -> Refusal | None:
    if proposing_unit is None or not has_role(user, Role.UNIT_OFFICER, proposing_unit):
        return deny("Chỉ cán bộ đầu mối của đơn vị được lập hồ sơ đề nghị khen thưởng.")
    return None


def edit_nomination_refusal(user, nomination: Nomination) -> Refusal | None:
    """The proposing unit's officer completes the dossier while it is a draft."""
    if refusal := nominate_refusal(user, nomination.proposing_unit):
        return refusal
    if nomination.status != NominationStatus.DRAFT:
        return invalid("Hồ sơ đã trình không bổ sung, sửa được.", "submitted")
    return None


submit_nomination_refusal = edit_nomination_refusal


def withdraw_nomination_refusal(user, nomination: Nomination) -> Refusal | None:
    if refusal := nominate_refusal(user, nomination.proposing_unit):
        return refusal
    if nomination.status not in (NominationStatus.DRAFT, NominationStatus.SUBMITTED):
        return invalid("Hồ sơ đã đưa ra Hội đồng không rút được.", "state")
    return None


# --- Council ----------------------------------------------------------------------------------


def secretary_refusal(user, council: Council) -> Refusal | None:
    if user.pk != council.secretary_id:
        return deny("Chỉ thư ký Hội đồng được thực hiện thao tác này.")
    return None


def conflicted(member, nomination: Nomination) -> bool:
    """A member whose own unit is nominated (or proposes) does not vote on it. The council's own unit does not
    count: a Sở's council considers the Sở's own people, proposed by the Sở, and its members work there."""
    units = {nomination.proposing_unit_id, nomination.subject_unit.pk} - {nomination.round.deciding_unit_id}
    return member.unit_id is not None and member.unit_id in units


def vote_refusal(user, box: BallotBox, *, is_member: bool, voted: bool) -> Refusal | None:
    """A member votes once in an open ballot, never on their own unit's nomination."""
    if not is_member:
        return deny("Chỉ thành viên Hội đồng được bỏ phiếu.")
    if not box.is_open:
        return invalid("Hòm phiếu chưa mở hoặc đã đóng.", "closed")
    if conflicted(user, box.nomination):
        return invalid("Thành viên thuộc đơn vị được đề nghị không bỏ phiếu cho hồ sơ này.", "conflict")
    if voted:
        return invalid("Thành viên đã bỏ phiếu.", "voted")
    return None


def open_ballot_refusal(user, box: BallotBox) -> Refusal | None:
    if refusal := secretary_refusal(user, box.session.council):
        return refusal
    if box.closed or box.is_open:
        return invalid("Hòm phiếu đã mở hoặc đã kết thúc.", "state")
    return None


def close_ballot_refusal(user, box: BallotBox) -> Refusal | None:
    if refusal := secretary_refusal(user, box.session.council):
        return refusal
    if not box.is_open:
        return invalid("Hòm phiếu chưa mở.", "not_open")
    return None


def session_attendance_refusal(user, session: CouncilSession, *, ballot_open: bool) -> Refusal | None:
    if refusal := secretary_refusal(user, session.council):
        return refusal
    if ballot_open:
        return invalid("Không sửa danh sách có mặt khi đang bỏ phiếu.", "open_ballot")
    return None


# --- Rounds and decisions ---------------------------------------------------------------------


def manage_rounds_refusal(user, deciding_unit) -> Refusal | None:
    if not (is_system_admin(user) or has_any_role(user, ROUND_ROLES, deciding_unit)):
        return deny("Chỉ thư ký Hội đồng hoặc cán bộ thi đua của cơ quan quyết định được mở đợt xét.")
    return None


def edit_round_refusal(user, award_round: AwardRound, *, taken_up: bool, today) -> Refusal | None:
    """A round is corrected until its deadline passes or a council takes up one of its nominations."""
    if refusal := manage_rounds_refusal(user, award_round.deciding_unit):
        return refusal
    if taken_up:
        return invalid("Đã có hồ sơ của đợt xét được đưa ra Hội đồng: không sửa đợt xét.", "taken_up")
    if award_round.closes_on < today:
        return invalid("Đợt xét đã hết hạn nộp hồ sơ: không sửa được.", "closed")
    return None


def decide_round_refusal(user, award_round: AwardRound) -> Refusal | None:
    if not has_any_role(user, DECISION_ROLES, award_round.deciding_unit):
        return deny("Chỉ thư ký Hội đồng hoặc cán bộ thi đua của cơ quan quyết định được lập quyết định.")
    return None


def request_certificates_refusal(user, award_round: AwardRound) -> Refusal | None:
    """Certificates are printed by those who prepare the decision; a read-only viewer never queues renders."""
    return decide_round_refusal(user, award_round)


# --- Set-up: councils and the catalogue -----------------------------------------------------------


def manage_council_refusal(user, unit) -> Refusal | None:
    """A unit's council is set up by the unit's campaign managers: the head of the unit decides its members
    (Nghị định 98/2023/NĐ-CP Art 49), the managers enter them."""
    if unit is None:
        return invalid("Chọn đơn vị có Hội đồng.", "no_unit")
    if not (is_system_admin(user) or has_role(user, Role.CAMPAIGN_MANAGER, unit)):
        return deny("Chỉ cán bộ quản lý phong trào của đơn vị được thiết lập Hội đồng Thi đua - Khen thưởng của đơn vị.")
    return None


def edit_council_refusal(user, council: Council, *, ballot_open: bool = False) -> Refusal | None:
    if refusal := manage_council_refusal(user, council.unit):
        return refusal
    if ballot_open:
        return invalid("Hội đồng đang bỏ phiếu: chỉ sửa thành viên khi không có hòm phiếu nào đang mở.", "ballot_open")
    return None


def keeps_sector_catalogue(user) -> bool:
    return is_system_admin(user) or holds_for_sector(user, Role.CAMPAIGN_MANAGER)


def catalogue_owner_refusal(user, owner) -> Refusal | None:
    """The sector's titles and forms are the Ministry's to keep (system administrators and its campaign
    managers); a province's own (a Bằng khen of its chair, for instance) are kept by that Sở's managers."""
    if keeps_sector_catalogue(user):
        return None
    if owner is None:
        return deny("Chỉ quản trị hệ thống và cán bộ quản lý phong trào của Bộ được sửa danh mục khen thưởng chung của ngành.")
    if not has_role(user, Role.CAMPAIGN_MANAGER, owner):
        return deny("Chỉ cán bộ quản lý phong trào của đơn vị quản lý danh mục được sửa danh hiệu, hình thức này.")
    return None


def edit_award_kind_refusal(user, kind) -> Refusal | None:
    return catalogue_owner_refusal(user, kind.owner)
