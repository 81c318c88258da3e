"""Excel exports of a campaign: registrations with progress, and every progress report."""

from django.contrib.auth.decorators import login_required

from common.excel import xlsx_response
from common.ratelimit import rate_limited

from .. import selectors
from ..selectors import exports


@login_required
@rate_limited("export")
def campaign_export(request, pk):
    campaign = selectors.campaign_get_for_user(request.user, pk)
    return xlsx_response(
        filename=f"dang-ky-va-bao-cao-{campaign.pk}.xlsx",
        title="Đăng ký và báo cáo",
        headers=exports.CAMPAIGN_HEADERS,
        rows=exports.campaign_export_rows(request.user, campaign),
    )


@login_required
@rate_limited("export")
def reports_export(request, pk):
    campaign = selectors.campaign_get_for_user(request.user, pk)
    return xlsx_response(
        filename=f"bao-cao-tien-do-{campaign.pk}.xlsx",
        title="Báo cáo tiến độ",
        headers=exports.REPORTS_HEADERS,
        rows=exports.reports_export_rows(request.user, campaign),
    )
