from django.urls import path

from . import views, views_verify

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="document-list"),
    path("soan/", views.document_create, name="document-create"),
    path("so-dang-ky/", views.register, name="register"),
    path("<int:pk>/", views.document_detail, name="document-detail"),
    path("<int:pk>/sua/", views.document_update, name="document-update"),
    path("<int:pk>/trinh-ky/", views.document_submit, name="document-submit"),
    path("<int:pk>/tra-lai/", views.document_return, name="document-return"),
    path("<int:pk>/ky/", views.document_sign, name="document-sign"),
    path("<int:pk>/cap-so/", views.document_issue, name="document-issue"),
    path("<int:pk>/thu-hoi/", views.document_revoke, name="document-revoke"),
    path("<int:pk>/thay-the/", views.document_replace, name="document-replace"),
    path("<int:pk>/xem-truoc/", views.document_preview, name="document-preview"),
    path("pdf/<int:pk>/", views.pdf_job_status, name="pdf-job-status"),
    path("pdf/<int:pk>/tai-ve/", views.pdf_job_download, name="pdf-job-download"),
    path("pdf/<int:pk>/thu-lai/", views.pdf_job_retry, name="pdf-job-retry"),
    path("phoi/", views.blank_profile_list, name="blank-profile-list"),
    path("phoi/them/", views.blank_profile_edit, name="blank-profile-create"),
    path("phoi/<int:pk>/", views.blank_profile_edit, name="blank-profile-update"),
    path("phoi/<int:pk>/trang-can-chinh.pdf", views.blank_profile_calibration, name="blank-profile-calibration"),
    path("chung-thu-so/", views_verify.credential_mine, name="credential-mine"),
    # Public, no login (docs/signatures.md): what the QR code and the short code lead to.
    path("tra-cuu/", views_verify.verify_lookup, name="verify-lookup"),
    path("tra-cuu/<str:code>/", views_verify.verify, name="verify"),
]
