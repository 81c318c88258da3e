"""Signing credentials, the signatures applied to a document, and its public verification record."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from documents.models import DocumentSigner, OfficialDocument
from units.models import Unit

# Crockford's base32 without I, L, O, U: a code read aloud or typed from paper is not misread.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 10


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def normalise_code(text: str) -> str:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    return cleaned.replace("O", "0").replace("I", "1").replace("L", "1")


class CredentialKind(models.TextChoices):
    PKCS12 = "pkcs12", "Tệp chứng thư số PKCS#12 (.p12, .pfx)"
    PKCS11 = "pkcs11", "Thiết bị ký số PKCS#11 (USB token, HSM)"


class SigningCredentialQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class SigningCredential(models.Model):
    """The certificate and key one account (a competent person) or one organisation signs with.

    A PKCS#12 key is kept encrypted with the application's key-encryption key; a PKCS#11 key never
    leaves its token and only its labels are stored.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="tài khoản", null=True, blank=True, on_delete=models.CASCADE,
        related_name="signing_credentials",
    )
    unit = models.ForeignKey(
        Unit, verbose_name="cơ quan, tổ chức", null=True, blank=True, on_delete=models.CASCADE,
        related_name="signing_credentials",
    )
    kind = models.CharField("loại", max_length=8, choices=CredentialKind.choices)
    secret = models.BinaryField("khóa bí mật (đã mã hóa)", blank=True, editable=False)
    token_label = models.CharField("nhãn thiết bị (token)", max_length=120, blank=True)
    key_label = models.CharField("nhãn khóa trên thiết bị", max_length=120, blank=True)
    certificate = models.BinaryField("chứng thư số (DER)", editable=False)
    chain = models.BinaryField("chuỗi chứng thư (PEM)", blank=True, editable=False)
    subject = models.CharField("chủ thể", max_length=500)
    issuer = models.CharField("tổ chức cấp", max_length=500)
    serial = models.CharField("số hiệu", max_length=80)
    not_before = models.DateTimeField("hiệu lực từ")
    not_after = models.DateTimeField("hiệu lực đến")
    image = models.BinaryField("hình ảnh chữ ký / con dấu", blank=True, editable=False)
    is_active = models.BooleanField("đang dùng", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("ngày tạo", auto_now_add=True)

    objects = SigningCredentialQuerySet.as_manager()

    class Meta:
        verbose_name = "chứng thư số"
        verbose_name_plural = "chứng thư số"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(unit__isnull=True)) | (Q(user__isnull=True) & Q(unit__isnull=False)),
                name="signing_credential_one_owner",
            ),
            models.UniqueConstraint(fields=["user"], condition=Q(is_active=True), name="one_active_credential_per_user"),
            models.UniqueConstraint(fields=["unit"], condition=Q(is_active=True), name="one_active_credential_per_unit"),
        ]

    def __str__(self):
        return f"{self.subject} ({self.get_kind_display()})"

    @property
    def owner_label(self) -> str:
        return str(self.user.full_name or self.user.username) if self.user_id else str(self.unit)


