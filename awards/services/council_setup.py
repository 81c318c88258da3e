"""Setting up a unit's Hội đồng Thi đua - Khen thưởng in the app: members, chair, secretary and its own rules
of procedure (Nghị định 98/2023/NĐ-CP Art 49 khoản 2: each level sets up its council)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from common.policies import ensure
from common.text import nfc
from units.audit import audit_record
from units.models import User

from .. import policies
from ..models import BallotBox, Council
from ..selectors.council_setup import council_account_pool

MIN_MEMBERS = 3


def _check(*, actor: User, unit, name: str, chair: User, secretary: User, members, quorum_fraction, pass_threshold) -> tuple[str, list[User]]:
    name = nfc(name).strip()[:300]
    if not name:
        raise ValidationError("Cần nhập tên Hội đồng.", code="no_name")
    members = sorted(set(members), key=lambda u: u.get_full_name())
    if len(members) < MIN_MEMBERS:
        raise ValidationError(f"Hội đồng cần ít nhất {MIN_MEMBERS:02d} thành viên.", code="too_few")
    if chair is None or chair not in members:
        raise ValidationError("Chủ tịch Hội đồng phải là một thành viên của Hội đồng.", code="chair")
    if secretary is None:
        raise ValidationError("Chọn thư ký Hội đồng.", code="secretary")
    pool = set(council_account_pool(actor, unit).filter(pk__in=[u.pk for u in [*members, secretary]]))
    outside = [u.get_full_name() for u in [*members, secretary] if u not in pool]
    if outside:
        raise ValidationError(
            f"Thành viên, thư ký Hội đồng là tài khoản đang hoạt động của {unit.name} hoặc đơn vị trực thuộc: {'; '.join(sorted(set(outside)))}.",
            code="outside",
        )
    for label, value in (("Tỷ lệ có mặt", quorum_fraction), ("Tỷ lệ tán thành", pass_threshold)):
        if value is not None and not Decimal(0) < value <= Decimal(1):
            raise ValidationError(f"{label} theo quy chế phải lớn hơn 0 % và không quá 100 %.", code="fraction")
    return name, members


def _summary(council: Council, members: list[User]) -> str:
    rules = []
    if council.quorum_fraction:
        rules.append(f"có mặt ≥ {council.quorum_fraction * 100:g} %")
    if council.pass_threshold:
        rules.append(f"tán thành ≥ {council.pass_threshold * 100:g} %")
    return (f"{council.name}: chủ tịch {council.chair.get_full_name()}, thư ký {council.secretary.get_full_name()}, "
            f"{len(members)} thành viên" + (f"; quy chế: {', '.join(rules)}" if rules else ""))


@transaction.atomic
def council_create(
    *, actor: User, unit, name: str, chair: User, secretary: User, members, quorum_fraction: Decimal | None = None,
    pass_threshold: Decimal | None = None,
) -> Council:
    ensure(policies.manage_council_refusal(actor, unit))
    if Council.objects.filter(unit=unit).exists():
        raise ValidationError(f"{unit.name} đã có Hội đồng Thi đua - Khen thưởng; hãy sửa Hội đồng đó.", code="exists")
    name, members = _check(actor=actor, unit=unit, name=name, chair=chair, secretary=secretary, members=members,
                           quorum_fraction=quorum_fraction, pass_threshold=pass_threshold)
    council = Council(unit=unit, name=name, chair=chair, secretary=secretary, quorum_fraction=quorum_fraction, pass_threshold=pass_threshold)
    council.full_clean()
    council.save()
    council.members.set(members)
    audit_record(actor=actor, action="council_create", obj=council, unit=unit, summary=_summary(council, members))
    return council


@transaction.atomic
def council_update(
    *, actor: User, council: Council, name: str, chair: User, secretary: User, members, quorum_fraction: Decimal | None = None,
    pass_threshold: Decimal | None = None,
) -> Council:
    """Change the members, chair, secretary or rules. Not while a ballot is open: its voters are counted at close."""
    council = Council.objects.select_for_update().select_related("unit").get(pk=council.pk)
    ballot_open = BallotBox.objects.filter(session__council=council, is_open=True).exists()
    ensure(policies.edit_council_refusal(actor, council, ballot_open=ballot_open))
    name, members = _check(actor=actor, unit=council.unit, name=name, chair=chair, secretary=secretary, members=members,
                           quorum_fraction=quorum_fraction, pass_threshold=pass_threshold)
    council.name, council.chair, council.secretary = name, chair, secretary
    council.quorum_fraction, council.pass_threshold = quorum_fraction, pass_threshold
    council.full_clean()
    council.save()
    council.members.set(members)
    audit_record(actor=actor, action="council_update", obj=council, unit=council.unit, summary=_summary(council, members))
    return council
