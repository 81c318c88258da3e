"""The organisations' certificates (kept by each organisation's records clerk, or an administrator).

url → view → scoped gate (``selectors.credential_unit_get_for_user``: 404 outside the account's keeping)
→ form → one service, which checks the certificate and writes the audit entry.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from common.pagination import paginate
from common.policies import allowed
from common.web import form_error_messages, run_service

from . import credentials, policies, selectors
from .forms import CredentialActionForm, CredentialSearchForm, Pkcs11Form, Pkcs12Form


@login_required
def credential_unit_list(request):
    units = selectors.credential_units_for_user(request.user)
    if not units.exists():
        raise PermissionDenied("Chỉ văn thư của cơ quan hoặc quản trị hệ thống được quản lý chứng thư số của cơ quan.")
    form = CredentialSearchForm(request.GET or None)
    if form.is_valid() and (query := form.cleaned_data["q"]):
        units = units.filter(name__icontains=query)
    return render(request, "documents/credential_units.html", {"page": paginate(request, units), "form": form})


@login_required
def credential_unit(request, pk):
    unit = selectors.credential_unit_get_for_user(request.user, pk)
    p12_form = Pkcs12Form(prefix="p12")
    p11_form = Pkcs11Form(prefix="p11")
    if request.method == "POST":
        action = CredentialActionForm(request.POST)
        kind = action.cleaned_data["kind"] if action.is_valid() else ""
        if kind == "pkcs12":
            p12_form = Pkcs12Form(request.POST, request.FILES, prefix="p12")
            if p12_form.is_valid():
                data = p12_form.cleaned_data
                done = run_service(
                    request,
                    lambda: credentials.credential_upload_pkcs12(
                        actor=request.user, data=data["file"], password=data["password"], image=data["image"], unit=unit
                    ),
                    "Đã lưu chứng thư số của cơ quan. Khóa bí mật được mã hóa khi lưu trữ.",
                )
                if done is not None:
                    return redirect("documents:credential-unit", pk=unit.pk)
            else:
                form_error_messages(request, p12_form)
        elif kind == "pkcs11":
            p11_form = Pkcs11Form(request.POST, request.FILES, prefix="p11")
            if p11_form.is_valid():
                data = p11_form.cleaned_data
                done = run_service(
                    request,
                    lambda: credentials.credential_register_pkcs11(
                        actor=request.user, token_label=data["token_label"], key_label=data["key_label"], image=data["image"],
                        unit=unit,
                    ),
                    "Đã đăng ký chứng thư số trên thiết bị ký số của cơ quan.",
                )
                if done is not None:
                    return redirect("documents:credential-unit", pk=unit.pk)
            else:
                form_error_messages(request, p11_form)
    history = selectors.credential_history(unit)
    active = next((c for c in history if c.is_active), None)
    return render(
        request,
        "documents/credential_unit.html",
        {
            "unit": unit, "active": active, "history": history, "p12_form": p12_form, "p11_form": p11_form,
            "can_deactivate": active is not None and allowed(policies.deactivate_credential_refusal(request.user, active)),
        },
    )


@login_required
@require_POST
def credential_unit_deactivate(request, pk):
    credential = selectors.credential_unit_get_for_user_by_credential(request.user, pk)
    run_service(
        request,
        lambda: credentials.credential_deactivate(actor=request.user, credential=credential),
        "Đã ngừng sử dụng chứng thư số. Văn bản ban hành sau đây sẽ không có chữ ký số của cơ quan cho đến khi có chứng thư mới.",
    )
    return redirect("documents:credential-unit", pk=credential.unit_id)
