"""Campaigns (phong trào thi đua): contents, indicators, registrations with targets, progress reports,
notifications and cluster covenants. One module per area; every name is re-exported here."""

from units.models import Notification  # moved to units: every app notifies

from .campaigns import (
    CAMPAIGN_TRANSITIONS,
    Campaign,
    CampaignContent,
    CampaignIssuer,
    CampaignKind,
    CampaignQuerySet,
    CampaignScope,
    CampaignStatus,
    LaunchDocumentType,
    ReportCycle,
)
from .covenants import Covenant, CovenantCriterion, CovenantScore, CovenantSignature, CovenantStatus, LeaderVote
from .indicators import DIRECTION_SHORT, Indicator, IndicatorDirection, IndicatorKind, IndicatorQuerySet
from .progress import PeriodProgress, TargetProgress, UnitProgress
from .registrations import DIRECTION_SYMBOLS, Direction, Registration, RegistrationQuerySet, RegistrationStatus, Target
from .reports import (
    PERIOD_ORDER,
    ZERO,
    Evidence,
    PeriodType,
    ProgressReport,
    ProgressReportQuerySet,
    ReportStatus,
    ReportValue,
    evidence_upload_to,
)

__all__ = [
    "CAMPAIGN_TRANSITIONS",
    "PERIOD_ORDER",
    "ZERO",
    "Campaign",
    "CampaignContent",
    "CampaignIssuer",
    "CampaignKind",
    "CampaignQuerySet",
    "CampaignScope",
    "CampaignStatus",
    "Covenant",
    "CovenantCriterion",
    "CovenantScore",
    "CovenantSignature",
    "CovenantStatus",
    "DIRECTION_SHORT",
    "DIRECTION_SYMBOLS",
    "Direction",
    "Evidence",
    "Indicator",
    "IndicatorDirection",
    "IndicatorKind",
    "IndicatorQuerySet",
    "LaunchDocumentType",
    "LeaderVote",
    "Notification",
    "PeriodProgress",
    "PeriodType",
    "ProgressReport",
    "ProgressReportQuerySet",
    "Registration",
    "RegistrationQuerySet",
    "RegistrationStatus",
    "ReportCycle",
    "ReportStatus",
    "ReportValue",
    "Target",
    "TargetProgress",
    "UnitProgress",
    "evidence_upload_to",
]
