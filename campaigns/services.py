"""Writes for campaigns: create, launch (with its directive), transitions, registrations, reports."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from common.text import nfc
from documents.services import document_create, document_submit
from units.audit import audit_record
from units.models import Role, Unit, User
from units.scoping import has_role

from .models import (
    CAMPAIGN_TRANSITIONS,
    Campaign,
    CampaignContent,
    CampaignIssuer,
    CampaignStatus,
    Evidence,
    IndicatorKind,
    Notification,
    ProgressReport,
    Registration,
    RegistrationStatus,
    ReportStatus,
    ReportValue,
    Target,
)
from .periods import REPORT_GRACE_DAYS, validate_period
from .uploads import check_quota, safe_original_name, sniff_upload


def _require_manager(actor: User, campaign: Campaign) -> None:
    if not has_role(actor, Role.CAMPAIGN_MANAGER, campaign.lead_issuer):
        raise PermissionDenied("Chỉ cán bộ quản lý phong trào của cơ quan phát động được thực hiện thao tác này.")


@transaction.atomic
def campaign_create(
    *,
    actor: User | None,
    name: str,
    issuers: Sequence[Unit],
    start_date: date,
    end_date: date,
    contents: Sequence[str] = (),
    participants: Sequence[Unit] = (),
    clusters=(),
    indicators=(),
    **fields,
) -> Campaign:
    """Create a draft campaign; ``issuers`` lists the lead first (two for a joint campaign)."""
    if not issuers:
        raise ValidationError("Phong trào phải có cơ quan phát động.", code="no_issuer")
    if actor is not None and not has_role(actor, Role.CAMPAIGN_MANAGER, issuers[0]):
        raise PermissionDenied("Tài khoản không quản lý phong trào của cơ quan này.")
    campaign = Campaign(name=nfc(name), start_date=start_date, end_date=end_date, created_by=actor, **fields)
    if end_date < start_date:
        raise ValidationError({"end_date": "Ngày kết thúc phải sau ngày bắt đầu."}, code="dates")
    campaign.full_clean(exclude=["directive"])
    campaign.save()
    CampaignIssuer.objects.bulk_create(
        [CampaignIssuer(campaign=campaign, unit=unit, order=index) for index, unit in enumerate(issuers)]
    )
    CampaignContent.objects.bulk_create(
        [CampaignContent(campaign=campaign, order=index, text=nfc(text)) for index, text in enumerate(contents, start=1) if nfc(text)]
    )
    campaign.participants.set(participants)
    campaign.clusters.set(clusters)
    campaign.indicators.set(indicators)
    audit_record(actor=actor, action="campaign_create", obj=campaign, unit=issuers[0], summary=f"Tạo phong trào {campaign.name[:200]}")
    return campaign


@transaction.atomic
def campaign_update(
    *,
    campaign: Campaign,
    actor: User,
    name: str,
    issuers: Sequence[Unit],
    start_date: date,
    end_date: date,
    contents: Sequence[str] = (),
    participants: Sequence[Unit] = (),
    clusters=(),
    indicators=(),
    **fields,
) -> Campaign:
    """Edit a draft: only before launch, and only by a campaign manager of the lead issuer (old and new)."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    _require_manager(actor, campaign)
    if campaign.status != CampaignStatus.DRAFT:
        raise ValidationError("Chỉ sửa được phong trào đang ở dạng dự thảo; phong trào đã phát động thì không sửa.", code="not_draft")
    if not issuers:
        raise ValidationError("Phong trào phải có cơ quan phát động.", code="no_issuer")
    if not has_role(actor, Role.CAMPAIGN_MANAGER, issuers[0]):
        raise PermissionDenied("Tài khoản không quản lý phong trào của cơ quan này.")
    if end_date < start_date:
        raise ValidationError({"end_date": "Ngày kết thúc phải sau ngày bắt đầu."}, code="dates")
    if fields.get("parent") is not None and fields["parent"].pk == campaign.pk:
        raise ValidationError("Phong trào không thực hiện chính nó.", code="self_parent")
    campaign.name, campaign.start_date, campaign.end_date = nfc(name), start_date, end_date
    for key, value in fields.items():
        setattr(campaign, key, value)
    campaign.full_clean(exclude=["directive"])
    campaign.save()
    campaign.issuer_links.all().delete()
    CampaignIssuer.objects.bulk_create([CampaignIssuer(campaign=campaign, unit=unit, order=i) for i, unit in enumerate(issuers)])
    campaign.contents.all().delete()
    CampaignContent.objects.bulk_create(
        [CampaignContent(campaign=campaign, order=i, text=nfc(text)) for i, text in enumerate((t for t in contents if nfc(t)), start=1)]
    )
    campaign.participants.set(participants)
    campaign.clusters.set(clusters)
    campaign.indicators.set(indicators)
    audit_record(actor=actor, action="campaign_update", obj=campaign, unit=issuers[0], summary=f"Sửa dự thảo phong trào {campaign.name[:200]}")
    return campaign


