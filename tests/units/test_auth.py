"""Login, logout, password reset, lockout and password rules (ASVS V2, V3)."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import TEST_PASSWORD, UserFactory
from units.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_login_page_is_vietnamese(client):
    body = client.get(reverse("login")).content.decode()
    assert "Đăng nhập" in body and "Tên đăng nhập" in body and "Mật khẩu" in body and 'lang="vi"' in body


def test_login_rotates_session_and_records_audit(client, officer_vl):
    client.get(reverse("login"))
    before = client.session.session_key
    response = client.post(reverse("login"), {"username": "so-vl", "password": TEST_PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.session.session_key != before
    assert AuditEvent.objects.filter(action="login", actor=officer_vl).count() == 1
    home = client.get(reverse("home")).content.decode()
    assert officer_vl.full_name in home and "Sở Công Thương tỉnh Vĩnh Long" in home


def test_wrong_password_is_refused_in_vietnamese(client, officer_vl):
    response = client.post(reverse("login"), {"username": "so-vl", "password": "sai-mat-khau-123"})
    assert response.status_code == 200
    assert "Vui lòng nhập chính xác" in response.content.decode()
    assert AuditEvent.objects.filter(action="login_failed", actor_label="so-vl").count() == 1


def test_logout_invalidates_session(client, officer_vl):
    client.post(reverse("login"), {"username": "so-vl", "password": TEST_PASSWORD})
    cookie = client.cookies["sessionid"].value
    client.post(reverse("logout"))
    client.cookies["sessionid"] = cookie
    response = client.get(reverse("units:unit-list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_lockout_after_repeated_failures(client, officer_vl):
    for _ in range(5):
        client.post(reverse("login"), {"username": "so-vl", "password": "sai-mat-khau-123"})
    response = client.post(reverse("login"), {"username": "so-vl", "password": TEST_PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "tạm thời bị khóa" in response.content.decode()


def test_password_reset_sends_mail_and_sets_new_password(client, officer_vl):
    response = client.post(reverse("password_reset"), {"email": officer_vl.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Đặt lại mật khẩu" in message.subject
    link = re.search(r"http://testserver(/\S+)", message.body).group(1)
    form_url = client.get(link).url
    new_password = "Thi đua là yêu nước 2026"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    officer_vl.refresh_from_db()
    assert officer_vl.check_password(new_password)


def test_password_reset_same_answer_for_unknown_email(client, officer_vl):
    known = client.post(reverse("password_reset"), {"email": officer_vl.email})
    unknown = client.post(reverse("password_reset"), {"email": "khong-ton-tai@example.gov.vn"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert len(mail.outbox) == 1


def test_password_rules_length_and_common(db):
    user = UserFactory.build(username="rules")
    with pytest.raises(ValidationError):
        validate_password("ngan-11-kt", user)
    with pytest.raises(ValidationError):
        validate_password("password123456", user)
    validate_password("Thi đua là yêu nước, yêu nước thì phải thi đua " + "x" * 16, user)


def test_idle_session_expires_after_15_minutes(client, officer_vl):
    import time_machine

    with time_machine.travel("2026-03-01 08:00 +0700", tick=False) as traveller:
        client.post(reverse("login"), {"username": "so-vl", "password": TEST_PASSWORD})
        traveller.shift(14 * 60)
        assert client.get(reverse("home")).status_code == 200
        traveller.shift(16 * 60)
        assert client.get(reverse("home")).status_code == 302


def test_absolute_session_lifetime_is_12_hours(client, officer_vl, settings):
    import time_machine

    settings.SESSION_COOKIE_AGE = 2 * 60 * 60  # never idle in this test
    with time_machine.travel("2026-03-01 08:00 +0700", tick=False) as traveller:
        client.post(reverse("login"), {"username": "so-vl", "password": TEST_PASSWORD})
        for _ in range(12):  # active every 59 minutes, up to 11 h 48 min
            traveller.shift(59 * 60)
            assert client.get(reverse("home")).status_code == 200
        traveller.shift(59 * 60)  # 12 h 47 min after login
        response = client.get(reverse("home"))
    assert response.status_code == 302
