"""The QR code and short code printed in the bottom margin of every issued document and certificate."""

from __future__ import annotations

import segno
from django.conf import settings
from django.urls import reverse

from .models import format_code


def verify_url(code: str) -> str:
    """The absolute address of the public verification page for ``code``."""
    return f"{settings.THIDUA_PUBLIC_URL}{reverse('documents:verify', args=[format_code(code)])}"


def qr_svg(url: str, *, size_mm: float = 16) -> str:
    """An inline SVG QR code (error correction M), drawn in black at ``size_mm``."""
    svg = segno.make(url, error="m", micro=False).svg_inline(scale=1, border=0, dark="#000", omitsize=True)
    return svg.replace("<svg ", f'<svg width="{size_mm}mm" height="{size_mm}mm" ', 1)


def verify_mark(code: str) -> dict:
    url = verify_url(code)
    return {"code": format_code(code), "url": url, "qr": qr_svg(url)}
