"""The catalogue: titles and forms, rule sets versioned by legal basis, the base salary."""

from django.db import models

from units.models import Unit


class Subject(models.TextChoices):
    INDIVIDUAL = "individual", "Cá nhân"
    COLLECTIVE = "collective", "Tập thể"
    BOTH = "both", "Cá nhân và tập thể"


class AwardCategory(models.TextChoices):
    TITLE = "title", "Danh hiệu thi đua"
    FORM = "form", "Hình thức khen thưởng"


class AwardLevel(models.TextChoices):
    UNIT = "unit", "Cơ sở"
    MINISTRY = "ministry", "Bộ, ngành, tỉnh"
    NATIONAL = "national", "Nhà nước"


class EligibilityCheck(models.TextChoices):
    """The checks the eligibility engine knows (Luật Thi đua, khen thưởng 2022 Art 21–28, 73–74; Thông tư 22/2023/TT-BCT Art 6); a title names the one it uses."""

    LDTT = "ldtt", "Lao động tiên tiến (xếp loại từ hoàn thành tốt)"
    CSTDCS = "cstdcs", "Chiến sĩ thi đua cơ sở"
    CSTD_BO = "cstd_bo", "Chiến sĩ thi đua cấp Bộ, ngành, tỉnh"
    CSTD_TQ = "cstd_tq", "Chiến sĩ thi đua toàn quốc"
    TLDTT = "tldtt", "Tập thể lao động tiên tiến"
    TLDXS = "tldxs", "Tập thể lao động xuất sắc"
    CO_BO = "co_bo", "Cờ thi đua cấp Bộ, ngành, tỉnh (dẫn đầu cụm, khối)"
    BK_BO = "bk_bo", "Bằng khen cấp Bộ, ngành, tỉnh"
    BK_TTG = "bk_ttg", "Bằng khen của Thủ tướng Chính phủ"
    MANUAL = "manual", "Hội đồng xem xét theo hồ sơ"


class CertificateLayout(models.TextChoices):
    CERTIFICATE = "certificate", "Bằng, giấy chứng nhận"
    FLAG = "flag", "Cờ"
    NONE = "none", "Không in"


class AwardKindQuerySet(models.QuerySet):
    def available_to(self, user):
        """The sector's titles and forms, and those kept by a unit in the account's own scope (a province's own)."""
        from units.scoping import own_unit_scope_filter

        scoped = own_unit_scope_filter(user, field="owner_id")
        if not scoped:  # the whole sector: an empty Q would drop out of the "or" below
            return self.all()
        return self.filter(models.Q(owner__isnull=True) | scoped)


