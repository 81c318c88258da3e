"""Uploaded files: the type is read from the content, never from the name (ASVS V12).

The stored and the downloaded name take their extension from the detected type: a PDF called
``evil.html`` is kept and served as ``evil.pdf``, a PNG called ``logo.svg`` as ``logo.png``. A zip is
accepted only as a Word or Excel file without macros: every part under the parts a .docx or .xlsx
has, a ``[Content_Types].xml`` that names the plain (not macro-enabled) main part, no VBA project.
So ``.xlsm``, ``.docm`` and a ``.jar`` dressed as ``.xlsx`` are refused.
"""

import re
import unicodedata
import zipfile

from defusedxml import ElementTree
from django.conf import settings
from django.core.exceptions import ValidationError

SIGNATURES = [
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
]
ZIP_MAGIC = b"PK\x03\x04"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Each accepted Office type: its folder, and the content type its main part (the package's
# officeDocument relationship) must have.
OFFICE = {
    "word/": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", DOCX, "docx"),
    "xl/": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", XLSX, "xlsx"),
}
OFFICE_COMMON_PARTS = ("[Content_Types].xml", "_rels/", "docProps/", "customXml/")
MACRO_PARTS = re.compile(r"(^|/)(vbaProject\.bin|vbaData\.xml|activeX/)", re.IGNORECASE)
MAX_ZIP_ENTRIES = 5000
MAX_PACKAGE_XML_BYTES = 1024 * 1024
CONTENT_TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
RELATIONSHIPS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

ACCEPTED = "PDF, ảnh PNG/JPEG, Word (.docx) hoặc Excel (.xlsx)"
NOT_OFFICE = "Tệp nén không phải tài liệu Word (.docx) hoặc Excel (.xlsx) hợp lệ."
MACROS = "Tệp Word, Excel có macro (.docm, .xlsm) không được chấp nhận; hãy lưu lại dưới dạng .docx hoặc .xlsx."
EXTENSIONS = {kind: extension for _, kind, extension in SIGNATURES} | {DOCX: "docx", XLSX: "xlsx"}


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
            return sniff_office(upload)
        finally:
            upload.seek(0)
    raise ValidationError(f"Tệp phải là {ACCEPTED}; nội dung tệp không khớp các loại này.", code="bad_type")


def sniff_office(upload) -> tuple[str, str]:
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            names = [entry.filename for entry in entries]
            if len(entries) > MAX_ZIP_ENTRIES or "[Content_Types].xml" not in names or "_rels/.rels" not in names:
                raise ValidationError(NOT_OFFICE, code="bad_type")
            if any(MACRO_PARTS.search(name) for name in names):
                raise ValidationError(MACROS, code="macros")
            prefixes = [prefix for prefix in OFFICE if any(name.startswith(prefix) for name in names)]
            if len(prefixes) != 1:
                raise ValidationError(NOT_OFFICE, code="bad_type")
            prefix = prefixes[0]
            if any(not name.startswith((prefix, *OFFICE_COMMON_PARTS)) for name in names):  # META-INF/, *.class…
                raise ValidationError(NOT_OFFICE, code="bad_type")
            parts = {}
            for part in ("[Content_Types].xml", "_rels/.rels"):
                if archive.getinfo(part).file_size > MAX_PACKAGE_XML_BYTES:
                    raise ValidationError(NOT_OFFICE, code="bad_type")
                parts[part] = parse_xml(archive.read(part))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, OSError, ValueError) as error:
        raise ValidationError(NOT_OFFICE, code="bad_type") from error
    content_types = {
        element.get("PartName", ""): element.get("ContentType", "")
        for element in parts["[Content_Types].xml"].iter(f"{CONTENT_TYPES_NS}Override")
    }
    if any("macroenabled" in value.lower() for value in content_types.values()):
        raise ValidationError(MACROS, code="macros")
    main_parts = [
        "/" + element.get("Target", "").lstrip("/")
        for element in parts["_rels/.rels"].iter(f"{RELATIONSHIPS_NS}Relationship")
        if element.get("Type", "").endswith("/officeDocument")
    ]
    main_type, kind, extension = OFFICE[prefix]
    if len(main_parts) != 1 or not main_parts[0].startswith("/" + prefix) or content_types.get(main_parts[0]) != main_type:
        raise ValidationError(NOT_OFFICE, code="bad_type")
    return kind, extension


def parse_xml(xml: bytes):
    """A package part parsed without entities or DTDs; anything malformed or hostile is a ValueError."""
    try:
        return ElementTree.fromstring(xml)
    except Exception as error:  # noqa: BLE001
        raise ValueError("package part") from error


def safe_original_name(name: str, default: str = "tep-dinh-kem", *, extension: str | None = None) -> str:
    """The client's file name as sanitised metadata only: no path, no control characters.

    With ``extension`` (the one detected from the content), the name ends with it instead of the
    client's: ``evil.html`` holding a PDF becomes ``evil.pdf``.
    """
    name = unicodedata.normalize("NFC", str(name or "")).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip().lstrip(".")
    if extension:
        stem = re.sub(r"\.[A-Za-z0-9]{1,10}$", "", name).rstrip(". ") or default
        return f"{stem[: 254 - len(extension)]}.{extension}"
    return name[:255] or default


def download_name(name: str, content_type: str) -> str:
    """The name a stored file is served under: its extension always the one of its detected type."""
    extension = EXTENSIONS.get(content_type)
    return safe_original_name(name, extension=extension) if extension else safe_original_name(name)
