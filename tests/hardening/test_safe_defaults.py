"""§5 Safe defaults: no-store for signed-in pages, lockout by username and address together, a throttled
password reset that answers the same in the same time, /healthz and the collected static files."""

import shutil
import time
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse

from tests.factories import TEST_PASSWORD
from tests.units.test_platform import concrete, walk

pytestmark = pytest.mark.django_db


# --- Cache-Control: no-store on every page of a signed-in user -------------------------------------

def test_signed_in_pages_send_no_store(client, system_admin):
    client.force_login(system_admin)
    checked = 0
    for route in walk(get_resolver().url_patterns):
        if "<" in route or route.startswith(("admin/", "static/")):
            continue
        url = concrete(route)
        response = client.get(url)
        if response.status_code in (301, 302, 405):
            continue
        assert "no-store" in response.get("Cache-Control", ""), f"GET {url} → {response.get('Cache-Control')!r}"
        assert "private" in response["Cache-Control"]
        checked += 1
    assert client.get("/khong-co-trang-nay/")["Cache-Control"].count("no-store") == 1
    print(f"\nno-store: {checked} trang đã kiểm")
    assert checked >= 10


def test_public_honour_board_stays_cacheable_for_anonymous_visitors(client):
    response = client.get("/vinh-danh/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


# --- django-axes: locked by username AND address -----------------------------------------------------

def login(client, username, password, address, forwarded=None):
    extra = {"REMOTE_ADDR": address}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    client.post(reverse("login"), {"username": username, "password": password}, **extra)
    signed_in = "_auth_user_id" in client.session
    client.logout()
    return signed_in


def fail_five_times(client, username, address, forwarded=None):
    for _ in range(5):
        assert not login(client, username, "sai-mat-khau-123", address, forwarded)


def test_lockout_is_per_username_and_address(client, officer_vl, officer_na):
    """An attacker at one address cannot lock a council member out of a vote from another."""
    fail_five_times(client, officer_vl.username, "203.0.113.9")
    assert not login(client, officer_vl.username, TEST_PASSWORD, "203.0.113.9")  # locked there
    assert login(client, officer_vl.username, TEST_PASSWORD, "198.51.100.20")  # the member, elsewhere
    assert login(client, officer_na.username, TEST_PASSWORD, "203.0.113.9")  # a colleague behind the same NAT


def test_lockout_behind_a_proxy_counts_the_forwarded_address(client, officer_vl, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "127.0.0.1"
    # The attacker also forges a left-hand X-Forwarded-For entry; nginx appends the real address.
    fail_five_times(client, officer_vl.username, proxy, forwarded="198.51.100.20, 203.0.113.9")
    assert not login(client, officer_vl.username, TEST_PASSWORD, proxy, forwarded="203.0.113.9")
    assert login(client, officer_vl.username, TEST_PASSWORD, proxy, forwarded="198.51.100.20")


def test_client_address_ignores_forwarded_header_without_a_trusted_proxy(rf, settings):
    from common.clientip import client_ip

    request = rf.get("/", REMOTE_ADDR="192.0.2.1", HTTP_X_FORWARDED_FOR="10.9.9.9")
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "192.0.2.1"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "10.9.9.9"
    request.META["HTTP_X_FORWARDED_FOR"] = "not-an-address"
    assert client_ip(request) == "192.0.2.1"


# --- Password reset: throttled, the same answer in the same time ---------------------------------------

def reset(client, email, address="192.0.2.10"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


@pytest.mark.parametrize("known", [True, False], ids=["co-tai-khoan", "khong-co-tai-khoan"])
def test_password_reset_throttled_per_email_alike_for_known_and_unknown(client, officer_vl, known):
    email = officer_vl.email if known else "khong-ton-tai@example.gov.vn"
    answers = [reset(client, email, address=f"192.0.2.{i}").status_code for i in range(1, 5)]
    assert answers == [302, 302, 302, 429]
    assert len(mail.outbox) == (3 if known else 0)


def test_password_reset_throttled_per_address(client):
    answers = [reset(client, f"nguoi-{i}@example.gov.vn").status_code for i in range(11)]
    assert answers == [302] * 10 + [429]
    response = reset(client, "nguoi-moi@example.gov.vn")
    assert response.status_code == 429
    assert "quá nhiều lần" in response.content.decode()


def test_password_reset_request_runs_the_same_queries_for_any_address(client, officer_vl):
    """With a broker, the request only queues the task: it never looks the account up itself."""
    runs = {}
    with mock.patch("units.tasks.password_reset_mail.delay") as queue:
        for label, email in (("known", officer_vl.email), ("unknown", "khong-ton-tai@example.gov.vn")):
            with CaptureQueriesContext(connection) as queries:
                response = reset(client, email, address=f"192.0.2.{len(runs) + 1}")
            assert response.status_code == 302
            runs[label] = [q["sql"] for q in queries.captured_queries]
    assert runs["known"] == runs["unknown"]
    assert not any("units_user" in sql for sql in runs["known"])
    assert [c.args[0] for c in queue.call_args_list] == [officer_vl.email, "khong-ton-tai@example.gov.vn"]
    assert mail.outbox == []


def test_password_reset_task_mails_only_existing_accounts(officer_vl):
    from units.tasks import password_reset_mail

    password_reset_mail.apply(args=("khong-ton-tai@example.gov.vn", "thidua.example.gov.vn", True))
    assert mail.outbox == []
    password_reset_mail.apply(args=(officer_vl.email, "thidua.example.gov.vn", True))
    assert len(mail.outbox) == 1 and "https://thidua.example.gov.vn/tai-khoan/dat-lai-mat-khau/" in mail.outbox[0].body


def test_password_reset_takes_the_same_time_in_process(client, officer_vl, settings):
    """In the embedded mode the mail is sent in the request: the answer waits for a fixed time anyway."""
    settings.EMAIL_BACKEND = "tests.hardening.slow_mail.EmailBackend"
    settings.PASSWORD_RESET_MIN_SECONDS = 0.6
    timings = {"known": [], "unknown": []}
    for round_ in range(2):
        for label, email in (("known", officer_vl.email), ("unknown", "khong-ton-tai@example.gov.vn")):
            started = time.monotonic()
            assert reset(client, email, address=f"192.0.2.{round_}{len(timings[label])}").status_code == 302
            timings[label].append(time.monotonic() - started)
    assert len(mail.outbox) == 2  # the slow backend really sent for the known address
    known, unknown = min(timings["known"]), min(timings["unknown"])
    print(f"\nđặt lại mật khẩu: có tài khoản {known:.3f} s, không có {unknown:.3f} s")
    assert abs(known - unknown) < 0.15


# --- /healthz notices missing collected static files in production ------------------------------------

MANIFEST = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}


def test_healthz_in_production_notices_missing_static_files(client, settings, tmp_path):
    settings.THIDUA_PRODUCTION = True
    settings.STORAGES = MANIFEST
    settings.STATIC_ROOT = tmp_path / "static"
    response = client.get("/healthz")
    data = response.json()
    assert response.status_code == 503 and data["status"] == "down"
    assert data["static"]["state"] == "missing" and "collectstatic" in data["static"]["detail"]

    call_command("collectstatic", interactive=False, verbosity=0)
    response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    assert response.json()["static"]["state"] == "collected"

    shutil.rmtree(tmp_path / "static")  # a later deploy wiped STATIC_ROOT
    assert client.get("/healthz").json()["static"]["state"] == "missing"


def test_healthz_outside_production_serves_static_from_source(client):
    assert client.get("/healthz").json()["static"]["state"] == "development"

