from django.urls import path

from . import council_views, views

app_name = "awards"

# Routes live under khen-thuong/…; the public honour board is at vinh-danh/ (no login).
urlpatterns = [
    path("vinh-danh/", views.honour_board, name="honour-board"),
    path("khen-thuong/danh-muc/", views.catalogue, name="catalogue"),
    path("khen-thuong/kiem-tra/", views.eligibility_check, name="eligibility-check"),
    path("khen-thuong/nhap-lich-su/", views.history_import, name="history-import"),
    path("khen-thuong/ca-nhan/<int:pk>/", views.person_history, name="person-history"),
    path("khen-thuong/don-vi/<int:pk>/", views.unit_history, name="unit-history"),
    path("khen-thuong/lich-su/them/", views.record_add, name="record-add"),
    path("khen-thuong/lich-su/ghi/<slug:entry>/", views.history_entry, name="history-entry"),
    path("khen-thuong/lich-su/<int:pk>/huy-bo/", views.record_revoke, name="record-revoke"),
    path("khen-thuong/de-nghi/", council_views.nomination_list, name="nomination-list"),
    path("khen-thuong/de-nghi/lap/", council_views.nomination_create, name="nomination-create"),
    path("khen-thuong/de-nghi/<int:pk>/", council_views.nomination_detail, name="nomination-detail"),
    path("khen-thuong/de-nghi/<int:pk>/ho-so/", council_views.dossier_upload, name="dossier-upload"),
    path("khen-thuong/de-nghi/<int:pk>/trinh/", council_views.nomination_submit, name="nomination-submit"),
    path("khen-thuong/de-nghi/<int:pk>/rut/", council_views.nomination_withdraw, name="nomination-withdraw"),
    path("khen-thuong/ho-so/<int:pk>/", council_views.dossier_download, name="dossier-download"),
    path("khen-thuong/hoi-dong/", council_views.session_list, name="session-list"),
    path("khen-thuong/dot/", council_views.round_list, name="round-list"),
    path("khen-thuong/dot/<int:pk>/", council_views.round_detail, name="round-detail"),
    path("khen-thuong/dot/<int:pk>/quyet-dinh/", council_views.decision_draft, name="decision-draft"),
    path("khen-thuong/dot/<int:pk>/bang-khen/", council_views.certificate_bundle, name="certificate-bundle"),
    path("khen-thuong/quyet-dinh/<int:pk>/ghi-nhan/", council_views.decision_record, name="decision-record"),
    path("khen-thuong/chung-nhan/<int:pk>/", council_views.certificate_download, name="certificate-download"),
    path("khen-thuong/hoi-dong/phien/<int:pk>/", council_views.session_detail, name="session-detail"),
    path("khen-thuong/hoi-dong/phien/<int:pk>/chuong-trinh/", council_views.agenda_add, name="agenda-add"),
    path("khen-thuong/hoi-dong/phien/<int:pk>/co-mat/", council_views.session_attendance, name="session-attendance"),
    path("khen-thuong/hoi-dong/phien/<int:pk>/bo-phieu/<str:action>/", council_views.session_ballots, name="session-ballots"),
    path("khen-thuong/hoi-dong/phien/<int:pk>/bien-ban/", council_views.session_minutes, name="session-minutes"),
    path("khen-thuong/phieu/<int:pk>/ket-qua/", council_views.ballot_tally, name="ballot-tally"),
    path("khen-thuong/phieu/<int:pk>/<str:action>/", council_views.ballot_action, name="ballot-action"),
]
