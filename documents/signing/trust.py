"""Trust roots, revocation, the time-stamp authority and the signature level, from the settings."""

from __future__ import annotations

import logging
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.core.exceptions import ValidationError
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko_certvalidator import CertificateValidator, ValidationContext
from pyhanko_certvalidator import errors as cv_errors

from .pades import _run, load_certificates

logger = logging.getLogger(__name__)

LEVEL_BB = "PAdES B-B"
LEVEL_BLT = "PAdES B-LT"


def demo_root_path() -> Path:
    return Path(settings.THIDUA_SIGNING_DEMO_DIR) / "ca-root.pem"


def trust_root_paths() -> list[Path]:
    configured = [Path(p) for p in settings.THIDUA_SIGNING_TRUST_ROOTS]
    if configured:
        return configured
    demo = demo_root_path()
    return [demo] if demo.exists() else []


def trust_roots() -> list[asn1_x509.Certificate]:
    roots = []
    for path in trust_root_paths():
        try:
            roots.extend(load_certificates([path.read_bytes()]))
        except (OSError, ValueError) as error:
            logger.error("Không đọc được chứng thư gốc %s (%s)", path, error.__class__.__name__)
    return roots


def revocation_enabled() -> bool:
    return bool(settings.THIDUA_SIGNING_REVOCATION)


def signature_level() -> str:
    """B-LT where a TSA and revocation information are configured, B-B otherwise."""
    return LEVEL_BLT if settings.THIDUA_SIGNING_TSA_URL and revocation_enabled() else LEVEL_BB


def validation_context(*, other_certs=()) -> ValidationContext:
    revocation = revocation_enabled()
    return ValidationContext(
        trust_roots=trust_roots(),
        other_certs=list(other_certs),
        allow_fetching=revocation,
        revocation_mode="hard-fail" if revocation else "soft-fail",
    )


def timestamper() -> HTTPTimeStamper | None:
    url = settings.THIDUA_SIGNING_TSA_URL
    return HTTPTimeStamper(url, timeout=10) if url else None


def check_certificate(certificate_der: bytes, *, chain_pem: bytes = b"") -> None:
    """Refuse a certificate that may not sign now: expired, not yet valid, revoked or untrusted."""
    cert = asn1_x509.Certificate.load(bytes(certificate_der))
    chain = load_certificates([bytes(chain_pem)]) if chain_pem else []
    context = validation_context(other_certs=chain)

    async def validate():
        try:
            validator = CertificateValidator(cert, intermediate_certs=chain, validation_context=context)
            await validator.async_validate_usage({"digital_signature"})
        finally:
            await context.aclose()

    try:
        _run(validate())
    except cv_errors.RevokedError as error:
        raise ValidationError("Chứng thư số đã bị thu hồi: không được dùng để ký.", code="cert_revoked") from error
    except (cv_errors.ExpiredError, cv_errors.NotYetValidError) as error:
        raise ValidationError(
            f"Chứng thư số không còn hiệu lực (hiệu lực đến {cert.not_valid_after:%d/%m/%Y}): không được dùng để ký.",
            code="cert_expired",
        ) from error
    except cv_errors.PathBuildingError as error:
        raise ValidationError(
            "Chứng thư số không do tổ chức cung cấp dịch vụ chứng thực được tin cậy cấp.", code="cert_untrusted"
        ) from error
    except (cv_errors.PathValidationError, cv_errors.InvalidCertificateError) as error:
        raise ValidationError(f"Chứng thư số không hợp lệ để ký: {error}", code="cert_invalid") from error
