"""What waits for an account in awards: dossiers before its council, sessions to prepare, open ballots,
its unit's dossiers and the decisions issued to its unit."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from units.models import Role
from units.scoping import role_units

from ..models import AwardRecord, BallotBox, BallotParticipation, CouncilSession, Nomination, NominationStatus

MAX_LINKS = 5
RECENT_DAYS = 60


def _item(label, queryset, text, url) -> dict | None:
    rows = list(queryset[:MAX_LINKS])
    if not rows:
        return None
    return {"label": label, "count": queryset.count(), "url": url, "links": [(text(r), r.get_absolute_url()) for r in rows]}


def todo(user) -> list[dict]:
    today = timezone.localdate()
    sessions_url = reverse("awards:session-list")
    nominations_url = reverse("awards:nomination-list")
    before_council = Nomination.objects.filter(
        status=NominationStatus.SUBMITTED, round__deciding_unit__council__secretary=user
    ).select_related("award_kind", "person", "unit").order_by("submitted_at")
    to_prepare = CouncilSession.objects.filter(council__secretary=user, held_on__gte=today).filter(
        Q(boxes__isnull=True) | Q(boxes__is_open=False, boxes__closed=False)
    ).distinct().order_by("held_on")
    voted = BallotParticipation.objects.filter(box=OuterRef("pk"), member=user)
    open_ballots = (
        BallotBox.objects.filter(is_open=True, session__council__members=user)
        .exclude(Exists(voted))
        .exclude(Q(nomination__proposing_unit_id=user.unit_id) | Q(nomination__unit_id=user.unit_id) | Q(nomination__person__unit_id=user.unit_id))
        .select_related("nomination__award_kind", "nomination__person", "nomination__unit", "session")
    )
    to_close = BallotBox.objects.filter(is_open=True, session__council__secretary=user).select_related(
        "nomination__award_kind", "nomination__person", "nomination__unit", "session"
    )
    managed = (role_units(user, Role.CAMPAIGN_MANAGER) | role_units(user, Role.COUNCIL_SECRETARY)).values("pk")
    to_verify = AwardRecord.objects.filter(verified=False, revoked=False).filter(Q(unit__in=managed) | Q(person__unit__in=managed)).exclude(
        entered_by=user
    ).select_related("award_kind", "person", "unit")
    units = role_units(user, Role.UNIT_OFFICER).values("pk")
    drafts = Nomination.objects.filter(proposing_unit__in=units, status=NominationStatus.DRAFT).select_related("award_kind", "person", "unit")
    decided = AwardRecord.objects.filter(
        nomination__proposing_unit__in=units, decided_on__gte=today - datetime.timedelta(days=RECENT_DAYS)
    ).select_related("award_kind", "person", "unit", "nomination")
    return [item for item in (
        _item("Hồ sơ đề nghị trình Hội đồng chờ đưa vào phiên họp", before_council, lambda n: f"{n.award_kind.name}: {n.subject}", sessions_url),
        _item("Phiên họp Hội đồng cần chuẩn bị", to_prepare, lambda s: f"{s.title} ({s.held_on:%d/%m/%Y})", sessions_url),
        _item("Phiếu kín đang mở: thư ký kết thúc, kiểm phiếu khi các thành viên đã bỏ phiếu", to_close,
              lambda b: f"{b.nomination.award_kind.name}: {b.nomination.subject} – {b.session.title}", sessions_url),
        _item("Phiếu kín đang mở chờ tôi bỏ phiếu", open_ballots, lambda b: f"{b.nomination.award_kind.name}: {b.nomination.subject} – {b.session.title}", sessions_url),
        _item("Khen thưởng đơn vị tự khai chờ xác nhận", to_verify, lambda r: f"{r.award_kind.name} {r.year}: {r.person or r.unit}", nominations_url),
        _item("Hồ sơ đề nghị khen thưởng đơn vị đang lập", drafts, lambda n: f"{n.award_kind.name}: {n.subject}", nominations_url),
        _item(f"Khen thưởng đơn vị được quyết định trong {RECENT_DAYS} ngày qua", decided, lambda r: f"{r.award_kind.name}: {r.person or r.unit} ({r.decision})", nominations_url),
    ) if item]
