"""Validate every signature of a PDF: intact, valid, trusted, and what changed after each."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko_certvalidator import ValidationContext

from .pades import _run


@dataclass
class SignatureReport:
    field_name: str
    subject: str
    issuer: str
    serial: int
    not_before: datetime
    not_after: datetime
    signing_time: datetime | None
    timestamp_time: datetime | None
    intact: bool
    valid: bool
    trusted: bool
    revision_ok: bool
    covers_whole_file: bool
    certifying: bool
    summary: str

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted and self.revision_ok


@dataclass
class FileReport:
    signatures: list[SignatureReport]
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.error and bool(self.signatures) and all(s.ok for s in self.signatures)


def _human_name(name: asn1_x509.Name) -> str:
    return name.human_friendly


async def _validate_all(reader: PdfFileReader, vc_factory) -> list[SignatureReport]:
    reports = []
    signatures = reader.embedded_regular_signatures
    for index, embedded in enumerate(signatures):
        context = vc_factory()
        try:
            status = await async_validate_pdf_signature(embedded, signer_validation_context=context)
        finally:
            await context.aclose()
        cert = status.signing_cert
        ts = status.timestamp_validity
        modification_ok = status.docmdp_ok is not False and (
            status.modification_level is None or status.modification_level.value <= 2
        )
        reports.append(
            SignatureReport(
                field_name=embedded.field_name,
                subject=_human_name(cert.subject),
                issuer=_human_name(cert.issuer),
                serial=cert.serial_number,
                not_before=cert.not_valid_before,
                not_after=cert.not_valid_after,
                signing_time=status.signer_reported_dt,
                timestamp_time=ts.timestamp if ts is not None else None,
                intact=status.intact,
                valid=status.valid,
                trusted=status.trusted,
                revision_ok=modification_ok,
                covers_whole_file=index == len(signatures) - 1 and status.coverage.name == "ENTIRE_FILE",
                certifying=embedded.sig_object.get("/Reference") is not None and index == 0
                and _is_certification(embedded),
                summary=status.summary(),
            )
        )
    return reports


def _is_certification(embedded) -> bool:
    try:
        return embedded.docmdp_level is not None
    except Exception:  # noqa: BLE001 - a malformed reference dictionary is simply "not certifying"
        return False


def validate(pdf: bytes, *, trust_roots: Sequence[asn1_x509.Certificate], allow_fetching: bool = False) -> FileReport:
    """Validate every signature of ``pdf`` against ``trust_roots``; never raises on a bad file."""

    def factory() -> ValidationContext:
        return ValidationContext(
            trust_roots=list(trust_roots), allow_fetching=allow_fetching, revocation_mode="soft-fail"
        )

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        reports = _run(_validate_all(reader, factory))
    except (SignatureValidationError, ValueError, KeyError, IndexError, TypeError) as error:
        return FileReport(signatures=[], error=f"{error.__class__.__name__}: {error}")
    except Exception as error:  # noqa: BLE001 - an uploaded file can break the parser in any way
        return FileReport(signatures=[], error=f"{error.__class__.__name__}: {error}")
    return FileReport(signatures=reports)