@transaction.atomic
def campaign_transition(*, campaign: Campaign, actor: User | None, to: str) -> Campaign:
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if actor is not None:
        _require_manager(actor, locked)
    if to not in CAMPAIGN_TRANSITIONS[CampaignStatus(locked.status)]:
        raise ValidationError(
            f"Không thể chuyển phong trào từ “{locked.get_status_display()}” sang “{CampaignStatus(to).label}”.",
            code="bad_transition",
        )
    locked.status = to
    locked.save(update_fields=["status"])
    audit_record(actor=actor, action="campaign_transition", obj=locked, unit=locked.lead_issuer, summary=f"Chuyển sang {locked.get_status_display()}")
    return locked


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]


def _launch_document_body(campaign: Campaign) -> list[dict]:
    """Sections numbered I, II, III… in order, whichever of them the campaign has."""
    body = []
    if campaign.objectives:
        body.append({"heading": "MỤC ĐÍCH, YÊU CẦU", "text": campaign.objectives})
    body.append({"heading": "NỘI DUNG THI ĐUA", "items": [c.text for c in campaign.contents.all()]})
    if campaign.criteria:
        body.append({"heading": "TIÊU CHÍ THI ĐUA", "text": campaign.criteria})
    timetable = [f"Thời gian thực hiện: từ {campaign.start_date:%d/%m/%Y} đến {campaign.end_date:%d/%m/%Y}."]
    if campaign.registration_deadline:
        timetable.append(f"Các đơn vị đăng ký thi đua trước ngày {campaign.registration_deadline:%d/%m/%Y}.")
    timetable.append(
        f"Chế độ báo cáo: {campaign.get_report_period_display().lower()}; báo cáo gửi chậm nhất {REPORT_GRACE_DAYS} ngày "
        "sau khi kết thúc kỳ, qua hệ thống quản lý thi đua, khen thưởng, kèm minh chứng."
    )
    if campaign.midterm_date:
        timetable.append(f"Sơ kết: {campaign.midterm_date:%d/%m/%Y}.")
    if campaign.final_date:
        timetable.append(f"Tổng kết: {campaign.final_date:%d/%m/%Y}.")
    if campaign.planned_awards:
        timetable.append(f"Hình thức khen thưởng: {campaign.planned_awards}.")
    body.append({"heading": "TỔ CHỨC THỰC HIỆN", "text": "\n".join(timetable)})
    for number, section in zip(ROMAN, body, strict=False):
        section["heading"] = f"{number}. {section['heading']}"
    return body


def _recipients(campaign: Campaign) -> list[str]:
    """'Nơi nhận' as officials write it: the Sở of every province in one line when there are many."""
    from units.models import UnitKind

    units = list(campaign.participants.order_by("name"))
    provincial = [u for u in units if u.kind == UnitKind.PROVINCIAL_DEPARTMENT]
    others = [u.name for u in units if u.kind != UnitKind.PROVINCIAL_DEPARTMENT]
    lines = others if len(others) <= 10 else ["Các cơ quan, đơn vị tham gia phong trào"]
    if len(provincial) > 5:
        lines.append("Sở Công Thương các tỉnh, thành phố trực thuộc Trung ương")
    else:
        lines += [u.name for u in provincial]
    return lines


def _launch_annexes(campaign: Campaign) -> list[dict]:
    """The indicators the campaign asks units to register, as an annex table of the directive or plan."""
    indicators = list(campaign.indicators.order_by("name"))
    if not indicators:
        return []
    return [
        {
            "title": "DANH MỤC CHỈ TIÊU THI ĐUA ĐỀ NGHỊ CÁC ĐƠN VỊ ĐĂNG KÝ",
            "headers": ["STT", "Chỉ tiêu", "Đơn vị tính", "Loại chỉ tiêu"],
            "rows": [
                [str(index), indicator.name, indicator.unit_of_measure or "—", indicator.get_kind_display()]
                for index, indicator in enumerate(indicators, start=1)
            ],
            "landscape": False,
        }
    ]


