"""The visible parts of signatures, drawn by WeasyPrint at the exact size of their field.

ND 30/2020 Phụ lục I: the competent person's signature shows the image of their handwritten
signature; the organisation's shows its seal in red at its real size over about the left third of
that image, with the organisation's name and the signing time (ISO 8601, Vietnam's time zone) in
Times New Roman 10 pt, upright, black. On an attachment in the same file: no image, the number
and symbol and the signing time, at the top right of its first page.
"""

from __future__ import annotations

import base64
import functools
from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.html import escape

from ..pdf import SafeUrlFetcher, html_document
from .pades import MM

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
FONT = '"Times New Roman", "Liberation Serif", serif'


def iso_vietnam(moment: datetime) -> str:
    """2026-02-05T10:15:30+07:00: ISO 8601 with Vietnam's offset, whatever the server's zone."""
    return moment.astimezone(VIETNAM).replace(microsecond=0).isoformat()


def _data_uri(image: bytes) -> str:
    mime = "image/svg+xml" if image.lstrip().startswith((b"<svg", b"<?xml")) else "image/png"
    return f"data:{mime};base64,{base64.b64encode(image).decode()}"


class _DataOnlyFetcher(SafeUrlFetcher):
    """Images come inline as data: URIs that this module built itself; nothing else is fetched."""

    def fetch(self, url, headers=None):
        if url.startswith("data:") and ";base64," in url:
            from weasyprint.urls import URLFetcherResponse

            head, payload = url[5:].split(";base64,", 1)
            return URLFetcherResponse(url, body=base64.b64decode(payload), headers={"Content-Type": head})
        return super().fetch(url, headers)


def _page(width_pt: float, height_pt: float, body: str, css: str = "") -> bytes:
    html = (
        "<!doctype html><html><head><meta charset='utf-8'><style>"
        f"@page {{ size: {width_pt:.3f}pt {height_pt:.3f}pt; margin: 0; }}"
        f"html, body {{ margin: 0; padding: 0; font-family: {FONT}; color: #000; }}"
        f"{css}</style></head><body>{body}</body></html>"
    )
    return html_document(html, fetcher=_DataOnlyFetcher()).write_pdf()


def text_appearance(text: str, *, width_pt: float, height_pt: float, size_pt: float = 13, italic: bool = False,
                    align: str = "center") -> bytes:
    """A form value (the number, a day, a month, a year) in the document's own type."""
    style = "italic" if italic else "normal"
    css = (
        f".v {{ font-size: {size_pt}pt; font-style: {style}; text-align: {align}; height: {height_pt:.3f}pt;"
        f" line-height: {height_pt:.3f}pt; white-space: nowrap; }}"
    )
    return _page(width_pt, height_pt, f"<div class='v'>{escape(text)}</div>", css)


def signer_appearance(image: bytes | None, *, width_pt: float, height_pt: float) -> bytes:
    """The person's handwritten signature image, centred in its field (transparent background)."""
    body = f"<img src='{_data_uri(image)}' alt=''>" if image else ""
    css = (
        f"body {{ width: {width_pt:.3f}pt; height: {height_pt:.3f}pt; display: flex; align-items: center;"
        " justify-content: center; }"
        f"img {{ max-width: {width_pt:.3f}pt; max-height: {height_pt:.3f}pt; }}"
    )
    return _page(width_pt, height_pt, body, css)


# A decision's certificates are signed several a second by each worker process, with the same seal, name
# and field: those signed within the same second print the same appearance, drawn once (about 20 ms each).
@functools.lru_cache(maxsize=4)
def organisation_appearance(
    seal: bytes | None, *, organisation: str, signed_at: datetime, width_pt: float, height_pt: float, seal_pt: float
) -> bytes:
    """The seal in red at the top left of the field, the organisation's name and the time below it."""
    seal_html = f"<img class='seal' src='{_data_uri(seal)}' alt=''>" if seal else "<div class='seal'></div>"
    body = (
        f"{seal_html}<div class='info'><div>{escape(organisation)}</div>"
        f"<div>{escape(iso_vietnam(signed_at))}</div></div>"
    )
    css = (
        f".seal {{ display: block; width: {seal_pt:.3f}pt; height: {seal_pt:.3f}pt; }}"
        f".info {{ font-size: 10pt; line-height: 11pt; font-style: normal; font-weight: normal; white-space: nowrap; }}"
    )
    return _page(width_pt, height_pt, body, css)


def annex_appearance(*, symbol: str, signed_at: datetime, width_pt: float, height_pt: float) -> bytes:
    """No image; the number and symbol, and the signing time (Phụ lục I, attachments)."""
    body = f"<div>{escape(symbol)}</div><div>{escape(iso_vietnam(signed_at))}</div>"
    css = "body { font-size: 10pt; line-height: 11pt; text-align: right; }"
    return _page(width_pt, height_pt, body, css)


__all__ = ["MM", "annex_appearance", "iso_vietnam", "organisation_appearance", "signer_appearance", "text_appearance"]
