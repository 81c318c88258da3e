"""Campaigns (phong trào thi đua), their issuers and contents."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from units.models import Cluster, Unit


class CampaignKind(models.TextChoices):
    REGULAR = "regular", "Thường xuyên (hằng năm)"
    THEMATIC = "thematic", "Theo chuyên đề"


class CampaignScope(models.TextChoices):
    SECTOR = "sector", "Toàn ngành"
    MINISTRY = "ministry", "Bộ"
    PROVINCE = "province", "Tỉnh, thành phố"
    CLUSTER = "cluster", "Cụm, khối thi đua"
    UNIT = "unit", "Một đơn vị"


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    LAUNCHED = "launched", "Đã phát động"
    REGISTRATION = "registration", "Đang đăng ký thi đua"
    IN_PROGRESS = "in_progress", "Đang triển khai"
    MIDTERM_REVIEWED = "midterm_reviewed", "Đã sơ kết"
    FINAL_REVIEWED = "final_reviewed", "Đã tổng kết"
    CLOSED = "closed", "Đã kết thúc"


# The only transitions the services allow (Luật TĐKT 2022, Art 17: plan, launch, carry out, review).
CAMPAIGN_TRANSITIONS = {
    CampaignStatus.DRAFT: {CampaignStatus.LAUNCHED},
    CampaignStatus.LAUNCHED: {CampaignStatus.REGISTRATION},
    CampaignStatus.REGISTRATION: {CampaignStatus.IN_PROGRESS},
    CampaignStatus.IN_PROGRESS: {CampaignStatus.MIDTERM_REVIEWED, CampaignStatus.FINAL_REVIEWED},
    CampaignStatus.MIDTERM_REVIEWED: {CampaignStatus.FINAL_REVIEWED},
    CampaignStatus.FINAL_REVIEWED: {CampaignStatus.CLOSED},
    CampaignStatus.CLOSED: set(),
}


class ReportCycle(models.TextChoices):
    """How often units report; values match ``PeriodType`` (see ``campaigns.periods.campaign_periods``)."""

    MONTH = "month", "Hằng tháng"
    QUARTER = "quarter", "Hằng quý"
    HALF = "half", "6 tháng và cả năm"
    YEAR = "year", "Hằng năm"


class LaunchDocumentType(models.TextChoices):
    DIRECTIVE = "directive", "Chỉ thị"
    PLAN = "plan", "Kế hoạch"
    DECISION = "decision", "Quyết định phát động"
    GUIDANCE = "guidance", "Hướng dẫn"


class CampaignQuerySet(models.QuerySet):
    def visible_to(self, user):
        from ..selectors import campaign_scope_filter

        return self.filter(campaign_scope_filter(user))


class Campaign(models.Model):
    name = models.CharField("tên phong trào", max_length=300)
    kind = models.CharField("hình thức", max_length=16, choices=CampaignKind.choices, default=CampaignKind.REGULAR)
    scope = models.CharField("phạm vi", max_length=16, choices=CampaignScope.choices, default=CampaignScope.SECTOR)
    status = models.CharField("trạng thái", max_length=20, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT)
    issuers = models.ManyToManyField(Unit, verbose_name="cơ quan phát động", through="CampaignIssuer", related_name="+")
    participants = models.ManyToManyField(Unit, verbose_name="đơn vị tham gia", blank=True, related_name="campaigns")
    clusters = models.ManyToManyField(Cluster, verbose_name="cụm, khối tham gia", blank=True, related_name="campaigns")
    parent = models.ForeignKey(
        "self", verbose_name="thực hiện phong trào cấp trên", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    parent_document = models.ForeignKey(
        "documents.IncomingDocument", verbose_name="hưởng ứng văn bản của cấp trên", null=True, blank=True,
        on_delete=models.PROTECT, related_name="campaigns",
    )
    is_historical = models.BooleanField("nhập bổ sung", default=False, help_text="Phong trào đã thực hiện, nhập lại sau.")
    legal_basis = models.TextField("căn cứ", blank=True)
    objectives = models.TextField("mục tiêu", blank=True)
    criteria = models.TextField("tiêu chí thi đua", blank=True)
    planned_awards = models.CharField("hình thức khen thưởng dự kiến", max_length=500, blank=True)
    start_date = models.DateField("ngày bắt đầu")
    end_date = models.DateField("ngày kết thúc")
    registration_deadline = models.DateField("hạn đăng ký thi đua", null=True, blank=True)
    midterm_date = models.DateField("ngày sơ kết", null=True, blank=True)
    final_date = models.DateField("ngày tổng kết", null=True, blank=True)
    report_period = models.CharField("kỳ báo cáo", max_length=16, choices=ReportCycle.choices, default=ReportCycle.QUARTER)
    launch_document_type = models.CharField(
        "văn bản phát động", max_length=16, choices=LaunchDocumentType.choices, default=LaunchDocumentType.PLAN
    )
    directive = models.ForeignKey(
        "documents.OfficialDocument", verbose_name="văn bản phát động", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    indicators = models.ManyToManyField("Indicator", verbose_name="chỉ tiêu đề nghị đăng ký", blank=True, related_name="campaigns")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = "phong trào thi đua"
        verbose_name_plural = "phong trào thi đua"
        ordering = ["-start_date", "name"]
        constraints = [models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="campaign_dates_ordered")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("campaigns:campaign-detail", args=[self.pk])

    @property
    def report_periods(self):
        from ..periods import campaign_periods

        return campaign_periods(cycle=self.report_period, start=self.start_date, end=self.end_date)

    def legal_bases(self) -> list[str]:
        """The căn cứ of its plan: the outside directives it answers (the highest first), then its own lines."""
        lines = [d.legal_basis() for d in self.parent_document.chain()] if self.parent_document_id else []
        return lines + [line.strip() for line in self.legal_basis.splitlines() if line.strip()]

    @property
    def lead_issuer(self) -> Unit:
        return self.issuer_links.select_related("unit").order_by("order").first().unit


class CampaignIssuer(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="issuer_links")
    unit = models.ForeignKey(Unit, verbose_name="cơ quan", on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="uniq_campaign_issuer")]

    def __str__(self):
        return str(self.unit)


class CampaignContent(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="contents")
    order = models.PositiveSmallIntegerField("thứ tự")
    text = models.TextField("nội dung")

    class Meta:
        verbose_name = "nội dung thi đua"
        verbose_name_plural = "nội dung thi đua"
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["campaign", "order"], name="uniq_campaign_content_order")]

    def __str__(self):
        return f"{self.order}. {self.text[:60]}"
