"""Notices at the hand-overs of awards: a dossier before the council, a ballot opened to the members."""

from __future__ import annotations

from units.notifications import notify_users

from .. import policies
from ..models import BallotBox, Council, Nomination


def dossier_submitted(nomination: Nomination) -> None:
    council = Council.objects.filter(unit=nomination.round.deciding_unit).select_related("secretary").first()
    if council is not None:
        notify_users(
            users=[council.secretary], key=f"nomination-submitted-{nomination.pk}",
            text=f"{nomination.proposing_unit.label} trình hồ sơ đề nghị {nomination.award_kind.name}: {nomination.subject}.",
            link=nomination.get_absolute_url(),
        )


def ballot_opened(box: BallotBox) -> None:
    nomination = box.nomination
    voters = [m for m in box.session.council.members.all() if not policies.conflicted(m, nomination)]
    notify_users(
        users=voters, key=f"ballot-open-{box.pk}",
        text=f"Đã mở bỏ phiếu kín: {nomination.award_kind.name} – {nomination.subject} ({box.session.title}).",
        link=box.session.get_absolute_url(),
    )
