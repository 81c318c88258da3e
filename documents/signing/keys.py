"""Keys at rest and in use: encrypt an uploaded PKCS#12, open a signer from it or from a PKCS#11 token.

The key-encryption keys are ``THIDUA_SIGNING_KEYS`` (Fernet keys, the first encrypts, all decrypt,
so a key can be rotated); without them a key is derived from ``SECRET_KEY``.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ec import ECDSA, EllipticCurvePrivateKey
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import pkcs12
from django.conf import settings
from django.core.exceptions import ValidationError
from pyhanko.sign import signers
from pyhanko.sign.general import get_pyca_cryptography_hash


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


class LoadedKeySigner(signers.SimpleSigner):
    """pyHanko's in-memory signer, with its private key loaded once.

    ``SimpleSigner.sign_raw`` parses the key again for every signature, and parsing an RSA key checks
    it (about 55 ms for 2048 bits); the decision's 1,000 certificates are signed with one key.
    Mechanisms other than RSA PKCS#1 v1.5 and ECDSA go through pyHanko's own code.
    """

    @classmethod
    def from_signer(cls, signer: signers.SimpleSigner) -> LoadedKeySigner:
        return cls(signing_key=signer.signing_key, signing_cert=signer.signing_cert, cert_registry=signer.cert_registry)

    @functools.cached_property
    def private_key(self):
        return serialization.load_der_private_key(self.signing_key.dump(), password=None)

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
        key = self.private_key
        if mechanism == "rsassa_pkcs1v15" and isinstance(key, RSAPrivateKey):
            return key.sign(data, PKCS1v15(), get_pyca_cryptography_hash(digest_algorithm))
        if mechanism == "ecdsa" and isinstance(key, EllipticCurvePrivateKey):
            return key.sign(data, signature_algorithm=ECDSA(get_pyca_cryptography_hash(digest_algorithm)))
        return super().sign_raw(data, digest_algorithm)


_LOADED: OrderedDict[str, LoadedKeySigner] = OrderedDict()
_LOADED_LOCK = threading.Lock()
LOADED_KEPT = 8  # signers kept per process: one per organisation signing at the same time is plenty


def _pkcs12_signer(data: bytes, chain_pem: bytes) -> LoadedKeySigner:
    """The signer of a decrypted PKCS#12, opened once per process and kept (least recently used
    dropped): opening one parses and checks its key, about 60 ms. The cache is keyed by a digest of
    the key material itself, so a replaced key or chain is opened afresh; the worker processes are
    recycled (``CELERY_WORKER_MAX_TASKS_PER_CHILD``), which bounds how long a key stays in memory."""
    fingerprint = hashlib.sha256(data + b"\0" + chain_pem).hexdigest()
    with _LOADED_LOCK:
        signer = _LOADED.get(fingerprint)
        if signer is not None:
            _LOADED.move_to_end(fingerprint)
            return signer
    opened = signers.SimpleSigner.load_pkcs12_data(data, other_certs=_chain_certs(chain_pem), passphrase=None)
    signer = LoadedKeySigner.from_signer(opened)
    with _LOADED_LOCK:
        _LOADED[fingerprint] = signer
        while len(_LOADED) > LOADED_KEPT:
            _LOADED.popitem(last=False)
    return signer


@contextlib.contextmanager
def open_signer(credential) -> Iterator[signers.Signer]:
    """A pyHanko signer for ``credential``; a PKCS#11 session is closed on exit.

    A PKCS#12 is decrypted every time (a changed key-encryption key is noticed at once), then its
    signer comes from the per-process cache (``_pkcs12_signer``)."""
    if credential.kind == "pkcs12":
        data = open_secret(credential.secret)
        yield _pkcs12_signer(data, bytes(credential.chain or b""))
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
