"""Registrations (đăng ký thi đua) and their targets."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from units.models import Unit

from .campaigns import Campaign
from .indicators import Indicator, IndicatorKind


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Chờ duyệt"
    APPROVED = "approved", "Đã duyệt"
    RETURNED = "returned", "Trả lại"
    SUPERSEDED = "superseded", "Đã thay bằng bản sửa đổi"


class RegistrationQuerySet(models.QuerySet):
    def visible_to(self, user):
        from ..selectors import registration_scope_filter

        return self.filter(registration_scope_filter(user))

    def current(self):
        return self.exclude(status=RegistrationStatus.SUPERSEDED)


class Registration(models.Model):
    """A unit's registration (đăng ký thi đua) in a campaign: its targets and the titles it aims for."""

    campaign = models.ForeignKey(Campaign, verbose_name="phong trào", on_delete=models.CASCADE, related_name="registrations")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="registrations")
    revision = models.PositiveSmallIntegerField("lần đăng ký", default=1)
    status = models.CharField("trạng thái", max_length=16, choices=RegistrationStatus.choices, default=RegistrationStatus.DRAFT)
    titles = models.CharField("danh hiệu đăng ký", max_length=500, blank=True)
    comment = models.TextField("ý kiến của cơ quan duyệt", blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = "đăng ký thi đua"
        verbose_name_plural = "đăng ký thi đua"
        ordering = ["campaign", "unit__name", "-revision"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit", "revision"], name="uniq_registration_revision"),
            # one revision in force (approved) and at most one pending revision per unit
            models.UniqueConstraint(fields=["campaign", "unit"], condition=Q(status="approved"), name="uniq_approved_registration"),
            models.UniqueConstraint(
                fields=["campaign", "unit"], condition=Q(status__in=["draft", "submitted", "returned"]), name="uniq_pending_registration"
            ),
        ]

    def __str__(self):
        return f"{self.unit} – {self.campaign} (lần {self.revision})"

    def get_absolute_url(self):
        return reverse("campaigns:registration-detail", args=[self.pk])


class Direction(models.TextChoices):
    AT_LEAST = "at_least", "Không thấp hơn (≥)"
    AT_MOST = "at_most", "Không cao hơn (≤)"
    EXACT = "exact", "Bằng (=)"


DIRECTION_SYMBOLS = {Direction.AT_LEAST: "≥", Direction.AT_MOST: "≤", Direction.EXACT: "="}


class Target(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(Indicator, verbose_name="chỉ tiêu", on_delete=models.PROTECT, related_name="targets")
    baseline = models.DecimalField("giá trị cùng kỳ / năm trước", max_digits=16, decimal_places=2, null=True, blank=True)
    target_value = models.DecimalField("giá trị đăng ký", max_digits=16, decimal_places=2, null=True, blank=True)
    direction = models.CharField("chiều so sánh", max_length=10, choices=Direction.choices, default=Direction.AT_LEAST)
    deadline = models.DateField("thời hạn", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=500, blank=True)

    class Meta:
        verbose_name = "chỉ tiêu đăng ký"
        verbose_name_plural = "chỉ tiêu đăng ký"
        ordering = ["pk"]

    def __str__(self):
        return f"{self.indicator}: {self.target_value}"

    @property
    def is_milestone(self) -> bool:
        return self.indicator.kind == IndicatorKind.MILESTONE

    @property
    def direction_symbol(self) -> str:
        return DIRECTION_SYMBOLS.get(self.direction, "≥")
