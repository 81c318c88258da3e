"""Writes for awards, one module per area; every public name is re-exported here."""

from .catalogue_setup import KIND_FIELDS, RULE_FIELDS, award_kind_create, award_kind_update
from .certificates import (
    certificate_bundle_request,
    certificate_pdf,
    certificates_request,
    render_bundle_job,
    render_certificate_job,
)
from .council import (
    agenda_add,
    ballot_close,
    ballot_open,
    ballot_vote,
    council_session_create,
    session_attendance_set,
    session_ballots_close,
    session_ballots_open,
    session_minutes,
)
from .council_setup import council_create, council_update
from .decisions import decision_draft, decision_issued
from .history import (
    HISTORY_ROLES,
    award_record_create,
    award_record_revoke,
    award_record_verify,
    award_records_import,
    discipline_create,
    initiative_create,
    rating_set,
)
from .nominations import dossier_add, nomination_create, nomination_submit, nomination_withdraw
from .rounds import award_round_create, award_round_update

__all__ = [
    "HISTORY_ROLES",
    "KIND_FIELDS",
    "RULE_FIELDS",
    "award_kind_create",
    "award_kind_update",
    "award_round_update",
    "council_create",
    "council_update",
    "agenda_add",
    "award_record_create",
    "award_record_revoke",
    "award_record_verify",
    "award_records_import",
    "award_round_create",
    "ballot_close",
    "ballot_open",
    "ballot_vote",
    "certificate_bundle_request",
    "certificate_pdf",
    "certificates_request",
    "council_session_create",
    "decision_draft",
    "decision_issued",
    "discipline_create",
    "dossier_add",
    "initiative_create",
    "nomination_create",
    "nomination_submit",
    "nomination_withdraw",
    "rating_set",
    "render_bundle_job",
    "render_certificate_job",
    "session_attendance_set",
    "session_ballots_close",
    "session_ballots_open",
    "session_minutes",
]
