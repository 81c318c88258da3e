from django.apps import AppConfig


class ThiduaConfig(AppConfig):
    """The project package as an app: management commands that span every app (demo and national data)."""

    name = "thidua"
    verbose_name = "thidua"
