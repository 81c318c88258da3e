"""The indicator catalogue: the sector's indicators and a unit's own, with their units of measure, kinds
and the direction in which a value is better."""

from django.db import models


class IndicatorKind(models.TextChoices):
    QUANTITY = "quantity", "Số lượng"
    PERCENTAGE = "percentage", "Tỷ lệ"
    MONEY = "money", "Giá trị tiền"
    COUNT = "count", "Đếm"
    MILESTONE = "milestone", "Mốc hoàn thành"


class IndicatorDirection(models.TextChoices):
    """Which value is better: a registration's comparison (≥, ≤, =) defaults from it."""

    HIGHER = "higher", "Càng cao càng tốt (đạt khi không thấp hơn mức đăng ký)"
    LOWER = "lower", "Càng thấp càng tốt (đạt khi không cao hơn mức đăng ký, ví dụ xếp hạng ≤ 5)"
    EXACT = "exact", "Đúng mức đăng ký"
    MILESTONE = "milestone", "Mốc hoàn thành (hoàn thành hoặc chưa)"


DIRECTION_SHORT = {
    IndicatorDirection.HIGHER: "Càng cao càng tốt (≥)",
    IndicatorDirection.LOWER: "Càng thấp càng tốt (≤)",
    IndicatorDirection.EXACT: "Đúng mức đăng ký (=)",
    IndicatorDirection.MILESTONE: "Mốc hoàn thành",
}


class IndicatorQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def available_to(self, user):
        """The sector's indicators and those of units in the account's own scope (a cluster peer's own stay its own)."""
        from units.scoping import own_unit_scope_filter

        scoped = own_unit_scope_filter(user, field="owner_id")
        if not scoped:  # the whole sector: an empty Q would drop out of the "or" below
            return self.all()
        return self.filter(models.Q(owner__isnull=True) | scoped)


class Indicator(models.Model):
    """A catalogue entry: name, unit of measure, kind and direction; the sector's (no owner) or a unit's own."""

    code = models.SlugField("mã", max_length=60, unique=True)
    name = models.CharField("tên chỉ tiêu", max_length=300)
    unit_of_measure = models.CharField("đơn vị tính", max_length=40, blank=True)
    kind = models.CharField("loại", max_length=16, choices=IndicatorKind.choices)
    direction = models.CharField(
        "chiều đánh giá", max_length=16, choices=IndicatorDirection.choices, default=IndicatorDirection.HIGHER
    )
    owner = models.ForeignKey(
        "units.Unit",
        verbose_name="đơn vị quản lý",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
        help_text="Để trống: chỉ tiêu chung của ngành.",
    )
    is_active = models.BooleanField("đang dùng", default=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "danh mục chỉ tiêu"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.unit_of_measure})" if self.unit_of_measure else self.name

    @property
    def effective_direction(self) -> str:
        """A milestone is done or not, whatever direction a row holds; the kind decides (as it does for targets)."""
        return IndicatorDirection.MILESTONE if self.kind == IndicatorKind.MILESTONE else self.direction

    @property
    def direction_label(self) -> str:
        return DIRECTION_SHORT[IndicatorDirection(self.effective_direction)]

    @property
    def target_direction(self) -> str:
        """The comparison a registered target gets by default (``Direction`` of a target)."""
        return {IndicatorDirection.LOWER: "at_most", IndicatorDirection.EXACT: "exact"}.get(self.effective_direction, "at_least")
