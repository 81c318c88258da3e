"""Notices of campaigns go through ``units.notifications`` like every app's."""

from units.notifications import notify_units, notify_users

__all__ = ["notify_units", "notify_users"]
