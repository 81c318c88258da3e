"""§5 Safe defaults: DEBUG is off unless set; the WSGI and ASGI entry points never serve debug pages.

Each check runs in a fresh process, with the environment a server would have: no DEBUG variable.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]


def server_env(tmp_path, **extra) -> dict:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DEBUG", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "CELERY_BROKER_URL"}
    }
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    env.update(extra)
    return env


def debug_seen_by(module: str, env: dict) -> str:
    code = f"import {module}; from django.conf import settings; print(settings.DEBUG)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize("module", ["thidua.wsgi", "thidua.asgi"])
def test_entry_points_run_without_debug_by_default(module, tmp_path):
    assert debug_seen_by(module, server_env(tmp_path)) == "False"


def test_debug_is_on_only_when_set(tmp_path):
    assert debug_seen_by("thidua.wsgi", server_env(tmp_path, DEBUG="1")) == "True"
    code = "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='thidua.settings'; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    result = subprocess.run([sys.executable, "-c", code], cwd=BASE_DIR, env=server_env(tmp_path), capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr


def test_make_run_turns_debug_on_for_the_development_server_only():
    script = (BASE_DIR / "scripts" / "run.sh").read_text()
    runserver = [line for line in script.splitlines() if "runserver" in line]
    assert runserver and all(line.startswith("DEBUG=${DEBUG:-1} ") for line in runserver)
    assert "export DEBUG" not in script  # the worker started beside it keeps DEBUG off


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_gunicorn_from_requirements_serves_no_debug_page(tmp_path):
    """The README deploys with Gunicorn: it is pinned, and `gunicorn thidua.wsgi` shows no debug page."""
    pins = (BASE_DIR / "requirements.txt").read_text().splitlines()
    assert any(line.startswith("gunicorn==") for line in pins)
    gunicorn = Path(sys.executable).with_name("gunicorn")
    port = free_port()
    process = subprocess.Popen(
        [str(gunicorn), "thidua.wsgi", "-w", "1", "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=BASE_DIR,
        env=server_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/trang-khong-co/", timeout=2)
            except urllib.error.HTTPError as error:
                status, body = error.code, error.read().decode()
                break
            except OSError:
                assert process.poll() is None, process.stdout.read().decode()
                assert time.monotonic() < deadline, "Gunicorn không khởi động được"
                time.sleep(0.3)
        assert status == 404
        assert "Không tìm thấy" in body
        assert "URLconf" not in body and "DEBUG = True" not in body
    finally:
        process.terminate()
        process.wait(timeout=10)