@transaction.atomic
def campaign_launch(*, campaign: Campaign, actor: User, signer_title: str, signer_name: str) -> Campaign:
    """Launch: create the directive or plan from the campaign's data, submit it, notify participants."""
    campaign = campaign_transition(campaign=campaign, actor=actor, to=CampaignStatus.LAUNCHED)
    issuers = [link.unit for link in campaign.issuer_links.select_related("unit").order_by("order")]
    document = document_create(
        actor=actor,
        doc_type=campaign.launch_document_type,
        issuers=issuers,
        subject=f"Phát động {campaign.name}" if not campaign.name.lower().startswith("phát động") else campaign.name,
        legal_bases=[line for line in campaign.legal_basis.splitlines() if line.strip()],
        body=_launch_document_body(campaign),
        recipients=_recipients(campaign),
        signers=[{"unit": issuers[0], "title": signer_title, "name": signer_name}],
        annexes=_launch_annexes(campaign),
    )
    document_submit(document=document, actor=actor)
    campaign.directive = document
    campaign.save(update_fields=["directive"])
    notify_units(
        units=campaign.participants.all(),
        key=f"campaign-launch-{campaign.pk}",
        text=f"{campaign.lead_issuer.name} phát động “{campaign.name}”. Đề nghị đơn vị đăng ký thi đua"
        + (f" trước ngày {campaign.registration_deadline:%d/%m/%Y}." if campaign.registration_deadline else "."),
        link=campaign.get_absolute_url(),
    )
    return campaign


def notify_units(*, units, key: str, text: str, link: str = "", role: str = Role.UNIT_OFFICER) -> int:
    """Notify the holders of ``role`` (unit officers by default) in ``units`` in the app, and by e-mail
    after commit; never twice per key."""
    from units.models import RoleAssignment

    if role == Role.UNIT_OFFICER:
        holders = RoleAssignment.objects.active().filter(role=role, unit__in=units)
    else:
        holders = _assignments_covering(units, role)
    users = User.objects.filter(is_active=True, pk__in=holders.values("user_id"))
    created = 0
    for user in users:
        _, is_new = Notification.objects.get_or_create(user=user, key=key, defaults={"text": text[:500], "link": link})
        if is_new:
            created += 1
            if user.email:
                transaction.on_commit(
                    lambda email=user.email: send_mail(
                        "[thidua] " + text[:120], f"{text}\n\n{link}", settings.DEFAULT_FROM_EMAIL, [email], fail_silently=True
                    )
                )
    return created


def _assignments_covering(units, role):
    """Active assignments of ``role`` that cover one of ``units``: on the unit, on an ancestor with its
    subtree, or sector-wide; sector-wide holders only when nobody closer holds the role."""
    from django.db.models import Q

    from units.models import RoleAssignment, RoleScope

    closer = Q(pk__in=[])
    for unit in units:
        segments = [part for part in unit.path.split(".") if part]
        ancestors = [".".join(segments[: i + 1]) + "." for i in range(len(segments))]
        closer |= Q(unit=unit) | Q(scope=RoleScope.SUBTREE, unit__path__in=ancestors)
    assignments = RoleAssignment.objects.active().filter(role=role)
    near = assignments.filter(closer).exclude(scope=RoleScope.SECTOR)
    return near if near.exists() else assignments.filter(scope=RoleScope.SECTOR)


@transaction.atomic
def indicator_create(*, actor: User, name: str, kind: str, unit_of_measure: str = "", code: str = ""):
    """A campaign manager extends the indicator catalogue; the code is made from the name if not given."""
    from django.utils.text import slugify

    from .models import Indicator, IndicatorKind

    if not role_units_exist(actor, Role.CAMPAIGN_MANAGER):
        raise PermissionDenied("Chỉ cán bộ quản lý phong trào được bổ sung danh mục chỉ tiêu.")
    name, unit_of_measure = nfc(name)[:300], nfc(unit_of_measure)[:40]
    if not name:
        raise ValidationError("Cần nhập tên chỉ tiêu.", code="no_name")
    if kind not in IndicatorKind.values:
        raise ValidationError("Loại chỉ tiêu không hợp lệ.", code="bad_kind")
    code = slugify((code or name).replace("đ", "d").replace("Đ", "D"))[:60]
    if not code:
        raise ValidationError("Cần nhập mã chỉ tiêu (chữ không dấu, số, gạch ngang).", code="no_code")
    if Indicator.objects.filter(code=code).exists():
        raise ValidationError(f"Mã chỉ tiêu “{code}” đã có.", code="duplicate")
    if Indicator.objects.filter(name__iexact=name, unit_of_measure__iexact=unit_of_measure).exists():
        raise ValidationError(f"Chỉ tiêu “{name}” đã có trong danh mục.", code="duplicate_name")
    indicator = Indicator.objects.create(code=code, name=name, kind=kind, unit_of_measure=unit_of_measure)
    audit_record(actor=actor, action="indicator_create", obj=indicator, unit=actor.unit, summary=f"Thêm chỉ tiêu {name[:200]}")
    return indicator


