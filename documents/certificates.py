"""Certificates (Bằng khen, Giấy khen), the Cờ thi đua as a flag, and printing onto pre-printed blanks.

Layouts follow Nghị định 50/2006/NĐ-CP Art 28, 30 (historical; sizes under ND 85/2014 are UNCONFIRMED and
therefore settings): a certificate carries the Quốc hiệu, the giver in red, "Tặng", the form in red,
the recipient, and bottom left the decision and the số sổ vàng; a flag carries the name of the
giving body, "Tặng", a gold five-pointed star and the unit line, on red. On a blank (phôi) the
decorations are already printed: only the variable fields are printed, at calibrated positions.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string

from .models import BlankForm, BlankPrintProfile
from .numbering import vietnamese_date
from .pdf import html_to_pdf, static_css

FLAG_NAMES = ("cờ thi đua",)


def is_flag(form_name: str) -> bool:
    return form_name.strip().lower().startswith(FLAG_NAMES)


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
    giver_body: str = "",
    year: int | None = None,
) -> bytes:
    """A Bằng khen or Giấy khen certificate; a "Cờ thi đua" is produced as a flag (``render_flag_pdf``).

    ``giver_body``: the name of the giving body printed on a flag ("Bộ Công Thương"); ``year``: the
    year of the achievement printed on a flag (omitted when not given).
    """
    if is_flag(form_name):
        return render_flag_pdf(giver_body=giver_body or giver_title, recipient=recipient, year=year, preview=preview)
    return html_to_pdf(certificate_html(
        form_name=form_name, giver_title=giver_title, recipient=recipient, recipient_detail=recipient_detail,
        achievement=achievement, decision_symbol=decision_symbol, decision_date=decision_date,
        golden_book_number=golden_book_number, place_name=place_name, signer_title=signer_title, signer_name=signer_name,
        preview=preview,
    ))


def certificate_html(
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
    verify: dict | None = None,
) -> str:
    """The page of a Bằng khen or Giấy khen. ``verify``: the QR code and short code of an issued
    certificate (``documents.signing.qr.verify_mark``); the organisation's signature then goes in the
    signature space (``documents.signing.certificates``)."""
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
    return render_to_string("pdf/certificate.html", _with_verify(context, verify))


def _with_verify(context: dict, verify: dict | None) -> dict:
    # Issued certificates and flags (docs/signatures.md): the verification mark and the signature's place.
    if verify:
        context["verify"] = verify
        context["css"] += static_css("pdf/certificate-signing.css")
    return context


def render_flag_pdf(*, giver_body: str, recipient: str, year: int | None = None, preview: bool = False) -> bytes:
    """The Cờ thi đua as the law describes a flag (Nghị định 50/2006/NĐ-CP Art 30, historical):
    red field, line 1 the giving body, line 2 "Tặng", a centred gold five-pointed star, then the unit line.
    Size: ``THIDUA_FLAG_PAGE_SIZE`` (default 850 × 650 mm)."""
    return html_to_pdf(flag_html(giver_body=giver_body, recipient=recipient, year=year, preview=preview))


def flag_html(*, giver_body: str, recipient: str, year: int | None = None, preview: bool = False, verify: dict | None = None) -> str:
    """The page of a Cờ thi đua; ``verify`` as for ``certificate_html`` (the flag's signature is invisible)."""
    context = {
        "css": static_css("pdf/flag.css"),
        "page_size": getattr(settings, "THIDUA_FLAG_PAGE_SIZE", "850mm 650mm"),
        "giver_body": giver_body.upper(),
        "unit_line": "ĐƠN VỊ DẪN ĐẦU PHONG TRÀO THI ĐUA",
        "year": year,
        "recipient": recipient.upper(),
        "preview": preview,
    }
    return render_to_string("pdf/flag.html", _with_verify(context, verify))


@dataclass(frozen=True)
class BlankField:
    key: str
    label: str
    x_mm: float  # centre of the text, from the blank's left edge
    y_mm: float  # baseline area top, from the blank's top edge
    width_mm: float
    size_pt: float
    bold: bool = False
    italic: bool = False


# Positions on a 400 × 300 mm blank, matching the app's own certificate layout (Nghị định 50/2006/NĐ-CP Art 28).
# Blanks differ between printers' batches: the per-printer offsets, checked with the calibration
# page, correct them; other paper sizes scale these positions.
BLANK_FIELDS = (
    BlankField("recipient", "Tên tập thể, cá nhân được khen", 200, 150, 300, 24, bold=True),
    BlankField("recipient_detail", "Đơn vị, chức vụ", 200, 166, 300, 16),
    BlankField("achievement", "Thành tích", 200, 182, 320, 17, italic=True),
    BlankField("decision", "Quyết định số …, ngày …", 70, 240, 120, 14),
    BlankField("golden_book", "Số sổ vàng", 70, 252, 120, 14),
    BlankField("place_date", "Địa danh, ngày tháng năm", 300, 222, 150, 14, italic=True),
    BlankField("signer_title", "Chức vụ người ký", 300, 232, 150, 14, bold=True),
    BlankField("signer_name", "Họ và tên người ký", 300, 278, 150, 14, bold=True),
)
REFERENCE_SIZE = (Decimal(400), Decimal(300))


def field_positions(profile: BlankPrintProfile) -> list[dict]:
    """Where each field is printed on this printer: the layout scaled to the paper, plus the offsets."""
    scale_x = Decimal(profile.paper_width_mm) / REFERENCE_SIZE[0]
    scale_y = Decimal(profile.paper_height_mm) / REFERENCE_SIZE[1]
    placed = []
    for field in BLANK_FIELDS:
        width = Decimal(str(field.width_mm)) * scale_x
        x = Decimal(str(field.x_mm)) * scale_x + Decimal(profile.offset_x_mm) - width / 2
        y = Decimal(str(field.y_mm)) * scale_y + Decimal(profile.offset_y_mm)
        placed.append({"field": field, "left": float(x), "top": float(y), "width": float(width), "centre": float(x + width / 2)})
    return placed


def _blank_html(profile: BlankPrintProfile, values: dict[str, str], *, calibration: bool) -> str:
    return render_to_string(
        "pdf/blank.html",
        {
            "css": static_css("pdf/blank.css"),
            "width": profile.paper_width_mm,
            "height": profile.paper_height_mm,
            "profile": profile,
            "placed": [{**p, "value": values.get(p["field"].key, "")} for p in field_positions(profile)],
            "calibration": calibration,
        },
    )


def render_on_blank_pdf(
    *,
    profile: BlankPrintProfile,
    recipient: str,
    recipient_detail: str = "",
    achievement: str,
    decision_symbol: str,
    decision_date,
    golden_book_number: str,
    place_name: str,
    signer_title: str,
    signer_name: str,
) -> bytes:
    """Only the variable fields of a Bằng khen or Giấy khen, at this printer's calibrated positions."""
    date = vietnamese_date(decision_date) if decision_date else ""
    values = {
        "recipient": recipient,
        "recipient_detail": recipient_detail,
        "achievement": achievement,
        "decision": f"Quyết định số {decision_symbol}" + (f", {date}" if date else ""),
        "golden_book": f"Số sổ vàng: {golden_book_number}" if golden_book_number else "",
        "place_date": f"{place_name}, {date}" if date else "",
        "signer_title": signer_title.upper(),
        "signer_name": signer_name,
    }
    return html_to_pdf(_blank_html(profile, values, calibration=False))


def render_calibration_pdf(profile: BlankPrintProfile) -> bytes:
    """The calibration page: a cross and the name of each field where it will print, a ruler on the edges."""
    values = {field.key: field.label for field in BLANK_FIELDS}
    return html_to_pdf(_blank_html(profile, values, calibration=True))


__all__ = [
    "BLANK_FIELDS",
    "BlankForm",
    "certificate_html",
    "flag_html",
    "field_positions",
    "is_flag",
    "render_calibration_pdf",
    "render_certificate_pdf",
    "render_flag_pdf",
    "render_on_blank_pdf",
]
