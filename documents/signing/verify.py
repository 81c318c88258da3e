"""Check an uploaded PDF against the issued file: byte for byte, then its signatures."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from documents.extensions import certificate_status
from documents.models import DocumentStatus

from . import pades, trust
from .models import CertificateVerification, Verification

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


@dataclass
class Verdict:
    genuine: bool
    identical: bool
    message: str
    notes: list[str] = field(default_factory=list)
    signatures: list[pades.SignatureReport] = field(default_factory=list)


def verify_upload(*, verification: Verification | CertificateVerification, data: bytes) -> Verdict:
    """Compare with the issued file of a document or of a certificate, then validate the signatures."""
    certificate = isinstance(verification, CertificateVerification)
    what = "bằng khen, giấy khen, cờ thi đua đã cấp" if certificate else "văn bản đã ban hành"
    if not data.startswith(b"%PDF-"):
        return Verdict(False, False, "Tệp tải lên không phải là tệp PDF.")
    identical = hashlib.sha256(data).hexdigest() == verification.issued_sha256
    report = pades.validate(data, trust_roots=trust.trust_roots())
    notes = []
    if report.error or not report.signatures:
        signatures_note = "Tệp không có chữ ký số nào kiểm tra được."
    elif report.ok:
        signatures_note = f"Cả {len(report.signatures)} chữ ký số trong tệp đều hợp lệ và còn nguyên vẹn."
    else:
        broken = [s for s in report.signatures if not s.ok]
        signatures_note = (
            f"{len(broken)}/{len(report.signatures)} chữ ký số không hợp lệ: nội dung đã bị thay đổi sau khi ký"
            " hoặc chứng thư số không được tin cậy."
        )
    notes.append(signatures_note)
    document = verification.document
    subject = "quyết định khen thưởng này" if certificate else "văn bản này"
    if document.status == DocumentStatus.REVOKED:
        notes.append(f"Lưu ý: {subject} đã bị thu hồi, không còn hiệu lực.")
    elif document.status == DocumentStatus.REPLACED:
        notes.append(f"Lưu ý: {subject} đã được thay thế bằng văn bản khác.")
    if certificate and (status := certificate_status(verification.subject_id)):
        notes.append(f"Lưu ý: {status}")
    if identical:
        return Verdict(True, True, f"Đây là bản gốc của {what}: tệp trùng khớp từng byte với bản lưu trên hệ thống.",
                       notes, report.signatures)
    return Verdict(
        False, False,
        f"Tệp này KHÔNG phải là bản {what}: nội dung khác với bản lưu trên hệ thống.",
        notes, report.signatures,
    )
