from django.urls import path

import common.converters  # noqa: F401 - registers <id:…> and <year:…> (out of range: 404)

from . import cluster_views, inbox, search, views

app_name = "units"

urlpatterns = [
    path("don-vi/", views.unit_list, name="unit-list"),
    path("tim-kiem/", search.picker_search, name="picker-search"),
    path("don-vi/nhap-excel/", views.unit_import, name="unit-import"),
    path("don-vi/<id:pk>/", views.unit_detail, name="unit-detail"),
    path("don-vi/<id:unit_pk>/ca-nhan/them/", views.person_create, name="person-create"),
    path("ca-nhan/<id:pk>/", views.person_detail, name="person-detail"),
    path("ca-nhan/<id:pk>/sua/", views.person_update, name="person-update"),
    path("cum-thi-dua/", cluster_views.cluster_list, name="cluster-list"),
    path("cum-thi-dua/lap/", cluster_views.cluster_create, name="cluster-create"),
    path("cum-thi-dua/<id:pk>/", cluster_views.cluster_detail, name="cluster-detail"),
    path("cum-thi-dua/<id:pk>/sua/", cluster_views.cluster_update, name="cluster-update"),
    path("cum-thi-dua/<id:pk>/nam/", cluster_views.cluster_year_pick, name="cluster-year-pick"),
    path("cum-thi-dua/<id:pk>/nam/<year:year>/", cluster_views.cluster_year, name="cluster-year"),
    path("quan-tri/tai-khoan/", views.user_list, name="user-list"),
    path("quan-tri/tai-khoan/them/", views.user_create, name="user-create"),
    path("quan-tri/tai-khoan/<id:pk>/", views.user_detail, name="user-detail"),
    path("quan-tri/tai-khoan/<id:pk>/vai-tro/", views.user_role_assign, name="user-role-assign"),
    path("quan-tri/tai-khoan/<id:pk>/vai-tro/<id:assignment_pk>/thu-hoi/", views.user_role_revoke, name="user-role-revoke"),
    path("quan-tri/tai-khoan/<id:pk>/khoa/", views.user_toggle_active, name="user-toggle-active"),
    path("quan-tri/nhat-ky/", views.audit_list, name="audit-list"),
    path("thong-bao/", inbox.notification_list, name="notification-list"),
    path("thong-bao/<id:pk>/mo/", inbox.notification_open, name="notification-open"),
]
