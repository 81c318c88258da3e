"""The site's URLs plus the baseline admin at /bench-admin/ (benchmarks only)."""

from django.urls import path

from thidua.urls import handler403, handler404, handler500  # noqa: F401
from thidua.urls import urlpatterns as site_patterns

from .baseline_admin import site

urlpatterns = [*site_patterns, path("bench-admin/", site.urls)]
