"""Screens of campaigns, one module per area (the same area names as ``services`` and ``selectors``)."""

from . import campaigns, covenants, dashboard, evidence, exports, indicators, past, registrations, reports

__all__ = ["campaigns", "covenants", "dashboard", "evidence", "exports", "indicators", "past", "registrations", "reports"]
