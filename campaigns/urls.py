from django.urls import path

from . import covenant_views, views

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_list, name="campaign-list"),
    path("tao-moi/", views.campaign_create, name="campaign-create"),
    path("thong-bao/", views.notification_list, name="notification-list"),
    path("chi-tieu/", views.indicator_list, name="indicator-list"),
    path("giao-uoc/", covenant_views.covenant_list, name="covenant-list"),
    path("giao-uoc/soan/<int:cluster_pk>/<int:year>/", covenant_views.covenant_create, name="covenant-create"),
    path("giao-uoc/<int:pk>/", covenant_views.covenant_detail, name="covenant-detail"),
    path("giao-uoc/<int:pk>/ky/", covenant_views.covenant_sign, name="covenant-sign"),
    path("giao-uoc/<int:pk>/cham-diem/", covenant_views.covenant_score, name="covenant-score"),
    path("giao-uoc/<int:pk>/xac-nhan/", covenant_views.covenant_confirm, name="covenant-confirm"),
    path("giao-uoc/<int:pk>/suy-ton/", covenant_views.covenant_vote, name="covenant-vote"),
    path("<int:pk>/", views.campaign_detail, name="campaign-detail"),
    path("<int:pk>/sua/", views.campaign_edit, name="campaign-edit"),
    path("<int:pk>/phat-dong/", views.campaign_launch, name="campaign-launch"),
    path("<int:pk>/chuyen-trang-thai/", views.campaign_transition, name="campaign-transition"),
    path("<int:pk>/so-ket-tong-ket/", views.campaign_review, name="campaign-review"),
    path("<int:pk>/theo-doi/", views.dashboard, name="dashboard"),
    path("<int:pk>/theo-doi/don-vi/<int:unit_pk>/", views.dashboard_unit, name="dashboard-unit"),
    path("<int:pk>/dang-ky/<int:unit_pk>/", views.registration_edit, name="registration-edit"),
    path("<int:pk>/dang-ky/<int:unit_pk>/nhap-excel/", views.registration_import, name="registration-import"),
    path("<int:pk>/mau-excel/", views.registration_template, name="import-template"),
    path("<int:pk>/xuat-excel/", views.campaign_export, name="campaign-export"),
    path("<int:pk>/xuat-excel-bao-cao/", views.reports_export, name="reports-export"),
    path("dang-ky/<int:pk>/", views.registration_detail, name="registration-detail"),
    path("dang-ky/<int:pk>/gui/", views.registration_submit, name="registration-submit"),
    path("dang-ky/<int:pk>/duyet/", views.registration_decide, name="registration-decide"),
    path("dang-ky/<int:pk>/bao-cao/", views.report_create, name="report-create"),
    path("bao-cao/<int:pk>/", views.report_detail, name="report-detail"),
    path("bao-cao/<int:pk>/tiep-nhan/", views.report_decide, name="report-decide"),
    path("bao-cao/<int:pk>/nhap-excel/", views.report_import, name="report-import"),
    path("bao-cao/<int:pk>/sua-doi/", views.report_revise, name="report-revise"),
    path("bao-cao/<int:pk>/minh-chung/", views.evidence_upload, name="evidence-upload"),
    path("minh-chung/<int:pk>/", views.evidence_download, name="evidence-download"),
    path("minh-chung/<int:pk>/xoa/", views.evidence_delete, name="evidence-delete"),
]
