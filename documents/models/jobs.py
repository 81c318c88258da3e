"""PDF jobs: the source of truth of each rendering."""

from django.conf import settings
from django.db import models

from .documents import OfficialDocument


class PdfJobKind(models.TextChoices):
    DOCUMENT = "document", "Bản chính thức"
    PREVIEW = "preview", "Bản xem trước (dự thảo)"
    CERTIFICATE = "certificate", "Bằng, giấy khen, cờ thi đua"
    CERTIFICATE_BUNDLE = "certificate_bundle", "Tập in bằng, giấy khen"


class PdfJobState(models.TextChoices):
    PENDING = "pending", "Đang chờ"
    RUNNING = "running", "Đang tạo"
    DONE = "done", "Hoàn thành"
    FAILED = "failed", "Lỗi"


def pdf_upload_to(job, filename):
    return filename


class PdfJob(models.Model):
    """The source of truth for one PDF rendering; the Celery task only carries its id."""

    document = models.ForeignKey(OfficialDocument, on_delete=models.CASCADE, related_name="pdf_jobs")
    kind = models.CharField("loại", max_length=24, choices=PdfJobKind.choices, default=PdfJobKind.DOCUMENT)
    subject_id = models.PositiveBigIntegerField("đối tượng in", null=True, blank=True)  # e.g. the award record of a certificate
    state = models.CharField("trạng thái", max_length=16, choices=PdfJobState.choices, default=PdfJobState.PENDING)
    attempts = models.PositiveSmallIntegerField("số lần thử", default=0)
    max_attempts = models.PositiveSmallIntegerField("số lần thử tối đa", default=3)
    error = models.TextField("lỗi", blank=True)
    file = models.FileField("tệp", upload_to=pdf_upload_to, blank=True, max_length=255)
    page_count = models.PositiveSmallIntegerField("số trang", null=True, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    dispatched_at = models.DateTimeField("gửi hàng đợi lúc", null=True, blank=True)
    started_at = models.DateTimeField("bắt đầu", null=True, blank=True)
    finished_at = models.DateTimeField("kết thúc", null=True, blank=True)
    # The lease of the run that holds the job: renewed by its heartbeat; once it expires, a redelivered
    # task or the sweeper takes the job over (documents/jobs.py).
    lease_owner = models.CharField("tiến trình đang giữ", max_length=120, blank=True)
    lease_until = models.DateTimeField("giữ đến", null=True, blank=True)
    heartbeat_at = models.DateTimeField("tín hiệu gần nhất", null=True, blank=True)

    class Meta:
        verbose_name = "yêu cầu tạo PDF"
        verbose_name_plural = "yêu cầu tạo PDF"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"PDF #{self.pk} ({self.get_state_display()})"

    @property
    def storage_name(self) -> str:
        """Deterministic: a second run of the same job overwrites the same file."""
        subject = f"-{self.subject_id}" if self.subject_id else ""
        return f"pdf/{self.document_id}/{self.kind}{subject}-{self.pk}.pdf"

    @property
    def progress(self) -> int:
        return {"pending": 10, "running": 60, "done": 100, "failed": 100}[self.state]
