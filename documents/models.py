"""Official documents in the Nghị định 30/2020/NĐ-CP layout, their registers and PDF jobs."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from units.models import Unit


class DocumentType(models.TextChoices):
    DIRECTIVE = "directive", "Chỉ thị"
    PLAN = "plan", "Kế hoạch"
    DECISION = "decision", "Quyết định"
    GUIDANCE = "guidance", "Hướng dẫn"
    REPORT = "report", "Báo cáo"
    MINUTES = "minutes", "Biên bản"
    SUBMISSION = "submission", "Tờ trình"
    NOTICE = "notice", "Thông báo"
    INVITATION = "invitation", "Giấy mời"
    OFFICIAL_LETTER = "official_letter", "Công văn"
    COVENANT = "covenant", "Giao ước thi đua"


# Phụ lục III, Nghị định 30/2020/NĐ-CP: the abbreviation in the symbol. Công văn has none.
TYPE_ABBREVIATIONS = {
    DocumentType.DIRECTIVE: "CT",
    DocumentType.PLAN: "KH",
    DocumentType.DECISION: "QĐ",
    DocumentType.GUIDANCE: "HD",
    DocumentType.REPORT: "BC",
    DocumentType.MINUTES: "BB",
    DocumentType.SUBMISSION: "TTr",
    DocumentType.NOTICE: "TB",
    DocumentType.INVITATION: "GM",
    DocumentType.OFFICIAL_LETTER: "",
    # Not in Phụ lục III: the covenants of the sector's clusters use "GƯTĐ" (practice, UNCONFIRMED).
    DocumentType.COVENANT: "GƯTĐ",
}


class SeriesMode(models.TextChoices):
    SHARED = "shared", "Một dãy số chung cho mọi loại văn bản"
    PER_TYPE = "per_type", "Mỗi loại văn bản một dãy số"


class Series(models.TextChoices):
    """Separate number series (ND 30/2020 Art 15): the council and secret documents have their own."""

    MAIN = "main", "Dãy số chung"
    COUNCIL = "council", "Hội đồng Thi đua - Khen thưởng"
    SECRET = "secret", "Văn bản mật"
    GOLDEN_BOOK = "golden_book", "Sổ vàng"


class IssuerSettings(models.Model):
    """How an issuing body numbers its documents: a decision of its head (ND 30/2020 Art 15)."""

    unit = models.OneToOneField(Unit, verbose_name="cơ quan ban hành", on_delete=models.CASCADE, related_name="issuer_settings")
    series_mode = models.CharField("cách đánh số", max_length=16, choices=SeriesMode.choices, default=SeriesMode.SHARED)
    joint_symbol_pattern = models.CharField(
        "mẫu ký hiệu văn bản liên tịch",
        max_length=60,
        default="{type}LT-{issuers}",
        help_text="{type}: chữ viết tắt loại văn bản; {issuers}: chữ viết tắt các cơ quan, cơ quan chủ trì trước.",
    )
    auto_number = models.BooleanField("tự động cấp số khi ký xong", default=False)

    class Meta:
        verbose_name = "cấu hình sổ văn bản"
        verbose_name_plural = "cấu hình sổ văn bản"

    def __str__(self):
        return f"{self.unit} – {self.get_series_mode_display()}"


class RegisterCounter(models.Model):
    """The locked counter row of one register: issuer × year × series (× type in per-type mode)."""

    issuer = models.ForeignKey(Unit, verbose_name="cơ quan", on_delete=models.PROTECT, related_name="register_counters")
    year = models.PositiveSmallIntegerField("năm")
    series = models.CharField("dãy số", max_length=40)
    last_number = models.PositiveIntegerField("số cuối đã cấp", default=0)

    class Meta:
        verbose_name = "bộ đếm sổ đăng ký"
        verbose_name_plural = "bộ đếm sổ đăng ký"
        constraints = [models.UniqueConstraint(fields=["issuer", "year", "series"], name="uniq_register_counter")]

    def __str__(self):
        return f"{self.issuer} {self.year} {self.series}: {self.last_number}"


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SUBMITTED = "submitted", "Trình ký"
    SIGNED = "signed", "Đã ký"
    ISSUED = "issued", "Đã ban hành"
    REVOKED = "revoked", "Đã thu hồi"
    REPLACED = "replaced", "Đã được thay thế"


class OfficialDocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        from .selectors import document_scope_filter

        return self.filter(document_scope_filter(user))


class OfficialDocument(models.Model):
    doc_type = models.CharField("loại văn bản", max_length=32, choices=DocumentType.choices)
    status = models.CharField("trạng thái", max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT)
    subject = models.CharField("trích yếu", max_length=500)
    place_name = models.CharField("địa danh", max_length=80, blank=True)
    legal_bases = models.JSONField("căn cứ", default=list, blank=True)
    body = models.JSONField("nội dung", default=list, blank=True)
    annexes = models.JSONField("phụ lục", default=list, blank=True)
    recipients = models.JSONField("nơi nhận", default=list, blank=True)
    archive_note = models.CharField("lưu", max_length=120, blank=True, help_text="Ví dụ: VT, VP (phần sau “Lưu:”).")
    series = models.CharField("dãy số", max_length=40, default=Series.MAIN)
    register_key = models.CharField(max_length=80, blank=True, editable=False)
    number = models.PositiveIntegerField("số", null=True, blank=True)
    symbol = models.CharField("số, ký hiệu", max_length=80, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField("năm", null=True, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    replaces = models.ForeignKey(
        "self", verbose_name="thay thế văn bản", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    revoked_reason = models.CharField("lý do thu hồi", max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người soạn", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người cấp số", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lead_issuer = models.ForeignKey(Unit, verbose_name="cơ quan chủ trì", on_delete=models.PROTECT, related_name="+")
    drafting_unit = models.ForeignKey(
        Unit,
        verbose_name="đơn vị soạn thảo",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Dùng trong ký hiệu công văn, ví dụ 125/SCT-VP.",
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật", auto_now=True)

    objects = OfficialDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Art 15: a number is unique within the year for the issuer's register; never reused.
            models.UniqueConstraint(
                fields=["lead_issuer", "year", "register_key", "number"],
                condition=Q(number__isnull=False),
                name="uniq_document_number_per_register",
            )
        ]

    def __str__(self):
        label = self.symbol or self.get_status_display()
        return f"{self.get_doc_type_display()} {label}: {self.subject[:60]}"

    def get_absolute_url(self):
        return reverse("documents:document-detail", args=[self.pk])

    @property
    def is_joint(self) -> bool:
        return len(self.ordered_issuers()) > 1

    @property
    def is_editable(self) -> bool:
        return self.status == DocumentStatus.DRAFT

    def ordered_issuers(self) -> list[Unit]:
        return [link.unit for link in self.issuer_links.all()]

    @property
    def type_title(self) -> str:
        label = self.get_doc_type_display()
        return f"{label} liên tịch" if self.is_joint and self.doc_type != DocumentType.OFFICIAL_LETTER else label


class DocumentIssuer(models.Model):
    document = models.ForeignKey(OfficialDocument, on_delete=models.CASCADE, related_name="issuer_links")
    unit = models.ForeignKey(Unit, verbose_name="cơ quan ban hành", on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "cơ quan ban hành"
        verbose_name_plural = "cơ quan ban hành"
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["document", "unit"], name="uniq_document_issuer")]

    def __str__(self):
        return str(self.unit)


class Authority(models.TextChoices):
    NONE = "", "Ký trực tiếp"
    TM = "TM.", "TM. (thay mặt)"
    KT = "KT.", "KT. (ký thay)"
    Q = "Q.", "Q. (quyền)"
    TL = "TL.", "TL. (thừa lệnh)"
    TUQ = "TUQ.", "TUQ. (thừa ủy quyền)"


class DocumentSigner(models.Model):
    document = models.ForeignKey(OfficialDocument, on_delete=models.CASCADE, related_name="signers")
    unit = models.ForeignKey(Unit, verbose_name="cơ quan", on_delete=models.PROTECT, related_name="+")
    authority = models.CharField("thẩm quyền ký", max_length=8, choices=Authority.choices, blank=True, default="")
    authority_body = models.CharField(
        "thay mặt/ký thay cho", max_length=160, blank=True, help_text="Ví dụ: BỘ TRƯỞNG (sau KT.) hoặc BAN CHẤP HÀNH (sau TM.)."
    )
    title = models.CharField("chức vụ", max_length=160)
    name = models.CharField("họ và tên", max_length=120)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người ký", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField("thời điểm ký", null=True, blank=True)

    class Meta:
        verbose_name = "người ký"
        verbose_name_plural = "người ký"
        ordering = ["order"]

    def __str__(self):
        return f"{self.authority} {self.title} {self.name}".strip()


class PdfJobKind(models.TextChoices):
    DOCUMENT = "document", "Bản chính thức"
    PREVIEW = "preview", "Bản xem trước (dự thảo)"


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
    kind = models.CharField("loại", max_length=16, choices=PdfJobKind.choices, default=PdfJobKind.DOCUMENT)
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
        return f"pdf/{self.document_id}/{self.kind}-{self.pk}.pdf"

    @property
    def progress(self) -> int:
        return {"pending": 10, "running": 60, "done": 100, "failed": 100}[self.state]