def role_units_exist(actor: User, role: str) -> bool:
    from units.scoping import role_units

    return role_units(actor, role).exists()


# --- Registrations -------------------------------------------------------------------------


def _can_register(actor: User, unit: Unit) -> bool:
    return has_role(actor, Role.UNIT_OFFICER, unit)


@transaction.atomic
def registration_save(*, campaign: Campaign, unit: Unit, actor: User, targets: Sequence[dict], titles: str = "") -> Registration:
    """Create or replace the draft registration of ``unit``; a change after approval is a new revision."""
    if not _can_register(actor, unit):
        raise PermissionDenied("Chỉ cán bộ đầu mối của đơn vị được đăng ký thi đua.")
    if campaign.status not in (CampaignStatus.LAUNCHED, CampaignStatus.REGISTRATION, CampaignStatus.IN_PROGRESS):
        raise ValidationError("Phong trào chưa mở hoặc đã hết thời gian đăng ký thi đua.", code="closed")
    if not campaign.participants.filter(pk=unit.pk).exists():
        raise ValidationError("Đơn vị không thuộc danh sách tham gia phong trào.", code="not_participant")
    rows = list(
        Registration.objects.select_for_update()
        .filter(campaign=campaign, unit=unit)
        .exclude(status=RegistrationStatus.SUPERSEDED)
        .order_by("-revision")
    )
    in_force = next((r for r in rows if r.status == RegistrationStatus.APPROVED), None)
    pending = next((r for r in rows if r.status != RegistrationStatus.APPROVED), None)
    if pending is not None and pending.status == RegistrationStatus.SUBMITTED:
        raise ValidationError("Bản đăng ký đang chờ duyệt, chưa sửa được.", code="pending")
    if pending is not None:
        registration = pending
        registration.titles, registration.status = nfc(titles), RegistrationStatus.DRAFT
        registration.save(update_fields=["titles", "status"])
        registration.targets.all().delete()
    elif in_force is not None:
        # A change after approval is a new revision; the approved one stays in force until it is approved.
        registration = Registration.objects.create(campaign=campaign, unit=unit, titles=nfc(titles), revision=in_force.revision + 1)
    else:
        _check_deadline(campaign)
        latest = Registration.objects.filter(campaign=campaign, unit=unit).order_by("-revision").first()
        registration = Registration.objects.create(
            campaign=campaign, unit=unit, titles=nfc(titles), revision=latest.revision + 1 if latest else 1
        )
    indicators = [row["indicator"].pk for row in targets]
    if len(indicators) != len(set(indicators)):
        raise ValidationError("Mỗi chỉ tiêu chỉ đăng ký một lần.", code="duplicate_indicator")
    if not targets:
        raise ValidationError("Cần ít nhất một chỉ tiêu đăng ký.", code="no_targets")
    for row in targets:
        target = Target(registration=registration, **row)
        target.full_clean(exclude=["registration"])
        if not target.is_milestone and target.target_value is None:
            raise ValidationError(f"Chỉ tiêu “{target.indicator.name}” cần giá trị đăng ký.", code="no_value")
        target.save()
    audit_record(actor=actor, action="registration_save", obj=registration, unit=unit, summary=f"Lưu đăng ký thi đua (lần {registration.revision})")
    return registration


def _check_deadline(campaign: Campaign) -> None:
    if campaign.registration_deadline and timezone.localdate() > campaign.registration_deadline:
        raise ValidationError(
            f"Đã quá hạn đăng ký thi đua ({campaign.registration_deadline:%d/%m/%Y}).", code="deadline"
        )


