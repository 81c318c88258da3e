"""PDF rendering with WeasyPrint in the layout of Nghị định 30/2020/NĐ-CP, Phụ lục I.

The URL fetcher reads only the project's own static and media files from disk; any other
URL (another file:// path, http(s)://, ftp://, data:) is refused, so a rendered body can
never make the worker read a secret file or call the network.
"""

from __future__ import annotations

import logging
import mimetypes
import subprocess
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .models import ISSUED_STATUSES, DocumentStatus, DocumentType, OfficialDocument
from .numbering import symbol_tail, vietnamese_date

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


_fonts = threading.local()


def font_config() -> FontConfiguration:
    """The fonts WeasyPrint lays pages out with, set up once per thread of a worker or web process.

    WeasyPrint otherwise builds a new fontconfig configuration and Pango font map for every page,
    about a fifth of the time of a certificate. The documents use installed fonts only (no
    ``@font-face``), so nothing accumulates in it from one document to the next.
    """
    config = getattr(_fonts, "config", None)
    if config is None:
        config = _fonts.config = FontConfiguration()
    return config


def static_base_url() -> str:
    return Path(settings.BASE_DIR / "static").resolve().as_uri() + "/"


def html_document(html: str, *, fetcher: URLFetcher | None = None):
    """Lay out ``html`` (``weasyprint.Document``): its pages, their anchors, and ``write_pdf``."""
    return HTML(string=html, base_url=static_base_url(), url_fetcher=fetcher or SafeUrlFetcher()).render(
        font_config=font_config()
    )


def html_to_pdf(html: str, *, fetcher: SafeUrlFetcher | None = None) -> bytes:
    return html_document(html, fetcher=fetcher).write_pdf()


NBSP = "\u00a0"
WORD_JOINER = "\u2060"
ADMINISTRATIVE_LEVELS = ("THÀNH PHỐ", "TỈNH", "XÃ", "PHƯỜNG", "ĐẶC KHU")


HEADING_WIDTH_PT = 192  # the issuer cell: 45 % of the 165 mm text width (210 pt), less a gutter
HEADING_SIZE_PT = 12


@lru_cache(maxsize=2)
def _font_metrics(bold: bool):
    """Advance widths of Liberation Serif, metric-compatible with Times New Roman (same widths)."""
    from fontTools.ttLib import TTFont

    style = "Bold" if bold else "Regular"
    found = subprocess.run(["fc-match", "-f", "%{file}", f"Liberation Serif:style={style}"], capture_output=True, text=True)
    path = found.stdout.strip() if found.returncode == 0 else ""
    if not path.lower().endswith((".ttf", ".otf")):
        candidates = sorted(Path("/usr/share/fonts").glob(f"**/LiberationSerif-{style}.ttf"))
        path = str(candidates[0]) if candidates else ""
    if not path:
        return None
    font = TTFont(path, lazy=True)
    return font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm


def text_width_pt(text: str, size: float, *, bold: bool) -> float:
    metrics = _font_metrics(bold)
    if metrics is None:
        return len(text) * size * 0.62
    cmap, hmtx, units = metrics
    total = 0
    for char in text.replace(NBSP, " ").replace(WORD_JOINER, ""):
        glyph = cmap.get(ord(char))
        total += hmtx[glyph][0] if glyph else units * 0.6
    return total * size / units


def heading_lines(name: str, *, bold: bool, size: float = HEADING_SIZE_PT, width: float = HEADING_WIDTH_PT) -> list[str]:
    """Break a heading name at its allowed points only (``keep_names_whole``), each line filled greedily.

    Each line is then printed unbroken, so the rule under the name can be measured from its longest line.
    """
    chunks = keep_names_whole(name).split(" ")
    lines: list[str] = []
    for chunk in chunks:
        candidate = f"{lines[-1]} {chunk}" if lines else chunk
        if lines and text_width_pt(candidate, size, bold=bold) <= width:
            lines[-1] = candidate
        else:
            lines.append(chunk)
    return lines


