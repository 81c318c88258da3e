"""Official documents, their issuers, signers and signing positions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from units.models import Unit

from .registers import AdvisoryBody, DocumentType, Series


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SUBMITTED = "submitted", "Trình ký"
    SIGNED = "signed", "Đã ký"
    ISSUED = "issued", "Đã ban hành"
    REVOKED = "revoked", "Đã thu hồi"
    REPLACED = "replaced", "Đã được thay thế"


# Issued, whatever happened after: these have a number, official PDFs and a public verification page.
ISSUED_STATUSES = (DocumentStatus.ISSUED, DocumentStatus.REVOKED, DocumentStatus.REPLACED)


class OfficialDocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        from ..selectors import document_scope_filter

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