class Verification(models.Model):
    """The public face of one document: its short code, and the signed files behind it."""

    document = models.OneToOneField(OfficialDocument, on_delete=models.CASCADE, related_name="verification")
    code = models.CharField("mã tra cứu", max_length=16, unique=True, default=new_code)
    content = models.FileField("bản đã ký của người có thẩm quyền", blank=True, max_length=255)
    layout = models.JSONField("vị trí chữ ký", default=dict, blank=True)
    issued_file = models.FileField("bản ban hành", blank=True, max_length=255)
    issued_sha256 = models.CharField("SHA-256 bản ban hành", max_length=64, blank=True, db_index=True)
    issued_size = models.PositiveIntegerField("kích thước bản ban hành", null=True, blank=True)
    level = models.CharField("mức chữ ký", max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "mã tra cứu văn bản"
        verbose_name_plural = "mã tra cứu văn bản"

    def __str__(self):
        return format_code(self.code)

    def get_absolute_url(self):
        return reverse("documents:verify", args=[format_code(self.code)])

    @property
    def display_code(self) -> str:
        return format_code(self.code)


class SignatureRole(models.TextChoices):
    SIGNER = "signer", "Chữ ký số của người có thẩm quyền"
    ORGANISATION = "organisation", "Chữ ký số của cơ quan, tổ chức"
    ANNEX = "annex", "Chữ ký số của cơ quan, tổ chức trên phụ lục"


class AppliedSignature(models.Model):
    """One PAdES signature in a document's PDF, in the order it was applied."""

    document = models.ForeignKey(OfficialDocument, on_delete=models.CASCADE, related_name="digital_signatures")
    role = models.CharField("loại chữ ký", max_length=16, choices=SignatureRole.choices)
    field_name = models.CharField("trường chữ ký", max_length=60)
    order = models.PositiveSmallIntegerField("thứ tự")
    signer = models.ForeignKey(
        DocumentSigner, verbose_name="khối chữ ký", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(Unit, verbose_name="cơ quan", on_delete=models.PROTECT, related_name="+")
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_at = models.DateTimeField("thời điểm ký")
    signer_name = models.CharField("người ký", max_length=200)
    subject = models.CharField("chủ thể chứng thư", max_length=500)
    issuer = models.CharField("tổ chức cấp chứng thư", max_length=500)
    serial = models.CharField("số hiệu chứng thư", max_length=80)
    not_before = models.DateTimeField("hiệu lực từ")
    not_after = models.DateTimeField("hiệu lực đến")
    level = models.CharField("mức", max_length=20)

    class Meta:
        verbose_name = "chữ ký số đã ký"
        verbose_name_plural = "chữ ký số đã ký"
        ordering = ["document", "order"]
        constraints = [models.UniqueConstraint(fields=["document", "field_name"], name="uniq_applied_signature_field")]

    def __str__(self):
        return f"{self.get_role_display()}: {self.signer_name}"


class CertificateVerification(models.Model):
    """The public face of one certificate or flag (Bằng khen, Giấy khen, Cờ thi đua) given by an issued
    decision: its own short code, what it says, and its file signed by the deciding organisation.

    The certificate belongs to its decision: the verification page shows the certificate and the
    decision it was given by. ``subject_id`` is the awarding app's record (the ``PdfJob`` subject),
    internal and never shown.
    """

    document = models.ForeignKey(
        OfficialDocument, verbose_name="quyết định", on_delete=models.CASCADE, related_name="certificate_verifications"
    )
    subject_id = models.PositiveBigIntegerField("khen thưởng")
    code = models.CharField("mã tra cứu", max_length=16, unique=True, default=new_code)
    title = models.CharField("hình thức", max_length=300)
    recipient = models.CharField("tập thể, cá nhân được tặng", max_length=300)
    recipient_detail = models.CharField("đơn vị, chức vụ", max_length=300, blank=True)
    golden_book_number = models.CharField("số sổ vàng", max_length=40, blank=True)
    issued_file = models.FileField("bản đã ký", blank=True, max_length=255)
    issued_sha256 = models.CharField("SHA-256 bản đã ký", max_length=64, blank=True, db_index=True)
    issued_size = models.PositiveIntegerField("kích thước", null=True, blank=True)
    level = models.CharField("mức chữ ký", max_length=20, blank=True)
    signed_by_unit = models.ForeignKey(
        Unit, verbose_name="cơ quan ký", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField("thời điểm ký", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "mã tra cứu bằng khen, giấy khen, cờ"
        verbose_name_plural = "mã tra cứu bằng khen, giấy khen, cờ"
        constraints = [models.UniqueConstraint(fields=["document", "subject_id"], name="uniq_certificate_verification")]

    def __str__(self):
        return format_code(self.code)

    def get_absolute_url(self):
        return reverse("documents:verify", args=[format_code(self.code)])

    @property
    def display_code(self) -> str:
        return format_code(self.code)
