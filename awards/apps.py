from django.apps import AppConfig


class AwardsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "awards"
    verbose_name = "Khen thưởng"

    def ready(self):
        from django.urls import reverse

        from units.extensions import register_page_link

        register_page_link("unit", lambda unit, user: ("Lịch sử khen thưởng", reverse("awards:unit-history", args=[unit.pk])))
        register_page_link("person", lambda person, user: ("Lịch sử khen thưởng", reverse("awards:person-history", args=[person.pk])))
