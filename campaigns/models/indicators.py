"""The indicator catalogue: the sector's indicators with their units of measure and kinds."""

from django.db import models


class IndicatorKind(models.TextChoices):
    QUANTITY = "quantity", "Số lượng"
    PERCENTAGE = "percentage", "Tỷ lệ"
    MONEY = "money", "Giá trị tiền"
    COUNT = "count", "Đếm"
    MILESTONE = "milestone", "Mốc hoàn thành"


class Indicator(models.Model):
    """A catalogue entry: name, unit of measure, kind."""

    code = models.SlugField("mã", max_length=60, unique=True)
    name = models.CharField("tên chỉ tiêu", max_length=300)
    unit_of_measure = models.CharField("đơn vị tính", max_length=40, blank=True)
    kind = models.CharField("loại", max_length=16, choices=IndicatorKind.choices)
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "danh mục chỉ tiêu"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.unit_of_measure})" if self.unit_of_measure else self.name
