"""Reads for official documents, and the scoped gates."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from units.models import Role, Unit
from units.scoping import get_scope, role_units

from .models import BlankPrintProfile, DocumentIssuer, DocumentStatus, OfficialDocument, PdfJob


def document_scope_filter(user) -> Q:
    """A document is visible inside the subtree scope of any of its issuers."""
    scope = get_scope(user)
    if scope.everything:
        return Q()
    return Q(pk__in=DocumentIssuer.objects.filter(unit_id__in=sorted(scope.own_unit_ids)).values("document_id"))


def _with_parts(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("lead_issuer", "lead_issuer__parent", "drafting_unit", "replaces").prefetch_related(
        Prefetch("issuer_links", queryset=DocumentIssuer.objects.select_related("unit", "unit__parent")),
        "signers",
    )


def document_get_for_user(user, pk) -> OfficialDocument:
    return get_object_or_404(_with_parts(OfficialDocument.objects.visible_to(user)), pk=pk)


def pdf_job_get_for_user(user, pk) -> PdfJob:
    visible = OfficialDocument.objects.visible_to(user).values("pk")
    return get_object_or_404(PdfJob.objects.select_related("document"), pk=pk, document_id__in=visible)


def document_list(*, user, query: str = "", doc_type: str = "", issuer: int | None = None, year: int | None = None, status: str = ""):
    """Visible documents filtered; ``issuer`` and ``year`` come parsed (common.parsing), never raw text."""
    documents = _with_parts(OfficialDocument.objects.visible_to(user))
    if query:
        documents = documents.filter(Q(subject__icontains=query) | Q(symbol__icontains=query))
    if doc_type:
        documents = documents.filter(doc_type=doc_type)
    if issuer is not None:
        documents = documents.filter(issuer_links__unit_id=issuer).distinct()
    if year is not None:
        documents = documents.filter(Q(year=year) | Q(year__isnull=True, created_at__year=year))
    if status in DocumentStatus.values:
        documents = documents.filter(status=status)
    return documents.order_by("-issued_on", "-number", "-created_at")


def register_rows(*, issuer: Unit, year: int) -> QuerySet[OfficialDocument]:
    """The outgoing register (sổ đăng ký văn bản đi) of an issuer for a year, in number order."""
    return (
        _with_parts(OfficialDocument.objects.filter(lead_issuer=issuer, year=year, number__isnull=False))
        .order_by("register_key", "number")
    )


def register_issuers(user) -> QuerySet[Unit]:
    """Issuers whose register the account may read: clerks and signers of a unit, or everything in scope."""
    scope = get_scope(user)
    if scope.everything:
        return Unit.objects.filter(pk__in=OfficialDocument.objects.values("lead_issuer_id")).order_by("name")
    return (role_units(user, Role.CLERK) | role_units(user, Role.SIGNER)).distinct().order_by("name")


def register_default_issuer(user, issuers: QuerySet[Unit]) -> Unit | None:
    """The register a page opens on: the unit where the account is the records clerk (not the office it
    works in, whose own register is usually empty), else where it signs, else its own unit."""
    assignments = get_scope(user).assignments
    for role in (Role.CLERK, Role.SIGNER):
        units = [a.unit_id for a in assignments if a.role == role]
        found = issuers.filter(pk__in=units).order_by("path").first()
        if found is not None:
            return found
    return issuers.filter(pk=user.unit_id).first() or issuers.first()


def latest_job(document: OfficialDocument, kind: str) -> PdfJob | None:
    return document.pdf_jobs.filter(kind=kind).order_by("-pk").first()


def register_years(*, issuer: Unit) -> set[int]:
    return set(
        OfficialDocument.objects.filter(lead_issuer=issuer, year__isnull=False).values_list("year", flat=True).distinct()
    )


def blank_units(user) -> QuerySet[Unit]:
    """Units whose blanks the account calibrates: those where it is the clerk."""
    return role_units(user, Role.CLERK).filter(is_active=True).order_by("name")


def blank_profiles(user) -> QuerySet[BlankPrintProfile]:
    return BlankPrintProfile.objects.filter(unit__in=blank_units(user)).select_related("unit")


def blank_profile_get_for_user(user, pk) -> BlankPrintProfile:
    return get_object_or_404(blank_profiles(user), pk=pk)
