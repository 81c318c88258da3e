"""Who may do what to a campaign, a registration, a report or a covenant, and when.

One function per action: ``<action>_refusal(user, obj)`` returns None when the action is allowed or a
``Refusal`` saying why. Views read ``allowed(...)`` to show a button; services ``ensure(...)`` it, so a
page never offers what its service refuses.
"""

from __future__ import annotations

from common.policies import Refusal, allowed, deny, invalid
from units.models import Role
from units.scoping import acts_as, acts_for, has_any_role, has_role, holds_for_sector, is_system_admin, role_units

from .models import (
    CAMPAIGN_TRANSITIONS,
    Campaign,
    CampaignStatus,
    Covenant,
    CovenantStatus,
    ProgressReport,
    Registration,
    RegistrationStatus,
    ReportStatus,
)

REGISTRATION_OPEN = (CampaignStatus.LAUNCHED, CampaignStatus.REGISTRATION, CampaignStatus.IN_PROGRESS)
REPORTING_OPEN = (CampaignStatus.LAUNCHED, CampaignStatus.REGISTRATION, CampaignStatus.IN_PROGRESS, CampaignStatus.MIDTERM_REVIEWED)
EDITABLE_REPORT = (ReportStatus.DRAFT, ReportStatus.RETURNED)
SENT_REPORT = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
COVENANT_SIGNING_ROLES = (Role.SIGNER, Role.UNIT_OFFICER)

NOT_MANAGER = "Chỉ cán bộ quản lý phong trào của cơ quan phát động được thực hiện thao tác này."


# --- Campaigns --------------------------------------------------------------------------------


def create_campaign_refusal(user) -> Refusal | None:
    if not role_units(user, Role.CAMPAIGN_MANAGER).exists():
        return deny("Chỉ cán bộ quản lý phong trào được tạo phong trào thi đua.")
    return None


def issue_campaign_as_refusal(user, unit) -> Refusal | None:
    """A campaign is issued in the name of a unit whose campaigns the account manages."""
    if unit is None or not has_role(user, Role.CAMPAIGN_MANAGER, unit):
        return deny("Tài khoản không quản lý phong trào của cơ quan này.")
    return None


def manage_campaign_refusal(user, campaign: Campaign) -> Refusal | None:
    if not has_role(user, Role.CAMPAIGN_MANAGER, campaign.lead_issuer):
        return deny(NOT_MANAGER)
    return None


def edit_campaign_refusal(user, campaign: Campaign) -> Refusal | None:
    """A draft is edited (and launched) before launch, by a manager of its lead issuer."""
    if refusal := manage_campaign_refusal(user, campaign):
        return refusal
    if campaign.status != CampaignStatus.DRAFT:
        return invalid("Phong trào đã phát động: không sửa được (chỉ sửa phong trào đang ở dạng dự thảo).", "not_draft")
    return None


launch_campaign_refusal = edit_campaign_refusal


def transition_refusal(user, campaign: Campaign, to: str) -> Refusal | None:
    if refusal := manage_campaign_refusal(user, campaign):
        return refusal
    if to not in CAMPAIGN_TRANSITIONS[CampaignStatus(campaign.status)]:
        return invalid(
            f"Không thể chuyển phong trào từ “{campaign.get_status_display()}” sang “{CampaignStatus(to).label}”.", "bad_transition"
        )
    return None


def next_statuses(user, campaign: Campaign) -> list[CampaignStatus]:
    """The plain transitions a manager may make from the page (launch and reviews have their own forms)."""
    reviews = {CampaignStatus.LAUNCHED, CampaignStatus.MIDTERM_REVIEWED, CampaignStatus.FINAL_REVIEWED}
    return [
        CampaignStatus(s)
        for s in sorted(CAMPAIGN_TRANSITIONS[CampaignStatus(campaign.status)])
        if s not in reviews and allowed(transition_refusal(user, campaign, s))
    ]


def review_refusal(user, campaign: Campaign, *, final: bool) -> Refusal | None:
    to = CampaignStatus.FINAL_REVIEWED if final else CampaignStatus.MIDTERM_REVIEWED
    return transition_refusal(user, campaign, to)


def record_past_refusal(user, campaign: Campaign) -> Refusal | None:
    """A past campaign's registrations and results are entered by a manager of its issuing body (or of the
    body that took it over in a merger), never by the participants, who did it at the time."""
    if not campaign.is_historical:
        return invalid("Chỉ nhập bổ sung cho phong trào đã thực hiện.", "not_historical")
    return manage_campaign_refusal(user, campaign)


# --- Registrations ----------------------------------------------------------------------------


