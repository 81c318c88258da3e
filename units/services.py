"""Writes for the organisation: accounts, roles and persons. Each records an audit event."""

from __future__ import annotations

import unicodedata

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from .audit import audit_record
from .models import Person, Role, RoleAssignment, RoleScope, Unit, User
from .scoping import forget_scope


def nfc(text: str) -> str:
    """Normalise Vietnamese text to NFC so that equal names compare equal."""
    return unicodedata.normalize("NFC", text or "").strip()


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
