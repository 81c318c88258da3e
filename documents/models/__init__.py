"""Official documents in the Nghị định 30/2020/NĐ-CP layout, their registers, PDF jobs and blanks.
One module per area; every name is re-exported here."""

from .blanks import BlankForm, BlankPrintProfile
from .documents import (
    ISSUED_STATUSES,
    Authority,
    DocumentIssuer,
    DocumentSigner,
    DocumentStatus,
    OfficialDocument,
    OfficialDocumentQuerySet,
    SigningPosition,
)
from .incoming import INCOMING_TYPES, IncomingDocument, IncomingDocumentQuerySet
from .jobs import PdfJob, PdfJobKind, PdfJobState, pdf_upload_to
from .registers import (
    TYPE_ABBREVIATIONS,
    AdvisoryBody,
    DocumentType,
    IssuerSettings,
    RegisterCounter,
    Series,
    SeriesMode,
)

__all__ = [
    "ISSUED_STATUSES",
    "INCOMING_TYPES",
    "IncomingDocument",
    "IncomingDocumentQuerySet",
    "AdvisoryBody",
    "Authority",
    "BlankForm",
    "BlankPrintProfile",
    "DocumentIssuer",
    "DocumentSigner",
    "DocumentStatus",
    "DocumentType",
    "IssuerSettings",
    "OfficialDocument",
    "OfficialDocumentQuerySet",
    "PdfJob",
    "PdfJobKind",
    "PdfJobState",
    "RegisterCounter",
    "Series",
    "SeriesMode",
    "SigningPosition",
    "TYPE_ABBREVIATIONS",
    "pdf_upload_to",
]