def register_refusal(user, unit) -> Refusal | None:
    """Only the unit's own officer registers and reports for it."""
    if not has_role(user, Role.UNIT_OFFICER, unit):
        return deny("Chỉ cán bộ đầu mối của đơn vị được đăng ký và báo cáo thi đua.")
    return None


def edit_registration_refusal(user, campaign: Campaign, unit) -> Refusal | None:
    if refusal := register_refusal(user, unit):
        return refusal
    if campaign.status not in REGISTRATION_OPEN:
        return invalid("Phong trào chưa mở hoặc đã hết thời gian đăng ký thi đua.", "closed")
    return None


def submit_registration_refusal(user, registration: Registration) -> Refusal | None:
    if refusal := register_refusal(user, registration.unit):
        return refusal
    if registration.status not in (RegistrationStatus.DRAFT, RegistrationStatus.RETURNED):
        return invalid("Chỉ gửi được bản đăng ký đang soạn hoặc bị trả lại.", "not_draft")
    return None


def approve_registration_refusal(user, registration: Registration) -> Refusal | None:
    """A manager of the issuing body approves or returns a submitted registration; never their own unit's."""
    if refusal := manage_campaign_refusal(user, registration.campaign):
        return refusal
    if acts_for(user, registration.unit):
        return deny("Không được tự duyệt đăng ký thi đua của đơn vị mình.", "self_approval")
    if registration.status != RegistrationStatus.SUBMITTED:
        return invalid("Chỉ duyệt bản đăng ký đang chờ duyệt.", "not_submitted")
    return None


def registration_actions(user, registration: Registration) -> dict[str, bool]:
    return {
        "edit": allowed(edit_registration_refusal(user, registration.campaign, registration.unit)),
        "submit": allowed(submit_registration_refusal(user, registration)),
        "decide": allowed(approve_registration_refusal(user, registration)),
        "report": allowed(create_report_refusal(user, registration)),
        "record_past": allowed(record_past_refusal(user, registration.campaign)),
    }


# --- Reports ----------------------------------------------------------------------------------


def _reporting_open(campaign: Campaign) -> Refusal | None:
    if campaign.status not in REPORTING_OPEN:
        return invalid(f"Phong trào đang ở trạng thái “{campaign.get_status_display()}”: không nhận báo cáo tiến độ.", "campaign_closed")
    return None


def create_report_refusal(user, registration: Registration) -> Refusal | None:
    if refusal := register_refusal(user, registration.unit):
        return refusal
    if registration.status != RegistrationStatus.APPROVED:
        return invalid("Chỉ báo cáo tiến độ cho bản đăng ký đã được duyệt.", "not_approved")
    return _reporting_open(registration.campaign)


def edit_report_refusal(user, report: ProgressReport) -> Refusal | None:
    if refusal := register_refusal(user, report.registration.unit):
        return refusal
    if report.status not in EDITABLE_REPORT:
        return invalid("Báo cáo đã gửi không sửa được; hãy tạo bản sửa đổi.", "immutable")
    return None


def edit_evidence_refusal(user, report: ProgressReport) -> Refusal | None:
    """Evidence is added to or removed from a draft (or returned) report only."""
    if refusal := register_refusal(user, report.registration.unit):
        return refusal
    if report.status not in EDITABLE_REPORT:
        return invalid("Báo cáo đã gửi: minh chứng không thêm được, không xóa được; hãy tạo bản sửa đổi.", "immutable")
    return None


def submit_report_refusal(user, report: ProgressReport) -> Refusal | None:
    if refusal := edit_report_refusal(user, report):
        return refusal
    return _reporting_open(report.registration.campaign)


def accept_report_refusal(user, report: ProgressReport) -> Refusal | None:
    """A manager of the issuing body accepts or returns a submitted report; never their own unit's."""
    if refusal := manage_campaign_refusal(user, report.registration.campaign):
        return refusal
    if acts_for(user, report.registration.unit):
        return deny("Không được tự tiếp nhận báo cáo của đơn vị mình.", "self_approval")
    if report.status != ReportStatus.SUBMITTED:
        return invalid("Chỉ tiếp nhận báo cáo đang chờ.", "not_submitted")
    return None


def revise_report_refusal(user, report: ProgressReport) -> Refusal | None:
    if refusal := register_refusal(user, report.registration.unit):
        return refusal
    if report.status not in SENT_REPORT:
        return invalid("Chỉ tạo bản sửa đổi cho báo cáo đã gửi.", "not_submitted")
    return None


def report_actions(user, report: ProgressReport) -> dict[str, bool]:
    return {
        "edit": allowed(edit_report_refusal(user, report)),
        "submit": allowed(submit_report_refusal(user, report)),
        "decide": allowed(accept_report_refusal(user, report)),
        "revise": allowed(revise_report_refusal(user, report)),
    }


