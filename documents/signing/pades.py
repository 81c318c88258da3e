"""PAdES signatures on bytes: prepare the form, sign a field, fill the number and date, validate.

Nothing here touches the database. The order the law describes (ND 30/2020 Art 8, Phụ lục I)
becomes revisions of one PDF:

1. ``prepare``: the rendered content gets empty signature fields (each signer, each issuing
   organisation, each annex) and read-only text fields where the clerk's number and date go.
2. ``sign_field`` for each competent person; the first one is a *certification* signature with
   DocMDP permission 2 (form filling and signing), so every later change other than filling those
   fields and signing invalidates it.
3. ``fill`` by the clerk at issue: the number and date, as form values with their appearance.
4. ``sign_field`` for the organisation, whose field locks the number and date fields (FieldMDP),
   then for each annex.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils import content, generic, layout
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields as sig_fields
from pyhanko.sign import signers
from pyhanko.sign._session_scope import run_and_release
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes
from pyhanko.sign.timestamps import TimeStamper
from pyhanko.stamp import StaticStampStyle
from pyhanko_certvalidator import ValidationContext

MM = 72 / 25.4

# The appearance is drawn at the field's own size: placed as it is, without pyHanko's default 5 pt margins,
# which shrank it to fit (10 pt text on an annex printed at 6.5 pt, the seal at 92 % of its real size).
EXACT = layout.SimpleBoxLayoutRule(
    x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MID, margins=layout.Margins(),
    inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT,
)


@dataclass(frozen=True)
class Box:
    """A rectangle on one page, in PDF points with the origin at the bottom left."""

    page: int
    x1: float
    y1: float
    x2: float
    y2: float

    @property
    def width(self) -> float:
        return self.x2 - self.x1

    @property
    def height(self) -> float:
        return self.y2 - self.y1

    def as_tuple(self) -> tuple[float, float, float, float]:
        # Not rounded to whole points: the appearance is drawn at exactly this size.
        return (round(self.x1, 3), round(self.y1, 3), round(self.x2, 3), round(self.y2, 3))


@dataclass(frozen=True)
class SignatureSlot:
    name: str
    box: Box
    locks: tuple[str, ...] = ()


@dataclass(frozen=True)
class FillSlot:
    name: str
    box: Box


@dataclass
class Layout:
    signatures: list[SignatureSlot] = field(default_factory=list)
    fills: list[FillSlot] = field(default_factory=list)

    def signature(self, name: str) -> SignatureSlot:
        return next(slot for slot in self.signatures if slot.name == name)

    def fill(self, name: str) -> FillSlot:
        return next(slot for slot in self.fills if slot.name == name)


class SignatureRefused(Exception):
    """The key or certificate may not sign: expired, revoked, untrusted, or the token refused."""


def _run(coroutine):
    """Run a coroutine to completion from synchronous code, even under a running event loop."""
    try:
        asyncio.get_running_loop()
        running = True
    except RuntimeError:
        running = False
    if not running:
        return asyncio.run(coroutine)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _writer(pdf: bytes) -> IncrementalPdfFileWriter:
    return IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)


def _output(writer: IncrementalPdfFileWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _acroform(writer: IncrementalPdfFileWriter) -> generic.DictionaryObject:
    root = writer.root
    if "/AcroForm" not in root:
        form = generic.DictionaryObject({pdf_name("/Fields"): generic.ArrayObject()})
        root[pdf_name("/AcroForm")] = writer.add_object(form)
        writer.update_root()
    return root["/AcroForm"]


def _add_text_field(writer: IncrementalPdfFileWriter, slot: FillSlot) -> None:
    page_ref, _ = writer.find_page_for_modification(slot.box.page)
    width, height = slot.box.width, slot.box.height
    empty = content.RawContent(b"", box=content.BoxConstraints(width=width, height=height)).as_form_xobject()
    widget = generic.DictionaryObject(
        {
            pdf_name("/Type"): pdf_name("/Annot"),
            pdf_name("/Subtype"): pdf_name("/Widget"),
            pdf_name("/FT"): pdf_name("/Tx"),
            pdf_name("/T"): generic.TextStringObject(slot.name),
            # Read-only for a person using a PDF reader: only the issuing system fills it.
            pdf_name("/Ff"): generic.NumberObject(1),
            pdf_name("/F"): generic.NumberObject(4),
            pdf_name("/Rect"): generic.ArrayObject(
                [generic.FloatObject(v) for v in (slot.box.x1, slot.box.y1, slot.box.x2, slot.box.y2)]
            ),
            pdf_name("/P"): page_ref,
            pdf_name("/DA"): generic.TextStringObject("/Helv 0 Tf 0 g"),
            pdf_name("/AP"): generic.DictionaryObject({pdf_name("/N"): writer.add_object(empty)}),
        }
    )
    widget_ref = writer.add_object(widget)
    page = page_ref.get_object()
    annots = page.get("/Annots")
    if annots is None:
        page[pdf_name("/Annots")] = generic.ArrayObject([widget_ref])
    else:
        annots.append(widget_ref)
        if isinstance(page.raw_get("/Annots"), generic.IndirectObject):
            writer.update_container(annots)
    writer.update_container(page)
    form = _acroform(writer)
    form["/Fields"].append(widget_ref)
    if "/DR" not in form:
        helvetica = generic.DictionaryObject(
            {
                pdf_name("/Type"): pdf_name("/Font"),
                pdf_name("/Subtype"): pdf_name("/Type1"),
                pdf_name("/BaseFont"): pdf_name("/Helvetica"),
                pdf_name("/Encoding"): pdf_name("/WinAnsiEncoding"),
            }
        )
        form[pdf_name("/DR")] = generic.DictionaryObject(
            {pdf_name("/Font"): generic.DictionaryObject({pdf_name("/Helv"): writer.add_object(helvetica)})}
        )
    writer.update_container(form)


def prepare(pdf: bytes, layout: Layout) -> bytes:
    """Add the empty signature fields and the read-only number/date fields to rendered content."""
    writer = _writer(pdf)
    for slot in layout.fills:
        _add_text_field(writer, slot)
    for slot in layout.signatures:
        lock = None
        if slot.locks:
            lock = sig_fields.FieldMDPSpec(action=sig_fields.FieldMDPAction.INCLUDE, fields=list(slot.locks))
        sig_fields.append_signature_field(
            writer,
            sig_fields.SigFieldSpec(
                sig_field_name=slot.name,
                on_page=slot.box.page,
                box=slot.box.as_tuple(),
                field_mdp_spec=lock,
            ),
        )
    return _output(writer)


def _field(writer: IncrementalPdfFileWriter, name: str) -> generic.DictionaryObject:
    for ref in writer.root["/AcroForm"]["/Fields"]:
        candidate = ref.get_object()
        if candidate.get("/T") == name:
            return candidate
    raise KeyError(name)


def fill(pdf: bytes, values: dict[str, tuple[str, bytes]]) -> bytes:
    """Set form values: ``values`` maps a field name to (text, a one-page PDF drawn at the field's size)."""
    writer = _writer(pdf)
    for name, (text, appearance_pdf) in values.items():
        widget = _field(writer, name)
        xobject = writer.import_page_as_xobject(PdfFileReader(io.BytesIO(appearance_pdf)), page_ix=0)
        widget[pdf_name("/V")] = generic.TextStringObject(text)
        widget[pdf_name("/AP")] = generic.DictionaryObject({pdf_name("/N"): xobject})
        writer.update_container(widget)
    return _output(writer)


def field_values(pdf: bytes) -> dict[str, str]:
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    if "/AcroForm" not in reader.root:
        return {}
    form = reader.root["/AcroForm"]
    values = {}
    for ref in form["/Fields"]:
        item = ref.get_object()
        if item.get("/FT") == "/Tx":
            values[str(item.get("/T"))] = str(item.get("/V", ""))
    return values


class _ImportedBytes(content.ImportedPdfPage):
    """``ImportedPdfPage`` reading from memory instead of a file name."""

    def __init__(self, data: bytes):
        self.data = data
        super().__init__(file_name="", page_ix=0)

    def render(self) -> bytes:
        import binascii
        import uuid

        writer = self._ensure_writer
        xobject = writer.import_page_as_xobject(PdfFileReader(io.BytesIO(self.data)), page_ix=0)
        name = b"/Import" + binascii.hexlify(uuid.uuid4().bytes)
        self.resources.xobject[name.decode("ascii")] = xobject
        x1, y1, x2, y2 = xobject.get_object()["/BBox"]
        self.box = content.BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
        return name + b" Do"


# Bytes to reserve for a signature container, per signing certificate, learned from its first estimate.
# Only for signatures without a time-stamp or embedded revocation data (PAdES B-B): those containers
# have the same size every time (the same certificates, a signature of fixed length), so the estimate,
# which costs a whole signature of its own, is made once per worker process instead of for every
# certificate of a decision.
_RESERVED: dict[tuple, int] = {}


def _reservation_key(pdf_signer: signers.PdfSigner) -> tuple | None:
    if pdf_signer.default_timestamper is not None or pdf_signer.signature_meta.embed_validation_info:
        return None
    certificate = pdf_signer.signer.signing_cert
    return (certificate.sha256 if certificate is not None else None, pdf_signer.signature_meta.md_algorithm)


async def _sign(pdf_signer: signers.PdfSigner, writer, *, system_time: datetime):
    """``PdfSigner.async_sign_pdf`` with the signing time fixed by the caller.

    The time is the moment the person or the clerk acted; the appearance printed it already.
    """
    session = pdf_signer.init_signing_session(writer, existing_fields_only=True)
    session.system_time = system_time
    validation_info = await session.perform_presign_validation(writer)
    key = _reservation_key(pdf_signer)
    reserved = _RESERVED.get(key) if key is not None else None
    if reserved is None:
        reserved = await session.estimate_signature_container_size(validation_info, tight=False)
        if key is not None:
            _RESERVED[key] = reserved
    tbs = session.prepare_tbs_document(validation_info=validation_info, bytes_reserved=reserved)
    prepared, output = tbs.digest_tbs_document(in_place=False, output=io.BytesIO())
    post = await tbs.perform_signature(
        document_digest=prepared.document_digest,
        pdf_cms_signed_attrs=PdfCMSSignedAttributes(
            signing_time=system_time,
            adobe_revinfo_attr=None if validation_info is None else validation_info.adobe_revinfo_attr,
        ),
    )
    await post.post_signature_processing(output)
    return output.getvalue()


def sign_field(
    pdf: bytes,
    *,
    field_name: str,
    signer: signers.Signer,
    appearance_pdf: bytes | None,
    signed_at: datetime,
    certify: bool = False,
    validation_context: ValidationContext | None = None,
    timestamper: TimeStamper | None = None,
    embed_validation_info: bool = False,
    reason: str = "",
    location: str = "",
) -> bytes:
    """Sign the existing empty field ``field_name`` as a PAdES signature (B-B, or B-LT when a
    time-stamp authority is given and revocation information is embedded).

    With a ``validation_context`` the signer's certificate is validated first: an expired,
    revoked or untrusted certificate raises :class:`SignatureRefused` and nothing is signed.
    """
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=sig_fields.SigSeedSubFilter.PADES,
        certify=certify,
        docmdp_permissions=sig_fields.MDPPerm.FILL_FORMS,
        validation_context=validation_context,
        embed_validation_info=embed_validation_info and validation_context is not None,
        use_pades_lta=False,
        reason=reason or None,
        location=location or None,
    )
    style = StaticStampStyle(border_width=0, background=_ImportedBytes(appearance_pdf), background_layout=EXACT) if appearance_pdf else None
    pdf_signer = signers.PdfSigner(meta, signer=signer, timestamper=timestamper, stamp_style=style)
    writer = _writer(pdf)
    try:
        return _run(run_and_release(_sign(pdf_signer, writer, system_time=signed_at), validation_context))
    except SigningError as error:
        raise SignatureRefused(str(error)) from error
    except Exception as error:
        if error.__class__.__module__.startswith("pyhanko_certvalidator"):
            raise SignatureRefused(str(error)) from error
        raise


