"""Render a document for signing: the ND 30/2020 layout, plus where each signature and value goes.

The page template marks the places with ids; WeasyPrint reports their boxes (``Page.anchors``),
which become the rectangles of the PDF's signature and text fields.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string

from documents.models import OfficialDocument
from documents.numbering import symbol_tail
from documents.pdf import SignatureBlock, document_context, html_document, static_css

from .pades import MM, Box, FillSlot, Layout, SignatureSlot
from .qr import verify_mark

PX = 0.75  # one CSS pixel in PDF points

FILL_FIELDS = ("so", "ngay", "thang", "nam")


@dataclass
class SlotBlock(SignatureBlock):
    slot: str = ""
    paper_mark: bool = False


def signer_field(order: int) -> str:
    return f"nguoi-ky-{order + 1}"


def organisation_field(index: int) -> str:
    return f"co-quan-{index + 1}"


def annex_field(index: int) -> str:
    return f"phu-luc-{index + 1}"


def signature_image_mm() -> tuple[float, float]:
    width, height = (list(settings.THIDUA_SIGNATURE_IMAGE_MM) + ["50", "22"])[:2]
    return float(width), float(height)


def symbol_suffix(document: OfficialDocument) -> str:
    """The symbol after "số/", printed after the blank the clerk's number fills."""
    return symbol_tail(
        doc_type=document.doc_type, issuers=document.ordered_issuers(), drafting_unit=document.drafting_unit,
        advisory_body=document.advisory_body, series=document.series,
    )


def _blocks(document: OfficialDocument, printed: list[SignatureBlock], *, digital_signers: set[int] | None) -> list[SlotBlock]:
    """The page's signature blocks (lead issuer on the right), each with the id of its signature place."""
    signers = list(reversed(list(document.signers.all())))
    blocks = []
    for block, signer in zip(printed, signers, strict=True):
        digital = digital_signers is None or signer.pk in digital_signers
        blocks.append(
            SlotBlock(
                block.authority_line, block.title, block.name, block.signed,
                slot=signer_field(signer.order), paper_mark=block.signed and not digital,
            )
        )
    return blocks


@dataclass
class Rendered:
    pdf: bytes
    layout: Layout


def render_for_signing(
    document: OfficialDocument, *, code: str, blanks: bool, digital_signers: set[int] | None = None
) -> Rendered:
    """Render the document with the verification mark in the bottom margin.

    ``blanks``: the number and the date are left blank for the clerk (the persons sign first);
    otherwise they are printed. ``digital_signers``: the blocks that get a signature field; the
    others print "(Đã ký)" (a signature given outside the system). ``None``: every block.
    """
    context = document_context(document, preview=False)
    context["preview"] = False
    blocks = _blocks(document, context["signatures"], digital_signers=digital_signers)
    context["signatures"] = blocks
    context["signature_rows"] = [blocks[i : i + 3] for i in range(0, len(blocks), 3)]
    width_mm, height_mm = signature_image_mm()
    context["signing"] = {"blanks": blanks, "symbol_suffix": symbol_suffix(document)}
    context["verify"] = verify_mark(code)
    context["css"] = context["css"] + static_css("pdf/signing.css") + (
        f".sig-slot {{ width: {width_mm}mm; height: {height_mm}mm; }}"
    )
    html = render_to_string("pdf/document.html", context)
    rendered = html_document(html)
    layout = _layout(document, rendered, blanks=blanks, digital_signers=digital_signers)
    return Rendered(pdf=rendered.write_pdf(), layout=layout)


def render_page(html: str) -> tuple[bytes, dict[str, Box]]:
    """Any page (a certificate, a flag) and the boxes of the elements it marks with an id."""
    rendered = html_document(html)
    return rendered.write_pdf(), _anchors(rendered)


def _anchors(rendered) -> dict[str, Box]:
    boxes = {}
    for index, page in enumerate(rendered.pages):
        height = page.height * PX
        for name, (x1, y1, x2, y2) in page.anchors.items():
            boxes[name] = Box(index, x1 * PX, height - y2 * PX, x2 * PX, height - y1 * PX)
    return boxes


def _layout(document: OfficialDocument, rendered, *, blanks: bool, digital_signers: set[int] | None) -> Layout:
    anchors = _anchors(rendered)
    layout = Layout()
    if blanks:
        layout.fills = [FillSlot(name, anchors[f"fill-{name}"]) for name in FILL_FIELDS if f"fill-{name}" in anchors]
    signers = list(document.signers.all())
    for signer in signers:
        if digital_signers is None or signer.pk in digital_signers:
            layout.signatures.append(SignatureSlot(signer_field(signer.order), anchors[signer_field(signer.order)]))
    seal = settings.THIDUA_SEAL_DIAMETER_MM * MM
    locks = tuple(slot.name for slot in layout.fills)
    for index, unit in enumerate(document.ordered_issuers()):
        block = next((s for s in signers if s.unit_id == unit.pk), None)
        if block is None:
            continue
        person = anchors[signer_field(block.order)]
        # Phụ lục I: the seal covers about the left third of the signature image.
        left = person.x1 + person.width / 3 - seal
        top = (person.y1 + person.y2) / 2 + seal / 2
        box = Box(person.page, left, top - seal - 9 * MM, left + max(seal, 72 * MM), top)
        # Only the lead's signature, the last one applied, locks the number and date: pyHanko reads a
        # signature made after a locking one as touching the locked fields.
        layout.signatures.append(SignatureSlot(organisation_field(index), box, locks=locks if index == 0 else ()))
    for index in range(len(document.annexes)):
        anchor = anchors.get(f"annex-{index + 1}")
        if anchor is None:
            continue
        page = rendered.pages[anchor.page]
        width, height = page.width * PX, page.height * PX
        # Top right of the annex's first page, in the top margin.
        box = Box(anchor.page, width - 15 * MM - 75 * MM, height - 17 * MM, width - 15 * MM, height - 7 * MM)
        layout.signatures.append(SignatureSlot(annex_field(index), box))
    return layout


def layout_to_json(layout: Layout) -> dict:
    def box(b: Box) -> list:
        return [b.page, b.x1, b.y1, b.x2, b.y2]

    return {
        "signatures": [{"name": s.name, "box": box(s.box), "locks": list(s.locks)} for s in layout.signatures],
        "fills": [{"name": f.name, "box": box(f.box)} for f in layout.fills],
    }


def layout_from_json(data: dict) -> Layout:
    return Layout(
        signatures=[SignatureSlot(s["name"], Box(*s["box"]), tuple(s.get("locks", ()))) for s in data.get("signatures", [])],
        fills=[FillSlot(f["name"], Box(*f["box"])) for f in data.get("fills", [])],
    )