@transaction.atomic
def registration_submit(*, registration: Registration, actor: User) -> Registration:
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not _can_register(actor, registration.unit):
        raise PermissionDenied("Chỉ cán bộ đầu mối của đơn vị được gửi đăng ký thi đua.")
    if registration.status not in (RegistrationStatus.DRAFT, RegistrationStatus.RETURNED):
        raise ValidationError("Chỉ gửi được bản đăng ký đang soạn hoặc bị trả lại.", code="not_draft")
    if registration.revision == 1:
        _check_deadline(registration.campaign)
    registration.status, registration.submitted_at = RegistrationStatus.SUBMITTED, timezone.now()
    registration.save(update_fields=["status", "submitted_at"])
    audit_record(actor=actor, action="registration_submit", obj=registration, unit=registration.unit, summary="Gửi đăng ký thi đua")
    notify_units(
        units=[registration.campaign.lead_issuer],
        role=Role.CAMPAIGN_MANAGER,
        key=f"registration-submitted-{registration.pk}-{registration.submitted_at:%Y%m%d%H%M%S%f}",
        text=f"{registration.unit.name} gửi đăng ký thi đua (lần {registration.revision}) – “{registration.campaign.name}”: chờ duyệt.",
        link=registration.get_absolute_url(),
    )
    return registration


@transaction.atomic
def registration_decide(*, registration: Registration, actor: User, approve: bool, comment: str = "") -> Registration:
    """Approve, or return with a comment. Nobody approves their own unit's registration."""
    registration = Registration.objects.select_for_update().select_related("campaign", "unit").get(pk=registration.pk)
    _require_manager(actor, registration.campaign)
    if actor.unit_id and (actor.unit_id == registration.unit_id or has_role(actor, Role.UNIT_OFFICER, registration.unit)):
        raise PermissionDenied("Không được tự duyệt đăng ký thi đua của đơn vị mình.")
    if registration.status != RegistrationStatus.SUBMITTED:
        raise ValidationError("Chỉ duyệt bản đăng ký đang chờ duyệt.", code="not_submitted")
    if not approve and not nfc(comment):
        raise ValidationError("Trả lại bản đăng ký cần nêu ý kiến.", code="no_comment")
    if approve:
        # the revision approved now replaces the one in force
        Registration.objects.filter(
            campaign_id=registration.campaign_id, unit_id=registration.unit_id, status=RegistrationStatus.APPROVED
        ).exclude(pk=registration.pk).update(status=RegistrationStatus.SUPERSEDED)
    registration.status = RegistrationStatus.APPROVED if approve else RegistrationStatus.RETURNED
    registration.comment, registration.decided_at, registration.decided_by = nfc(comment), timezone.now(), actor
    registration.save(update_fields=["status", "comment", "decided_at", "decided_by"])
    audit_record(
        actor=actor,
        action="registration_approve" if approve else "registration_return",
        obj=registration,
        unit=registration.unit,
        summary="Duyệt đăng ký thi đua" if approve else f"Trả lại đăng ký: {registration.comment[:200]}",
    )
    notify_units(
        units=[registration.unit],
        key=f"registration-decided-{registration.pk}-{registration.decided_at:%Y%m%d%H%M%S%f}",
        text=(
            f"Đăng ký thi đua “{registration.campaign.name}” đã được duyệt."
            if approve
            else f"Đăng ký thi đua “{registration.campaign.name}” bị trả lại: {registration.comment}"
        ),
        link=registration.get_absolute_url(),
    )
    return registration


# --- Progress reports ----------------------------------------------------------------------


class ReportConflict(Exception):
    """Someone saved the draft first: the caller shows both versions; nothing was written."""

    def __init__(self, current: ProgressReport):
        super().__init__("conflict")
        self.current = current


REPORTING_CAMPAIGN_STATUSES = (
    CampaignStatus.LAUNCHED,
    CampaignStatus.REGISTRATION,
    CampaignStatus.IN_PROGRESS,
    CampaignStatus.MIDTERM_REVIEWED,
)


def _check_reporting_open(campaign: Campaign) -> None:
    if campaign.status not in REPORTING_CAMPAIGN_STATUSES:
        raise ValidationError(
            f"Phong trào đang ở trạng thái “{campaign.get_status_display()}”: không nhận báo cáo tiến độ.", code="campaign_closed"
        )


