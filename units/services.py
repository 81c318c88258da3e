"""Writes for the organisation: accounts, roles and persons. Each records an audit event."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from common.text import nfc

from .audit import audit_record
from .models import Person, Role, RoleAssignment, RoleScope, Unit, UnitKind, User
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
