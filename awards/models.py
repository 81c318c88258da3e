"""Awards: titles and forms, versioned rule sets, and the history that eligibility reads."""

import uuid

from django.db import models
from django.db.models import Q
from django.urls import reverse

from units.models import Person, Unit


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


class AwardKind(models.Model):
    """A title (danh hiệu) or a form (hình thức) from the catalogue (legal-reference §1.3–§1.4)."""

    code = models.SlugField("mã", max_length=40, unique=True)
    name = models.CharField("tên", max_length=200)
    subject = models.CharField("đối tượng", max_length=16, choices=Subject.choices)
    category = models.CharField("loại", max_length=16, choices=AwardCategory.choices)
    level = models.CharField("cấp", max_length=16, choices=AwardLevel.choices)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = "danh hiệu, hình thức khen thưởng"
        verbose_name_plural = "danh mục danh hiệu, hình thức khen thưởng"
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class RuleSet(models.Model):
    """Rules versioned by legal basis and validity; the set valid in the achievement year applies."""

    name = models.CharField("tên bộ quy tắc", max_length=200)
    legal_basis = models.TextField("căn cứ pháp lý")
    valid_from = models.DateField("hiệu lực từ")
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)

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

    class Meta:
        verbose_name = "quy tắc khen thưởng"
        verbose_name_plural = "quy tắc khen thưởng"
        constraints = [models.UniqueConstraint(fields=["ruleset", "award_kind"], name="uniq_rule_per_ruleset")]

    def __str__(self):
        return f"{self.award_kind} – {self.ruleset}"


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


class RatingLevel(models.TextChoices):
    EXCELLENT = "htxs", "Hoàn thành xuất sắc nhiệm vụ"
    GOOD = "htt", "Hoàn thành tốt nhiệm vụ"
    DONE = "ht", "Hoàn thành nhiệm vụ"
    FAILED = "kht", "Không hoàn thành nhiệm vụ"


RATING_RANK = {"htxs": 3, "htt": 2, "ht": 1, "kht": 0}


def one_subject():
    return Q(person__isnull=False, unit__isnull=True) | Q(person__isnull=True, unit__isnull=False)


class Rating(models.Model):
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="ratings")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="ratings")
    year = models.PositiveSmallIntegerField("năm")
    level = models.CharField("mức xếp loại", max_length=8, choices=RatingLevel.choices)

    class Meta:
        verbose_name = "xếp loại hằng năm"
        verbose_name_plural = "xếp loại hằng năm"
        constraints = [
            models.CheckConstraint(condition=one_subject(), name="rating_one_subject"),
            models.UniqueConstraint(fields=["person", "year"], name="uniq_person_rating_year"),
            models.UniqueConstraint(fields=["unit", "year"], name="uniq_unit_rating_year"),
        ]

    def __str__(self):
        return f"{self.person or self.unit} {self.year}: {self.get_level_display()}"


class DisciplineLevel(models.TextChoices):
    REPRIMAND = "reprimand", "Khiển trách"
    WARNING = "warning", "Cảnh cáo"
    DEMOTION = "demotion", "Hạ bậc lương, giáng chức, cách chức"
    DISMISSAL = "dismissal", "Buộc thôi việc"


DISCIPLINE_RANK = {"reprimand": 1, "warning": 2, "demotion": 3, "dismissal": 4}


class Discipline(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="disciplines")
    year = models.PositiveSmallIntegerField("năm")
    level = models.CharField("hình thức kỷ luật", max_length=16, choices=DisciplineLevel.choices)
    decision = models.CharField("quyết định", max_length=200, blank=True)

    class Meta:
        verbose_name = "kỷ luật"
        verbose_name_plural = "kỷ luật"

    def __str__(self):
        return f"{self.person} {self.year}: {self.get_level_display()}"


class InitiativeScope(models.TextChoices):
    UNIT = "unit", "Cơ sở"
    MINISTRY = "ministry", "Cấp Bộ, ngành, tỉnh"
    NATIONAL = "national", "Toàn quốc"


SCOPE_RANK = {"unit": 1, "ministry": 2, "national": 3}


class Initiative(models.Model):
    """A recognised initiative (sáng kiến) or scientific topic, with its scope (Luật TĐKT Art 3 khoản 4)."""

    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.CASCADE, related_name="initiatives")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.CASCADE, related_name="initiatives")
    title = models.CharField("tên sáng kiến, đề tài", max_length=300)
    is_topic = models.BooleanField("đề tài khoa học", default=False)
    scope = models.CharField("phạm vi ảnh hưởng", max_length=16, choices=InitiativeScope.choices)
    year = models.PositiveSmallIntegerField("năm công nhận")
    recognising_decision = models.CharField("quyết định công nhận", max_length=200)

    class Meta:
        verbose_name = "sáng kiến, đề tài"
        verbose_name_plural = "sáng kiến, đề tài"
        constraints = [models.CheckConstraint(condition=one_subject(), name="initiative_one_subject")]

    def __str__(self):
        return self.title


