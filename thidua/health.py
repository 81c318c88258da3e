"""GET /healthz: the state of the database, the broker and the static files, as JSON.

200 while the app can serve: the database answers and, in production, the collected static files
are there (without their manifest every page fails). The broker may be down: background work then
waits in the database and the sweeper dispatches it later ("degraded").
"""

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from thidua.celery import app as celery_app


def database_state() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any failure means "down", reported as such
        return {"ok": False, "state": "down", "error": error.__class__.__name__}
    return {"ok": True, "state": "up", "vendor": connection.vendor}


def broker_state() -> dict:
    if celery_app.conf.task_always_eager:
        return {"ok": True, "state": "in-process", "detail": "Không cấu hình hàng đợi: tác vụ nền chạy trong tiến trình web."}
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as error:  # noqa: BLE001
        return {
            "ok": False,
            "state": "down",
            "error": error.__class__.__name__,
            "detail": "Hàng đợi không kết nối được: tác vụ nền được giữ trong cơ sở dữ liệu và sẽ chạy khi hàng đợi hoạt động lại.",
        }
    return {"ok": True, "state": "up"}


# Files every page links to: if these are not collected, no page renders.
STATIC_PROBES = ("vendor/bootstrap/bootstrap.min.css", "css/app.css")


def static_state() -> dict:
    """In production, are the static files collected (with their manifest) where STATIC_ROOT says?"""
    if not getattr(settings, "THIDUA_PRODUCTION", False):
        return {"ok": True, "state": "development", "detail": "Tệp tĩnh được phục vụ từ thư mục mã nguồn."}
    missing = []
    for name in STATIC_PROBES:
        try:
            stored = staticfiles_storage.stored_name(name) if hasattr(staticfiles_storage, "stored_name") else name
            if not staticfiles_storage.exists(stored):
                missing.append(name)
        except (ValueError, OSError):  # no manifest, or no entry for the file in it
            missing.append(name)
    if missing:
        return {
            "ok": False,
            "state": "missing",
            "missing": missing,
            "detail": "Thiếu tệp tĩnh đã thu thập: chạy `python manage.py collectstatic` với cấu hình production.",
        }
    return {"ok": True, "state": "collected"}


@never_cache
@require_GET
def healthz(request):
    database = database_state()
    broker = broker_state()
    static = static_state()
    serving = database["ok"] and static["ok"]
    status = ("ok" if broker["ok"] else "degraded") if serving else "down"
    return JsonResponse(
        {"status": status, "database": database, "broker": broker, "static": static},
        status=200 if serving else 503,
        json_dumps_params={"ensure_ascii": False},
    )
