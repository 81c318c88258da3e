from django.apps import AppConfig


class SigningConfig(AppConfig):
    name = "documents.signing"
    label = "signing"
    verbose_name = "Ký số"
    default_auto_field = "django.db.models.BigAutoField"
