from django.urls import path

from . import inbox, search, views

app_name = "units"

urlpatterns = [
    path("don-vi/", views.unit_list, name="unit-list"),
    path("tim-kiem/", search.picker_search, name="picker-search"),
    path("don-vi/nhap-excel/", views.unit_import, name="unit-import"),
    path("don-vi/<int:pk>/", views.unit_detail, name="unit-detail"),
    path("don-vi/<int:unit_pk>/ca-nhan/them/", views.person_create, name="person-create"),
    path("ca-nhan/<int:pk>/", views.person_detail, name="person-detail"),
    path("ca-nhan/<int:pk>/sua/", views.person_update, name="person-update"),
    path("cum-thi-dua/", views.cluster_list, name="cluster-list"),
    path("cum-thi-dua/<int:pk>/", views.cluster_detail, name="cluster-detail"),
    path("quan-tri/tai-khoan/", views.user_list, name="user-list"),
    path("quan-tri/tai-khoan/them/", views.user_create, name="user-create"),
    path("quan-tri/tai-khoan/<int:pk>/", views.user_detail, name="user-detail"),
    path("quan-tri/tai-khoan/<int:pk>/vai-tro/", views.user_role_assign, name="user-role-assign"),
    path("quan-tri/tai-khoan/<int:pk>/vai-tro/<int:assignment_pk>/thu-hoi/", views.user_role_revoke, name="user-role-revoke"),
    path("quan-tri/tai-khoan/<int:pk>/khoa/", views.user_toggle_active, name="user-toggle-active"),
    path("quan-tri/nhat-ky/", views.audit_list, name="audit-list"),
    path("thong-bao/", inbox.notification_list, name="notification-list"),
    path("thong-bao/<int:pk>/mo/", inbox.notification_open, name="notification-open"),
]