# --- Indicators -------------------------------------------------------------------------------


def manage_indicators_refusal(user) -> Refusal | None:
    """Campaign managers extend the catalogue: the sector's (the Ministry's) or their own unit's."""
    if not (is_system_admin(user) or role_units(user, Role.CAMPAIGN_MANAGER).exists()):
        return deny("Chỉ cán bộ quản lý phong trào được bổ sung danh mục chỉ tiêu.")
    return None


def indicator_owner_refusal(user, owner) -> Refusal | None:
    """The sector's indicators are the Ministry's to keep; a unit's own, its managers'."""
    if is_system_admin(user) or holds_for_sector(user, Role.CAMPAIGN_MANAGER):
        return None
    if owner is None:
        return deny("Chỉ quản trị hệ thống và cán bộ quản lý phong trào của Bộ được sửa danh mục chỉ tiêu chung của ngành.")
    if not has_role(user, Role.CAMPAIGN_MANAGER, owner):
        return deny("Chỉ cán bộ quản lý phong trào của đơn vị quản lý chỉ tiêu được sửa chỉ tiêu này.")
    return None


def edit_indicator_refusal(user, indicator) -> Refusal | None:
    return indicator_owner_refusal(user, indicator.owner)


# --- Covenants --------------------------------------------------------------------------------


def leads_cluster(user, lead_unit) -> bool:
    """The cụm trưởng is a unit, chosen each year; it acts through an account with the cluster-lead role on
    it, or through its own leader or officer (for a Sở's block of its phòng and Chi cục as for the Ministry's)."""
    return lead_unit is not None and (
        has_role(user, Role.CLUSTER_LEAD, lead_unit) or acts_as(user, COVENANT_SIGNING_ROLES, lead_unit)
    )


def draft_covenant_refusal(user, *, lead_unit, exists: bool) -> Refusal | None:
    """The cluster lead drafts the year's covenant, once."""
    if lead_unit is None:
        return invalid("Cụm chưa có cụm trưởng trong năm này.", "no_lead")
    if not leads_cluster(user, lead_unit):
        return deny("Chỉ cụm trưởng được soạn giao ước thi đua.")
    if exists:
        return invalid("Cụm đã có giao ước thi đua của năm này.", "exists")
    return None


def sign_covenant_refusal(user, covenant: Covenant, unit, *, members, signed: bool) -> Refusal | None:
    if covenant.status != CovenantStatus.SIGNING:
        return invalid("Giao ước không ở giai đoạn ký.", "not_signing")
    if unit not in members:
        return invalid("Đơn vị không phải thành viên của cụm trong năm này.", "not_member")
    if not has_any_role(user, COVENANT_SIGNING_ROLES, unit):
        return deny("Chỉ lãnh đạo hoặc cán bộ đầu mối của đơn vị được ký giao ước.")
    if signed:
        return invalid("Đơn vị đã ký giao ước này.", "already_signed")
    return None


def score_covenant_refusal(user, covenant: Covenant, unit, *, members) -> Refusal | None:
    if unit not in members:
        return invalid("Đơn vị không phải thành viên của cụm.", "not_member")
    if not has_any_role(user, COVENANT_SIGNING_ROLES, unit):
        return deny("Chỉ lãnh đạo hoặc cán bộ đầu mối của đơn vị được tự chấm điểm.")
    if covenant.status != CovenantStatus.SIGNED:
        return invalid("Chỉ chấm điểm khi mọi đơn vị đã ký giao ước.", "not_signed")
    if covenant.scores_confirmed:
        return invalid("Cụm trưởng đã xác nhận điểm; không sửa được.", "confirmed")
    return None


def confirm_covenant_refusal(user, covenant: Covenant) -> Refusal | None:
    if not leads_cluster(user, covenant.lead_unit):
        return deny("Chỉ cụm trưởng được xác nhận điểm.")
    if covenant.status != CovenantStatus.SIGNED:
        return invalid("Giao ước chưa được các đơn vị ký.", "not_signed")
    if covenant.scores_confirmed:
        return invalid("Điểm đã được xác nhận.", "confirmed")
    return None


def leader_vote_refusal(user, covenant: Covenant) -> Refusal | None:
    """Suy tôn after the lead confirmed the scores (TT 22/2023/TT-BCT Art 6)."""
    if not leads_cluster(user, covenant.lead_unit):
        return deny("Chỉ cụm trưởng được ghi nhận kết quả suy tôn.")
    if not covenant.scores_confirmed:
        return invalid("Suy tôn sau khi cụm trưởng xác nhận điểm và xếp hạng.", "not_confirmed")
    return None
