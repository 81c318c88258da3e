"""Writes for the organisation: accounts, roles, persons, units imported, clusters and their members.
Each records an audit event."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from common.policies import ensure
from common.text import nfc

from . import policies
from .audit import audit_record
from .extensions import membership_settled
from .models import (
    Cluster,
    ClusterKind,
    ClusterMembership,
    ClusterRole,
    Person,
    Role,
    RoleAssignment,
    RoleScope,
    Unit,
    UnitKind,
    User,
)
from .scoping import forget_scope


@transaction.atomic
def user_create(
    *, actor: User, username: str, full_name: str, email: str, unit: Unit | None, password: str
) -> User:
    """Create an account; it can log in once given a role."""
    username = nfc(username)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": "Tên đăng nhập đã tồn tại."}, code="duplicate_username")
    user = User(username=username, full_name=nfc(full_name), email=email.strip(), unit=unit)
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    audit_record(actor=actor, action="user_create", obj=user, unit=unit, summary=f"Tạo tài khoản {username}")
    return user


@transaction.atomic
def user_update(*, actor: User, user: User, full_name: str, email: str, unit: Unit | None) -> User:
    user.full_name, user.email, user.unit = nfc(full_name), email.strip(), unit
    user.full_clean()
    user.save(update_fields=["full_name", "email", "unit"])
    audit_record(actor=actor, action="user_update", obj=user, unit=unit, summary=f"Cập nhật tài khoản {user.username}")
    return user


@transaction.atomic
def user_set_active(*, actor: User, user: User, is_active: bool) -> User:
    if user.pk == actor.pk and not is_active:
        raise ValidationError("Không thể tự khóa tài khoản đang đăng nhập.", code="self_deactivate")
    user.is_active = is_active
    user.save(update_fields=["is_active"])
    action = "user_activate" if is_active else "user_deactivate"
    label = "Mở khóa" if is_active else "Khóa"
    audit_record(actor=actor, action=action, obj=user, unit=user.unit, summary=f"{label} tài khoản {user.username}")
    return user


@transaction.atomic
def role_assign(*, actor: User, user: User, role: str, unit: Unit, scope: str) -> RoleAssignment:
    """Give an account a role on a unit. A sector-wide scope is only for Ministry-level roles."""
    if role not in Role.values:
        raise ValidationError({"role": "Vai trò không hợp lệ."}, code="invalid_role")
    if scope not in RoleScope.values:
        raise ValidationError({"scope": "Phạm vi không hợp lệ."}, code="invalid_scope")
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user, role=role, unit=unit, defaults={"scope": scope}
    )
    if not created:
        if assignment.is_active and assignment.scope == scope:
            raise ValidationError("Tài khoản đã có vai trò này tại đơn vị này.", code="duplicate_role")
        assignment.scope, assignment.is_active = scope, True
        assignment.save(update_fields=["scope", "is_active"])
    forget_scope(user)
    audit_record(
        actor=actor,
        action="role_assign",
        obj=assignment,
        unit=unit,
        summary=f"Giao vai trò {assignment.get_role_display()} ({assignment.get_scope_display()}) cho {user.username}",
    )
    return assignment


@transaction.atomic
def role_revoke(*, actor: User, assignment: RoleAssignment) -> None:
    assignment.is_active = False
    assignment.save(update_fields=["is_active"])
    forget_scope(assignment.user)
    audit_record(
        actor=actor,
        action="role_revoke",
        obj=assignment,
        unit=assignment.unit,
        summary=f"Thu hồi vai trò {assignment.get_role_display()} của {assignment.user.username}",
    )


@transaction.atomic
def person_save(*, actor: User, person: Person) -> Person:
    """Create or update a person; the caller has checked the unit is in the actor's scope."""
    created = person.pk is None
    person.full_name = nfc(person.full_name)
    person.position = nfc(person.position)
    person.full_clean()
    person.save()
    audit_record(
        actor=actor,
        action="person_create" if created else "person_update",
        obj=person,
        unit=person.unit,
        summary=f"{'Thêm' if created else 'Cập nhật'} cá nhân {person.full_name}",
    )
    return person


UNIT_KIND_BY_LABEL = {label.lower(): value for value, label in UnitKind.choices}


def parse_unit_kind(value) -> str:
    kind = UNIT_KIND_BY_LABEL.get(str(value).strip().lower())
    if kind is None:
        raise ValueError("loại đơn vị không hợp lệ (dùng: " + ", ".join(label for _, label in UnitKind.choices) + ")")
    return kind


@transaction.atomic
def units_import(*, actor: User, rows: list[dict]) -> tuple[int, int]:
    """Create or update units from imported rows, all or nothing. Return (created, updated).

    A parent is found by its code, in the database or in an earlier row of the same file.
    """
    errors, created, updated = [], 0, 0
    for row in rows:
        parent = None
        if row.get("parent_code"):
            parent = Unit.objects.filter(code=row["parent_code"]).first()
            if parent is None:
                errors.append(f"Dòng {row['row']}: không có đơn vị cấp trên mã “{row['parent_code']}”.")
                continue
        unit = Unit.objects.filter(code=row["code"]).first() or Unit(code=row["code"])
        is_new = unit.pk is None
        unit.name = nfc(row["name"])
        unit.short_name = nfc(row.get("short_name") or "")
        unit.kind = row["kind"]
        unit.parent = parent
        unit.place_name = nfc(row.get("place_name") or "")
        try:
            unit.full_clean()
        except ValidationError as error:
            errors.append(f"Dòng {row['row']}: " + " ".join(error.messages))
            continue
        unit.save()
        created += is_new
        updated += not is_new
    if errors:
        raise ValidationError(errors, code="import_rows")
    audit_record(
        actor=actor, action="units_import", summary=f"Nhập đơn vị từ Excel: {created} thêm mới, {updated} cập nhật"
    )
    return created, updated


