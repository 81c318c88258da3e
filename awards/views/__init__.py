"""Screens of awards, one module per area (the same area names as ``services`` and ``selectors``)."""

from . import catalogue, council, decisions, eligibility, history, honour, nominations, rounds

__all__ = ["catalogue", "council", "decisions", "eligibility", "history", "honour", "nominations", "rounds"]