class AwardRecord(models.Model):
    """A title or award held, with its deciding document; revoked records stay and stop counting."""

    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="award_records")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="award_records")
    award_kind = models.ForeignKey(AwardKind, verbose_name="danh hiệu, hình thức", on_delete=models.PROTECT, related_name="records")
    year = models.PositiveSmallIntegerField("năm thành tích")
    decision = models.CharField("quyết định", max_length=200)
    decided_on = models.DateField("ngày quyết định", null=True, blank=True)
    achievement = models.CharField("thành tích", max_length=300, blank=True)
    golden_book_number = models.CharField("số sổ vàng", max_length=40, blank=True)
    nomination = models.OneToOneField("Nomination", null=True, blank=True, on_delete=models.SET_NULL, related_name="record")
    revoked = models.BooleanField("đã hủy bỏ", default=False)
    revoking_decision = models.CharField("quyết định hủy bỏ", max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "khen thưởng đã nhận"
        verbose_name_plural = "khen thưởng đã nhận"
        ordering = ["-year", "award_kind__sort_order"]
        constraints = [
            models.CheckConstraint(condition=one_subject(), name="award_one_subject"),
            models.CheckConstraint(condition=Q(revoked=False) | ~Q(revoking_decision=""), name="revocation_needs_decision"),
        ]

    def __str__(self):
        return f"{self.award_kind} {self.year} – {self.person or self.unit}"

    def get_absolute_url(self):
        if self.person_id:
            return reverse("awards:person-history", args=[self.person_id])
        return reverse("awards:unit-history", args=[self.unit_id])


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


class Council(models.Model):
    """A unit's Hội đồng Thi đua - Khen thưởng (legal-reference §2.4)."""

    unit = models.OneToOneField(Unit, on_delete=models.PROTECT, related_name="council")
    name = models.CharField("tên hội đồng", max_length=300)
    chair = models.ForeignKey("units.User", verbose_name="chủ tịch", on_delete=models.PROTECT, related_name="+")
    secretary = models.ForeignKey("units.User", verbose_name="thư ký", on_delete=models.PROTECT, related_name="+")
    members = models.ManyToManyField("units.User", verbose_name="thành viên", related_name="councils")

    class Meta:
        verbose_name = "Hội đồng Thi đua - Khen thưởng"
        verbose_name_plural = "Hội đồng Thi đua - Khen thưởng"

    def __str__(self):
        return self.name


class CouncilSession(models.Model):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="sessions")
    title = models.CharField("phiên họp", max_length=300)
    held_on = models.DateField("ngày họp")
    present = models.ManyToManyField("units.User", verbose_name="thành viên có mặt", blank=True, related_name="+")
    minutes = models.ForeignKey("documents.OfficialDocument", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "phiên họp Hội đồng"
        verbose_name_plural = "phiên họp Hội đồng"
        ordering = ["-held_on"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("awards:session-detail", args=[self.pk])


class BallotBox(models.Model):
    """One secret ballot per agenda item. Tallies are readable only once it is closed."""

    session = models.ForeignKey(CouncilSession, on_delete=models.PROTECT, related_name="boxes")
    nomination = models.OneToOneField(Nomination, on_delete=models.PROTECT, related_name="ballot_box")
    is_open = models.BooleanField("đang bỏ phiếu", default=False)
    closed = models.BooleanField("đã kết thúc", default=False)
    votes_for = models.PositiveSmallIntegerField(null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(null=True, blank=True)
    eligible_voters = models.PositiveSmallIntegerField(null=True, blank=True)
    present_count = models.PositiveSmallIntegerField(null=True, blank=True)
    denominator_count = models.PositiveSmallIntegerField("mẫu số tính tỷ lệ", null=True, blank=True)
    passed = models.BooleanField(null=True)

    class Meta:
        verbose_name = "hòm phiếu"
        verbose_name_plural = "hòm phiếu"

    def __str__(self):
        return f"Phiếu kín: {self.nomination}"


class VoteChoice(models.TextChoices):
    FOR = "for", "Đồng ý"
    AGAINST = "against", "Không đồng ý"


class Ballot(models.Model):
    """A cast ballot. No link to the voter and no time finer than the day (reliability.md §A1.4).

    Its key is random, so the order of ballots cannot be matched with the order of participations.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    box = models.ForeignKey(BallotBox, on_delete=models.CASCADE, related_name="ballots")
    choice = models.CharField(max_length=8, choices=VoteChoice.choices)
    cast_on = models.DateField()

    class Meta:
        verbose_name = "phiếu bầu"
        verbose_name_plural = "phiếu bầu"

    def __str__(self):
        return f"Phiếu #{self.pk}"


class BallotParticipation(models.Model):
    """Who has voted in a box (never how): one row per member and box."""

    box = models.ForeignKey(BallotBox, on_delete=models.CASCADE, related_name="participations")
    member = models.ForeignKey("units.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["box", "member"], name="uniq_ballot_participation")]

    def __str__(self):
        return f"{self.member} đã bỏ phiếu"