# --- Clusters and blocks (cụm, khối thi đua) ------------------------------------------------------


def _cluster_code(name: str) -> str:
    base = slugify(name.replace("đ", "d").replace("Đ", "D"))[:70] or "cum-khoi"
    code, number = base, 1
    while Cluster.objects.filter(code=code).exists():
        number += 1
        code = f"{base}-{number}"
    return code


def _cluster_fields(name: str, kind: str) -> str:
    name = nfc(name).strip()[:255]
    if not name:
        raise ValidationError("Cần nhập tên cụm, khối thi đua.", code="no_name")
    if kind not in ClusterKind.values:
        raise ValidationError("Loại cụm, khối không hợp lệ.", code="bad_kind")
    return name


@transaction.atomic
def cluster_create(*, actor: User, organiser: Unit, name: str, kind: str, description: str = "") -> Cluster:
    """Set up a cụm or khối organised by ``organiser``; its members are set year by year."""
    ensure(policies.organise_cluster_refusal(actor, organiser))
    name = _cluster_fields(name, kind)
    if Cluster.objects.filter(organiser=organiser, name__iexact=name).exists():
        raise ValidationError(f"{organiser.name} đã có cụm, khối “{name}”.", code="duplicate")
    cluster = Cluster(code=_cluster_code(name), name=name, kind=kind, organiser=organiser, description=nfc(description).strip())
    cluster.full_clean()
    cluster.save()
    audit_record(actor=actor, action="cluster_create", obj=cluster, unit=organiser, summary=f"Lập {cluster.get_kind_display().lower()} {name}")
    return cluster


@transaction.atomic
def cluster_update(*, actor: User, cluster: Cluster, name: str, kind: str, description: str = "", is_active: bool = True) -> Cluster:
    ensure(policies.edit_cluster_refusal(actor, cluster))
    name = _cluster_fields(name, kind)
    if Cluster.objects.filter(organiser=cluster.organiser, name__iexact=name).exclude(pk=cluster.pk).exists():
        raise ValidationError(f"{cluster.organiser.name} đã có cụm, khối “{name}”.", code="duplicate")
    cluster.name, cluster.kind, cluster.description, cluster.is_active = name, kind, nfc(description).strip(), is_active
    cluster.full_clean()
    cluster.save()
    audit_record(actor=actor, action="cluster_update", obj=cluster, unit=cluster.organiser, summary=f"Sửa cụm, khối {name}")
    return cluster


FIRST_CLUSTER_YEAR = 1990


@transaction.atomic
def cluster_year_save(*, actor: User, cluster: Cluster, year: int, members, lead: Unit | None, deputy: Unit | None = None) -> list[ClusterMembership]:
    """Set a year's members with its lead (cụm trưởng, khối trưởng) and deputy, all at once.

    The members of a year whose covenant exists are settled: they signed it, and it lists them."""
    ensure(policies.edit_cluster_refusal(actor, cluster))
    this_year = timezone.localdate().year
    if not FIRST_CLUSTER_YEAR <= year <= this_year + 1:
        raise ValidationError(f"Năm phải từ {FIRST_CLUSTER_YEAR} đến {this_year + 1}.", code="year")
    if reason := membership_settled(cluster, year):
        raise ValidationError(reason, code="settled")
    members = sorted(set(members), key=lambda unit: unit.name)
    if len(members) < 2:
        raise ValidationError("Cụm, khối cần ít nhất hai đơn vị thành viên.", code="too_few")
    title = "khối trưởng" if cluster.kind == ClusterKind.BLOCK else "cụm trưởng"
    if lead is None or lead not in members:
        raise ValidationError(f"Chọn {title} trong các đơn vị thành viên đã đánh dấu.", code="lead")
    if deputy is not None and (deputy not in members or deputy == lead):
        raise ValidationError(f"{title.replace('trưởng', 'phó').capitalize()} là một đơn vị thành viên khác {title}.", code="deputy")
    if year >= this_year and (inactive := [u.name for u in members if not u.is_active]):
        raise ValidationError(f"Đơn vị đã ngừng hoạt động không tham gia cụm, khối năm {year}: {'; '.join(inactive)}.", code="inactive")
    ensure(policies.cluster_members_refusal(actor, cluster, members))
    ClusterMembership.objects.filter(cluster=cluster, year=year).delete()
    rows = ClusterMembership.objects.bulk_create(
        ClusterMembership(
            cluster=cluster, unit=unit, year=year,
            role=ClusterRole.LEAD if unit == lead else ClusterRole.DEPUTY if unit == deputy else ClusterRole.MEMBER,
        )
        for unit in members
    )
    summary = f"Năm {year}: {len(members)} đơn vị; {title} {lead.name}" + (f"; phó {deputy.name}" if deputy else "")
    audit_record(actor=actor, action="cluster_year_save", obj=cluster, unit=cluster.organiser, summary=summary)
    return rows
