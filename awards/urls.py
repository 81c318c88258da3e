from django.urls import path

from . import views

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
    path("khen-thuong/lich-su/<int:pk>/huy-bo/", views.record_revoke, name="record-revoke"),
]