@transaction.atomic
def report_create(*, registration: Registration, actor: User, period_type: str, period_index: int, year: int, due_date=None) -> ProgressReport:
    if not _can_register(actor, registration.unit):
        raise PermissionDenied("Chỉ cán bộ đầu mối của đơn vị được báo cáo.")
    if registration.status != RegistrationStatus.APPROVED:
        raise ValidationError("Chỉ báo cáo tiến độ cho bản đăng ký đã được duyệt.", code="not_approved")
    campaign = Campaign.objects.get(pk=registration.campaign_id)  # its current status, not a cached one
    _check_reporting_open(campaign)
    period = validate_period(period_type, period_index, year, start=campaign.start_date, end=campaign.end_date)
    existing = ProgressReport.objects.filter(  # across revisions of the registration: one report per period
        registration__campaign_id=registration.campaign_id,
        registration__unit_id=registration.unit_id,
        period_type=period_type,
        period_index=period_index,
        year=year,
    ).exclude(status=ReportStatus.SUPERSEDED)
    if existing.exists():
        raise ValidationError("Kỳ báo cáo này đã có báo cáo; hãy mở báo cáo đó.", code="exists")
    report = ProgressReport(
        registration=registration,
        period_type=period_type,
        period_index=period_index,
        year=year,
        due_date=due_date or period.due_date,
        updated_by=actor,
        period_key=period.key,
    )
    report.full_clean()
    report.save()
    audit_record(actor=actor, action="report_create", obj=report, unit=registration.unit, summary=f"Tạo báo cáo {report.period_label}")
    return report


@transaction.atomic
def report_save(
    *,
    report: ProgressReport,
    actor: User,
    version: int,
    narrative: str,
    values: dict[int, tuple[Decimal | None, bool]],
    same_period: dict[int, Decimal | None] | None = None,
) -> ProgressReport:
    """Save a draft with optimistic locking: a stale ``version`` raises ``ReportConflict``.

    ``values`` maps a target to its cumulative value and done flag; ``same_period`` (optional) to the
    value of the same period a year before, for the comparison."""
    if not _can_register(actor, report.registration.unit):
        raise PermissionDenied("Chỉ cán bộ đầu mối của đơn vị được sửa báo cáo.")
    updated = ProgressReport.objects.filter(
        pk=report.pk, version=version, status__in=(ReportStatus.DRAFT, ReportStatus.RETURNED)
    ).update(version=version + 1, narrative=nfc(narrative), updated_by=actor, updated_at=timezone.now())
    if not updated:
        current = ProgressReport.objects.get(pk=report.pk)
        if current.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
            raise ValidationError("Báo cáo đã gửi không sửa được; hãy tạo bản sửa đổi.", code="immutable")
        raise ReportConflict(current)
    targets = {t.pk: t for t in report.registration.targets.all()}
    same_period = same_period or {}
    for target_id, (value, done) in values.items():
        if target_id not in targets:
            raise ValidationError("Chỉ tiêu không thuộc bản đăng ký này.", code="foreign_target")
        if value is not None and value < 0 or same_period.get(target_id) is not None and same_period[target_id] < 0:
            raise ValidationError(f"Chỉ tiêu “{targets[target_id].indicator.name}”: giá trị không được âm.", code="negative")
        ReportValue.objects.update_or_create(
            report=report, target_id=target_id, defaults={"value": value, "done": done, "same_period": same_period.get(target_id)}
        )
    report.refresh_from_db()
    audit_record(actor=actor, action="report_save", obj=report, unit=report.registration.unit, summary=f"Lưu báo cáo {report.period_label} (phiên bản {report.version})")
    return report


@transaction.atomic
def report_submit(*, report: ProgressReport, actor: User) -> ProgressReport:
    report = ProgressReport.objects.select_for_update().select_related("registration__unit").get(pk=report.pk)
    if not _can_register(actor, report.registration.unit):
        raise PermissionDenied("Chỉ cán bộ đầu mối của đơn vị được gửi báo cáo.")
    if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise ValidationError("Báo cáo đã được gửi.", code="not_draft")
    _check_reporting_open(report.registration.campaign)
    if not report.values.exists():
        raise ValidationError("Báo cáo chưa có số liệu chỉ tiêu nào.", code="empty")
    # a milestone once proven stays proven: evidence on this report, an earlier revision or an earlier period counts
    proven = Evidence.objects.filter(
        report__registration_id=report.registration_id, report__period_key__lte=report.period_key, target__isnull=False
    ).values("target_id")
    unproven = (
        report.values.filter(done=True, target__indicator__kind=IndicatorKind.MILESTONE)
        .exclude(target_id__in=proven)
        .select_related("target__indicator")
    )
    if unproven:
        names = "; ".join(f"“{v.target.indicator.name}”" for v in unproven)
        raise ValidationError(f"Chỉ tiêu mốc đã hoàn thành cần minh chứng kèm theo: {names}.", code="milestone_evidence")
    report.status, report.submitted_at = ReportStatus.SUBMITTED, timezone.now()
    report.save(update_fields=["status", "submitted_at"])
    audit_record(actor=actor, action="report_submit", obj=report, unit=report.registration.unit, summary=f"Gửi báo cáo {report.period_label}")
    notify_units(
        units=[report.registration.campaign.lead_issuer],
        role=Role.CAMPAIGN_MANAGER,
        key=f"report-submitted-{report.pk}",
        text=f"{report.registration.unit.name} gửi báo cáo {report.period_label} – “{report.registration.campaign.name}”: chờ tiếp nhận.",
        link=report.get_absolute_url(),
    )
    return report


