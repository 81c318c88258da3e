"""What every benchmark shares: Django set-up, repeated timing, query counting, and the verdict.

A benchmark measures a figure and its baseline in the same run, at least five times each, and
prints median and p95 of both and their ratio. It ends with exit status 1 when a goal is missed.
Pages are requested through Django's test client as a logged-in account, against whatever
database ``DATABASE_URL`` names (build one with ``manage.py generate_national``).
"""

from __future__ import annotations

import gc
import math
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def setup() -> None:
    """Configure Django for a benchmark: production-like (DEBUG off), tasks in-process unless a broker is set."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Đặt DATABASE_URL trỏ tới cơ sở dữ liệu đã tạo bằng generate_national (xem docs/performance.md).")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()
    from django.conf import settings

    settings.ROOT_URLCONF = "bench.urls"  # the site plus the baseline admin (bench/baseline_admin.py)
    import logging

    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # a stopped request is reported by the benchmark


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: with 7 runs, p95 is the slowest."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass
class Series:
    """Timings of one measured thing, with the queries of each run."""

    name: str
    seconds: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    page_queries: list[int] = field(default_factory=list)
    note: str = ""
    timed_out: bool = False

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def p95(self) -> float:
        return percentile(self.seconds, 0.95)

    def line(self) -> str:
        bound = "> " if self.timed_out else ""
        text = f"{self.name}: median {bound}{self.median:.3f} s, p95 {bound}{self.p95:.3f} s over {len(self.seconds)} runs"
        if self.queries:
            text += f", {self.queries[0]} queries ({self.page_queries[0]} of the page)"
        return text + (f", {self.note}" if self.note else "")


FRAMEWORK_TABLES = ('"django_session"', '"units_user"', '"axes_')


TRANSACTION_CONTROL = {"BEGIN", "COMMIT", "ROLLBACK"}


def page_query_count(captured) -> int:
    """Queries the page itself makes: the session and account look-ups of every request are left out, and
    so are bare BEGIN and COMMIT (the session is written back once a minute, in a transaction of its own)."""
    return sum(1 for query in captured
               if not any(table in query["sql"] for table in FRAMEWORK_TABLES) and query["sql"].strip().upper() not in TRANSACTION_CONTROL)


MIN_RUNS = 5


class Timeout(Exception):
    """A measured run took longer than its timeout."""


def _alarm(signum, frame):
    raise Timeout


def _statement_timeout(seconds: float | None) -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"SET statement_timeout = {int(seconds * 1000) if seconds else 0}")


def measure(name: str, run: Callable[[], object], *, runs: int, warm: int = 1, count_queries: bool = True,
            budget: float | None = None, timeout: float | None = None) -> Series:
    """Time ``run`` ``runs`` times after ``warm`` unmeasured runs.

    Stop early once ``budget`` seconds are spent, never before ``MIN_RUNS`` measured runs. A run longer than ``timeout`` seconds is stopped
    (SIGALRM, and PostgreSQL's statement_timeout for a query in progress) and counted as ``timeout``
    seconds: the series is then a lower bound, and says so.
    """
    import signal

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    series = Series(name)
    spent = 0.0
    for index in range(warm + runs):
        timed_out = False
        # The garbage the earlier runs left is collected before the clock (and the timeout) starts: otherwise
        # one run in about ten, of whichever series, pays ~0.1 s for a full collection of this process, and
        # the nearest-rank p95 of 7 runs is the slowest run. (``timeit`` goes further: it turns the
        # collector off while timing.)
        gc.collect()
        if timeout:
            _statement_timeout(timeout)
            signal.signal(signal.SIGALRM, _alarm)
            signal.setitimer(signal.ITIMER_REAL, timeout)
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            try:
                run()
            except Timeout:
                timed_out = True
            except Exception as error:  # a query cancelled by statement_timeout
                if not (timeout and "statement timeout" in str(error)):
                    raise
                timed_out = True
            finally:
                if timeout:
                    signal.setitimer(signal.ITIMER_REAL, 0)
            elapsed = time.perf_counter() - started
        if timeout:
            from django.db import connection as current

            if current.needs_rollback or (current.connection and current.connection.closed):
                current.close()
            _statement_timeout(None)
        spent += elapsed
        if timed_out:
            series.seconds.append(max(elapsed, timeout))
            series.timed_out = True
            series.note = f"stopped at {timeout:.0f} s (timeout): the figures are lower bounds"
            break
        if index >= warm:
            series.seconds.append(elapsed)
            if count_queries:
                series.queries.append(len(captured))
                series.page_queries.append(page_query_count(captured))
        if budget is not None and spent > budget and len(series.seconds) >= MIN_RUNS:
            series.note = f"stopped after {len(series.seconds)} runs ({spent:.0f} s > budget {budget:.0f} s)"
            break
    return series


@dataclass
class Verdict:
    """The goals of one benchmark and whether each is met."""

    title: str
    checks: list[tuple[str, bool]] = field(default_factory=list)

    def check(self, text: str, ok: bool) -> None:
        self.checks.append((text, ok))

    def compare(self, figure: Series, baseline: Series, *, max_ratio: float, max_page_queries: int | None = None) -> None:
        ratio = figure.p95 / baseline.p95 if baseline.p95 else float("inf")
        print(f"  {figure.line()}")
        print(f"  {baseline.line()}")
        print(f"  ratio (p95): {ratio:.1f}×   ratio (median): {figure.median / baseline.median:.1f}×")
        bound = "> " if figure.timed_out else ""  # a stopped run gives a lower bound: never a pass
        self.check(f"{figure.name}: p95 ≤ {max_ratio}× baseline ({bound}{ratio:.1f}×)", ratio <= max_ratio and not figure.timed_out)
        if max_page_queries is not None and figure.page_queries:
            count = figure.page_queries[0]
            self.check(f"{figure.name}: ≤ {max_page_queries} queries of the page ({count})", count <= max_page_queries)
        if figure.page_queries and len(set(figure.page_queries)) > 1:
            self.check(f"{figure.name}: the same queries every run ({sorted(set(figure.page_queries))})", False)

    def finish(self) -> int:
        print(f"\n{self.title}")
        for text, ok in self.checks:
            print(f"  {'ĐẠT    ' if ok else 'KHÔNG ĐẠT'}  {text}")
        failed = sum(1 for _, ok in self.checks if not ok)
        print("  => đạt mọi mục tiêu" if not failed else f"  => {failed} mục tiêu không đạt")
        return 1 if failed else 0


def logged_in_client(username: str = "demo-admin"):
    """A test client logged in as a demo account (seed_demo, which generate_national runs first)."""
    from django.test import Client

    from units.models import User

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def get_ok(client, url: str, **params):
    """Request a page and insist on 200, so that a benchmark never times an error page."""
    response = client.get(url, params)
    if response.status_code != 200:
        raise SystemExit(f"{url} {params} trả về {response.status_code}")
    if getattr(response, "streaming", False):
        for _ in response.streaming_content:
            pass
    return response


def national_campaign():
    """The campaign generate_national made (the largest one in the database)."""
    from campaigns.models import Campaign

    campaign = Campaign.objects.filter(name__startswith="Thi đua thực hiện thắng lợi nhiệm vụ ngành Công Thương giai đoạn 2024").order_by("-pk").first()
    if campaign is None:
        raise SystemExit("Chưa có bộ dữ liệu: chạy manage.py generate_national trước.")
    return campaign


def machine() -> str:
    import platform

    cpus = os.cpu_count()
    memory = ""
    try:
        with open("/proc/meminfo") as handle:
            memory = f", {int(handle.readline().split()[1]) // 1024 // 1024} GiB RAM"
    except OSError:
        pass
    one, five, fifteen = os.getloadavg()  # other work on the machine skews every figure
    load = f", load average {one:.1f}/{five:.1f}/{fifteen:.1f}"
    return f"{platform.node()} ({cpus} CPU{memory}, Python {platform.python_version()}{load})"


def _status(field_name: str) -> int:
    with open("/proc/self/status") as handle:
        for line in handle:
            if line.startswith(field_name + ":"):
                return int(line.split()[1]) * 1024
    return 0


def peak_growth_in_child(run: Callable[[], object], timeout: float) -> tuple[float, bool]:
    """Run ``run`` once in a forked child; return how far its resident memory peaked above its start (MiB),
    and whether it finished.

    A fresh child, because a process that has already run the work keeps the memory it freed. A child
    still running after ``timeout`` seconds is measured as it is, then killed: its peak is a lower bound.
    """
    import multiprocessing

    from django.db import connections

    connections.close_all()  # the child opens its own connection; a shared socket would break the parent's
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def child():
        start = _status("VmRSS")
        with open("/proc/self/clear_refs", "w") as handle:
            handle.write("5")  # reset the peak (VmHWM) to the current size
        sender.send(start)
        run()
        sender.send((_status("VmHWM") - start) / 1024 / 1024)

    process = context.Process(target=child)
    process.start()
    start = receiver.recv()
    finished = receiver.poll(timeout)
    if finished:
        growth = receiver.recv()
    else:
        with open(f"/proc/{process.pid}/status") as handle:
            peak = next(int(line.split()[1]) * 1024 for line in handle if line.startswith("VmHWM:"))
        growth = (peak - start) / 1024 / 1024
    process.join(5)
    if process.is_alive():
        process.kill()
        process.join()
    return growth, finished


def national_round():
    """The national round generate_national made (not a round bench/certificates.py opened)."""
    from awards.models import AwardRound

    award_round = AwardRound.objects.filter(name__startswith="Xét khen thưởng thành tích năm 2025 toàn ngành Công Thương (").order_by("-pk").first()
    if award_round is None:
        raise SystemExit("Chưa có bộ dữ liệu: chạy manage.py generate_national trước.")
    return award_round
