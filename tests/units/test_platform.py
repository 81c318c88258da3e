"""Platform: deny by default, health endpoint, security headers, formats, production checks."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import formats, translation

pytestmark = pytest.mark.django_db

# URLs an anonymous visitor may reach. Everything else must redirect to the login page.
PUBLIC_PREFIXES = (
    "/tai-khoan/dang-nhap/",
    "/tai-khoan/dang-xuat/",
    "/tai-khoan/quen-mat-khau/",
    "/tai-khoan/dat-lai-mat-khau/",
    "/healthz",
    "/static/",
    "/vinh-danh/",  # the public honour board
    "/van-ban/tra-cuu/",  # the public verification page of issued documents (documents:verify)
)
BASE_DIR = Path(__file__).resolve().parents[2]


def walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def concrete(route: str) -> str:
    import re

    route = re.sub(r"<(?:int|id):[^>]+>", "1", route)
    route = re.sub(r"<year:[^>]+>", "2026", route)
    route = re.sub(r"<uuid:[^>]+>", "00000000-0000-0000-0000-000000000001", route)
    route = re.sub(r"<(?:str|slug|path):[^>]+>|<[^>]+>", "x", route)
    route = route.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\", "")
    return "/" + route.lstrip("/")


def test_every_url_denies_anonymous_by_default(client):
    checked = 0
    for route in walk(get_resolver().url_patterns):
        url = concrete(route)
        if url.startswith("/admin/") or url.startswith(PUBLIC_PREFIXES):
            continue
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            assert response.status_code in (301, 302), f"{method.upper()} {url} → {response.status_code}"
            assert "/tai-khoan/dang-nhap/" in response["Location"], f"{url} → {response['Location']}"
        checked += 1
    assert checked >= 10


def test_admin_requires_staff_login(client, officer_vl):
    assert client.get("/admin/").status_code == 302
    client.force_login(officer_vl)
    assert "/admin/login/" in client.get("/admin/")["Location"]


def test_healthz_embedded_mode(client):
    response = client.get("/healthz")
    data = response.json()
    assert response.status_code == 200
    assert data["database"]["state"] == "up"
    assert data["broker"]["state"] == "in-process"


@pytest.fixture
def broker(celery_broker):
    return celery_broker


def test_healthz_broker_down_still_serves(client, broker):
    broker("redis://127.0.0.1:1/0")
    response = client.get("/healthz")
    data = json.loads(response.content)
    assert response.status_code == 200
    assert data["status"] == "degraded"
    assert data["broker"]["state"] == "down"
    assert "hàng đợi" in data["broker"]["detail"].lower()


@pytest.mark.integration
def test_healthz_broker_up(client, broker, redis_url):
    broker(redis_url)
    data = client.get("/healthz").json()
    assert data["broker"]["state"] == "up"
    assert data["status"] == "ok"


def test_security_headers(client, officer_vl):
    client.force_login(officer_vl)
    response = client.get(reverse("home"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp


def test_no_inline_scripts_or_cdn_in_base_page(client, officer_vl):
    import re

    client.force_login(officer_vl)
    html = client.get(reverse("home")).content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "cdn" not in html.lower()
    assert "/static/vendor/bootstrap/bootstrap.min.css" in html


def test_vietnamese_number_and_date_formats():
    import datetime

    with translation.override("vi"):
        assert formats.number_format(38300, use_l10n=True, force_grouping=True) == "38.300"
        assert formats.number_format(8.2, decimal_pos=1, use_l10n=True) == "8,2"
        assert formats.date_format(datetime.date(2026, 2, 5), "SHORT_DATE_FORMAT") == "05/02/2026"


def test_template_renders_vietnamese_numbers():
    from django.template import Context, Template

    with translation.override("vi"):
        html = Template("{% load humanize %}{{ a|intcomma }} {{ b|floatformat:1 }} {{ d|date:'SHORT_DATE_FORMAT' }}").render(
            Context({"a": 38300, "b": 8.2, "d": __import__("datetime").date(2026, 3, 15)})
        )
    assert html == "38.300 8,2 15/03/2026"


def production_env() -> dict:
    """The environment of a production process: no test-only switches leak into it."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "thidua.settings.production",
        "SECRET_KEY": "kiem-thu-" + "k3y-" * 16,
        "ALLOWED_HOSTS": "thidua.example.gov.vn",
        "DATABASE_URL": "sqlite:////tmp/thidua-deploy-check.sqlite3",
    }


def test_production_settings_pass_deploy_check():
    env = production_env()
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_seed_demo():
    env = production_env()
    result = subprocess.run(
        [sys.executable, "manage.py", "seed_demo"], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "production" in result.stderr


@override_settings(DEBUG=False)
def test_not_found_page_is_vietnamese(client, officer_vl):
    client.force_login(officer_vl)
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()


def test_every_post_without_csrf_token_is_refused(system_admin):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(system_admin)
    checked = 0
    for route in walk(get_resolver().url_patterns):
        url = concrete(route)
        if url.startswith(("/admin/", "/static/", "/healthz")):
            continue
        response = client.post(url, {"x": "1"})
        assert response.status_code == 403, f"POST {url} without CSRF token → {response.status_code}"
        checked += 1
    assert checked >= 10


def test_no_session_id_in_urls(client, system_admin):
    client.force_login(system_admin)
    html = client.get(reverse("home")).content.decode()
    assert "sessionid" not in html