@transaction.atomic
def report_decide(*, report: ProgressReport, actor: User, accept: bool, comment: str = "") -> ProgressReport:
    report = ProgressReport.objects.select_for_update().select_related("registration__campaign", "registration__unit").get(pk=report.pk)
    _require_manager(actor, report.registration.campaign)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError("Chỉ tiếp nhận báo cáo đang chờ.", code="not_submitted")
    if not accept and not nfc(comment):
        raise ValidationError("Trả lại báo cáo cần nêu ý kiến.", code="no_comment")
    report.status = ReportStatus.ACCEPTED if accept else ReportStatus.RETURNED
    report.comment = nfc(comment)
    report.version += 1
    report.save(update_fields=["status", "comment", "version"])
    audit_record(actor=actor, action="report_accept" if accept else "report_return", obj=report, unit=report.registration.unit, summary=report.period_label)
    notify_units(
        units=[report.registration.unit],
        key=f"report-decided-{report.pk}-v{report.version}",
        text=(
            f"Báo cáo {report.period_label} – “{report.registration.campaign.name}” đã được tiếp nhận."
            if accept
            else f"Báo cáo {report.period_label} – “{report.registration.campaign.name}” bị trả lại: {report.comment}"
        ),
        link=report.get_absolute_url(),
    )
    return report


@transaction.atomic
def report_revise(*, report: ProgressReport, actor: User) -> ProgressReport:
    """A correction of a submitted or accepted report: a new draft revision with the same values."""
    if not _can_register(actor, report.registration.unit):
        raise PermissionDenied("Chỉ cán bộ đầu mối của đơn vị được sửa báo cáo.")
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if report.status not in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
        raise ValidationError("Chỉ tạo bản sửa đổi cho báo cáo đã gửi.", code="not_submitted")
    report.status = ReportStatus.SUPERSEDED
    report.save(update_fields=["status"])
    values = list(report.values.all())
    report.pk, report.revision, report.status, report.version, report.submitted_at = None, report.revision + 1, ReportStatus.DRAFT, 1, None
    report.save()
    ReportValue.objects.bulk_create(
        [ReportValue(report=report, target_id=v.target_id, value=v.value, done=v.done, same_period=v.same_period) for v in values]
    )
    audit_record(actor=actor, action="report_revise", obj=report, unit=report.registration.unit, summary=f"Sửa đổi báo cáo (lần {report.revision})")
    return report


