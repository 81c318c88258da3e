"""Notices at the hand-overs of campaigns that no single service owns: a launch directive issued, and the
steps of a covenant (members to sign, members to score, the lead to confirm)."""

from __future__ import annotations

from units.models import Role
from units.notifications import notify_units

from ..models import Campaign, Covenant


def directive_issued(*, document, actor) -> None:
    """Run when a document is issued (``documents.extensions.on_issue``): a launch directive tells the units."""
    for campaign in Campaign.objects.filter(directive=document).select_related():
        notify_units(
            units=campaign.participants.all(),
            key=f"campaign-directive-issued-{campaign.pk}",
            text=f"Đã ban hành {document.type_title} số {document.symbol} ngày {document.issued_on:%d/%m/%Y} phát động “{campaign.name}”."
            + (f" Đề nghị đơn vị đăng ký thi đua trước ngày {campaign.registration_deadline:%d/%m/%Y}." if campaign.registration_deadline else ""),
            link=campaign.get_absolute_url(),
        )


def covenant_to_sign(covenant: Covenant, members) -> None:
    for role in (Role.SIGNER, Role.UNIT_OFFICER):
        notify_units(units=members, role=role, key=f"covenant-sign-{covenant.pk}",
                     text=f"{covenant} chờ đơn vị ký.", link=covenant.get_absolute_url())


def covenant_to_score(covenant: Covenant, members) -> None:
    for role in (Role.SIGNER, Role.UNIT_OFFICER):
        notify_units(units=members, role=role, key=f"covenant-score-{covenant.pk}",
                     text=f"Các đơn vị đã ký {covenant}: đơn vị tự chấm điểm theo bảng tiêu chí.", link=covenant.get_absolute_url())


def covenant_to_confirm(covenant: Covenant) -> None:
    notify_units(units=[covenant.lead_unit], role=Role.CLUSTER_LEAD, key=f"covenant-confirm-{covenant.pk}",
                 text=f"Các đơn vị đã tự chấm điểm {covenant}: cụm trưởng xác nhận điểm.", link=covenant.get_absolute_url())
