"""Keys in use: a PKCS#12 is opened once per process and its key stays loaded, with the same signatures."""

import datetime as dt
from types import SimpleNamespace

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.core.exceptions import ValidationError
from pyhanko.sign import signers

from documents.signing import keys


def make_pkcs12(key) -> bytes:
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Sở Công Thương tỉnh Vĩnh Long")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30)).sign(key, hashes.SHA256())
    )
    return pkcs12.serialize_key_and_certificates(b"t", key, cert, None, serialization.NoEncryption())


@pytest.fixture(autouse=True)
def empty_cache():
    keys._LOADED.clear()
    yield
    keys._LOADED.clear()


def test_rsa_signature_is_the_same_as_pyhankos_and_the_key_is_parsed_once(monkeypatch):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    data = make_pkcs12(key)
    signer = keys._pkcs12_signer(data, b"")
    parsed = []
    real = keys.serialization.load_der_private_key
    monkeypatch.setattr(keys.serialization, "load_der_private_key", lambda *a, **k: parsed.append(1) or real(*a, **k))

    first = signer.sign_raw(b"van ban 1", "sha256")
    second = signer.sign_raw(b"van ban 2", "sha256")
    assert len(parsed) == 1, "the key is parsed for the first signature only"

    reference = signers.SimpleSigner.load_pkcs12_data(data, other_certs=[], passphrase=None)
    assert first == reference.sign_raw(b"van ban 1", "sha256"), "PKCS#1 v1.5 is deterministic: the same bytes as pyHanko's"
    key.public_key().verify(second, b"van ban 2", padding.PKCS1v15(), hashes.SHA256())


def test_ecdsa_key_signs_verifiably():
    key = ec.generate_private_key(ec.SECP256R1())
    signer = keys._pkcs12_signer(make_pkcs12(key), b"")
    signature = signer.sign_raw(b"bang khen", "sha256")
    key.public_key().verify(signature, b"bang khen", ec.ECDSA(hashes.SHA256()))


def test_the_same_key_is_opened_once_and_a_replaced_key_afresh():
    first_key, second_key = (rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(2))
    first, second = make_pkcs12(first_key), make_pkcs12(second_key)
    assert keys._pkcs12_signer(first, b"") is keys._pkcs12_signer(first, b"")
    replaced = keys._pkcs12_signer(second, b"")
    assert replaced is not keys._pkcs12_signer(first, b"")
    assert replaced.signing_cert.public_key.dump() != keys._pkcs12_signer(first, b"").signing_cert.public_key.dump()


def test_only_a_few_signers_are_kept(monkeypatch):
    monkeypatch.setattr(keys, "LOADED_KEPT", 2)
    opened = [make_pkcs12(ec.generate_private_key(ec.SECP256R1())) for _ in range(3)]
    for data in opened:
        keys._pkcs12_signer(data, b"")
    assert len(keys._LOADED) == 2


def test_a_changed_key_encryption_key_is_noticed_although_the_signer_is_kept(settings):
    data = make_pkcs12(ec.generate_private_key(ec.SECP256R1()))
    credential = SimpleNamespace(kind="pkcs12", secret=keys.seal_secret(data), chain=b"")
    with keys.open_signer(credential) as signer:
        assert signer.sign_raw(b"x", "sha256")
    settings.THIDUA_SIGNING_KEYS = ["x" * 43 + "="]
    with pytest.raises(ValidationError), keys.open_signer(credential):
        pass


def test_organisation_appearance_is_drawn_once_per_second_and_seal():
    """Certificates signed in the same second with the same seal share one drawing; the next second,
    another seal or another name draw again (the time and name printed are always the signature's)."""
    from datetime import datetime, timedelta
    from unittest import mock
    from zoneinfo import ZoneInfo

    from documents.signing import appearance

    moment = datetime(2026, 11, 30, 8, 15, 30, tzinfo=ZoneInfo("UTC"))
    size = {"width_pt": 200.0, "height_pt": 90.0, "seal_pt": 100.0}
    appearance.organisation_appearance.cache_clear()
    with mock.patch.object(appearance, "_page", wraps=appearance._page) as drawn:
        first = appearance.organisation_appearance(None, organisation="Bộ Công Thương", signed_at=moment, **size)
        again = appearance.organisation_appearance(None, organisation="Bộ Công Thương", signed_at=moment, **size)
        later = appearance.organisation_appearance(None, organisation="Bộ Công Thương", signed_at=moment + timedelta(seconds=1), **size)
        other = appearance.organisation_appearance(b"<svg xmlns='http://www.w3.org/2000/svg'/>", organisation="Bộ Công Thương", signed_at=moment, **size)
    assert first == again and drawn.call_count == 3
    assert "2026-11-30T15:15:31+07:00" in drawn.call_args_list[1].args[2] and later != first and other != first
