"""User administration by the system administrator, with the audit trail."""

import pytest
from django.urls import reverse

from units.models import AuditEvent, Role, RoleScope, User

pytestmark = pytest.mark.django_db


def test_non_admin_cannot_reach_user_admin(client, officer_vl):
    client.force_login(officer_vl)
    assert client.get(reverse("units:user-list")).status_code == 403
    assert client.post(reverse("units:user-create"), {}).status_code == 403


def test_admin_creates_user_assigns_role_and_deactivates(client, system_admin, province_pair):
    client.force_login(system_admin)
    vl = province_pair["vinh-long"]
    response = client.post(
        reverse("units:user-create"),
        {
            "username": "can-bo-moi",
            "full_name": "Nguyễn Thị Hoa",
            "email": "hoa@example.gov.vn",
            "unit": vl.pk,
            "password1": "Mật khẩu đủ dài 2026",
            "password2": "Mật khẩu đủ dài 2026",
        },
    )
    user = User.objects.get(username="can-bo-moi")
    assert response.status_code == 302
    response = client.post(
        reverse("units:user-role-assign", args=[user.pk]),
        {"role-role": Role.UNIT_OFFICER, "role-unit": vl.pk, "role-scope": RoleScope.SUBTREE},
    )
    assert user.role_assignments.filter(role=Role.UNIT_OFFICER, unit=vl, is_active=True).exists()
    client.post(reverse("units:user-toggle-active", args=[user.pk]))
    user.refresh_from_db()
    assert user.is_active is False
    actions = list(AuditEvent.objects.filter(object_id=str(user.pk)).values_list("action", flat=True))
    assert "user_create" in actions and "user_deactivate" in actions
    assert AuditEvent.objects.filter(action="role_assign").count() == 1
    assert "Mật khẩu đủ dài" not in " ".join(AuditEvent.objects.values_list("summary", flat=True))


def test_short_password_gets_vietnamese_error(client, system_admin, province_pair):
    client.force_login(system_admin)
    response = client.post(
        reverse("units:user-create"),
        {
            "username": "ngan",
            "full_name": "A",
            "email": "",
            "unit": province_pair["vinh-long"].pk,
            "password1": "ngan-qua",
            "password2": "ngan-qua",
        },
    )
    assert response.status_code == 200
    assert "quá ngắn" in response.content.decode()
    assert not User.objects.filter(username="ngan").exists()


def test_admin_cannot_deactivate_self(client, system_admin):
    client.force_login(system_admin)
    client.post(reverse("units:user-toggle-active", args=[system_admin.pk]))
    system_admin.refresh_from_db()
    assert system_admin.is_active


def test_user_list_search_and_excel(client, system_admin, officer_vl):
    client.force_login(system_admin)
    response = client.get(reverse("units:user-list"), {"q": "so-vl"})
    assert "so-vl" in response.content.decode()
    export = client.get(reverse("units:user-list"), {"export": "xlsx"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_unit_excel_export_has_vietnamese_headers(client, system_admin, province_pair):
    import io

    from openpyxl import load_workbook

    client.force_login(system_admin)
    response = client.get(reverse("units:unit-list"), {"q": "Sở", "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert [c.value for c in sheet[1]][:3] == ["Tên đơn vị", "Viết tắt", "Loại"]
    names = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert "Sở Công Thương tỉnh Vĩnh Long" in names


def test_roles_drive_navigation(client, officer_vl, system_admin):
    client.force_login(officer_vl)
    assert "Người dùng" not in client.get(reverse("home")).content.decode()
    client.force_login(system_admin)
    assert "Người dùng" in client.get(reverse("home")).content.decode()


def test_log_injection_is_escaped(client, officer_vl):
    client.post(reverse("login"), {"username": "evil\nuser", "password": "x" * 12})
    event = AuditEvent.objects.get(action="login_failed")
    assert "\n" not in event.actor_label and "\\x0a" in event.actor_label
