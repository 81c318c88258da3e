"""Reads for signatures and the public verification page."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from documents.models import DocumentStatus, OfficialDocument, Series

from .models import AppliedSignature, SignatureRole, Verification, normalise_code

PUBLIC_STATUSES = (DocumentStatus.ISSUED, DocumentStatus.REVOKED, DocumentStatus.REPLACED)


def verification_public_get(code: str) -> Verification | None:
    """The verification record a visitor may see: an issued (or since revoked/replaced) document,
    never a draft or a secret one. ``None`` for anything else, so nothing tells them apart."""
    return (
        Verification.objects.select_related("document", "document__lead_issuer")
        .filter(
            code=normalise_code(code),
            document__status__in=PUBLIC_STATUSES,
            issued_sha256__gt="",
        )
        .exclude(document__series=Series.SECRET)
        .first()
    )


def signatures_of(document: OfficialDocument) -> list[AppliedSignature]:
    return list(AppliedSignature.objects.filter(document=document).order_by("order"))


def public_signers(document: OfficialDocument) -> list[AppliedSignature]:
    """What the public page lists: who signed and when (no certificate serials)."""
    return [s for s in signatures_of(document) if s.role in (SignatureRole.SIGNER, SignatureRole.ORGANISATION)]


def with_signed_flag(documents: QuerySet[OfficialDocument]) -> QuerySet[OfficialDocument]:
    """Annotate ``is_digitally_signed`` for lists such as the outgoing register (one subquery, no N+1)."""
    return documents.annotate(is_digitally_signed=Exists(AppliedSignature.objects.filter(document=OuterRef("pk"))))


def verification_for(document: OfficialDocument) -> Verification | None:
    return Verification.objects.filter(document=document).first()
