"""Award rounds, nominations and their dossiers."""

from django.db import models
from django.db.models import Q
from django.urls import reverse

from units.models import Person, Unit

from .catalogue import AwardKind
from .history import one_subject


class RoundKind(models.TextChoices):
    ANNUAL = "annual", "Thường xuyên (hằng năm)"
    THEMATIC = "thematic", "Theo đợt, chuyên đề (tổng kết phong trào)"
    SUDDEN = "sudden", "Đột xuất"


class AwardRound(models.Model):
    name = models.CharField("tên đợt xét", max_length=300)
    kind = models.CharField("loại", max_length=16, choices=RoundKind.choices, default=RoundKind.ANNUAL)
    deciding_unit = models.ForeignKey(Unit, verbose_name="cơ quan quyết định", on_delete=models.PROTECT, related_name="award_rounds")
    campaign = models.ForeignKey("campaigns.Campaign", verbose_name="phong trào", null=True, blank=True, on_delete=models.SET_NULL, related_name="award_rounds")
    achievement_year = models.PositiveSmallIntegerField("năm thành tích")
    opens_on = models.DateField("ngày mở")
    closes_on = models.DateField("hạn nộp hồ sơ")

    class Meta:
        verbose_name = "đợt xét khen thưởng"
        verbose_name_plural = "đợt xét khen thưởng"
        ordering = ["-opens_on"]
        constraints = [models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="round_dates_ordered")]

    def __str__(self):
        return self.name


class NominationStatus(models.TextChoices):
    DRAFT = "draft", "Đang lập hồ sơ"
    SUBMITTED = "submitted", "Đã trình"
    ON_AGENDA = "on_agenda", "Đưa ra Hội đồng"
    PASSED = "passed", "Hội đồng thông qua"
    FAILED = "failed", "Hội đồng không thông qua"
    DECIDED = "decided", "Đã có quyết định"
    WITHDRAWN = "withdrawn", "Rút hồ sơ"


class Nomination(models.Model):
    round = models.ForeignKey(AwardRound, verbose_name="đợt xét", on_delete=models.PROTECT, related_name="nominations")
    proposing_unit = models.ForeignKey(Unit, verbose_name="đơn vị đề nghị", on_delete=models.PROTECT, related_name="nominations_made")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="nominations")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="nominations")
    award_kind = models.ForeignKey(AwardKind, verbose_name="danh hiệu, hình thức", on_delete=models.PROTECT, related_name="nominations")
    achievement = models.TextField("tóm tắt thành tích")
    status = models.CharField("trạng thái", max_length=16, choices=NominationStatus.choices, default=NominationStatus.DRAFT)
    quota_override_reason = models.CharField("lý do Hội đồng cho vượt tỷ lệ", max_length=500, blank=True)
    decision = models.ForeignKey(
        "documents.OfficialDocument", verbose_name="quyết định khen thưởng", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey("units.User", null=True, on_delete=models.SET_NULL, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "đề nghị khen thưởng"
        verbose_name_plural = "đề nghị khen thưởng"
        ordering = ["-pk"]
        constraints = [
            models.CheckConstraint(condition=one_subject(), name="nomination_one_subject"),
            models.UniqueConstraint(
                fields=["round", "person", "award_kind"], condition=~Q(status="withdrawn") & Q(person__isnull=False), name="uniq_person_nomination"
            ),
            models.UniqueConstraint(
                fields=["round", "unit", "award_kind"], condition=~Q(status="withdrawn") & Q(unit__isnull=False), name="uniq_unit_nomination"
            ),
        ]

    def __str__(self):
        return f"{self.award_kind} – {self.person or self.unit}"

    def get_absolute_url(self):
        return reverse("awards:nomination-detail", args=[self.pk])

    @property
    def subject(self):
        return self.person or self.unit

    @property
    def subject_unit(self):
        return self.person.unit if self.person_id else self.unit


class DossierDocument(models.TextChoices):
    SUBMISSION = "to_trinh", "Tờ trình"
    ACHIEVEMENT_REPORT = "bao_cao_thanh_tich", "Báo cáo thành tích"
    MINUTES = "bien_ban", "Biên bản bình xét / xét khen thưởng"
    INITIATIVE = "cong_nhan_sang_kien", "Văn bản công nhận sáng kiến, đề tài"


def dossier_upload_to(instance, filename):
    return f"dossier/{instance.storage_key}"


class DossierFile(models.Model):
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="files")
    document = models.CharField("thành phần hồ sơ", max_length=32, choices=DossierDocument.choices)
    storage_key = models.CharField(max_length=80, unique=True, editable=False)
    file = models.FileField(upload_to=dossier_upload_to, max_length=200)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=80)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "tệp hồ sơ"
        verbose_name_plural = "tệp hồ sơ"

    def __str__(self):
        return f"{self.get_document_display()}: {self.original_name}"
