"""GET /healthz: the state of the database and the broker, as JSON.

200 while the app can serve (the database answers), even with the broker down:
background work then waits in the database and the sweeper dispatches it later.
"""

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


@never_cache
@require_GET
def healthz(request):
    database = database_state()
    broker = broker_state()
    status = "ok" if database["ok"] and broker["ok"] else ("degraded" if database["ok"] else "down")
    return JsonResponse(
        {"status": status, "database": database, "broker": broker},
        status=200 if database["ok"] else 503,
        json_dumps_params={"ensure_ascii": False},
    )
