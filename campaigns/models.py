"""Campaigns (phong trào thi đua): contents, indicators, registrations with targets, progress reports."""

from decimal import Decimal

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
        from .selectors import campaign_scope_filter

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
        from .periods import campaign_periods

        return campaign_periods(cycle=self.report_period, start=self.start_date, end=self.end_date)

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


class IndicatorKind(models.TextChoices):
    QUANTITY = "quantity", "Số lượng"
    PERCENTAGE = "percentage", "Tỷ lệ"
    MONEY = "money", "Giá trị tiền"
    COUNT = "count", "Đếm"
    MILESTONE = "milestone", "Mốc hoàn thành"


class Indicator(models.Model):
    """A catalogue entry (legal-reference §7): name, unit of measure, kind."""

    code = models.SlugField("mã", max_length=60, unique=True)
    name = models.CharField("tên chỉ tiêu", max_length=300)
    unit_of_measure = models.CharField("đơn vị tính", max_length=40, blank=True)
    kind = models.CharField("loại", max_length=16, choices=IndicatorKind.choices)
    is_active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "chỉ tiêu"
        verbose_name_plural = "danh mục chỉ tiêu"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.unit_of_measure})" if self.unit_of_measure else self.name


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Chờ duyệt"
    APPROVED = "approved", "Đã duyệt"
    RETURNED = "returned", "Trả lại"
    SUPERSEDED = "superseded", "Đã thay bằng bản sửa đổi"


class RegistrationQuerySet(models.QuerySet):
    def visible_to(self, user):
        from .selectors import registration_scope_filter

        return self.filter(registration_scope_filter(user))

    def current(self):
        return self.exclude(status=RegistrationStatus.SUPERSEDED)


class Registration(models.Model):
    """A unit's registration (đăng ký thi đua) in a campaign: its targets and the titles it aims for."""

    campaign = models.ForeignKey(Campaign, verbose_name="phong trào", on_delete=models.CASCADE, related_name="registrations")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="registrations")
    revision = models.PositiveSmallIntegerField("lần đăng ký", default=1)
    status = models.CharField("trạng thái", max_length=16, choices=RegistrationStatus.choices, default=RegistrationStatus.DRAFT)
    titles = models.CharField("danh hiệu đăng ký", max_length=500, blank=True)
    comment = models.TextField("ý kiến của cơ quan duyệt", blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = "đăng ký thi đua"
        verbose_name_plural = "đăng ký thi đua"
        ordering = ["campaign", "unit__name", "-revision"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "unit", "revision"], name="uniq_registration_revision"),
            # one revision in force (approved) and at most one pending revision per unit
            models.UniqueConstraint(fields=["campaign", "unit"], condition=Q(status="approved"), name="uniq_approved_registration"),
            models.UniqueConstraint(
                fields=["campaign", "unit"], condition=Q(status__in=["draft", "submitted", "returned"]), name="uniq_pending_registration"
            ),
        ]

    def __str__(self):
        return f"{self.unit} – {self.campaign} (lần {self.revision})"

    def get_absolute_url(self):
        return reverse("campaigns:registration-detail", args=[self.pk])


class Direction(models.TextChoices):
    AT_LEAST = "at_least", "Không thấp hơn (≥)"
    AT_MOST = "at_most", "Không cao hơn (≤)"


class Target(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="targets")
    indicator = models.ForeignKey(Indicator, verbose_name="chỉ tiêu", on_delete=models.PROTECT, related_name="targets")
    baseline = models.DecimalField("giá trị cùng kỳ / năm trước", max_digits=16, decimal_places=2, null=True, blank=True)
    target_value = models.DecimalField("giá trị đăng ký", max_digits=16, decimal_places=2, null=True, blank=True)
    direction = models.CharField("chiều so sánh", max_length=10, choices=Direction.choices, default=Direction.AT_LEAST)
    deadline = models.DateField("thời hạn", null=True, blank=True)
    note = models.CharField("ghi chú", max_length=500, blank=True)

    class Meta:
        verbose_name = "chỉ tiêu đăng ký"
        verbose_name_plural = "chỉ tiêu đăng ký"
        ordering = ["pk"]

    def __str__(self):
        return f"{self.indicator}: {self.target_value}"

    @property
    def is_milestone(self) -> bool:
        return self.indicator.kind == IndicatorKind.MILESTONE

    @property
    def direction_symbol(self) -> str:
        return "≤" if self.direction == Direction.AT_MOST else "≥"


class PeriodType(models.TextChoices):
    MONTH = "month", "Tháng"
    QUARTER = "quarter", "Quý"
    HALF = "half", "6 tháng"
    NINE_MONTHS = "nine_months", "9 tháng"
    YEAR = "year", "Năm"


