from django.apps import AppConfig


class UnitsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "units"
    verbose_name = "Tổ chức, người dùng và phân quyền"

    def ready(self):
        from . import signals  # noqa: F401
        from .extensions import register_todo
        from .todo import todo

        register_todo(todo)
