"""Accounts, roles and their scopes."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models

from .organisation import Unit


class User(AbstractUser):
    """A login account. Its roles, each scoped to a unit, say what it may see and do."""

    full_name = models.CharField("họ và tên", max_length=120, blank=True)
    unit = models.ForeignKey(
        Unit, verbose_name="đơn vị công tác", null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )

    class Meta(AbstractUser.Meta):
        verbose_name = "tài khoản"
        verbose_name_plural = "tài khoản"

    def __str__(self):
        return self.full_name or self.username

    def get_full_name(self):
        return self.full_name or super().get_full_name() or self.username


class Role(models.TextChoices):
    CAMPAIGN_MANAGER = "campaign_manager", "Cán bộ quản lý phong trào thi đua"
    SIGNER = "signer", "Lãnh đạo ký văn bản"
    CLERK = "clerk", "Văn thư"
    UNIT_OFFICER = "unit_officer", "Cán bộ đầu mối đơn vị"
    CLUSTER_LEAD = "cluster_lead", "Cụm trưởng, khối trưởng"
    COUNCIL_MEMBER = "council_member", "Thành viên Hội đồng Thi đua - Khen thưởng"
    COUNCIL_SECRETARY = "council_secretary", "Thư ký Hội đồng Thi đua - Khen thưởng"
    SYSTEM_ADMIN = "system_admin", "Quản trị hệ thống"
    VIEWER = "viewer", "Người xem"


class RoleScope(models.TextChoices):
    UNIT = "unit", "Chỉ đơn vị"
    SUBTREE = "subtree", "Đơn vị và các đơn vị trực thuộc"
    SECTOR = "sector", "Toàn ngành"


class RoleAssignmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class RoleAssignment(models.Model):
    """A role held by an account, scoped to a unit (and its subtree, or the whole sector)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="tài khoản", on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField("vai trò", max_length=32, choices=Role.choices)
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="role_assignments")
    scope = models.CharField("phạm vi", max_length=16, choices=RoleScope.choices, default=RoleScope.SUBTREE)
    is_active = models.BooleanField("hiệu lực", default=True)
    created_at = models.DateTimeField("ngày giao", auto_now_add=True)

    objects = RoleAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = "phân quyền"
        verbose_name_plural = "phân quyền"
        ordering = ["user", "role"]
        constraints = [models.UniqueConstraint(fields=["user", "role", "unit"], name="uniq_user_role_unit")]

    def __str__(self):
        return f"{self.get_role_display()} – {self.unit} ({self.get_scope_display()})"
