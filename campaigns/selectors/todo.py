"""What waits for an account in campaigns: approvals for managers, reports and covenants for units.

Each item lists a few direct links; the number of queries depends on the account's roles, never on how
many campaigns, registrations or reports the sector holds.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from units.models import ClusterMembership, Role
from units.scoping import get_scope, role_units

from ..models import (
    Campaign,
    CampaignIssuer,
    CampaignStatus,
    Covenant,
    CovenantScore,
    CovenantSignature,
    CovenantStatus,
    ProgressReport,
    Registration,
    RegistrationStatus,
    ReportStatus,
)
from ..models.reports import deadlines_apply_q
from ..periods import last_due_period
from .progress import COUNTED_REPORTS

MAX_LINKS = 5
REPORTING = (CampaignStatus.IN_PROGRESS, CampaignStatus.MIDTERM_REVIEWED)
OPEN_FOR_REGISTRATION = (CampaignStatus.LAUNCHED, CampaignStatus.REGISTRATION, CampaignStatus.IN_PROGRESS)


def _item(label: str, queryset, text, url: str) -> dict | None:
    rows = list(queryset[:MAX_LINKS])
    if not rows:
        return None
    return {"label": label, "count": queryset.count(), "url": url, "links": [(text(r), r.get_absolute_url()) for r in rows]}


def _own_units(user) -> set[int]:
    """The units the account acts for (nobody approves those)."""
    own = {a.unit_id for a in get_scope(user).assignments}
    if user.unit_id:
        own.add(user.unit_id)
    return own


def manager_items(user) -> list:
    managed = role_units(user, Role.CAMPAIGN_MANAGER).values("pk")
    campaigns = CampaignIssuer.objects.filter(unit__in=managed, order=0).values("campaign_id")
    own = _own_units(user)
    waiting = Registration.objects.filter(campaign_id__in=campaigns, status=RegistrationStatus.SUBMITTED).exclude(unit_id__in=own)
    waiting = waiting.select_related("unit", "campaign").order_by("submitted_at")
    reports = ProgressReport.objects.filter(
        registration__campaign_id__in=campaigns, status=ReportStatus.SUBMITTED
    ).exclude(registration__unit_id__in=own).select_related("registration__unit").order_by("submitted_at")
    campaign_list = reverse("campaigns:campaign-list")
    return [
        _item("Đăng ký thi đua chờ duyệt", waiting.filter(revision=1), lambda r: f"{r.unit.label} – {r.campaign.name}", campaign_list),
        _item("Đăng ký sửa đổi chờ duyệt", waiting.filter(revision__gt=1), lambda r: f"{r.unit.label} (lần {r.revision}) – {r.campaign.name}", campaign_list),
        _item("Báo cáo tiến độ chờ tiếp nhận", reports, lambda r: f"{r.registration.unit.label}: {r.period_label}", campaign_list),
    ]


def unit_items(user) -> list:
    units = role_units(user, Role.UNIT_OFFICER).values("pk")
    to_register = (
        Campaign.objects.filter(status__in=OPEN_FOR_REGISTRATION, participants__in=units, is_historical=False)
        .exclude(registrations__unit__in=units)
        .distinct()
        .order_by("registration_deadline", "name")
    )
    drafts = Registration.objects.filter(unit__in=units, status__in=(RegistrationStatus.DRAFT, RegistrationStatus.RETURNED))
    drafts = drafts.select_related("unit", "campaign").order_by("campaign__name")
    report_drafts = ProgressReport.objects.filter(
        registration__unit__in=units, status__in=(ReportStatus.DRAFT, ReportStatus.RETURNED)
    ).select_related("registration__unit", "registration__campaign")
    campaign_list = reverse("campaigns:campaign-list")
    return [
        _item("Phong trào chờ đơn vị đăng ký thi đua", to_register, lambda c: c.name + (f" (hạn {c.registration_deadline:%d/%m/%Y})" if c.registration_deadline else ""), campaign_list),
        _item("Bản đăng ký đang soạn hoặc bị trả lại", drafts, lambda r: f"{r.unit.label} – {r.campaign.name}", campaign_list),
        _item("Báo cáo đang soạn hoặc bị trả lại", report_drafts, lambda r: f"{r.registration.unit.label}: {r.period_label}", campaign_list),
        _due_reports(units),
    ]


def _due_reports(units) -> dict | None:
    """Approved registrations of the account's units whose report for the last due period is missing."""
    today = timezone.localdate()
    registrations = list(
        Registration.objects.filter(
            deadlines_apply_q("campaign__"), unit__in=units, status=RegistrationStatus.APPROVED, campaign__status__in=REPORTING
        )
        .select_related("campaign", "unit")
        .order_by("campaign__name")
    )
    missing = []
    for registration in registrations:
        period = last_due_period(registration.campaign.report_periods, today)
        if period is None:
            continue
        covered = ProgressReport.objects.filter(
            registration__campaign_id=registration.campaign_id, registration__unit_id=registration.unit_id,
            period_key__gte=period.key, status__in=COUNTED_REPORTS,
        ).exists()
        if not covered:
            missing.append((registration, period))
    if not missing:
        return None
    return {
        "label": "Báo cáo tiến độ quá hạn của đơn vị",
        "count": len(missing),
        "url": reverse("campaigns:campaign-list"),
        "links": [(f"{r.unit.label}: {p.label} (hạn {p.due_date:%d/%m/%Y}) – {r.campaign.name}", r.get_absolute_url()) for r, p in missing[:MAX_LINKS]],
    }


