"""Cluster covenants (giao ước thi đua), scores and the suy tôn vote."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from units.models import Cluster, Unit

from .campaigns import Campaign


class CovenantStatus(models.TextChoices):
    DRAFT = "draft", "Dự thảo"
    SIGNING = "signing", "Đang ký"
    SIGNED = "signed", "Các đơn vị đã ký"


class Covenant(models.Model):
    """A cluster's giao ước thi đua for a year, with its criteria table (Luật Thi đua, khen thưởng 2022 Art 16; Hướng dẫn 1479/HD-BTĐKT)."""

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
