"""Campaign services: transitions, registration approval and revisions, reports, status derivation."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from campaigns.models import CampaignStatus, Registration, RegistrationStatus, ReportStatus
from campaigns.selectors import ACHIEVED, BEHIND, EXCEEDED, NOT_REPORTED, dashboard_rows, target_status
from campaigns.services import (
    ReportConflict,
    campaign_transition,
    evidence_add,
    registration_decide,
    registration_save,
    registration_submit,
    report_create,
    report_decide,
    report_revise,
    report_save,
    report_submit,
)

from .conftest import prove_milestone, report_values, wind_and_ccn

pytestmark = pytest.mark.django_db


def test_only_allowed_transitions_pass(campaign, ministry_manager):
    with pytest.raises(ValidationError, match="Không thể chuyển"):
        campaign_transition(campaign=campaign, actor=ministry_manager, to=CampaignStatus.CLOSED)
    campaign = campaign_transition(campaign=campaign, actor=ministry_manager, to=CampaignStatus.IN_PROGRESS)
    assert campaign.status == CampaignStatus.IN_PROGRESS


def test_officer_cannot_transition(campaign, officer_vl):
    with pytest.raises(PermissionDenied):
        campaign_transition(campaign=campaign, actor=officer_vl, to=CampaignStatus.IN_PROGRESS)


def test_registration_approval_and_revision(approved_registration, officer_vl, ministry_manager, indicators, campaign, province_pair):
    assert approved_registration.status == RegistrationStatus.APPROVED
    revised = registration_save(
        campaign=campaign, unit=province_pair["vinh-long"], actor=officer_vl, targets=wind_and_ccn(indicators)[:2]
    )
    assert revised.revision == 2 and revised.status == RegistrationStatus.DRAFT
    approved_registration.refresh_from_db()
    assert approved_registration.status == RegistrationStatus.APPROVED  # stays in force until the revision is approved
    registration_submit(registration=revised, actor=officer_vl)
    with pytest.raises(ValidationError, match="nêu ý kiến"):
        registration_decide(registration=revised, actor=ministry_manager, approve=False)
    returned = registration_decide(registration=revised, actor=ministry_manager, approve=False, comment="Bổ sung chỉ tiêu CCN")
    assert returned.status == RegistrationStatus.RETURNED and returned.comment == "Bổ sung chỉ tiêu CCN"


def test_officer_cannot_approve_own_unit(campaign, province_pair, indicators, officer_vl):
    from units.models import Role, RoleAssignment, RoleScope
    from units.scoping import forget_scope

    registration = registration_save(campaign=campaign, unit=province_pair["vinh-long"], actor=officer_vl, targets=wind_and_ccn(indicators))
    registration_submit(registration=registration, actor=officer_vl)
    RoleAssignment.objects.create(user=officer_vl, role=Role.CAMPAIGN_MANAGER, unit=campaign.lead_issuer, scope=RoleScope.SECTOR)

    forget_scope(officer_vl)
    with pytest.raises(PermissionDenied, match="tự duyệt"):
        registration_decide(registration=registration, actor=officer_vl, approve=True)


def test_registration_deadline_enforced(campaign, province_pair, officer_vl, indicators):
    import datetime

    campaign.registration_deadline = datetime.date(2020, 1, 1)
    campaign.save()
    with pytest.raises(ValidationError, match="quá hạn"):
        registration_save(campaign=campaign, unit=province_pair["vinh-long"], actor=officer_vl, targets=wind_and_ccn(indicators))
    assert not Registration.objects.exists()


def test_report_state_machine_and_revision(draft_report, approved_registration, officer_vl, ministry_manager):
    report = report_save(
        report=draft_report, actor=officer_vl, version=draft_report.version, narrative="Quý 2",
        values=report_values(approved_registration, Decimal("90"), Decimal("1"), False),
    )
    report = report_submit(report=report, actor=officer_vl)
    with pytest.raises(ValidationError, match="không sửa được"):
        report_save(report=report, actor=officer_vl, version=report.version, narrative="x", values={})
    report = report_decide(report=report, actor=ministry_manager, accept=True)
    assert report.status == ReportStatus.ACCEPTED
    revision = report_revise(report=report, actor=officer_vl)
    assert revision.revision == 2 and revision.status == ReportStatus.DRAFT
    assert revision.values.count() == 3


def test_optimistic_lock_conflict_overwrites_nothing(draft_report, approved_registration, officer_vl):
    version = draft_report.version
    report_save(report=draft_report, actor=officer_vl, version=version, narrative="Bản của người thứ nhất",
                values=report_values(approved_registration, Decimal("50"), Decimal("1"), False))
    with pytest.raises(ReportConflict) as conflict:
        report_save(report=draft_report, actor=officer_vl, version=version, narrative="Bản của người thứ hai",
                    values=report_values(approved_registration, Decimal("70"), Decimal("2"), True))
    assert conflict.value.current.narrative == "Bản của người thứ nhất"
    draft_report.refresh_from_db()
    assert draft_report.narrative == "Bản của người thứ nhất"
    assert sorted(v.value or 0 for v in draft_report.values.all()) == [0, Decimal("1"), Decimal("50")]


@pytest.mark.parametrize(
    "kind,direction,target,value,done,expected",
    [
        ("quantity", "at_least", Decimal("140"), None, None, NOT_REPORTED),
        ("quantity", "at_least", Decimal("140"), Decimal("90"), None, BEHIND),
        ("quantity", "at_least", Decimal("140"), Decimal("140"), None, ACHIEVED),
        ("quantity", "at_least", Decimal("140"), Decimal("150"), None, EXCEEDED),
        ("percentage", "at_most", Decimal("5"), Decimal("4"), None, EXCEEDED),
        ("percentage", "at_most", Decimal("5"), Decimal("6"), None, BEHIND),
        ("milestone", "at_least", None, None, True, ACHIEVED),
        ("milestone", "at_least", None, None, False, BEHIND),
        ("milestone", "at_least", None, None, None, NOT_REPORTED),
    ],
)
def test_status_derivation(kind, direction, target, value, done, expected):
    assert target_status(kind=kind, direction=direction, target_value=target, value=value, done=done)[0] == expected


def test_dashboard_shows_latest_submitted_values(campaign, draft_report, approved_registration, officer_vl, media_root):
    report = report_save(report=draft_report, actor=officer_vl, version=1, narrative="",
                         values=report_values(approved_registration, Decimal("150"), Decimal("1"), True))
    rows = dashboard_rows(campaign=campaign)
    assert {t["status"] for t in rows[0].targets} == {NOT_REPORTED}  # a draft does not count
    prove_milestone(report, approved_registration, officer_vl)
    report_submit(report=report, actor=officer_vl)
    statuses = {t["target"].indicator.code: (t["status"], t["percent"]) for t in dashboard_rows(campaign=campaign)[0].targets}
    assert statuses["wind"] == (EXCEEDED, Decimal("107.1"))
    assert statuses["ccn"] == (BEHIND, Decimal("50.0"))
    assert statuses["night"][0] == ACHIEVED


def test_evidence_checked_by_content(draft_report, officer_vl, media_root):
    fake = SimpleUploadedFile("bao-cao.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    with pytest.raises(ValidationError, match="nội dung tệp không khớp"):
        evidence_add(report=draft_report, actor=officer_vl, upload=fake)
    real = SimpleUploadedFile("anh chụp.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, content_type="text/plain")
    evidence = evidence_add(report=draft_report, actor=officer_vl, upload=real)
    assert evidence.content_type == "image/png" and evidence.file.name.startswith("evidence/")
    assert "anh" not in evidence.file.name and evidence.original_name == "anh chụp.png"


@override_settings(EVIDENCE_MAX_BYTES=1024)
def test_oversized_evidence_refused(draft_report, officer_vl, media_root):
    big = SimpleUploadedFile("lon.pdf", b"%PDF-1.7\n" + b"0" * 2048)
    with pytest.raises(ValidationError, match="quá lớn"):
        evidence_add(report=draft_report, actor=officer_vl, upload=big)


def test_an_approved_revision_replaces_the_one_in_force_and_keeps_the_progress(
    campaign, draft_report, approved_registration, officer_vl, ministry_manager, indicators, province_pair
):
    report_save(report=draft_report, actor=officer_vl, version=1, narrative="",
                values=report_values(approved_registration, Decimal("70"), Decimal("1"), False))
    report_submit(report=draft_report, actor=officer_vl)
    revised = registration_save(campaign=campaign, unit=province_pair["vinh-long"], actor=officer_vl,
                                targets=[{"indicator": indicators["wind"], "target_value": Decimal("175")}])
    rows = dashboard_rows(campaign=campaign)
    assert [t["target"].target_value for t in rows[0].targets] == [Decimal("140"), Decimal("2"), None]  # the one in force
    registration_submit(registration=revised, actor=officer_vl)
    with pytest.raises(ValidationError, match="chờ duyệt"):
        registration_save(campaign=campaign, unit=province_pair["vinh-long"], actor=officer_vl, targets=wind_and_ccn(indicators))
    revised = registration_decide(registration=revised, actor=ministry_manager, approve=True)
    approved_registration.refresh_from_db()
    assert approved_registration.status == RegistrationStatus.SUPERSEDED
    (row,) = dashboard_rows(campaign=campaign)
    (wind,) = row.targets
    assert wind["target"].target_value == Decimal("175") and wind["percent"] == Decimal("40.0")  # 70 MW reported under revision 1
    with pytest.raises(ValidationError, match="đã có báo cáo"):  # quarter 2 was reported under revision 1
        report_create(registration=revised, actor=officer_vl, period_type="quarter", period_index=2, year=2026)