def _glue(words: list[str], breakable: list[bool]) -> str:
    text = words[0]
    for word, can_break in zip(words[1:], breakable, strict=True):
        previous = text[-1]
        # A break is allowed after a hyphen even before a no-break space: the word joiner forbids it.
        text += (" " if can_break else (WORD_JOINER + NBSP if previous == "-" else NBSP)) + word
    return text


def keep_names_whole(name: str) -> str:
    """Glue the parts of a heading that must not break across lines (no "…TỈNH VĨNH / LONG").

    A name with an administrative level breaks only before it ("ỦY BAN NHÂN DÂN / TỈNH VĨNH LONG");
    otherwise the last two words stay together ("VIỆT NAM") and so do the two words on each side of a
    dash ("THI ĐUA - KHEN THƯỞNG").
    """
    words = name.split()
    if len(words) < 2:
        return " ".join(words)
    upper = [word.upper() for word in words]
    for level in ADMINISTRATIVE_LEVELS:
        size = len(level.split())
        for index in range(1, len(words) - size + 1):
            if " ".join(upper[index : index + size]) == level:
                return _glue(words, [i == index - 1 for i in range(len(words) - 1)])
    breakable = [True] * (len(words) - 1)
    breakable[-1] = False
    for index, word in enumerate(words):
        if word in ("-", "–"):
            for pair in range(index - 2, index + 2):
                if 0 <= pair < len(breakable):
                    breakable[pair] = False
    return _glue(words, breakable)


@dataclass
class SignatureBlock:
    authority_line: str
    title: str
    name: str
    signed: bool


def _signature_blocks(document: OfficialDocument) -> list[SignatureBlock]:
    blocks = []
    transcript = bool(document.source_note) and document.status != DocumentStatus.DRAFT
    joint = document.is_joint
    for signer in document.signers.all():
        authority_line = f"{signer.authority} {signer.authority_body}".strip() if signer.authority else ""
        # "Q." (quyền) prints only "Q. GIÁM ĐỐC": the acting head has no second title line.
        title = "" if signer.authority == "Q." else signer.title
        if joint and not signer.meeting_role:
            # Each block of a joint document says which issuer it signs for, on its first line.
            body = _joint_name(signer.unit, document.ordered_issuers())
            if authority_line and body.lower() not in authority_line.lower():
                authority_line = f"{authority_line} {body}"
            elif not authority_line and title and body.lower() not in title.lower():
                title = f"{title} {body}"
        signed = signer.signed_at is not None or transcript
        blocks.append(SignatureBlock(authority_line.upper(), title.upper(), signer.name, signed))
    # Joint documents and minutes: the lead (the chair) stands on the right (Nghị định 30/2020/NĐ-CP, Phụ lục I).
    return list(reversed(blocks))


def _issuer_heading(document: OfficialDocument) -> dict:
    """Tên cơ quan ban hành (Phụ lục I, ô 2): the parent body upright above, the issuer in bold.

    A joint document names its issuers only, lead first, under one rule; a council, board or team
    (tổ chức tư vấn) is named under the agency whose seal it uses. Names are returned as the lines
    they print on, broken only where a name may break.
    """
    issuers = document.ordered_issuers()
    if document.advisory_body_id:
        body = document.advisory_body
        governing, names = [body.unit.name], [body.name]
    elif len(issuers) > 1:
        governing, names = [], [_joint_name(unit, issuers) for unit in issuers]
    else:
        unit = issuers[0]
        governing, names = ([unit.governing_body] if unit.governing_body else []), [unit.heading]
    return {
        "governing": [line for name in governing for line in heading_lines(name.upper(), bold=False)],
        "names": [line for name in names for line in heading_lines(name.upper(), bold=True)],
    }


def _joint_name(unit, issuers) -> str:
    """The heading name, or the full name where two issuers share a heading ("Sở Công Thương")."""
    if sum(1 for other in issuers if other.heading == unit.heading) > 1:
        return unit.name
    return unit.heading


def punctuate_bases(lines: list[str]) -> list[str]:
    """Căn cứ lines end with ";" and the last one with "." (Phụ lục I, ô 6)."""
    cleaned = [line.rstrip().rstrip(";.,").rstrip() for line in lines if line.strip()]
    return [f"{line};" for line in cleaned[:-1]] + [f"{line}." for line in cleaned[-1:]]


