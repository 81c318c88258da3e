"""Forms of campaigns: every value a page sends is parsed and validated here, never read raw in a view.

Numbers are read by ``common.parsing`` (38.300; 8,2), dates as dd/mm/yyyy. Field names of the target and
report tables (``t-<indicator>-value``, ``v-<target>``…) are kept stable for the templates and Excel.
One module per area; every form is re-exported here.
"""

from .campaigns import (
    CampaignFilterForm,
    CampaignForm,
    DecisionForm,
    PastCampaignForm,
    ReviewForm,
    SignerForm,
    TransitionForm,
    position_label,
    signing_positions,
)
from .covenants import CovenantForm, CovenantScoreForm, CovenantSignForm, LeaderVoteForm, MemberUnitForm
from .dashboard import SORT_CHOICES, DashboardFilterForm
from .indicators import IndicatorEditForm, IndicatorFilterForm, IndicatorForm, SearchForm
from .registrations import RegistrationForm
from .reports import EvidenceForm, ReportCreateForm, ReportForm, UploadForm

__all__ = [
    "SORT_CHOICES",
    "CampaignFilterForm",
    "CampaignForm",
    "CovenantForm",
    "CovenantScoreForm",
    "CovenantSignForm",
    "DashboardFilterForm",
    "DecisionForm",
    "EvidenceForm",
    "IndicatorEditForm",
    "IndicatorFilterForm",
    "IndicatorForm",
    "LeaderVoteForm",
    "MemberUnitForm",
    "PastCampaignForm",
    "RegistrationForm",
    "ReportCreateForm",
    "ReportForm",
    "ReviewForm",
    "SearchForm",
    "SignerForm",
    "TransitionForm",
    "UploadForm",
    "position_label",
    "signing_positions",
]
