"""Screens of awards, one module per area (the same area names as ``services`` and ``selectors``)."""

from . import (
    catalogue,
    catalogue_setup,
    council,
    council_setup,
    decisions,
    eligibility,
    history,
    honour,
    nominations,
    rounds,
)

__all__ = ["catalogue", "catalogue_setup", "council", "council_setup", "decisions", "eligibility", "history", "honour", "nominations", "rounds"]
