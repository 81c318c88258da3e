"""Keys at rest and in use: encrypt an uploaded PKCS#12, open a signer from it or from a PKCS#11 token.

The key-encryption keys are ``THIDUA_SIGNING_KEYS`` (Fernet keys, the first encrypts, all decrypt,
so a key can be rotated); without them a key is derived from ``SECRET_KEY``.
"""

from __future__ import annotations

import base64
import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import pkcs12
from django.conf import settings
from django.core.exceptions import ValidationError
from pyhanko.sign import signers


def _fernet() -> MultiFernet:
    keys = list(getattr(settings, "THIDUA_SIGNING_KEYS", []) or [])
    if not keys:
        derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"thidua-signing", info=b"pkcs12-at-rest").derive(
            settings.SECRET_KEY.encode()
        )
        keys = [base64.urlsafe_b64encode(derived).decode()]
    return MultiFernet([Fernet(key.encode() if isinstance(key, str) else key) for key in keys])


def seal_secret(data: bytes) -> bytes:
    return _fernet().encrypt(data)


def open_secret(token: bytes) -> bytes:
    try:
        return _fernet().decrypt(bytes(token))
    except InvalidToken as error:
        raise ValidationError(
            "Không giải mã được khóa bí mật: khóa mã hóa của hệ thống (THIDUA_SIGNING_KEYS) đã đổi.", code="kek"
        ) from error


@dataclass
class CertificateInfo:
    der: bytes
    chain_pem: bytes
    subject: str
    issuer: str
    serial: str
    not_before: datetime
    not_after: datetime


def certificate_info(cert: x509.Certificate, chain: list[x509.Certificate]) -> CertificateInfo:
    loaded = asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    return CertificateInfo(
        der=cert.public_bytes(serialization.Encoding.DER),
        chain_pem=b"".join(c.public_bytes(serialization.Encoding.PEM) for c in chain),
        subject=loaded.subject.human_friendly,
        issuer=loaded.issuer.human_friendly,
        serial=format(cert.serial_number, "X"),
        not_before=cert.not_valid_before_utc,
        not_after=cert.not_valid_after_utc,
    )


def read_pkcs12(data: bytes, password: str) -> tuple[bytes, CertificateInfo]:
    """Open an uploaded PKCS#12 with its password; return it re-packed without a password
    (to be encrypted at rest) and its certificate's details."""
    try:
        key, cert, chain = pkcs12.load_key_and_certificates(data, password.encode() if password else None)
    except ValueError as error:
        raise ValidationError("Không mở được tệp chứng thư số: sai mật khẩu hoặc tệp không đúng định dạng PKCS#12.", code="p12") from error
    if key is None or cert is None:
        raise ValidationError("Tệp PKCS#12 phải chứa cả khóa bí mật và chứng thư số.", code="p12_incomplete")
    chain = list(chain or [])
    repacked = pkcs12.serialize_key_and_certificates(
        name=b"thidua", key=key, cert=cert, cas=chain or None, encryption_algorithm=serialization.NoEncryption()
    )
    return repacked, certificate_info(cert, chain)


def _chain_certs(chain_pem: bytes) -> list[asn1_x509.Certificate]:
    from .pades import load_certificates

    return load_certificates([bytes(chain_pem)]) if chain_pem else []


@contextlib.contextmanager
def open_signer(credential) -> Iterator[signers.Signer]:
    """A pyHanko signer for ``credential``; a PKCS#11 session is closed on exit."""
    if credential.kind == "pkcs12":
        data = open_secret(credential.secret)
        yield signers.SimpleSigner.load_pkcs12_data(data, other_certs=_chain_certs(credential.chain), passphrase=None)
        return
    from pyhanko.sign import pkcs11 as hanko_pkcs11

    module = settings.THIDUA_PKCS11_MODULE
    if not module:
        raise ValidationError("Chưa cấu hình thư viện PKCS#11 (THIDUA_PKCS11_MODULE).", code="pkcs11_module")
    session = hanko_pkcs11.open_pkcs11_session(
        module, token_criteria=hanko_pkcs11.TokenCriteria(label=credential.token_label),
        user_pin=settings.THIDUA_PKCS11_PIN or None,
    )
    try:
        yield hanko_pkcs11.PKCS11Signer(
            session,
            key_label=credential.key_label,
            cert_label=credential.key_label,
            other_certs_to_pull=(),
            ca_chain=_chain_certs(credential.chain),
        )
    finally:
        session.close()


def read_pkcs11_certificate(*, token_label: str, key_label: str) -> CertificateInfo:
    """Read the certificate stored beside a key on a token (nothing secret leaves the token)."""
    from pyhanko.sign import pkcs11 as hanko_pkcs11

    module = settings.THIDUA_PKCS11_MODULE
    if not module:
        raise ValidationError("Chưa cấu hình thư viện PKCS#11 (THIDUA_PKCS11_MODULE).", code="pkcs11_module")
    try:
        session = hanko_pkcs11.open_pkcs11_session(
            module, token_criteria=hanko_pkcs11.TokenCriteria(label=token_label), user_pin=settings.THIDUA_PKCS11_PIN or None
        )
    except Exception as error:  # noqa: BLE001 - any token failure is one message to the person
        raise ValidationError(f"Không mở được thiết bị ký số “{token_label}”.", code="pkcs11_token") from error
    try:
        signer = hanko_pkcs11.PKCS11Signer(session, key_label=key_label, cert_label=key_label, other_certs_to_pull=())
        cert = signer.signing_cert
    except Exception as error:  # noqa: BLE001
        raise ValidationError(f"Không tìm thấy khóa và chứng thư “{key_label}” trên thiết bị.", code="pkcs11_key") from error
    finally:
        session.close()
    return certificate_info(x509.load_der_x509_certificate(cert.dump()), [])
