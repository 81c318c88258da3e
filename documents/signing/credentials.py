"""Signing credentials: the certificate and key an account or an organisation signs with.

A PKCS#12 file is checked (expired, not yet valid, revoked, untrusted are refused) and kept encrypted;
a PKCS#11 key never leaves its token. Who may manage which is ``policies.py``; every change is audited.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from common.policies import allowed, ensure
from units.audit import audit_record
from units.models import Unit, User

from . import keys, policies, trust
from .models import CredentialKind, SigningCredential

MAX_IMAGE_BYTES = 512 * 1024

def credential_for_user(user: User | None) -> SigningCredential | None:
    if user is None:
        return None
    return SigningCredential.objects.active().filter(user=user).first()


def credential_for_unit(unit: Unit) -> SigningCredential | None:
    return SigningCredential.objects.active().filter(unit=unit).first()


def can_manage_unit_credential(actor: User, unit: Unit) -> bool:
    """The organisation's certificate is kept by its records clerk (who keeps the seal) or an administrator."""
    return allowed(policies.manage_unit_credential_refusal(actor, unit))


def clean_image(image: bytes | None) -> bytes:
    """A PNG with a transparent background (Phụ lục I); checked by content, not by name."""
    if not image:
        return b""
    if len(image) > MAX_IMAGE_BYTES:
        raise ValidationError("Ảnh chữ ký / con dấu không được lớn hơn 512 KB.", code="image_size")
    if not image.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValidationError("Ảnh chữ ký / con dấu phải là tệp PNG nền trong suốt.", code="image_type")
    from io import BytesIO

    from PIL import Image

    try:
        with Image.open(BytesIO(image)) as picture:
            picture.verify()
    except Exception as error:  # noqa: BLE001 - any decoder error means a broken file
        raise ValidationError("Tệp ảnh PNG bị hỏng.", code="image_broken") from error
    return image


def _owner(actor: User, *, user: User | None, unit: Unit | None) -> dict:
    if (user is None) == (unit is None):
        raise ValidationError("Chứng thư số thuộc về một tài khoản hoặc một cơ quan.", code="owner")
    if user is not None:
        ensure(policies.manage_own_credential_refusal(actor, user))
    else:
        ensure(policies.manage_unit_credential_refusal(actor, unit))
    return {"user": user, "unit": unit}


def _store(actor: User, owner: dict, *, kind: str, info: keys.CertificateInfo, secret: bytes = b"",
           token_label: str = "", key_label: str = "", image: bytes = b"") -> SigningCredential:
    SigningCredential.objects.filter(is_active=True, **owner).update(is_active=False)
    credential = SigningCredential.objects.create(
        kind=kind, secret=secret, token_label=token_label, key_label=key_label, certificate=info.der,
        chain=info.chain_pem, subject=info.subject, issuer=info.issuer, serial=info.serial,
        not_before=info.not_before, not_after=info.not_after, image=image, created_by=actor, **owner,
    )
    unit = owner["unit"] or owner["user"].unit
    audit_record(
        actor=actor, action="signing_credential_add", obj=credential, unit=unit,
        summary=f"Đăng ký chứng thư số {info.subject} (số hiệu {info.serial}) cho {credential.owner_label}",
    )
    return credential


@transaction.atomic
def credential_upload_pkcs12(
    *, actor: User, data: bytes, password: str, image: bytes | None = None, user: User | None = None, unit: Unit | None = None
) -> SigningCredential:
    """Register a PKCS#12 file: checked now (expired, revoked, untrusted are refused), kept encrypted."""
    owner = _owner(actor, user=user, unit=unit)
    repacked, info = keys.read_pkcs12(data, password)
    trust.check_certificate(info.der, chain_pem=info.chain_pem)
    return _store(actor, owner, kind=CredentialKind.PKCS12, info=info, secret=keys.seal_secret(repacked), image=clean_image(image))


@transaction.atomic
def credential_register_pkcs11(
    *, actor: User, token_label: str, key_label: str, image: bytes | None = None, user: User | None = None,
    unit: Unit | None = None,
) -> SigningCredential:
    """Register a key held on a PKCS#11 token; only its labels and certificate are stored."""
    owner = _owner(actor, user=user, unit=unit)
    info = keys.read_pkcs11_certificate(token_label=token_label.strip(), key_label=key_label.strip())
    trust.check_certificate(info.der, chain_pem=info.chain_pem)
    return _store(
        actor, owner, kind=CredentialKind.PKCS11, info=info, token_label=token_label.strip(), key_label=key_label.strip(),
        image=clean_image(image),
    )


@transaction.atomic
def credential_deactivate(*, actor: User, credential: SigningCredential) -> SigningCredential:
    credential = SigningCredential.objects.select_for_update().get(pk=credential.pk)
    ensure(policies.deactivate_credential_refusal(actor, credential))
    credential.is_active = False
    credential.save(update_fields=["is_active"])
    audit_record(
        actor=actor, action="signing_credential_remove", obj=credential,
        unit=credential.unit or credential.user.unit, summary=f"Ngừng dùng chứng thư số {credential.subject}",
    )
    return credential
