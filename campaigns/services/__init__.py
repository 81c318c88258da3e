"""Writes for campaigns, one module per area; every public name is re-exported here."""

from .campaign_documents import launch_annexes, launch_document_body, recipients, review_document
from .campaigns import campaign_create, campaign_launch, campaign_review, campaign_transition, campaign_update
from .covenants import (
    covenant_confirm_scores,
    covenant_create,
    covenant_record_leader_vote,
    covenant_self_score,
    covenant_sign,
)
from .evidence import check_quota, evidence_add, evidence_delete
from .indicators import indicator_create, indicator_set_active, indicator_update
from .notifications import notify_units
from .past import campaign_record_past, registration_record_past, report_record_past
from .registrations import registration_decide, registration_save, registration_submit
from .reminders import reminders_send
from .reports import ReportConflict, report_create, report_decide, report_revise, report_save, report_submit

__all__ = [
    "ReportConflict",
    "campaign_create",
    "campaign_launch",
    "campaign_record_past",
    "campaign_review",
    "campaign_transition",
    "campaign_update",
    "check_quota",
    "covenant_confirm_scores",
    "covenant_create",
    "covenant_record_leader_vote",
    "covenant_self_score",
    "covenant_sign",
    "evidence_add",
    "evidence_delete",
    "indicator_create",
    "indicator_set_active",
    "indicator_update",
    "launch_annexes",
    "launch_document_body",
    "notify_units",
    "recipients",
    "registration_decide",
    "registration_record_past",
    "registration_save",
    "registration_submit",
    "reminders_send",
    "report_create",
    "report_decide",
    "report_record_past",
    "report_revise",
    "report_save",
    "report_submit",
    "review_document",
]
