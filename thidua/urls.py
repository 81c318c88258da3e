from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from units import inbox
from units.forms import LoginForm

from .accounts import PasswordResetView
from .health import healthz
from .setup import setup_page

admin.site.site_header = "Quản trị thidua"
admin.site.site_title = "thidua"
admin.site.index_title = "Quản trị dữ liệu"

auth_patterns = [
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=LoginForm), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("quen-mat-khau/", PasswordResetView.as_view(), name="password_reset"),
    path("quen-mat-khau/da-gui/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("dat-lai-mat-khau/xong/", auth_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]

urlpatterns = [
    path("", inbox.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path("thiet-lap/", setup_page, name="setup"),
    path("tai-khoan/", include(auth_patterns)),
    path("", include("units.urls")),
    path("van-ban/", include("documents.urls")),
    path("phong-trao/", include("campaigns.urls")),
    path("", include("awards.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "thidua.errors.bad_request"
handler403 = "thidua.errors.permission_denied"
handler404 = "thidua.errors.page_not_found"
handler500 = "thidua.errors.server_error"
