from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "campaigns"
    verbose_name = "Phong trào thi đua"

    def ready(self):
        from documents.extensions import on_issue
        from units.extensions import register_membership_guard, register_todo

        from . import signals
        from .selectors.todo import todo
        from .services.handovers import directive_issued

        register_todo(todo)
        on_issue(directive_issued)
        register_membership_guard(covenant_settles_members)
        signals.connect()


def covenant_settles_members(cluster, year: int) -> str | None:
    """A year's covenant is signed by, and lists, that year's members: they stay as they are."""
    from .models import Covenant

    covenant = Covenant.objects.filter(cluster=cluster, year=year).first()
    if covenant is None:
        return None
    return (
        f"{cluster.name} đã có giao ước thi đua năm {year} ({covenant.get_status_display().lower()}): "
        "thành viên và đơn vị trưởng của năm này không thay đổi được."
    )
