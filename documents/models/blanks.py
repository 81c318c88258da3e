"""Printing onto pre-printed blanks (phôi): offsets per printer."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from units.models import Unit


class BlankForm(models.TextChoices):
    """Certificates a clerk may print onto pre-printed blanks (phôi) bought from the printer."""

    BANG_KHEN = "bang_khen", "Bằng khen"
    GIAY_KHEN = "giay_khen", "Giấy khen"


class BlankPrintProfile(models.Model):
    """One printer's calibration for one kind of blank: paper size and the offsets that move every field.

    Printing onto a blank puts only the variable fields (recipient, achievement, decision, số sổ vàng,
    place and date, signer) at the positions of ``documents.certificates.BLANK_FIELDS``, moved by
    these offsets. The clerk prints the calibration page on plain paper, lays it on a blank against
    the light, and corrects the offsets until the marks fall on the blank's lines.
    """

    unit = models.ForeignKey(Unit, verbose_name="cơ quan", on_delete=models.PROTECT, related_name="blank_profiles")
    form = models.CharField("loại phôi", max_length=16, choices=BlankForm.choices)
    printer_name = models.CharField("máy in", max_length=120, help_text="Ví dụ: Máy in màu phòng Văn thư tầng 2.")
    paper_width_mm = models.DecimalField("chiều rộng phôi (mm)", max_digits=5, decimal_places=1, default=400)
    paper_height_mm = models.DecimalField("chiều cao phôi (mm)", max_digits=5, decimal_places=1, default=300)
    offset_x_mm = models.DecimalField(
        "lệch ngang (mm)", max_digits=4, decimal_places=1, default=0, help_text="Dương: dịch sang phải; âm: sang trái."
    )
    offset_y_mm = models.DecimalField(
        "lệch dọc (mm)", max_digits=4, decimal_places=1, default=0, help_text="Dương: dịch xuống; âm: lên trên."
    )
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    class Meta:
        verbose_name = "cấu hình in phôi"
        verbose_name_plural = "cấu hình in phôi"
        ordering = ["unit", "form", "printer_name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "form", "printer_name"], name="uniq_blank_profile"),
            models.CheckConstraint(
                condition=Q(offset_x_mm__gte=-50, offset_x_mm__lte=50, offset_y_mm__gte=-50, offset_y_mm__lte=50),
                name="blank_offsets_in_range",
            ),
            models.CheckConstraint(
                condition=Q(paper_width_mm__gte=100, paper_width_mm__lte=1000, paper_height_mm__gte=100, paper_height_mm__lte=1000),
                name="blank_paper_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.get_form_display()} – {self.printer_name} ({self.unit})"

    def get_absolute_url(self):
        return reverse("documents:blank-profile-update", args=[self.pk])
