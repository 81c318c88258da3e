from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "campaigns"
    verbose_name = "Phong trào thi đua"

    def ready(self):
        from documents.extensions import on_issue
        from units.extensions import register_todo

        from .selectors.todo import todo
        from .services.handovers import directive_issued

        register_todo(todo)
        on_issue(directive_issued)
