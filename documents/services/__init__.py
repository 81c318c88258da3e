"""Writes for official documents, one module per area.

- ``drafting``: create a draft and edit it;
- ``lifecycle``: submit, return, sign, issue (number), revoke, replace;
- ``pdfjobs``: queue, retry and dispatch PDF jobs;
- ``seeding``: record historical documents with their real number;
- ``blanks``: per-printer calibration of pre-printed blanks;
- ``incoming``: the register of incoming documents (văn bản đến).

Every public name is re-exported here, so callers keep ``from documents.services import …``.
"""

from ..models import DocumentType
from .blanks import blank_profile_save
from .drafting import document_create, document_update_draft
from .incoming import incoming_register
from .lifecycle import (
    document_issue,
    document_record_signatures,
    document_replace,
    document_return_to_draft,
    document_revoke,
    document_sign,
    document_submit,
    mark_replaced_on_issue,
)
from .pdfjobs import pdf_job_dispatch, pdf_job_request, pdf_job_retry, pdf_jobs_dispatch, pdf_jobs_request
from .seeding import document_seed_issued

__all__ = [
    "DocumentType",
    "blank_profile_save",
    "document_create",
    "document_update_draft",
    "document_submit",
    "document_return_to_draft",
    "document_sign",
    "document_record_signatures",
    "document_issue",
    "document_revoke",
    "document_replace",
    "document_seed_issued",
    "incoming_register",
    "mark_replaced_on_issue",
    "pdf_job_request",
    "pdf_job_retry",
    "pdf_job_dispatch",
    "pdf_jobs_dispatch",
    "pdf_jobs_request",
]