PERIOD_ORDER = {"month": 0, "quarter": 1, "half": 2, "nine_months": 3, "year": 4}


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Đang soạn"
    SUBMITTED = "submitted", "Chờ tiếp nhận"
    ACCEPTED = "accepted", "Đã tiếp nhận"
    RETURNED = "returned", "Trả lại"
    SUPERSEDED = "superseded", "Đã thay bằng bản sửa đổi"


class ProgressReportQuerySet(models.QuerySet):
    def visible_to(self, user):
        from .selectors import registration_scope_filter

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
        """Submitted after its due date (or not submitted and past it)."""
        from django.utils import timezone

        if self.due_date is None:
            return False
        sent = timezone.localtime(self.submitted_at).date() if self.submitted_at else timezone.localdate()
        return sent > self.due_date

    @property
    def period_label(self) -> str:
        from .periods import Period

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


class Notification(models.Model):
    """An in-app notice; ``key`` makes each notice (and its e-mail) go out once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    key = models.CharField(max_length=160)
    text = models.CharField("nội dung", max_length=500)
    link = models.CharField(max_length=300, blank=True)
    is_read = models.BooleanField("đã đọc", default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "thông báo"
        verbose_name_plural = "thông báo"
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="uniq_notification_key")]

    def __str__(self):
        return self.text


class CovenantStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SIGNING = "signing", "Đang ký"
    SIGNED = "signed", "Các đơn vị đã ký"


class Covenant(models.Model):
    """A cluster's giao ước thi đua for a year, with its criteria table (legal-reference §2.5)."""

    cluster = models.ForeignKey(Cluster, verbose_name="cụm, khối", on_delete=models.PROTECT, related_name="covenants")
    year = models.PositiveSmallIntegerField("năm")
    campaign = models.ForeignKey(Campaign, verbose_name="phong trào", null=True, blank=True, on_delete=models.SET_NULL, related_name="covenants")
    lead_unit = models.ForeignKey(Unit, verbose_name="cụm trưởng", on_delete=models.PROTECT, related_name="+")
    content = models.TextField("nội dung giao ước", blank=True)
    status = models.CharField("trạng thái", max_length=16, choices=CovenantStatus.choices, default=CovenantStatus.DRAFT)
    document = models.ForeignKey(
        "documents.OfficialDocument", verbose_name="văn bản giao ước", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    scores_confirmed = models.BooleanField("cụm trưởng đã xác nhận điểm", default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "giao ước thi đua"
        verbose_name_plural = "giao ước thi đua"
        ordering = ["-year", "cluster__name"]
        constraints = [models.UniqueConstraint(fields=["cluster", "year"], name="uniq_covenant_cluster_year")]

    def __str__(self):
        return f"Giao ước thi đua {self.cluster} năm {self.year}"

    def get_absolute_url(self):
        return reverse("campaigns:covenant-detail", args=[self.pk])


class CovenantCriterion(models.Model):
    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField("thứ tự")
    text = models.CharField("tiêu chí", max_length=500)
    max_points = models.DecimalField("điểm tối đa", max_digits=6, decimal_places=2)

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["covenant", "order"], name="uniq_covenant_criterion")]

    def __str__(self):
        return f"{self.order}. {self.text} ({self.max_points})"


class CovenantSignature(models.Model):
    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="signatures")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signer_title = models.CharField("chức vụ người ký", max_length=160)
    signed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["covenant", "unit"], name="uniq_covenant_signature")]

    def __str__(self):
        return f"{self.unit} – {self.signed_by}"


class CovenantScore(models.Model):
    """A member's self-score on one criterion, and the score the cluster lead confirms."""

    covenant = models.ForeignKey(Covenant, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(CovenantCriterion, on_delete=models.CASCADE, related_name="scores")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    self_score = models.DecimalField("điểm tự chấm", max_digits=6, decimal_places=2)
    confirmed_score = models.DecimalField("điểm cụm trưởng xác nhận", max_digits=6, decimal_places=2, null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["criterion", "unit"], name="uniq_covenant_score")]

    def __str__(self):
        return f"{self.unit}: {self.self_score}"


class LeaderVote(models.Model):
    """The cluster's vote for its leading unit (suy tôn): awards read it for Cờ thi đua candidates."""

    covenant = models.OneToOneField(Covenant, on_delete=models.CASCADE, related_name="leader_vote")
    unit = models.ForeignKey(Unit, verbose_name="đơn vị được suy tôn", on_delete=models.PROTECT, related_name="leader_votes")
    votes_for = models.PositiveSmallIntegerField("số phiếu tán thành")
    votes_total = models.PositiveSmallIntegerField("tổng số phiếu")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "kết quả suy tôn"
        verbose_name_plural = "kết quả suy tôn"
        constraints = [models.CheckConstraint(condition=Q(votes_for__lte=models.F("votes_total")), name="leader_vote_counts")]

    def __str__(self):
        return f"{self.unit} ({self.votes_for}/{self.votes_total})"
