from django.apps import AppConfig


class ThiduaConfig(AppConfig):
    """The project itself, above every app: navigation, seed_demo, the Celery mode announcement."""

    name = "thidua"
    verbose_name = "Thi đua, khen thưởng"

    def ready(self):
        from .celery import announce_mode

        announce_mode()
