"""The Celery application.

With ``CELERY_BROKER_URL`` unset, tasks run in-process (eager) and the log says so once.
"""

import logging
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")

app = Celery("thidua")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

logger = logging.getLogger("thidua.celery")
_announced = False


def announce_mode() -> None:
    """Log once per process whether tasks go to a broker or run in-process."""
    global _announced
    if _announced:
        return
    _announced = True
    if app.conf.task_always_eager:
        logger.info(
            "CELERY_BROKER_URL chưa được đặt: tác vụ nền chạy ngay trong tiến trình web (chế độ nhúng)."
        )
    else:
        logger.info("Tác vụ nền được gửi tới hàng đợi %s.", app.conf.broker_url.split("@")[-1])
