from django.urls import path

from .views import campaigns, covenants, dashboard, evidence, exports, indicators, registrations, reports

app_name = "campaigns"

urlpatterns = [
    path("", campaigns.campaign_list, name="campaign-list"),
    path("tao-moi/", campaigns.campaign_create, name="campaign-create"),
    path("chi-tieu/", indicators.indicator_list, name="indicator-list"),
    path("giao-uoc/", covenants.covenant_list, name="covenant-list"),
    path("giao-uoc/soan/<int:cluster_pk>/<int:year>/", covenants.covenant_create, name="covenant-create"),
    path("giao-uoc/<int:pk>/", covenants.covenant_detail, name="covenant-detail"),
    path("giao-uoc/<int:pk>/ky/", covenants.covenant_sign, name="covenant-sign"),
    path("giao-uoc/<int:pk>/cham-diem/", covenants.covenant_score, name="covenant-score"),
    path("giao-uoc/<int:pk>/xac-nhan/", covenants.covenant_confirm, name="covenant-confirm"),
    path("giao-uoc/<int:pk>/suy-ton/", covenants.covenant_vote, name="covenant-vote"),
    path("<int:pk>/", campaigns.campaign_detail, name="campaign-detail"),
    path("<int:pk>/sua/", campaigns.campaign_edit, name="campaign-edit"),
    path("<int:pk>/phat-dong/", campaigns.campaign_launch, name="campaign-launch"),
    path("<int:pk>/chuyen-trang-thai/", campaigns.campaign_transition, name="campaign-transition"),
    path("<int:pk>/so-ket-tong-ket/", campaigns.campaign_review, name="campaign-review"),
    path("<int:pk>/theo-doi/", dashboard.dashboard, name="dashboard"),
    path("<int:pk>/theo-doi/don-vi/<int:unit_pk>/", dashboard.dashboard_unit, name="dashboard-unit"),
    path("<int:pk>/dang-ky/<int:unit_pk>/", registrations.registration_edit, name="registration-edit"),
    path("<int:pk>/dang-ky/<int:unit_pk>/nhap-excel/", registrations.registration_import, name="registration-import"),
    path("<int:pk>/mau-excel/", registrations.registration_template, name="import-template"),
    path("<int:pk>/xuat-excel/", exports.campaign_export, name="campaign-export"),
    path("<int:pk>/xuat-excel-bao-cao/", exports.reports_export, name="reports-export"),
    path("dang-ky/<int:pk>/", registrations.registration_detail, name="registration-detail"),
    path("dang-ky/<int:pk>/gui/", registrations.registration_submit, name="registration-submit"),
    path("dang-ky/<int:pk>/duyet/", registrations.registration_decide, name="registration-decide"),
    path("dang-ky/<int:pk>/bao-cao/", reports.report_create, name="report-create"),
    path("bao-cao/<int:pk>/", reports.report_detail, name="report-detail"),
    path("bao-cao/<int:pk>/tiep-nhan/", reports.report_decide, name="report-decide"),
    path("bao-cao/<int:pk>/nhap-excel/", reports.report_import, name="report-import"),
    path("bao-cao/<int:pk>/sua-doi/", reports.report_revise, name="report-revise"),
    path("bao-cao/<int:pk>/minh-chung/", evidence.evidence_upload, name="evidence-upload"),
    path("minh-chung/<int:pk>/", evidence.evidence_download, name="evidence-download"),
    path("minh-chung/<int:pk>/xoa/", evidence.evidence_delete, name="evidence-delete"),
]
