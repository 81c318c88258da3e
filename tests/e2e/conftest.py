"""Browser journeys: pytest-playwright driving Debian's Chromium against live_server.

Screenshots go to var/screenshots/ (see README). Tests here are marked ``e2e``.
"""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
DEMO_PASSWORD = "thidua-demo-2026"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        if os.environ.get("THIDUA_REQUIRE_SERVICES") == "1":
            pytest.fail(f"Không tìm thấy Chromium tại {CHROMIUM} (bắt buộc trong CI)")
        pytest.skip(f"Không tìm thấy Chromium tại {CHROMIUM}")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture
def seeded(transactional_db):
    """The full demo data, as `make run` loads it."""
    from django.core.management import call_command

    call_command("seed_demo", stdout=open(os.devnull, "w"))


@pytest.fixture
def shot():
    """Save a full-page screenshot under var/screenshots/<name>.png and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def login(live_server):
    """Log a demo account in through the real login form."""

    def do_login(page, username: str, password: str = DEMO_PASSWORD):
        page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_load_state("networkidle")

    return do_login
