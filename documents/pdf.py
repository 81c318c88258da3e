"""PDF rendering with WeasyPrint in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I.

The URL fetcher reads only the project's own static and media files from disk; any other
URL (another file:// path, http(s)://, ftp://, data:) is refused, so a rendered body can
never make the worker read a secret file or call the network.
"""

from __future__ import annotations

import logging
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .models import DocumentStatus, DocumentType, OfficialDocument
from .numbering import vietnamese_date

logger = logging.getLogger(__name__)
logging.getLogger("weasyprint").setLevel(logging.WARNING)

DECISION_LIKE = {DocumentType.DECISION}


class FetchRefused(ValueError):
    """A resource outside the project's static and media files."""


def allowed_roots() -> list[Path]:
    roots = [Path(p).resolve() for p in getattr(settings, "STATICFILES_DIRS", [])]
    roots += [Path(settings.STATIC_ROOT).resolve(), Path(settings.MEDIA_ROOT).resolve()]
    return roots


def resolve_local(url: str) -> Path:
    """Map a file:// URL to a path inside the allowed roots, or refuse it."""
    parsed = urlparse(url)
    if parsed.scheme != "file" or parsed.netloc not in ("", "localhost"):
        raise FetchRefused(f"Không cho phép tải tài nguyên ngoài: {parsed.scheme or 'không rõ'}://")
    path = Path(unquote(parsed.path)).resolve()
    for root in allowed_roots():
        if path.is_relative_to(root) and path.is_file():
            return path
    raise FetchRefused("Không cho phép đọc tệp ngoài thư mục tĩnh và media của ứng dụng.")


class SafeUrlFetcher(URLFetcher):
    """Serve static and media files from disk; refuse everything else."""

    def __init__(self):
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        try:
            path = resolve_local(url)
        except FetchRefused:
            self.refused.append(url)
            raise
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime})


def static_css(name: str) -> str:
    path = finders.find(name)
    if not path:
        raise FileNotFoundError(name)
    return Path(path).read_text(encoding="utf-8")


def html_to_pdf(html: str, *, fetcher: SafeUrlFetcher | None = None) -> bytes:
    base_url = Path(settings.BASE_DIR / "static").resolve().as_uri() + "/"
    return HTML(string=html, base_url=base_url, url_fetcher=fetcher or SafeUrlFetcher()).write_pdf()


@dataclass
class SignatureBlock:
    authority_line: str
    title: str
    name: str
    signed: bool


def _signature_blocks(document: OfficialDocument) -> list[SignatureBlock]:
    blocks = []
    for signer in document.signers.all():
        authority_line = f"{signer.authority} {signer.authority_body}".strip() if signer.authority else ""
        blocks.append(SignatureBlock(authority_line.upper(), signer.title.upper(), signer.name, signer.signed_at is not None))
    # Joint documents: the lead issuer's block stands on the right (legal-reference §4.5).
    return list(reversed(blocks))


def _issuer_blocks(document: OfficialDocument) -> list[dict]:
    return [
        {"governing": unit.governing_body.upper(), "heading": unit.heading.upper()} for unit in document.ordered_issuers()
    ]


def document_context(document: OfficialDocument, *, preview: bool) -> dict:
    issuers = document.ordered_issuers()
    lead = issuers[0]
    if document.issued_on:
        date_line = vietnamese_date(document.issued_on)
    else:
        date_line = "ngày      tháng      năm"
    if document.symbol:
        number_line = document.symbol
    else:
        from .numbering import build_symbol

        number_line = build_symbol(
            number=0, doc_type=document.doc_type, issuers=issuers, drafting_unit=document.drafting_unit
        ).replace("00/", "      /", 1)
    archive = f"Lưu: {document.archive_note or 'VT'}."
    blocks = _signature_blocks(document)
    return {
        "document": document,
        "css": static_css("pdf/document.css"),
        "issuers": _issuer_blocks(document),
        "number_line": number_line,
        "place": document.place_name or lead.place_name,
        "date_line": date_line,
        "type_title": document.type_title.upper(),
        "is_letter": document.doc_type == DocumentType.OFFICIAL_LETTER,
        "is_decision": document.doc_type in DECISION_LIKE,
        "decider_line": _decider_line(document),
        "signatures": blocks,
        "signature_rows": [blocks[i : i + 3] for i in range(0, len(blocks), 3)],
        "recipients": document.recipients,
        "archive": archive,
        "preview": preview or document.status not in (DocumentStatus.ISSUED, DocumentStatus.REVOKED, DocumentStatus.REPLACED),
        "revoked": document.status == DocumentStatus.REVOKED,
    }


def _decider_line(document: OfficialDocument) -> str:
    """The deciding authority printed above the căn cứ lines of a decision ("BỘ TRƯỞNG BỘ CÔNG THƯƠNG")."""
    signer = document.signers.first()
    if signer is None:
        return ""
    if signer.authority in ("KT.", "Q.") and signer.authority_body:
        return signer.authority_body.upper()
    return signer.title.upper()


def render_document_pdf(document: OfficialDocument, *, preview: bool = False) -> bytes:
    html = render_to_string("pdf/document.html", document_context(document, preview=preview))
    return html_to_pdf(html)


def render_certificate_pdf(
    *,
    form_name: str,
    giver_title: str,
    recipient: str,
    recipient_detail: str = "",
    achievement: str,
    decision_symbol: str,
    decision_date,
    golden_book_number: str,
    place_name: str,
    signer_title: str,
    signer_name: str,
    preview: bool = False,
) -> bytes:
    """A Bằng khen, Giấy khen or Cờ thi đua certificate (legal-reference §5); paper size is a setting."""
    context = {
        "css": static_css("pdf/certificate.css"),
        "page_size": getattr(settings, "THIDUA_CERTIFICATE_PAGE_SIZE", "400mm 300mm"),
        "form_name": form_name,
        "giver_title": giver_title.upper(),
        "recipient": recipient,
        "recipient_detail": recipient_detail,
        "achievement": achievement,
        "decision_symbol": decision_symbol,
        "decision_date": vietnamese_date(decision_date) if decision_date else "",
        "golden_book_number": golden_book_number,
        "place_date": f"{place_name}, {vietnamese_date(decision_date)}" if decision_date else place_name,
        "signer_title": signer_title.upper(),
        "signer_name": signer_name,
        "preview": preview,
    }
    return html_to_pdf(render_to_string("pdf/certificate.html", context))
