from django.urls import path

import common.converters  # noqa: F401 - registers <id:…> and <year:…> (out of range: 404)

from .views import campaigns, covenants, dashboard, evidence, exports, indicators, past, registrations, reports

app_name = "campaigns"

urlpatterns = [
    path("", campaigns.campaign_list, name="campaign-list"),
    path("tao-moi/", campaigns.campaign_create, name="campaign-create"),
    path("nhap-bo-sung/", past.campaign_record_past, name="campaign-record-past"),
    path("<id:pk>/nhap-bo-sung/dang-ky/<id:unit_pk>/", past.registration_record_past, name="registration-record-past"),
    path("dang-ky/<id:pk>/nhap-bo-sung/ket-qua/", past.report_record_past, name="report-record-past"),
    path("chi-tieu/", indicators.indicator_list, name="indicator-list"),
    path("chi-tieu/<id:pk>/sua/", indicators.indicator_update, name="indicator-update"),
    path("chi-tieu/<id:pk>/ngung-dung/", indicators.indicator_toggle, name="indicator-toggle"),
    path("giao-uoc/", covenants.covenant_list, name="covenant-list"),
    path("giao-uoc/soan/<id:cluster_pk>/<year:year>/", covenants.covenant_create, name="covenant-create"),
    path("giao-uoc/<id:pk>/", covenants.covenant_detail, name="covenant-detail"),
    path("giao-uoc/<id:pk>/ky/", covenants.covenant_sign, name="covenant-sign"),
    path("giao-uoc/<id:pk>/cham-diem/", covenants.covenant_score, name="covenant-score"),
    path("giao-uoc/<id:pk>/xac-nhan/", covenants.covenant_confirm, name="covenant-confirm"),
    path("giao-uoc/<id:pk>/suy-ton/", covenants.covenant_vote, name="covenant-vote"),
    path("<id:pk>/", campaigns.campaign_detail, name="campaign-detail"),
    path("<id:pk>/sua/", campaigns.campaign_edit, name="campaign-edit"),
    path("<id:pk>/phat-dong/", campaigns.campaign_launch, name="campaign-launch"),
    path("<id:pk>/chuyen-trang-thai/", campaigns.campaign_transition, name="campaign-transition"),
    path("<id:pk>/so-ket-tong-ket/", campaigns.campaign_review, name="campaign-review"),
    path("<id:pk>/theo-doi/", dashboard.dashboard, name="dashboard"),
    path("<id:pk>/theo-doi/don-vi/<id:unit_pk>/", dashboard.dashboard_unit, name="dashboard-unit"),
    path("<id:pk>/theo-doi/chi-tieu/", dashboard.dashboard_indicators, name="dashboard-indicators"),
    path("<id:pk>/dang-ky/<id:unit_pk>/", registrations.registration_edit, name="registration-edit"),
    path("<id:pk>/dang-ky/<id:unit_pk>/nhap-excel/", registrations.registration_import, name="registration-import"),
    path("<id:pk>/mau-excel/", registrations.registration_template, name="import-template"),
    path("<id:pk>/xuat-excel/", exports.campaign_export, name="campaign-export"),
    path("<id:pk>/xuat-excel-bao-cao/", exports.reports_export, name="reports-export"),
    path("dang-ky/<id:pk>/", registrations.registration_detail, name="registration-detail"),
    path("dang-ky/<id:pk>/gui/", registrations.registration_submit, name="registration-submit"),
    path("dang-ky/<id:pk>/duyet/", registrations.registration_decide, name="registration-decide"),
    path("dang-ky/<id:pk>/bao-cao/", reports.report_create, name="report-create"),
    path("bao-cao/<id:pk>/", reports.report_detail, name="report-detail"),
    path("bao-cao/<id:pk>/tiep-nhan/", reports.report_decide, name="report-decide"),
    path("bao-cao/<id:pk>/nhap-excel/", reports.report_import, name="report-import"),
    path("bao-cao/<id:pk>/sua-doi/", reports.report_revise, name="report-revise"),
    path("bao-cao/<id:pk>/minh-chung/", evidence.evidence_upload, name="evidence-upload"),
    path("minh-chung/<id:pk>/", evidence.evidence_download, name="evidence-download"),
    path("minh-chung/<id:pk>/xoa/", evidence.evidence_delete, name="evidence-delete"),
]
