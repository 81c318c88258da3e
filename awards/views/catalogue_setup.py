"""Screens to keep the catalogue: add a title or form (the sector's, or a province's own) and correct one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render

from units.models import UnitKind

from .. import policies, selectors, services
from ..forms import AwardKindForm
from ..models import (
    AwardCategory,
    AwardLevel,
    CertificateLayout,
    Denominator,
    DossierDocument,
    EligibilityCheck,
    Subject,
)

# A new title starts from the usual vote rule and dossier; the manager changes what the law says otherwise.
NEW_KIND = {
    "subject": Subject.BOTH, "category": AwardCategory.FORM, "level": AwardLevel.MINISTRY, "certificate_layout": CertificateLayout.CERTIFICATE,
    "eligibility_check": EligibilityCheck.MANUAL, "dossier": ["to_trinh", "bao_cao_thanh_tich", "bien_ban"], "vote_secret": True,
    "quorum_percent": 50, "threshold_percent": 50, "denominator": Denominator.PRESENT,
}


def _render(request, form, *, kind=None, rule=None):
    return render(request, "awards/award_kind_form.html", {
        "form": form, "kind": kind, "rule": rule, "ruleset": selectors.ruleset_in_force(),
        "choices": {
            "subject": Subject.choices, "category": AwardCategory.choices, "level": AwardLevel.choices, "layout": CertificateLayout.choices,
            "check": EligibilityCheck.choices, "denominator": Denominator.choices, "unit_kinds": UnitKind.choices, "dossier": DossierDocument.choices,
        },
        "posted_deciders": form["decider_unit_kinds"].value() or [], "posted_dossier": form["dossier"].value() or [],
    })


def _call(form, call):
    try:
        return call()
    except (ValidationError, PermissionDenied) as error:
        form.add_error(None, getattr(error, "messages", None) or str(error))
        return None


@login_required
def award_kind_create(request):
    sector = policies.keeps_sector_catalogue(request.user)
    owners = selectors.award_kind_owner_choices(request.user)
    if not (sector or owners.exists()):
        raise PermissionDenied("Chỉ quản trị hệ thống và cán bộ quản lý phong trào được bổ sung danh mục khen thưởng.")
    form = AwardKindForm(request.POST or None, owners=owners, sector=sector, initial={**NEW_KIND, "owner": None if sector else owners.first()})
    if request.method == "POST" and form.is_valid():
        kind = _call(form, lambda: services.award_kind_create(actor=request.user, **form.service_kwargs()))
        if kind is not None:
            messages.success(request, f"Đã thêm “{kind.name}” vào danh mục khen thưởng.")
            return redirect("awards:catalogue")
    return _render(request, form)


@login_required
def award_kind_update(request, pk):
    kind = selectors.award_kind_get_for_user(request.user, pk)
    refusal = policies.edit_award_kind_refusal(request.user, kind)
    if refusal:
        raise PermissionDenied(refusal.message)
    rule = selectors.rule_in_force(kind)
    initial = {field: getattr(kind, field) for field in services.KIND_FIELDS} | {"is_active": kind.is_active}
    if rule is not None:
        initial |= {field: getattr(rule, field) for field in services.RULE_FIELDS if field not in ("quorum_fraction", "pass_threshold")}
        initial |= {"quorum_percent": rule.quorum_fraction * 100, "threshold_percent": rule.pass_threshold * 100}
    else:
        initial |= {k: v for k, v in NEW_KIND.items() if k not in initial}
    form = AwardKindForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if _call(form, lambda: services.award_kind_update(actor=request.user, kind=kind, **form.service_kwargs())):
            messages.success(request, f"Đã lưu “{form.cleaned_data['name']}”.")
            return redirect("awards:catalogue")
    return _render(request, form, kind=kind, rule=rule)
