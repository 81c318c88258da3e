"""Fixtures shared by every test: units, accounts with roles, and service availability."""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.conf import settings

from tests.factories import RoleAssignmentFactory, UnitFactory, UserFactory
from units.models import Role, RoleScope, UnitKind

REQUIRE_SERVICES = os.environ.get("THIDUA_REQUIRE_SERVICES") == "1"


def service_reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=1):
            return True
    except OSError:
        return False


def require_service(name: str, url: str, default_port: int) -> None:
    """Fail in CI (THIDUA_REQUIRE_SERVICES=1) and skip elsewhere when a service is missing."""
    if service_reachable(url, default_port):
        return
    message = f"{name} không kết nối được tại {url}"
    if REQUIRE_SERVICES:
        pytest.fail(f"{message} (bắt buộc trong CI)")
    pytest.skip(message)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and throttles count in the cache: every test starts with none counted."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def redis_url():
    url = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    if not url.startswith("redis"):
        url = "redis://127.0.0.1:6379/0"
    require_service("Redis", url, 6379)
    return url


@pytest.fixture
def ministry(db):
    return UnitFactory(code="bct", name="Bộ Công Thương", short_name="BCT", kind=UnitKind.MINISTRY, place_name="Hà Nội")


@pytest.fixture
def province_pair(db):
    """Two provinces with their Sở Công Thương: Vĩnh Long and Nghệ An."""
    result = {}
    for key, name in [("vinh-long", "Vĩnh Long"), ("nghe-an", "Nghệ An")]:
        ubnd = UnitFactory(code=f"ubnd-{key}", name=f"Ủy ban nhân dân tỉnh {name}", kind=UnitKind.PROVINCE, place_name=name)
        so = UnitFactory(
            code=f"sct-{key}",
            name=f"Sở Công Thương tỉnh {name}",
            kind=UnitKind.PROVINCIAL_DEPARTMENT,
            short_name="SCT",
            heading_name="Sở Công Thương",
            parent=ubnd,
            place_name=name,
        )
        result[key] = so
    return result


def make_user(username, unit, role, scope=RoleScope.SUBTREE, role_unit=None):
    user = UserFactory(username=username, unit=unit)
    if role is not None:
        RoleAssignmentFactory(user=user, role=role, unit=role_unit or unit, scope=scope)
    return user


@pytest.fixture
def officer_vl(province_pair):
    return make_user("so-vl", province_pair["vinh-long"], Role.UNIT_OFFICER)


@pytest.fixture
def officer_na(province_pair):
    return make_user("so-na", province_pair["nghe-an"], Role.UNIT_OFFICER)


@pytest.fixture
def ministry_manager(ministry):
    office = UnitFactory(code="van-phong", name="Văn phòng Bộ", kind=UnitKind.OFFICE, parent=ministry, short_name="VP")
    return make_user("bo-manager", office, Role.CAMPAIGN_MANAGER, scope=RoleScope.SECTOR)


@pytest.fixture
def system_admin(ministry):
    return make_user("admin-user", ministry, Role.SYSTEM_ADMIN, scope=RoleScope.SECTOR)


@pytest.fixture
def media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


__all__ = ["settings", "make_user"]


@pytest.fixture
def celery_broker(monkeypatch):
    """Point the Celery app at a real broker for one test, then back to in-process tasks.

    Celery reads CELERY_BROKER_URL from the environment before its settings, and an eager
    send still opens a producer pool on the default URL: both are reset here.
    """
    from thidua.celery import app

    saved = app.conf.task_always_eager

    def reset_pools():
        app._pool = None
        app.__dict__.get("amqp") and setattr(app.amqp, "_producer_pool", None)

    def use(url):
        monkeypatch.setenv("CELERY_BROKER_URL", url)
        app.conf.task_always_eager = False
        reset_pools()
        return app

    yield use
    app.conf.task_always_eager = saved
    reset_pools()


# A Redis of a test's own (never the shared one on 6379), for tests that restart it or count in it.

def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(predicate, timeout: float, step: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    return predicate()


class OwnRedis:
    """A redis-server of this test's own, on a spare port, keeping nothing on disk."""

    def __init__(self, workdir: Path):
        self.binary = shutil.which("redis-server")
        self.port = free_port()
        self.workdir = workdir
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.workdir), "--maxmemory-policy", "noeviction"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        assert wait_for(self.answers, 10), "redis-server riêng không khởi động được"

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def queued(self) -> int:
        import redis

        return redis.Redis.from_url(self.url).llen("celery")


@pytest.fixture
def own_redis(tmp_path):
    server = OwnRedis(tmp_path)
    if server.binary is None:
        message = "Không có redis-server để chạy một Redis riêng cho bài kiểm thử"
        if REQUIRE_SERVICES:
            pytest.fail(f"{message} (bắt buộc trong CI)")
        pytest.skip(message)
    server.start()
    yield server
    server.stop()
