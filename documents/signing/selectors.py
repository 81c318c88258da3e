"""Reads for signatures and the public verification page."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from documents.models import ISSUED_STATUSES, OfficialDocument, Series
from units.models import Role, Unit
from units.scoping import is_system_admin, role_units

from .models import (
    AppliedSignature,
    CertificateVerification,
    SignatureRole,
    SigningCredential,
    Verification,
    normalise_code,
)

PUBLIC_STATUSES = ISSUED_STATUSES  # a verification page shows every issued document, revoked or replaced too


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


def certificate_public_get(code: str) -> CertificateVerification | None:
    """A certificate's verification record, on the same terms as its decision's."""
    return (
        CertificateVerification.objects.select_related("document", "document__lead_issuer", "signed_by_unit")
        .filter(code=normalise_code(code), document__status__in=PUBLIC_STATUSES, issued_sha256__gt="")
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


# --- certificates of organisations (kept by their records clerk) ------------------------------------


def credential_units_for_user(user) -> QuerySet[Unit]:
    """The organisations whose certificate the account keeps: every one for an administrator, else
    those where it is the records clerk."""
    units = Unit.objects.all() if is_system_admin(user) else role_units(user, Role.CLERK)
    active = SigningCredential.objects.active().order_by("-created_at")
    return units.prefetch_related(Prefetch("signing_credentials", queryset=active, to_attr="active_credentials")).order_by("path", "name")


def credential_unit_get_for_user(user, pk: int) -> Unit:
    """The scoped gate of the organisation certificate screen: a unit outside the account's keeping is a 404."""
    return get_object_or_404(credential_units_for_user(user), pk=pk)


def credential_history(unit: Unit) -> list[SigningCredential]:
    return list(SigningCredential.objects.filter(unit=unit).select_related("created_by").order_by("-created_at", "-pk"))


def credential_unit_get_for_user_by_credential(user, pk: int) -> SigningCredential:
    credential = get_object_or_404(SigningCredential.objects.select_related("unit"), pk=pk, unit__isnull=False)
    credential_unit_get_for_user(user, credential.unit_id)
    return credential


def public_verifications(document_ids) -> dict[int, Verification]:
    """The verification pages the public may open, by document id, in one query (the honour board
    links each award to its decision's page; a decision issued before signing existed has none)."""
    ids = {pk for pk in document_ids if pk}
    if not ids:
        return {}
    found = (
        Verification.objects.filter(document_id__in=ids, document__status__in=PUBLIC_STATUSES, issued_sha256__gt="")
        .exclude(document__series=Series.SECRET)
        .only("code", "document_id")
    )
    return {v.document_id: v for v in found}
