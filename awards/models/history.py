"""What eligibility reads: yearly ratings, discipline, initiatives and the awards held."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from units.models import Person, Unit

from .catalogue import AwardKind


class RatingLevel(models.TextChoices):
    EXCELLENT = "htxs", "Hoàn thành xuất sắc nhiệm vụ"
    GOOD = "htt", "Hoàn thành tốt nhiệm vụ"
    DONE = "ht", "Hoàn thành nhiệm vụ"
    FAILED = "kht", "Không hoàn thành nhiệm vụ"


RATING_RANK = {"htxs": 3, "htt": 2, "ht": 1, "kht": 0}


def one_subject():
    return Q(person__isnull=False, unit__isnull=True) | Q(person__isnull=True, unit__isnull=False)


class Rating(models.Model):
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="ratings")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="ratings")
    year = models.PositiveSmallIntegerField("năm")
    level = models.CharField("mức xếp loại", max_length=8, choices=RatingLevel.choices)

    class Meta:
        verbose_name = "xếp loại hằng năm"
        verbose_name_plural = "xếp loại hằng năm"
        constraints = [
            models.CheckConstraint(condition=one_subject(), name="rating_one_subject"),
            models.UniqueConstraint(fields=["person", "year"], name="uniq_person_rating_year"),
            models.UniqueConstraint(fields=["unit", "year"], name="uniq_unit_rating_year"),
        ]

    def __str__(self):
        return f"{self.person or self.unit} {self.year}: {self.get_level_display()}"


class DisciplineLevel(models.TextChoices):
    REPRIMAND = "reprimand", "Khiển trách"
    WARNING = "warning", "Cảnh cáo"
    DEMOTION = "demotion", "Hạ bậc lương, giáng chức, cách chức"
    DISMISSAL = "dismissal", "Buộc thôi việc"


DISCIPLINE_RANK = {"reprimand": 1, "warning": 2, "demotion": 3, "dismissal": 4}


class Discipline(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="disciplines")
    year = models.PositiveSmallIntegerField("năm")
    level = models.CharField("hình thức kỷ luật", max_length=16, choices=DisciplineLevel.choices)
    decision = models.CharField("quyết định", max_length=200, blank=True)

    class Meta:
        verbose_name = "kỷ luật"
        verbose_name_plural = "kỷ luật"

    def __str__(self):
        return f"{self.person} {self.year}: {self.get_level_display()}"


class InitiativeScope(models.TextChoices):
    UNIT = "unit", "Cơ sở"
    MINISTRY = "ministry", "Cấp Bộ, ngành, tỉnh"
    NATIONAL = "national", "Toàn quốc"


SCOPE_RANK = {"unit": 1, "ministry": 2, "national": 3}


class Initiative(models.Model):
    """A recognised initiative (sáng kiến) or scientific topic, with its scope (Luật TĐKT Art 3 khoản 4)."""

    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="initiatives")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="initiatives")
    title = models.CharField("tên sáng kiến, đề tài", max_length=300)
    is_topic = models.BooleanField("đề tài khoa học", default=False)
    scope = models.CharField("phạm vi ảnh hưởng", max_length=16, choices=InitiativeScope.choices)
    year = models.PositiveSmallIntegerField("năm công nhận")
    recognising_decision = models.CharField("quyết định công nhận", max_length=200)

    class Meta:
        verbose_name = "sáng kiến, đề tài"
        verbose_name_plural = "sáng kiến, đề tài"
        constraints = [models.CheckConstraint(condition=one_subject(), name="initiative_one_subject")]

    def __str__(self):
        return self.title


class AwardRecord(models.Model):
    """A title or award held, with its deciding document; revoked records stay and stop counting."""

    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="award_records")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="award_records")
    award_kind = models.ForeignKey(AwardKind, verbose_name="danh hiệu, hình thức", on_delete=models.PROTECT, related_name="records")
    year = models.PositiveSmallIntegerField("năm thành tích")
    decision = models.CharField("quyết định", max_length=200)
    decided_on = models.DateField("ngày quyết định", null=True, blank=True)
    deciding_unit = models.ForeignKey(
        Unit, verbose_name="cơ quan quyết định", null=True, blank=True, on_delete=models.PROTECT, related_name="awards_decided"
    )
    achievement = models.CharField("thành tích", max_length=300, blank=True)
    golden_book_number = models.CharField("số sổ vàng", max_length=40, blank=True)
    nomination = models.OneToOneField("Nomination", null=True, blank=True, on_delete=models.SET_NULL, related_name="record")
    verified = models.BooleanField(
        "đã xác nhận", default=True, help_text="Khen thưởng do cán bộ đơn vị tự khai chỉ công khai khi cán bộ quản lý đã xác nhận."
    )
    entered_by = models.ForeignKey("units.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    verified_by = models.ForeignKey("units.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    revoked = models.BooleanField("đã hủy bỏ", default=False)
    revoking_decision = models.CharField("quyết định hủy bỏ", max_length=200, blank=True)
    # the title's place in the catalogue (AwardKind.sort_order), kept here so that the honour board's order
    # (year, then title) is served by an index, whatever the number of records
    rank = models.PositiveSmallIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "khen thưởng đã nhận"
        verbose_name_plural = "khen thưởng đã nhận"
        ordering = ["-year", "rank"]
        indexes = [
            models.Index(fields=["-year", "rank", "id"], condition=Q(revoked=False, verified=True), name="award_record_honour_board"),
        ]
        constraints = [
            models.CheckConstraint(condition=one_subject(), name="award_one_subject"),
            models.CheckConstraint(condition=Q(revoked=False) | ~Q(revoking_decision=""), name="revocation_needs_decision"),
        ]

    def __str__(self):
        return f"{self.award_kind} {self.year} – {self.person or self.unit}"

    def save(self, *args, **kwargs):
        if self.award_kind_id is not None:
            self.rank = self.award_kind.sort_order
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.person_id:
            return reverse("awards:person-history", args=[self.person_id])
        return reverse("awards:unit-history", args=[self.unit_id])
