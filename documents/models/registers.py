"""Document types, number series and registers (ND 30/2020 Art 15, Phụ lục III)."""

from django.db import models
from django.db.models import Q

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
    INCOMING = "incoming", "Sổ đăng ký văn bản đến"


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
