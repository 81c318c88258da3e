from django.urls import path

import common.converters  # noqa: F401 - registers <id:…> and <year:…> (out of range: 404)

from . import views, views_incoming, views_verify
from .signing import views as signing_views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="document-list"),
    path("soan/", views.document_create, name="document-create"),
    path("so-dang-ky/", views.register, name="register"),
    path("van-ban-den/", views_incoming.incoming_list, name="incoming-list"),
    path("van-ban-den/<id:pk>/", views_incoming.incoming_detail, name="incoming-detail"),
    path("<id:pk>/", views.document_detail, name="document-detail"),
    path("<id:pk>/sua/", views.document_update, name="document-update"),
    path("<id:pk>/trinh-ky/", views.document_submit, name="document-submit"),
    path("<id:pk>/tra-lai/", views.document_return, name="document-return"),
    path("<id:pk>/ky/", views.document_sign, name="document-sign"),
    path("<id:pk>/cap-so/", views.document_issue, name="document-issue"),
    path("<id:pk>/thu-hoi/", views.document_revoke, name="document-revoke"),
    path("<id:pk>/thay-the/", views.document_replace, name="document-replace"),
    path("<id:pk>/xem-truoc/", views.document_preview, name="document-preview"),
    path("pdf/<id:pk>/", views.pdf_job_status, name="pdf-job-status"),
    path("pdf/<id:pk>/tai-ve/", views.pdf_job_download, name="pdf-job-download"),
    path("pdf/<id:pk>/thu-lai/", views.pdf_job_retry, name="pdf-job-retry"),
    path("phoi/", views.blank_profile_list, name="blank-profile-list"),
    path("phoi/them/", views.blank_profile_edit, name="blank-profile-create"),
    path("phoi/<id:pk>/", views.blank_profile_edit, name="blank-profile-update"),
    path("phoi/<id:pk>/trang-can-chinh.pdf", views.blank_profile_calibration, name="blank-profile-calibration"),
    path("chung-thu-so/", views_verify.credential_mine, name="credential-mine"),
    path("chung-thu-so/co-quan/", signing_views.credential_unit_list, name="credential-units"),
    path("chung-thu-so/co-quan/<id:pk>/", signing_views.credential_unit, name="credential-unit"),
    path("chung-thu-so/<id:pk>/ngung-su-dung/", signing_views.credential_unit_deactivate, name="credential-unit-deactivate"),
    # Public, no login (docs/signatures.md): what the QR code and the short code lead to.
    path("tra-cuu/", views_verify.verify_lookup, name="verify-lookup"),
    path("tra-cuu/<str:code>/", views_verify.verify, name="verify"),
]