@transaction.atomic
def evidence_add(*, report: ProgressReport, actor: User, upload, target: Target | None = None) -> Evidence:
    """Attach an evidence file (optionally for one target): the type is read from its content, and its
    name is generated."""
    if not _can_register(actor, report.registration.unit):
        raise PermissionDenied("Chỉ cán bộ đầu mối của đơn vị được nộp minh chứng.")
    if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise ValidationError("Báo cáo đã gửi không thêm được minh chứng.", code="immutable")
    if target is not None and target.registration_id != report.registration_id:
        raise ValidationError("Chỉ tiêu không thuộc bản đăng ký này.", code="foreign_target")
    report = ProgressReport.objects.select_for_update().select_related("registration").get(pk=report.pk)  # quota checks in turn
    kind, extension = sniff_upload(upload)
    check_quota(report=report, size=upload.size)
    key = f"{uuid.uuid4().hex}.{extension}"
    upload.seek(0)
    evidence = Evidence(
        report=report,
        target=target,
        storage_key=key,
        original_name=safe_original_name(upload.name),
        content_type=kind,
        size=upload.size,
        uploaded_by=actor,
    )
    evidence.file.save(key, upload, save=False)
    evidence.save()
    audit_record(actor=actor, action="evidence_upload", obj=report, unit=report.registration.unit, summary=f"Nộp minh chứng {evidence.original_name[:100]}")
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: Evidence, actor: User) -> None:
    """Remove a file from a draft (or returned) report; the stored file goes after commit."""
    evidence = Evidence.objects.select_for_update().select_related("report__registration__unit").get(pk=evidence.pk)
    report = evidence.report
    if not _can_register(actor, report.registration.unit):
        raise PermissionDenied("Chỉ cán bộ đầu mối của đơn vị được xóa minh chứng.")
    if report.status not in (ReportStatus.DRAFT, ReportStatus.RETURNED):
        raise ValidationError("Báo cáo đã gửi: minh chứng không xóa được.", code="immutable")
    storage, name = evidence.file.storage, evidence.file.name
    evidence.delete()
    audit_record(actor=actor, action="evidence_delete", obj=report, unit=report.registration.unit, summary=f"Xóa minh chứng {evidence.original_name[:100]}")
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def campaign_review(*, campaign: Campaign, actor: User, final: bool, signer_title: str, signer_name: str):
    """Generate the Báo cáo sơ kết / tổng kết from the data (tables and a chart) and move the campaign on."""
    from documents.models import DocumentType

    from .selectors import STATUS_LABELS, dashboard_rows, dashboard_summary

    target_status = CampaignStatus.FINAL_REVIEWED if final else CampaignStatus.MIDTERM_REVIEWED
    campaign = campaign_transition(campaign=campaign, actor=actor, to=target_status)
    rows = dashboard_rows(campaign=campaign, sort="-percent")
    summary = dashboard_summary(rows)
    label = "tổng kết" if final else "sơ kết"
    counts = "; ".join(f"{STATUS_LABELS[key].lower()}: {value}" for key, value in summary["counts"].items())
    chart = [
        {
            "label": row.unit.name,
            "width": int(min(row.average_percent or 0, 150) * Decimal("1.1")),
            "text": f"{row.average_percent:.1f} %".replace(".", ",") if row.average_percent is not None else "chưa báo cáo",
        }
        for row in rows[:25]
    ]
    document = document_create(
        actor=actor,
        doc_type=DocumentType.REPORT,
        issuers=[link.unit for link in campaign.issuer_links.select_related("unit").order_by("order")],
        subject=f"{label.capitalize()} {campaign.name[0].lower()}{campaign.name[1:]}"
        if campaign.name.lower().startswith("phong trào")
        else f"{label.capitalize()} phong trào thi đua “{campaign.name}”",
        body=[
            {
                "heading": "I. KẾT QUẢ THỰC HIỆN",
                "text": f"{summary['units']} đơn vị đăng ký {summary['targets']} chỉ tiêu thi đua. Kết quả: {counts}.",
            },
            {"heading": "II. MỨC HOÀN THÀNH BÌNH QUÂN CỦA CÁC ĐƠN VỊ", "chart": chart, "caption": "Biểu đồ: % hoàn thành kế hoạch bình quân (tối đa 25 đơn vị dẫn đầu)."},
            {
                "heading": "III. ĐƠN VỊ DẪN ĐẦU",
                "items": [f"{row.unit.name}: bình quân {row.average_percent:.1f} % kế hoạch".replace(".", ",") for row in rows[:5] if row.average_percent is not None],
            },
            {"heading": "IV. PHƯƠNG HƯỚNG", "text": "Tiếp tục đôn đốc các đơn vị hoàn thành các chỉ tiêu còn chưa đạt; đề nghị khen thưởng các tập thể tiêu biểu."},
        ],
        annexes=[
            {
                "title": f"KẾT QUẢ THỰC HIỆN CHỈ TIÊU THI ĐUA CỦA CÁC ĐƠN VỊ ({label.upper()})",
                "headers": ["STT", "Đơn vị", "Số chỉ tiêu", "Đạt, vượt", "Chưa đạt", "Chưa báo cáo", "% bình quân"],
                "rows": [
                    [str(index), row.unit.name, str(len(row.targets)), str(row.achieved), str(row.behind), str(row.not_reported),
                     f"{row.average_percent:.1f}".replace(".", ",") if row.average_percent is not None else "—"]
                    for index, row in enumerate(rows, start=1)
                ],
                "landscape": True,
            }
        ],
        recipients=_recipients(campaign),
        signers=[{"unit": campaign.lead_issuer, "title": signer_title, "name": signer_name}],
    )
    audit_record(actor=actor, action="campaign_review", obj=campaign, unit=campaign.lead_issuer, summary=f"Lập báo cáo {label}")
    return campaign, document
