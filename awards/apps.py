from django.apps import AppConfig


class AwardsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "awards"
    verbose_name = "Khen thưởng"

    def ready(self):
        from django.urls import reverse

        from documents.extensions import on_issue, register_certificate_status, register_renderer
        from documents.models import PdfJobKind
        from units.extensions import register_page_link, register_todo

        from .selectors.todo import todo
        from .services import decision_issued, render_bundle_job, render_certificate_job
        from .services.certificates import certificate_status

        register_page_link("unit", lambda unit, user: ("Lịch sử khen thưởng", reverse("awards:unit-history", args=[unit.pk])))
        register_page_link("person", lambda person, user: ("Lịch sử khen thưởng", reverse("awards:person-history", args=[person.pk])))
        on_issue(decision_issued)
        register_renderer(PdfJobKind.CERTIFICATE, render_certificate_job)
        register_renderer(PdfJobKind.CERTIFICATE_BUNDLE, render_bundle_job)
        register_certificate_status(certificate_status)  # the certificate's public page says if the award was revoked
        register_todo(todo)
