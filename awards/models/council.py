"""The award council, its sessions and the secret ballot."""

import os
import struct

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.crypto import salted_hmac

from units.models import Unit

from .nominations import Nomination


class Council(models.Model):
    """A unit's Hội đồng Thi đua - Khen thưởng (Nghị định 98/2023/NĐ-CP Art 49 khoản 2)."""

    unit = models.OneToOneField(Unit, on_delete=models.PROTECT, related_name="council")
    name = models.CharField("tên hội đồng", max_length=300)
    chair = models.ForeignKey("units.User", verbose_name="chủ tịch", on_delete=models.PROTECT, related_name="+")
    secretary = models.ForeignKey("units.User", verbose_name="thư ký", on_delete=models.PROTECT, related_name="+")
    members = models.ManyToManyField("units.User", verbose_name="thành viên", related_name="councils")
    # The council's own rules of procedure (quy chế hoạt động, ND 98/2023 Art 49): minimums that may be stricter than a
    # title's vote rule, never looser. Empty: the title's rule alone.
    quorum_fraction = models.DecimalField(
        "tỷ lệ có mặt tối thiểu theo quy chế", max_digits=4, decimal_places=3, null=True, blank=True
    )
    pass_threshold = models.DecimalField("tỷ lệ tán thành tối thiểu theo quy chế", max_digits=4, decimal_places=3, null=True, blank=True)

    class Meta:
        verbose_name = "Hội đồng Thi đua - Khen thưởng"
        verbose_name_plural = "Hội đồng Thi đua - Khen thưởng"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("awards:council-update", args=[self.pk])

    @property
    def quorum_percent(self):
        return self.quorum_fraction * 100 if self.quorum_fraction is not None else None

    @property
    def threshold_percent(self):
        return self.pass_threshold * 100 if self.pass_threshold is not None else None


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
    """One secret ballot per agenda item. Tallies are readable only once it is closed.

    No row is written per ballot. While the box is open its count per option lives in `sealed_count`,
    encrypted (AES-GCM, a fresh nonce on every vote, a key derived from SECRET_KEY): the database, a dump
    or a copy taken after each vote shows a value that changes the same way whatever the choice. Closing
    opens the seal once, writes `votes_for` and `votes_against` and empties it (docs/awards.md).
    """

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
    sealed_count = models.BinaryField("số phiếu niêm phong", null=True, editable=False)

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


class BallotParticipation(models.Model):
    """Who has voted in a box (never how): one row per member and box.

    Its key and its place on disk follow the order of the votes; nothing else does, since no ballot row exists.
    """

    box = models.ForeignKey(BallotBox, on_delete=models.CASCADE, related_name="participations")
    member = models.ForeignKey("units.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["box", "member"], name="uniq_ballot_participation")]

    def __str__(self):
        return f"{self.member} đã bỏ phiếu"


_SEAL_VERSION = b"\x01"


def _seal_key(secret: str) -> bytes:
    return salted_hmac("thidua.awards.ballot-seal", b"", secret=secret, algorithm="sha256").digest()


def _seal_context(box_id: int) -> bytes:
    """Bound to its box: a sealed count copied onto another box does not open."""
    return f"awards.ballotbox:{box_id}".encode()


def seal_count(box_id: int, count: dict[str, int]) -> bytes:
    """The count per option, as fixed-width numbers, encrypted with a fresh nonce: every seal looks alike."""
    plain = struct.pack(f">{len(VoteChoice.values)}H", *(count.get(value, 0) for value in VoteChoice.values))
    nonce = os.urandom(12)
    return _SEAL_VERSION + nonce + AESGCM(_seal_key(settings.SECRET_KEY)).encrypt(nonce, plain, _seal_context(box_id))


def unseal_count(box_id: int, sealed) -> dict[str, int]:
    """The count per option; an empty seal is a box nobody has voted in yet."""
    if sealed is None:
        return dict.fromkeys(VoteChoice.values, 0)
    sealed = bytes(sealed)
    if sealed[:1] != _SEAL_VERSION:
        raise ValidationError("Không đọc được số phiếu niêm phong của hòm phiếu.", code="seal")
    nonce, body = sealed[1:13], sealed[13:]
    for secret in (settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])):
        try:
            plain = AESGCM(_seal_key(secret)).decrypt(nonce, body, _seal_context(box_id))
        except InvalidTag:
            continue
        return dict(zip(VoteChoice.values, struct.unpack(f">{len(VoteChoice.values)}H", plain), strict=True))
    raise ValidationError(
        "Không mở được niêm phong số phiếu: khóa bí mật của hệ thống đã đổi hoặc dữ liệu đã bị sửa.", code="seal"
    )
