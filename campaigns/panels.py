"""The dashboard's campaign-wide panels (summary, cluster ranking, chart over periods, filter choices)
kept in Django's cache until the campaign's progress next changes.

Every ``progress_refresh`` moves the campaign's generation on, at once and again after its commit, so a
panel computed in between is never read after the commit. A panel also expires after ``PANEL_SECONDS``
(clusters and their members are set up elsewhere). When the cache server is down the panels are
computed on every request: slower, never wrong.
"""

from __future__ import annotations

import hashlib
import logging

from django.core.cache import cache
from django.db import transaction

PANEL_SECONDS = 600
logger = logging.getLogger(__name__)


def _generation_key(campaign_id: int) -> str:
    return f"thidua:progress-generation:{campaign_id}"


def progress_changed(campaign_id: int) -> None:
    """The campaign's progress tables changed: its cached panels are old from now on, and after commit."""

    def bump():
        try:
            if not cache.add(_generation_key(campaign_id), 1, timeout=None):
                cache.incr(_generation_key(campaign_id))
        except Exception as error:  # noqa: BLE001 - a panel then lives until it expires
            logger.warning("Không cập nhật được bộ nhớ đệm bảng theo dõi %s: %s", campaign_id, error)

    bump()
    transaction.on_commit(bump)


def cached_panels(campaign_id: int, filters: dict, compute) -> dict:
    """``compute()`` for this campaign and these filters, from the cache when its progress has not changed."""
    try:
        generation = cache.get(_generation_key(campaign_id), 0)
        digest = hashlib.sha256(repr(sorted(filters.items())).encode()).hexdigest()[:16]
        key = f"thidua:dashboard-panels:{campaign_id}:{generation}:{digest}"
        panels = cache.get(key)
    except Exception as error:  # noqa: BLE001 - the cache server is down: compute
        logger.warning("Bộ nhớ đệm không dùng được cho bảng theo dõi: %s", error)
        return compute()
    if panels is None:
        panels = compute()
        try:
            cache.set(key, panels, PANEL_SECONDS)
        except Exception as error:  # noqa: BLE001
            logger.warning("Bộ nhớ đệm không dùng được cho bảng theo dõi: %s", error)
    return panels
