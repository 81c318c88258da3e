from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "documents"
    verbose_name = "Văn bản hành chính"

    def ready(self):
        from units.extensions import register_todo

        from .todo import todo

        register_todo(todo)