def issuer_phrase(document: OfficialDocument) -> str:
    """Who issued it, as written after "của" in an annex reference: the decider of a decision, else the body."""
    if document.doc_type in DECISION_LIKE:
        decider = _decider(document)
        if decider:
            return decider
    if document.advisory_body_id:
        return f"{document.advisory_body.name} {document.advisory_body.unit.name}"
    return " và ".join(unit.name for unit in document.ordered_issuers())


def _annex_reference(document: OfficialDocument, number_line: str) -> str:
    date = vietnamese_date(document.issued_on) if document.issued_on else "ngày     tháng     năm     "
    return f"(Kèm theo {document.get_doc_type_display()} số {number_line} {date} của {issuer_phrase(document)})"


def _date_line(document: OfficialDocument) -> str:
    if document.issued_on or document.dated_on:
        return vietnamese_date(document.issued_on or document.dated_on)
    if document.year:  # a historical document whose day and month the source does not give
        return f"ngày      tháng      năm {document.year}"
    return "ngày      tháng      năm"


def _number_line(document: OfficialDocument, issuers) -> str:
    if document.symbol:
        return document.symbol
    tail = symbol_tail(
        doc_type=document.doc_type,
        issuers=issuers,
        drafting_unit=document.drafting_unit,
        advisory_body=document.advisory_body,
        series=document.series,
    )
    return f"{NBSP * 6}/{tail}"


def document_context(document: OfficialDocument, *, preview: bool) -> dict:
    issuers = document.ordered_issuers()
    lead = issuers[0]
    number_line = _number_line(document, issuers)
    blocks = _signature_blocks(document)
    is_letter = document.doc_type == DocumentType.OFFICIAL_LETTER
    recipients = list(document.recipients)
    archive = f"Lưu: {document.archive_note}." if document.archive_note else ""
    return {
        "document": document,
        "css": static_css("pdf/document.css"),
        "heading": _issuer_heading(document),
        "number_line": number_line,
        # The date never breaks inside itself: a long place name wraps after its comma.
        "place": (document.place_name or lead.place_name).replace(" ", NBSP),
        "date_line": _date_line(document).replace(" ", NBSP),
        "type_title": document.type_title.upper(),
        "is_letter": is_letter,
        "is_decision": document.doc_type in DECISION_LIKE,
        "decider_line": _decider_line(document),
        "legal_bases": punctuate_bases(document.legal_bases),
        # "Điều 1." opens its article's paragraph in bold (decisions).
        "body": [{**section, "article": section.get("heading", "").startswith("Điều ") and bool(section.get("text"))} for section in document.body],
        "signatures": blocks,
        "signature_rows": [blocks[i : i + 3] for i in range(0, len(blocks), 3)],
        # A công văn names its addressees after "Kính gửi:"; its nơi nhận then starts "Như trên".
        "addressees": recipients if is_letter else [],
        "recipients": (["Như trên"] if is_letter and recipients else []) + ([] if is_letter else recipients),
        "archive": archive,
        "annex_reference": _annex_reference(document, number_line),
        "preview": preview or document.status not in ISSUED_STATUSES,
        "revoked": document.status == DocumentStatus.REVOKED,
    }


def _decider_line(document: OfficialDocument) -> str:
    """The deciding authority above the căn cứ of a decision: the head, then the body ("BỘ TRƯỞNG BỘ CÔNG THƯƠNG")."""
    return _decider(document).upper()


def _decider(document: OfficialDocument) -> str:
    """"Bộ trưởng Bộ Công Thương": a decision signed "KT." or "Q." is still the head's decision."""
    signer = document.signers.first()
    if signer is None:
        return ""
    head = signer.authority_body if signer.authority in ("KT.", "Q.") and signer.authority_body else signer.title
    if not head:
        return ""
    body = document.advisory_body.name if document.advisory_body_id else document.lead_issuer.heading
    if body.lower() not in head.lower():
        head = f"{head} {body}"
    return head


def render_document_pdf(document: OfficialDocument, *, preview: bool = False) -> bytes:
    html = render_to_string("pdf/document.html", document_context(document, preview=preview))
    return html_to_pdf(html)
