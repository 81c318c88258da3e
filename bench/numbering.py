"""Benchmark: document numbers taken by 8 threads at once on PostgreSQL.

    DATABASE_URL=postgres://…/thidua_scale_5000 .venv/bin/python bench/numbering.py [--runs 5] [--threads 8] [--numbers 2000]

Each thread takes numbers from one register of the Ministry, each number in its own transaction
(``documents.numbering.register_next_number``, the locked counter row). Each run uses a register
of its own (year 2099, removed at the end). Goals (issue 13 §2): at least 200 numbers a second at
p95, no number twice, and no number missing (1 … N exactly).
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import common  # noqa: E402

MIN_RATE = 200.0
YEAR = 2099


def run_once(*, issuer, key: str, threads: int, numbers: int) -> tuple[float, list[int]]:
    from django.db import connection, transaction

    from documents.numbering import register_next_number

    taken: list[int] = []
    lock = threading.Lock()
    barrier = threading.Barrier(threads)
    per_thread = numbers // threads

    def worker():
        mine = []
        try:
            barrier.wait()
            for _ in range(per_thread):
                with transaction.atomic():
                    mine.append(register_next_number(issuer=issuer, year=YEAR, key=key))
        finally:
            connection.close()
        with lock:
            taken.extend(mine)

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    started = time.perf_counter()
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return time.perf_counter() - started, taken


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--numbers", type=int, default=2000)
    args = parser.parse_args()
    common.setup()
    from django.db import connection

    from documents.models import RegisterCounter
    from units.models import Unit

    if connection.vendor != "postgresql":
        sys.exit("Benchmark này cần PostgreSQL (DATABASE_URL=postgres://…).")
    issuer = Unit.objects.get(code="bct")
    expected = (args.numbers // args.threads) * args.threads
    print(f"Cấp số: {args.threads} luồng, {expected} số mỗi lần đo — {common.machine()}")
    series = common.Series(f"{expected} số trên {args.threads} luồng")
    duplicates = gaps = 0
    keys = []
    try:
        for run in range(args.runs + 1):
            key = f"bench-{int(time.time())}-{run}"
            keys.append(key)
            seconds, taken = run_once(issuer=issuer, key=key, threads=args.threads, numbers=args.numbers)
            duplicates += len(taken) - len(set(taken))
            gaps += len(set(range(1, expected + 1)) - set(taken))
            if run:  # the first run warms up
                series.seconds.append(seconds)
    finally:
        RegisterCounter.objects.filter(issuer=issuer, year=YEAR, series__in=keys).delete()
    rate_median, rate_p95 = expected / series.median, expected / series.p95
    print(f"  {series.line()}")
    print(f"  {rate_median:.0f} số/giây (median), {rate_p95:.0f} số/giây (p95); trùng {duplicates}, thiếu {gaps}")
    verdict = common.Verdict("Mục tiêu: cấp số (issue 13 §2)")
    verdict.check(f"≥ {MIN_RATE:.0f} số/giây at p95 ({rate_p95:.0f})", rate_p95 >= MIN_RATE)
    verdict.check(f"no duplicate ({duplicates})", duplicates == 0)
    verdict.check(f"no gap ({gaps})", gaps == 0)
    return verdict.finish()


if __name__ == "__main__":
    sys.exit(main())
