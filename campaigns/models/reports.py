"""Progress reports per period, their values and evidence."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse

from .registrations import Registration, Target


class PeriodType(models.TextChoices):
    MONTH = "month", "Tháng"
    QUARTER = "quarter", "Quý"
    HALF = "half", "6 tháng"
    NINE_MONTHS = "nine_months", "9 tháng"
    YEAR = "year", "Năm"


PERIOD_ORDER = {"month": 0, "quarter": 1, "half": 2, "nine_months": 3, "year": 4}

# A campaign whose final review is done, or that is closed, is history: nothing in its reports is late
# or overdue (Luật TĐKT 2022, Art 17: launch, carry out, review).
FINISHED_STATUSES = ("final_reviewed", "closed")


def deadlines_apply(campaign) -> bool:
    """Whether the reports of ``campaign`` can be late: the one rule behind report pages, the overdue list,
    the to-do list and reminders. A campaign recorded after the fact must answer False here too."""
    return campaign.status not in FINISHED_STATUSES and not campaign.is_historical


def deadlines_apply_q(prefix: str = "") -> models.Q:
    """``deadlines_apply`` as a filter on campaigns (``prefix`` reaches them, e.g. ``"campaign__"``)."""
    return ~models.Q(**{f"{prefix}status__in": FINISHED_STATUSES}) & models.Q(**{f"{prefix}is_historical": False})


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Chờ tiếp nhận"
    ACCEPTED = "accepted", "Đã tiếp nhận"
    RETURNED = "returned", "Trả lại"
    SUPERSEDED = "superseded", "Đã thay bằng bản sửa đổi"


class ProgressReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        from ..selectors import registration_scope_filter

        return self.filter(registration_scope_filter(user, prefix="registration__"))


class ProgressReport(models.Model):
    """A cumulative report for one period; immutable once submitted (a correction is a new revision)."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="reports")
    period_type = models.CharField("kỳ báo cáo", max_length=16, choices=PeriodType.choices)
    period_index = models.PositiveSmallIntegerField("kỳ số", default=1)
    year = models.PositiveSmallIntegerField("năm")
    revision = models.PositiveSmallIntegerField("lần báo cáo", default=1)
    status = models.CharField("trạng thái", max_length=16, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    narrative = models.TextField("thuyết minh", blank=True)
    comment = models.TextField("ý kiến tiếp nhận", blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    period_key = models.PositiveIntegerField(default=0, editable=False, db_index=True)
    due_date = models.DateField("hạn nộp", null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        verbose_name = "báo cáo tiến độ"
        verbose_name_plural = "báo cáo tiến độ"
        ordering = ["registration", "year", "period_type", "period_index", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "year", "period_type", "period_index", "revision"], name="uniq_report_revision"
            )
        ]

    def __str__(self):
        return f"{self.period_label} – {self.registration.unit}"

    def get_absolute_url(self):
        return reverse("campaigns:report-detail", args=[self.pk])

    @staticmethod
    def key_for(period_type: str, period_index: int, year: int) -> int:
        """A sortable key: year × 100 + the last month the period covers."""
        end_month = {"month": period_index, "quarter": period_index * 3, "half": 6, "nine_months": 9, "year": 12}
        return year * 100 + end_month[period_type]

    @property
    def is_late(self) -> bool:
        """Submitted after its due date (or not submitted and past it), while deadlines apply."""
        from django.utils import timezone

        if self.due_date is None or not deadlines_apply(self.registration.campaign):
            return False
        sent = timezone.localtime(self.submitted_at).date() if self.submitted_at else timezone.localdate()
        return sent > self.due_date

    @property
    def period_label(self) -> str:
        from ..periods import Period

        return Period(self.period_type, self.period_index, self.year).label


class ReportValue(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="values")
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="values")
    value = models.DecimalField("giá trị lũy kế", max_digits=16, decimal_places=2, null=True, blank=True)
    done = models.BooleanField("đã hoàn thành", default=False)
    same_period = models.DecimalField("cùng kỳ năm trước", max_digits=16, decimal_places=2, null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["report", "target"], name="uniq_report_value")]

    def __str__(self):
        return f"{self.target}: {self.value}"


def evidence_upload_to(instance, filename):
    return f"evidence/{instance.storage_key}"


class Evidence(models.Model):
    """An evidence file, stored under a generated name and served only through an access check."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    target = models.ForeignKey(
        Target, verbose_name="minh chứng cho chỉ tiêu", null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence"
    )
    storage_key = models.CharField(max_length=80, unique=True, editable=False)
    file = models.FileField(upload_to=evidence_upload_to, max_length=200)
    original_name = models.CharField("tên tệp", max_length=255)
    content_type = models.CharField(max_length=80)
    size = models.PositiveIntegerField("dung lượng")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "minh chứng"
        verbose_name_plural = "minh chứng"

    def __str__(self):
        return self.original_name


ZERO = Decimal("0")
