"""§5 Rate limits and lockouts count in one cache that every process shares (Redis when configured).

Before, each process counted alone in local memory: two workers let 30 an export limit of 20.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]

COUNT_IN_A_PROCESS = """
import json, os, sys, types
import django
django.setup()
from common.ratelimit import allow, private_key
user = types.SimpleNamespace(pk=424242)
exports = sum(allow(user, "export") for _ in range(15))
email = private_key("ai-do@example.gov.vn")
resets = sum(allow(None, "password_reset_email", 3600, key=email, limit=3) for _ in range(3))
print(json.dumps({"exports": exports, "resets": resets}))
"""


def cache_for(env: dict) -> dict:
    import os

    from thidua.settings import base

    saved = {k: os.environ.get(k) for k in ("CACHE_URL", "REDIS_URL", "CELERY_BROKER_URL")}
    try:
        for key in saved:
            os.environ.pop(key, None)
        os.environ.update(env)
        return base.cache_settings()["default"]
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def test_cache_setting_follows_cache_url_then_the_brokers_redis():
    assert cache_for({"CACHE_URL": "redis://cache:6379/3"})["LOCATION"] == "redis://cache:6379/3"
    assert cache_for({"REDIS_URL": "redis://r:6379/2"})["LOCATION"] == "redis://r:6379/2"
    shared = cache_for({"CELERY_BROKER_URL": "redis://broker:6379/0"})
    assert shared["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert shared["LOCATION"] == "redis://broker:6379/0" and shared["KEY_PREFIX"] == "thidua"
    assert "LocMemCache" in cache_for({"CELERY_BROKER_URL": "amqp://guest@mq//"})["BACKEND"]
    assert "LocMemCache" in cache_for({})["BACKEND"]  # the embedded default: one process


def count_in_processes(env: dict, processes: int = 2) -> list[dict]:
    import os

    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "CACHE_URL", "REDIS_URL", "CELERY_BROKER_URL"}}
    environment.update(DJANGO_SETTINGS_MODULE="thidua.settings", DATABASE_URL="sqlite:////tmp/thidua-cache-test.sqlite3", **env)
    running = [
        subprocess.Popen([sys.executable, "-c", COUNT_IN_A_PROCESS], cwd=BASE_DIR, env=environment,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(processes)
    ]
    results = []
    for process in running:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


@pytest.mark.integration
def test_two_processes_share_one_count_through_the_brokers_redis(own_redis):
    results = count_in_processes({"CELERY_BROKER_URL": own_redis.url})
    exports = sum(r["exports"] for r in results)
    resets = sum(r["resets"] for r in results)
    print(f"\n2 tiến trình: {exports} lượt xuất được phép (giới hạn 20), {resets} lượt đặt lại mật khẩu (giới hạn 3)")
    assert exports == 20
    assert resets == 3


def test_embedded_default_counts_in_local_memory():
    """Without a broker or cache URL each process counts alone: fine for one `make run` process."""
    results = count_in_processes({})
    assert [r["exports"] for r in results] == [15, 15]


def test_rate_limit_lets_requests_through_when_the_cache_is_down(caplog):
    import types
    from unittest import mock

    from common.ratelimit import allow

    with mock.patch("common.ratelimit.cache.add", side_effect=ConnectionError("Redis down")):
        assert allow(types.SimpleNamespace(pk=1), "export") is True
    assert "bộ nhớ đệm lỗi: ConnectionError" in caplog.text
