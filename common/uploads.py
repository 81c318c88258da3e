"""Uploaded files: the type is read from the first bytes, never from the name (ASVS V12)."""

import unicodedata
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError

SIGNATURES = [
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
]
ZIP_MAGIC = b"PK\x03\x04"
OFFICE = {
    "word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}
ACCEPTED = "PDF, ảnh PNG/JPEG, Word (.docx) hoặc Excel (.xlsx)"


def max_upload_bytes() -> int:
    return int(getattr(settings, "EVIDENCE_MAX_BYTES", 10 * 1024 * 1024))


def sniff_upload(upload) -> tuple[str, str]:
    """Return (content type, extension) from the file's content, or refuse it."""
    limit = max_upload_bytes()
    if upload.size > limit:
        raise ValidationError(f"Tệp quá lớn: tối đa {limit // (1024 * 1024)} MB.", code="too_large")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    for magic, kind, extension in SIGNATURES:
        if head.startswith(magic):
            return kind, extension
    if head.startswith(ZIP_MAGIC):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            names = []
        finally:
            upload.seek(0)
        for prefix, (kind, extension) in OFFICE.items():
            if any(name.startswith(prefix) for name in names):
                return kind, extension
    raise ValidationError(f"Tệp phải là {ACCEPTED}; nội dung tệp không khớp các loại này.", code="bad_type")


def safe_original_name(name: str, default: str = "tep-dinh-kem") -> str:
    """The client's file name as sanitised metadata only: no path, no control characters."""
    name = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip().lstrip(".")
    return name[:255] or default