def covenant_items(user) -> list:
    signing_units = (role_units(user, Role.SIGNER) | role_units(user, Role.UNIT_OFFICER)).values("pk")
    memberships = ClusterMembership.objects.filter(unit__in=signing_units).values("cluster_id", "year", "unit_id")
    pairs = {(m["cluster_id"], m["year"]) for m in memberships}
    mine = {}
    for m in memberships:
        mine.setdefault((m["cluster_id"], m["year"]), set()).add(m["unit_id"])
    if not pairs:
        return []
    condition = Q(pk__in=[])
    for cluster_id, year in pairs:
        condition |= Q(cluster_id=cluster_id, year=year)
    covenants = list(Covenant.objects.filter(condition, status__in=(CovenantStatus.SIGNING, CovenantStatus.SIGNED), scores_confirmed=False).select_related("cluster"))
    signed = set(CovenantSignature.objects.filter(covenant__in=covenants).values_list("covenant_id", "unit_id"))
    scored = {
        (row["covenant"], row["unit"]): row["n"]
        for row in CovenantScore.objects.filter(covenant__in=covenants).values("covenant", "unit").annotate(n=Count("criterion"))
    }
    criteria = dict(Covenant.objects.filter(pk__in=[c.pk for c in covenants]).annotate(n=Count("criteria")).values_list("pk", "n"))
    to_sign, to_score = [], []
    for covenant in covenants:
        units = mine.get((covenant.cluster_id, covenant.year), set())
        if covenant.status == CovenantStatus.SIGNING and any((covenant.pk, u) not in signed for u in units):
            to_sign.append(covenant)
        if covenant.status == CovenantStatus.SIGNED and any(scored.get((covenant.pk, u), 0) < criteria.get(covenant.pk, 0) for u in units):
            to_score.append(covenant)
    url = reverse("campaigns:covenant-list")
    items = []
    for label, rows in (("Giao ước thi đua chờ đơn vị ký", to_sign), ("Giao ước chờ đơn vị tự chấm điểm", to_score)):
        if rows:
            items.append({"label": label, "count": len(rows), "url": url, "links": [(str(c), c.get_absolute_url()) for c in rows[:MAX_LINKS]]})
    lead_units = role_units(user, Role.CLUSTER_LEAD).values("pk")
    to_confirm = Covenant.objects.filter(lead_unit__in=lead_units, status=CovenantStatus.SIGNED, scores_confirmed=False).select_related("cluster")
    items.append(_item("Giao ước chờ cụm trưởng xác nhận điểm", to_confirm, str, url))
    return items


def todo(user) -> list[dict]:
    return [item for item in (*manager_items(user), *unit_items(user), *covenant_items(user), *viewer_items(user)) if item]


def viewer_items(user) -> list:
    """A read-only account follows the campaigns in progress on their dashboards."""
    from units.scoping import has_role

    if not has_role(user, Role.VIEWER):
        return []
    running = Campaign.objects.visible_to(user).filter(status__in=REPORTING).order_by("-start_date")
    item = _item("Phong trào đang triển khai: bảng theo dõi", running, lambda c: c.name, reverse("campaigns:campaign-list"))
    if item:
        item["links"] = [(c.name, reverse("campaigns:dashboard", args=[c.pk])) for c in running[:MAX_LINKS]]
    return [item]
