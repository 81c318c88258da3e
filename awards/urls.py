from django.urls import path  # noqa: F401

app_name = "awards"

# Routes live under khen-thuong/…; the public honour board is at vinh-danh/ (no login).
urlpatterns: list = []
