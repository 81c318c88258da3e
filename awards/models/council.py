"""The award council, its sessions and the secret ballot."""

import uuid

from django.db import models
from django.urls import reverse

from units.models import Unit

from .nominations import Nomination


class Council(models.Model):
    """A unit's Hội đồng Thi đua - Khen thưởng (Nghị định 98/2023/NĐ-CP Art 49 khoản 2)."""

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

    def get_absolute_url(self):
        return self.session.get_absolute_url()


class VoteChoice(models.TextChoices):
    FOR = "for", "Đồng ý"
    AGAINST = "against", "Không đồng ý"


class Ballot(models.Model):
    """A cast ballot. No link to the voter and no time finer than the day (a secret ballot is never traceable to its voter).

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
