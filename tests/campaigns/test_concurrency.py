"""Reliability §A6: ten officers save the same draft with the same version at once; exactly one wins,
the other nine get the conflict, and nothing is silently overwritten (PostgreSQL: real row concurrency)."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from campaigns.models import ProgressReport, ReportValue
from campaigns.services import ReportConflict, report_save

from .conftest import report_values


@pytest.mark.django_db(transaction=True)
def test_ten_concurrent_saves_one_wins(draft_report, approved_registration, officer_vl):
    if connection.vendor != "postgresql":
        pytest.skip("Lưu đồng thời thật cần PostgreSQL; CI chạy bài này trên PostgreSQL.")
    barrier, wins, conflicts, errors = threading.Barrier(10), [], [], []

    def save(n):
        barrier.wait()
        try:
            report_save(report=draft_report, actor=officer_vl, version=1, narrative=f"Bản {n}",
                        values=report_values(approved_registration, Decimal(n), Decimal("0"), False))
            wins.append(n)
        except ReportConflict:
            conflicts.append(n)
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(n,)) for n in range(1, 11)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(wins) == 1 and len(conflicts) == 9
    report = ProgressReport.objects.get(pk=draft_report.pk)
    assert report.version == 2 and report.narrative == f"Bản {wins[0]}"
    wind = ReportValue.objects.get(report=report, target__indicator__code="wind")
    assert wind.value == Decimal(wins[0])  # the winner's values, whole