class AwardKind(models.Model):
    """A title (danh hiệu) or a form (hình thức) from the catalogue (Luật Thi đua, khen thưởng 2022 Art 9, 19–28, 71–80).

    Everything a new title needs is data: the check its eligibility uses, the article its verdicts cite,
    the certificate it prints and who gives it. No code changes with the catalogue.
    """

    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=200)
    subject = models.CharField("đối tượng", max_length=16, choices=Subject.choices)
    category = models.CharField("loại", max_length=16, choices=AwardCategory.choices)
    level = models.CharField("cấp", max_length=16, choices=AwardLevel.choices)
    eligibility_check = models.CharField(
        "cách xét điều kiện", max_length=16, choices=EligibilityCheck.choices, default=EligibilityCheck.MANUAL
    )
    article = models.CharField("điều khoản áp dụng", max_length=300, blank=True)
    certificate_title = models.CharField("tên in trên bằng, cờ", max_length=120, blank=True)
    certificate_layout = models.CharField(
        "mẫu in", max_length=16, choices=CertificateLayout.choices, default=CertificateLayout.CERTIFICATE
    )
    deciding_body = models.CharField("người, cơ quan tặng", max_length=200, blank=True)
    owner = models.ForeignKey(
        "units.Unit", verbose_name="đơn vị quản lý danh mục", null=True, blank=True, on_delete=models.PROTECT,
        related_name="award_kinds", help_text="Để trống: danh mục chung của ngành (Bộ quản lý).",
    )
    is_active = models.BooleanField("đang dùng", default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    objects = AwardKindQuerySet.as_manager()

    class Meta:
        verbose_name = "danh hiệu, hình thức khen thưởng"
        verbose_name_plural = "danh mục danh hiệu, hình thức khen thưởng"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # the honour board sorts records by their title's place in the catalogue, kept on each record
        self.records.exclude(rank=self.sort_order).update(rank=self.sort_order)

    @property
    def printed_title(self) -> str:
        """The heading of its certificate or flag: "Bằng khen", "Cờ thi đua"…, or its name."""
        return self.certificate_title or self.name


class RuleSet(models.Model):
    """Rules versioned by legal basis and validity; the set valid in the achievement year applies."""

    name = models.CharField("tên bộ quy tắc", max_length=200)
    legal_basis = models.TextField("căn cứ pháp lý")
    valid_from = models.DateField("hiệu lực từ")
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    decision_bases = models.JSONField(
        "căn cứ ghi trong quyết định khen thưởng", default=list, blank=True,
        help_text="Luật và nghị định quy định chi tiết có hiệu lực trong thời gian này, mỗi dòng một căn cứ.",
    )

    class Meta:
        verbose_name = "bộ quy tắc khen thưởng"
        verbose_name_plural = "bộ quy tắc khen thưởng"
        ordering = ["-valid_from"]

    def __str__(self):
        return self.name


class Denominator(models.TextChoices):
    ALL = "all", "Tổng số thành viên Hội đồng"
    PRESENT = "present", "Số thành viên có mặt"


class QuotaRounding(models.TextChoices):
    FLOOR = "floor", "Làm tròn xuống"
    CEIL = "ceil", "Làm tròn lên"
    HALF_UP = "half_up", "Làm tròn đến số gần nhất"


class AwardRule(models.Model):
    """Everything the law sets for one title or form in one rule set; every value is editable data."""

    ruleset = models.ForeignKey(RuleSet, on_delete=models.CASCADE, related_name="rules")
    award_kind = models.ForeignKey(AwardKind, on_delete=models.PROTECT, related_name="rules")
    decider_unit_kinds = models.JSONField("cơ quan có thẩm quyền quyết định (loại đơn vị)", default=list)
    dossier = models.JSONField("hồ sơ bắt buộc", default=list)
    vote_secret = models.BooleanField("bỏ phiếu kín", default=True)
    quorum_fraction = models.DecimalField("tỷ lệ có mặt tối thiểu", max_digits=4, decimal_places=3, default=0)
    pass_threshold = models.DecimalField("tỷ lệ tán thành", max_digits=4, decimal_places=3, default="0.5")
    denominator = models.CharField("mẫu số", max_length=8, choices=Denominator.choices, default=Denominator.PRESENT)
    absentee_votes = models.BooleanField("cho phép thành viên vắng mặt gửi phiếu", default=False)
    quota_percent = models.DecimalField("tỷ lệ tối đa (%)", max_digits=5, decimal_places=2, null=True, blank=True)
    quota_base = models.ForeignKey(
        AwardKind, verbose_name="tính trên số", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    quota_rounding = models.CharField("cách làm tròn", max_length=8, choices=QuotaRounding.choices, default=QuotaRounding.FLOOR)
    quota_minimum = models.PositiveSmallIntegerField("tối thiểu", default=1)
    reward_multiple = models.DecimalField("hệ số tiền thưởng (lần mức lương cơ sở)", max_digits=5, decimal_places=2, null=True, blank=True)
    params = models.JSONField("tham số khác", default=dict, blank=True)
    confirmed = models.BooleanField("đã xác nhận nguồn", default=False)
    source = models.CharField("nguồn", max_length=300, blank=True)
    article = models.CharField("điều khoản áp dụng trong bộ quy tắc này", max_length=300, blank=True)

    class Meta:
        verbose_name = "quy tắc khen thưởng"
        verbose_name_plural = "quy tắc khen thưởng"
        constraints = [models.UniqueConstraint(fields=["ruleset", "award_kind"], name="uniq_rule_per_ruleset")]

    def __str__(self):
        return f"{self.award_kind} – {self.ruleset}"

    @property
    def cited_article(self) -> str:
        """The article a verdict cites: this rule set's own wording, else the title's."""
        return self.article or self.award_kind.article


class BaseSalary(models.Model):
    """Mức lương cơ sở, a dated setting: reward money = base salary × multiple."""

    amount = models.PositiveIntegerField("mức lương cơ sở (đồng)")
    valid_from = models.DateField("áp dụng từ", unique=True)
    legal_basis = models.CharField("căn cứ", max_length=200, blank=True)
    confirmed = models.BooleanField("đã xác nhận nguồn", default=False)

    class Meta:
        verbose_name = "mức lương cơ sở"
        verbose_name_plural = "mức lương cơ sở"
        ordering = ["-valid_from"]

    def __str__(self):
        return f"{self.amount:,} đồng từ {self.valid_from:%d/%m/%Y}".replace(",", ".")


class DecisionBasis(models.Model):
    """What gives a deciding body its power, cited first in its award decisions, and who proposes to it.

    "Căn cứ Nghị định số 40/2025/NĐ-CP … quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ
    Công Thương"; then the Law and its decree (``RuleSet.decision_bases``); then "Xét đề nghị của …".
    """

    unit = models.OneToOneField(Unit, verbose_name="cơ quan quyết định", on_delete=models.CASCADE, related_name="decision_basis")
    functions_basis = models.TextField("căn cứ chức năng, nhiệm vụ, quyền hạn", help_text="Văn bản quy định chức năng, nhiệm vụ, quyền hạn của cơ quan.")
    proposer = models.CharField(
        "xét đề nghị của", max_length=300, blank=True,
        help_text="Hội đồng Thi đua - Khen thưởng hoặc cơ quan thường trực của Hội đồng; để trống: tên Hội đồng của cơ quan.",
    )

    class Meta:
        verbose_name = "căn cứ thẩm quyền quyết định khen thưởng"
        verbose_name_plural = "căn cứ thẩm quyền quyết định khen thưởng"

    def __str__(self):
        return str(self.unit)
