"""Reads for nominations: who sees which, the scoped gates, and the rows of the list and its export."""

from __future__ import annotations

from django.db.models import Q
from django.shortcuts import get_object_or_404

from units.scoping import get_scope

from ..models import DossierFile, Nomination, NominationStatus
from .eligibility import evaluate_many, findings_many


def nominations_visible_to(user):
    """Own unit's nominations, and the submitted ones before a council the account sits on."""
    scope = get_scope(user)
    queryset = Nomination.objects.select_related("round__deciding_unit", "award_kind", "person__unit", "unit", "proposing_unit")
    if scope.everything:
        return queryset
    council = Q(round__deciding_unit__council__members=user) | Q(round__deciding_unit__council__secretary=user)
    # The council sees a nomination once it is submitted; a draft stays with the proposing unit.
    return queryset.filter(
        Q(proposing_unit_id__in=sorted(scope.own_unit_ids)) | (council & ~Q(status=NominationStatus.DRAFT))
    ).distinct()


def nomination_get_for_user(user, pk) -> Nomination:
    return get_object_or_404(nominations_visible_to(user), pk=pk)


def dossier_file_get_for_user(user, pk) -> DossierFile:
    return get_object_or_404(DossierFile, pk=pk, nomination__in=nominations_visible_to(user))


def findings_for(nomination: Nomination) -> dict:
    """Eligibility, dossier and authority for one nomination (the one-achievement rule is inside eligibility)."""
    return findings_many([nomination])[nomination.pk]


def nomination_search(queryset, *, query: str = "", status: str = ""):
    if status:
        queryset = queryset.filter(status=status)
    if query:
        queryset = queryset.filter(
            Q(person__full_name__icontains=query) | Q(unit__name__icontains=query)
            | Q(award_kind__name__icontains=query) | Q(proposing_unit__name__icontains=query)
        )
    return queryset


EXPORT_LIMIT = 5000
EXPORT_HEADERS = ["STT", "Tập thể, cá nhân", "Đối tượng", "Đơn vị công tác", "Danh hiệu, hình thức", "Năm thành tích", "Đợt xét",
                  "Đơn vị đề nghị", "Trạng thái", "Điều kiện", "Lý do", "Tóm tắt thành tích"]


def nomination_export_rows(nominations):
    """The list a unit sends upward: each nomination with its eligibility finding and reason."""
    nominations = list(nominations)
    findings = evaluate_many(nominations)
    return [
        (
            index, str(n.subject), "Cá nhân" if n.person_id else "Tập thể", n.subject_unit.label if n.person_id else "", n.award_kind.name,
            n.round.achievement_year, n.round.name, n.proposing_unit.label, n.get_status_display(),
            findings[n.pk].label, findings[n.pk].reason, n.achievement,
        )
        for index, n in enumerate(nominations, start=1)
    ]