def load_certificates(blobs: Iterable[bytes]) -> list[asn1_x509.Certificate]:
    """Read PEM (one or many) or DER certificates."""
    from asn1crypto import pem

    certificates = []
    for blob in blobs:
        if pem.detect(blob):
            for _, _, der in pem.unarmor(blob, multiple=True):
                certificates.append(asn1_x509.Certificate.load(der))
        else:
            certificates.append(asn1_x509.Certificate.load(blob))
    return certificates


def add_validation_data(
    pdf: bytes, *, certificates: Sequence[asn1_x509.Certificate], intermediates: Sequence[asn1_x509.Certificate],
    validation_context: ValidationContext,
) -> bytes:
    """Put the chains and revocation answers of ``certificates`` into the DSS, in a revision of its own.

    Used before the organisation signs, so that nothing but signatures follows the signature that
    locks the number and date (PAdES B-LT for the signatures made at issue).
    """
    from pyhanko.sign.validation.dss import DocumentSecurityStore
    from pyhanko_certvalidator import CertificateValidator

    async def paths():
        try:
            found = []
            for cert in certificates:
                validator = CertificateValidator(cert, intermediate_certs=list(intermediates), validation_context=validation_context)
                found.append(await validator.async_validate_usage({"digital_signature"}))
            return found
        finally:
            await validation_context.aclose()

    try:
        found = _run(paths())
    except Exception as error:
        if error.__class__.__module__.startswith("pyhanko_certvalidator"):
            raise SignatureRefused(str(error)) from error
        raise
    writer = _writer(pdf)
    DocumentSecurityStore.supply_dss_in_writer(writer, None, paths=found, validation_context=validation_context)
    return _output(writer)


from .validation import FileReport, SignatureReport, validate  # noqa: E402 - re-exported for callers

__all__ = ["Box", "FileReport", "FillSlot", "Layout", "SignatureRefused", "SignatureReport", "SignatureSlot", "add_validation_data",
           "field_values", "fill", "load_certificates", "prepare", "sign_field", "validate"]
