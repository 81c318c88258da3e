"""Who may manage a signing certificate: asked once by the page (``allowed``) and by the service (``ensure``)."""

from __future__ import annotations

from common.policies import Refusal, deny, invalid
from units.models import Role, Unit, User
from units.scoping import has_role, is_system_admin


def manage_unit_credential_refusal(user: User, unit: Unit) -> Refusal | None:
    """The organisation's certificate is kept by its records clerk, who keeps the seal, or by an administrator."""
    if is_system_admin(user) or has_role(user, Role.CLERK, unit):
        return None
    return deny("Chỉ văn thư của cơ quan hoặc quản trị hệ thống được quản lý chứng thư số của cơ quan.")


def manage_own_credential_refusal(actor: User, user: User) -> Refusal | None:
    if actor.pk == user.pk or is_system_admin(actor):
        return None
    return deny("Chỉ người có chứng thư số tự tải lên chứng thư của mình.")


def deactivate_credential_refusal(actor: User, credential) -> Refusal | None:
    if not credential.is_active:
        return invalid("Chứng thư số này đã ngừng sử dụng.", "inactive")
    if credential.unit_id:
        return manage_unit_credential_refusal(actor, credential.unit)
    return manage_own_credential_refusal(actor, credential.user)
