from django.urls import path

import common.converters  # noqa: F401 - registers <id:…> and <year:…> (out of range: 404)

from .views import (
    catalogue,
    catalogue_setup,
    council,
    council_setup,
    decisions,
    eligibility,
    history,
    honour,
    nominations,
    rounds,
)

app_name = "awards"

# Routes live under khen-thuong/…; the public honour board is at vinh-danh/ (no login).
urlpatterns = [
    path("vinh-danh/", honour.honour_board, name="honour-board"),
    path("khen-thuong/danh-muc/", catalogue.catalogue, name="catalogue"),
    path("khen-thuong/danh-muc/them/", catalogue_setup.award_kind_create, name="award-kind-create"),
    path("khen-thuong/danh-muc/<id:pk>/sua/", catalogue_setup.award_kind_update, name="award-kind-update"),
    path("khen-thuong/kiem-tra/", eligibility.eligibility_check, name="eligibility-check"),
    path("khen-thuong/nhap-lich-su/", history.history_import, name="history-import"),
    path("khen-thuong/ca-nhan/<id:pk>/", history.person_history, name="person-history"),
    path("khen-thuong/don-vi/<id:pk>/", history.unit_history, name="unit-history"),
    path("khen-thuong/lich-su/them/", history.record_add, name="record-add"),
    path("khen-thuong/lich-su/ghi/<slug:entry>/", history.history_entry, name="history-entry"),
    path("khen-thuong/lich-su/<id:pk>/huy-bo/", history.record_revoke, name="record-revoke"),
    path("khen-thuong/lich-su/<id:pk>/xac-nhan/", history.record_verify, name="record-verify"),
    path("khen-thuong/de-nghi/", nominations.nomination_list, name="nomination-list"),
    path("khen-thuong/de-nghi/lap/", nominations.nomination_create, name="nomination-create"),
    path("khen-thuong/de-nghi/<id:pk>/", nominations.nomination_detail, name="nomination-detail"),
    path("khen-thuong/de-nghi/<id:pk>/ho-so/", nominations.dossier_upload, name="dossier-upload"),
    path("khen-thuong/de-nghi/<id:pk>/trinh/", nominations.nomination_submit, name="nomination-submit"),
    path("khen-thuong/de-nghi/<id:pk>/rut/", nominations.nomination_withdraw, name="nomination-withdraw"),
    path("khen-thuong/ho-so/<id:pk>/", nominations.dossier_download, name="dossier-download"),
    path("khen-thuong/hoi-dong/", council.session_list, name="session-list"),
    path("khen-thuong/hoi-dong/thiet-lap/", council_setup.council_list, name="council-list"),
    path("khen-thuong/hoi-dong/thiet-lap/lap/<id:unit_pk>/", council_setup.council_create, name="council-create"),
    path("khen-thuong/hoi-dong/thiet-lap/<id:pk>/", council_setup.council_update, name="council-update"),
    path("khen-thuong/dot/", rounds.round_list, name="round-list"),
    path("khen-thuong/dot/<id:pk>/", rounds.round_detail, name="round-detail"),
    path("khen-thuong/dot/<id:pk>/sua/", rounds.round_update, name="round-update"),
    path("khen-thuong/dot/<id:pk>/quyet-dinh/", decisions.decision_draft, name="decision-draft"),
    path("khen-thuong/dot/<id:pk>/in-tat-ca/<id:document_pk>/", decisions.certificate_bundle, name="certificate-bundle"),
    path("khen-thuong/chung-nhan/<id:pk>/", decisions.certificate_download, name="certificate-download"),
    path("khen-thuong/hoi-dong/phien/<id:pk>/", council.session_detail, name="session-detail"),
    path("khen-thuong/hoi-dong/phien/<id:pk>/chuong-trinh/", council.agenda_add, name="agenda-add"),
    path("khen-thuong/hoi-dong/phien/<id:pk>/co-mat/", council.session_attendance, name="session-attendance"),
    path("khen-thuong/hoi-dong/phien/<id:pk>/bo-phieu/<str:action>/", council.session_ballots, name="session-ballots"),
    path("khen-thuong/hoi-dong/phien/<id:pk>/bien-ban/", council.session_minutes, name="session-minutes"),
    path("khen-thuong/phieu/<id:pk>/ket-qua/", council.ballot_tally, name="ballot-tally"),
    path("khen-thuong/phieu/<id:pk>/<str:action>/", council.ballot_action, name="ballot-action"),
]
