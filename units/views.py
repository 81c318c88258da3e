"""Screens of the organisation: unit tree and pages, persons, accounts, audit trail (clusters: ``cluster_views``)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from common.excel import ImportColumn, read_import, xlsx_response
from common.pagination import paginate

from . import selectors, services
from .decorators import admin_required
from .forms import PersonForm, RoleAssignForm, UserCreateForm, UserUpdateForm
from .models import AuditEvent, Person, Role, RoleAssignment, UnitKind, User
from .scoping import has_role, is_system_admin


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
def unit_list(request):
    query = request.GET.get("q", "").strip()[:100]
    kind = request.GET.get("kind", "")
    active = request.GET.get("active", "")
    kind = kind if kind in UnitKind.values else ""
    filtered = bool(query or kind or active)
    units = selectors.unit_search(user=request.user, query=query, kind=kind, active=active)
    if request.GET.get("export") == "xlsx":
        rows = (
            (u.name, u.short_name, u.get_kind_display(), u.parent.name if u.parent else "", u.place_name,
             "Có" if u.is_active else "Không")
            for u in units
        )
        return xlsx_response(
            filename="danh-sach-don-vi.xlsx",
            title="Đơn vị",
            headers=["Tên đơn vị", "Viết tắt", "Loại", "Đơn vị cấp trên", "Địa danh", "Đang hoạt động"],
            rows=rows,
        )
    context = {
        "query": query,
        "kind": kind,
        "active": active,
        "kinds": UnitKind.choices,
        "filtered": filtered,
        "page": paginate(request, units) if filtered else None,
        "tree": None if filtered else selectors.unit_tree(user=request.user),
        "is_admin": is_system_admin(request.user),
    }
    return render(request, "units/unit_list.html", context)


@login_required
def unit_detail(request, pk):
    unit = selectors.unit_get_for_user(request.user, pk)
    context = selectors.unit_detail_context(user=request.user, unit=unit)
    context["can_edit_persons"] = _can_manage_persons(request.user, unit)
    return render(request, "units/unit_detail.html", context)


def _can_manage_persons(user, unit) -> bool:
    return is_system_admin(user) or has_role(user, Role.UNIT_OFFICER, unit) or has_role(user, Role.CAMPAIGN_MANAGER, unit)


@login_required
def person_detail(request, pk):
    person = selectors.person_get_for_user(request.user, pk)
    return render(
        request,
        "units/person_detail.html",
        {"person": person, "can_edit": _can_manage_persons(request.user, person.unit)},
    )


@login_required
def person_create(request, unit_pk):
    unit = selectors.unit_get_for_user(request.user, unit_pk)
    return _person_form(request, Person(unit=unit), unit)


@login_required
def person_update(request, pk):
    person = selectors.person_get_for_user(request.user, pk)
    return _person_form(request, person, person.unit)


def _person_form(request, person, unit):
    if not _can_manage_persons(request.user, unit):
        raise PermissionDenied("Tài khoản không có quyền cập nhật cá nhân của đơn vị này.")
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_save(actor=request.user, person=form.instance)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, f"Đã lưu thông tin cá nhân {person.full_name}.")
            return redirect(person.get_absolute_url())
    return render(request, "units/person_form.html", {"form": form, "unit": unit, "person": person})


@admin_required
def user_list(request):
    query = request.GET.get("q", "").strip()[:100]
    active = request.GET.get("active", "")
    users = selectors.user_list(query=query, active=active)
    if request.GET.get("export") == "xlsx":
        rows = (
            (
                u.username,
                u.full_name,
                u.email,
                u.unit.label if u.unit else "",
                "; ".join(str(a) for a in u.role_assignments.all()),
                "Hoạt động" if u.is_active else "Đã khóa",
            )
            for u in users
        )
        return xlsx_response(
            filename="danh-sach-tai-khoan.xlsx",
            title="Tài khoản",
            headers=["Tên đăng nhập", "Họ và tên", "Thư điện tử", "Đơn vị", "Vai trò", "Trạng thái"],
            rows=rows,
        )
    return render(request, "units/user_list.html", {"page": paginate(request, users), "query": query, "active": active})


@admin_required
def user_create(request):
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_create(
                actor=request.user,
                username=data["username"],
                full_name=data["full_name"],
                email=data["email"],
                unit=data["unit"],
                password=data["password1"],
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, f"Đã tạo tài khoản {user.username}. Hãy giao vai trò cho tài khoản.")
            return redirect("units:user-detail", pk=user.pk)
    return render(request, "units/user_form.html", {"form": form, "title": "Tạo tài khoản"})


@admin_required
def user_detail(request, pk):
    account = get_object_or_404(User.objects.select_related("unit"), pk=pk)
    form = UserUpdateForm(request.POST or None, instance=account, prefix="profile")
    role_form = RoleAssignForm(prefix="role")
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update(actor=request.user, user=account, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, "Đã cập nhật tài khoản.")
            return redirect("units:user-detail", pk=account.pk)
    assignments = account.role_assignments.active().select_related("unit")
    return render(
        request,
        "units/user_detail.html",
        {"account": account, "form": form, "role_form": role_form, "assignments": assignments},
    )


@admin_required
@require_POST
def user_role_assign(request, pk):
    account = get_object_or_404(User, pk=pk)
    form = RoleAssignForm(request.POST, prefix="role")
    if form.is_valid():
        try:
            services.role_assign(actor=request.user, user=account, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Đã giao vai trò.")
    else:
        messages.error(request, "Thông tin vai trò không hợp lệ.")
    return redirect("units:user-detail", pk=account.pk)


@admin_required
@require_POST
def user_role_revoke(request, pk, assignment_pk):
    assignment = get_object_or_404(RoleAssignment.objects.select_related("user", "unit"), pk=assignment_pk, user_id=pk)
    services.role_revoke(actor=request.user, assignment=assignment)
    messages.success(request, "Đã thu hồi vai trò.")
    return redirect("units:user-detail", pk=pk)


@admin_required
@require_POST
def user_toggle_active(request, pk):
    account = get_object_or_404(User, pk=pk)
    try:
        services.user_set_active(actor=request.user, user=account, is_active=not account.is_active)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Đã mở khóa tài khoản." if account.is_active else "Đã khóa tài khoản.")
    return redirect("units:user-detail", pk=pk)


@admin_required
def audit_list(request):
    query = request.GET.get("q", "").strip()[:100]
    action = request.GET.get("action", "").strip()[:64]
    events = selectors.audit_list(query=query, action=action)
    actions = AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct()
    return render(
        request,
        "units/audit_list.html",
        {"page": paginate(request, events, 50), "query": query, "action": action, "actions": actions},
    )


UNIT_IMPORT_COLUMNS = [
    ImportColumn("Mã đơn vị", "code", lambda v: str(v).strip()),
    ImportColumn("Tên đơn vị", "name", str),
    ImportColumn("Chữ viết tắt", "short_name", str, required=False),
    ImportColumn("Loại đơn vị", "kind", services.parse_unit_kind),
    ImportColumn("Mã đơn vị cấp trên", "parent_code", lambda v: str(v).strip(), required=False),
    ImportColumn("Địa danh", "place_name", str, required=False),
]


@admin_required
def unit_import(request):
    """Import units from the app's Excel template: every bad row is listed and nothing is saved."""
    if request.GET.get("template"):
        example = [
            ("sct-vinh-long-qlnl", "Phòng Quản lý năng lượng", "QLNL", "Phòng", "sct-vinh-long", "Vĩnh Long"),
        ]
        return xlsx_response(
            filename="mau-nhap-don-vi.xlsx",
            title="Đơn vị",
            headers=[c.header for c in UNIT_IMPORT_COLUMNS],
            rows=example,
        )
    errors = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            errors = [(0, "Chưa chọn tệp Excel.")]
        elif upload.size > 5 * 1024 * 1024:
            errors = [(0, "Tệp quá lớn (tối đa 5 MB).")]
        else:
            result = read_import(upload, UNIT_IMPORT_COLUMNS)
            errors = result.errors
            if result.ok:
                try:
                    created, updated = services.units_import(actor=request.user, rows=result.rows)
                except ValidationError as error:
                    errors = [(0, message) for message in error.messages]
                else:
                    messages.success(request, f"Đã nhập {created} đơn vị mới, cập nhật {updated} đơn vị.")
                    return redirect("units:unit-list")
    return render(request, "units/unit_import.html", {"errors": errors})
