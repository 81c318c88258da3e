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
    secret_symbol_suffix = models.CharField(
        "phần ký hiệu riêng của văn bản mật",
        max_length=10,
        default="M",
        help_text="Văn bản mật được cấp hệ thống số riêng (Nghị định 30/2020/NĐ-CP, Điều 22 khoản 2) nên ký hiệu "
        "phải khác để số và ký hiệu không trùng trong năm (Điều 22 khoản 1); người đứng đầu quy định chữ viết tắt "
        "(Điều 15 khoản 2 điểm b). Ví dụ: M → 01/QĐ-BCT-M.",
    )

    class Meta:
        verbose_name = "cấu hình sổ văn bản"
        verbose_name_plural = "cấu hình sổ văn bản"

    def __str__(self):
        return f"{self.unit} – {self.get_series_mode_display()}"


class AdvisoryBody(models.Model):
    """A council, board or team of an agency that issues documents in its own name with the agency's seal.

    Nghị định 30/2020/NĐ-CP, Điều 15 khoản 1 điểm b: such a "tổ chức tư vấn" numbers its documents in a
    series of its own; its symbol carries its own abbreviation (``02/BB-HĐTĐKT``) so that no number and
    symbol of the agency repeats within the year (Điều 22 khoản 1).
    """

    unit = models.ForeignKey(Unit, verbose_name="cơ quan", on_delete=models.PROTECT, related_name="advisory_bodies")
    name = models.CharField("tên tổ chức tư vấn", max_length=255, help_text="Ví dụ: Hội đồng Thi đua - Khen thưởng.")
    short_name = models.CharField("chữ viết tắt", max_length=30, help_text="Dùng trong ký hiệu văn bản, ví dụ HĐTĐKT.")

    class Meta:
        verbose_name = "tổ chức tư vấn (hội đồng, ban, tổ)"
        verbose_name_plural = "tổ chức tư vấn (hội đồng, ban, tổ)"
        ordering = ["unit", "name"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "short_name"], name="uniq_advisory_body_abbreviation"),
            models.CheckConstraint(condition=~Q(short_name=""), name="advisory_body_has_abbreviation"),
        ]

    def __str__(self):
        return f"{self.name} – {self.unit}"


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
    advisory_body = models.ForeignKey(
        AdvisoryBody,
        verbose_name="tổ chức tư vấn ban hành",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
        help_text="Hội đồng, ban, tổ của cơ quan đứng tên ban hành; văn bản mang tên và dãy số riêng của tổ chức này.",
    )
    register_key = models.CharField(max_length=80, blank=True, editable=False)
    number = models.PositiveIntegerField("số", null=True, blank=True)
    symbol = models.CharField("số, ký hiệu", max_length=80, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField("năm", null=True, blank=True)
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    dated_on = models.DateField(
        "ngày ghi trên văn bản",
        null=True,
        blank=True,
        help_text="Khi văn bản phải mang một ngày cố định, ví dụ biên bản mang ngày họp; để trống thì là ngày cấp số.",
    )
    source_note = models.TextField(
        "nguồn (văn bản nhập lại)",
        blank=True,
        help_text="Văn bản lịch sử nhập lại từ một nguồn: ghi nguồn và những gì nguồn không cho biết. "
        "Chỉ hiện trên màn hình, không in trên văn bản.",
    )
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
            ),
            # Art 22 k1: number and symbol are unique for the issuer within the year, across all its series.
            models.UniqueConstraint(
                fields=["lead_issuer", "year", "symbol"],
                condition=Q(number__isnull=False) & ~Q(symbol=""),
                name="uniq_document_symbol_per_issuer_year",
            ),
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
        # A covenant is signed by many members by nature: it is not a "liên tịch" document.
        joint = self.is_joint and self.doc_type not in (DocumentType.OFFICIAL_LETTER, DocumentType.COVENANT)
        return f"{label} liên tịch" if joint else label


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
    title = models.CharField("chức vụ", max_length=160, blank=True)
    name = models.CharField("họ và tên", max_length=120, blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="tài khoản được giao ký",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Để trống: lãnh đạo có quyền ký của cơ quan ký; chức vụ và họ tên lấy từ tài khoản ký.",
    )
    meeting_role = models.CharField(
        "chức trách trong cuộc họp",
        max_length=60,
        blank=True,
        help_text="Biên bản: Chủ tọa, Thư ký. Khi có, dòng chức vụ in chức trách này và chỉ tài khoản được giao ký.",
    )
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


class SigningPosition(models.Model):
    """The title under which an account signs for an issuer (Nghị định 30/2020/NĐ-CP, Phụ lục I, ô 7a–7b).

    The signature block prints the authority (TM., KT., Q., TL., TUQ.) with the body or head signed for,
    this title, and the account's full name: nobody types them on the document.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="tài khoản", on_delete=models.CASCADE, related_name="signing_positions"
    )
    unit = models.ForeignKey(Unit, verbose_name="cơ quan", on_delete=models.PROTECT, related_name="signing_positions")
    authority = models.CharField("thẩm quyền ký", max_length=8, choices=Authority.choices, blank=True, default="")
    authority_body = models.CharField(
        "thay mặt/ký thay cho",
        max_length=160,
        blank=True,
        help_text="Sau KT.: chức vụ người đứng đầu, ví dụ Bộ trưởng; sau TM.: tập thể, ví dụ Ban Chấp hành.",
    )
    title = models.CharField("chức vụ", max_length=160, help_text="Ví dụ: Thứ trưởng, Giám đốc, Chủ tịch.")
    is_active = models.BooleanField("hiệu lực", default=True)

    class Meta:
        verbose_name = "chức vụ ký văn bản"
        verbose_name_plural = "chức vụ ký văn bản"
        ordering = ["unit", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "unit"], name="uniq_signing_position"),
            models.CheckConstraint(
                condition=Q(authority="") | ~Q(authority_body=""), name="signing_position_authority_has_body"
            ),
        ]

    def __str__(self):
        prefix = f"{self.authority} {self.authority_body} – " if self.authority else ""
        return f"{prefix}{self.title}: {self.user}"


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
